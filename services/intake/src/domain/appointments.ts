// Appointments and phone arrangements (document 003: "pracovník na domluveném místě čeká max.
// 15 minut; v případě, že se klient nedostaví ... je odkázán na služby Kontaktního centra,
// případně je výměna domluvena na další den").
import type { intake } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';
import type { Stamp } from './clients';
import { bumped, created } from './clients';

type Appointment = intake.Appointment;

export const phoneWaitMinutes = 15;

export const newAppointment = (
  body: z.output<typeof intake.ScheduleAppointmentBody>,
  clientId: string,
  stamp: Stamp,
): Appointment => ({
  ...body,
  id: stamp.id,
  clientId,
  attendance: 'scheduled',
  workerId: stamp.by,
  ...created(stamp),
});

/** What a client who missed a phone arrangement is offered: the contact centre, or the next day. */
export const noShowProposal = (scheduledAt: string) => {
  const next = new Date(scheduledAt);
  next.setUTCDate(next.getUTCDate() + 1);
  return { contactCentre: true, nextDayFrom: next.toISOString() };
};

export const recordAttendance = (
  appointment: Appointment,
  body: z.output<typeof intake.RecordAttendanceBody>,
  now: Date,
): Appointment => {
  if (appointment.attendance !== 'scheduled')
    throw new DomainRuleViolation(
      'attendance-recorded',
      `attendance was already recorded (${appointment.attendance})`,
      'params.appointmentId',
    );
  const scheduled = new Date(appointment.scheduledAt).getTime();
  const next: Appointment = { ...appointment, attendance: body.attendance, ...bumped(appointment, now) };
  if (body.attendance === 'attended') {
    const arrived = body.arrivedAt ? new Date(body.arrivedAt).getTime() : scheduled;
    if (arrived > now.getTime())
      throw new DomainRuleViolation('arrival-in-future', 'arrival lies in the future', 'body.arrivedAt');
    if (appointment.kind === 'phone-arrangement' && arrived > scheduled + phoneWaitMinutes * 60_000)
      throw new DomainRuleViolation(
        'phone-wait-exceeded',
        `the worker waits at most ${phoneWaitMinutes} minutes; a later arrival is a no-show (contact centre or next day)`,
        'body.arrivedAt',
      );
    next.arrivedAt = new Date(arrived).toISOString();
  }
  if (body.attendance === 'no-show') {
    const waitedUntil =
      scheduled + (appointment.kind === 'phone-arrangement' ? phoneWaitMinutes * 60_000 : 0);
    if (now.getTime() < waitedUntil)
      throw new DomainRuleViolation(
        'too-early-for-no-show',
        appointment.kind === 'phone-arrangement'
          ? `wait ${phoneWaitMinutes} minutes after the agreed time before recording a no-show`
          : 'a no-show can be recorded only after the appointment time',
        'body.attendance',
      );
    if (appointment.kind === 'phone-arrangement')
      next.noShowProposal = noShowProposal(appointment.scheduledAt);
  }
  if (body.attendance === 'cancelled') next.cancelledBy = body.cancelledBy ?? 'client';
  return next;
};
