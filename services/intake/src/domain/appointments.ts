// Appointments and phone arrangements (document 003: "pracovník na domluveném místě čeká max.
// 15 minut; v případě, že se klient nedostaví ... je odkázán na služby Kontaktního centra,
// případně je výměna domluvena na další den").
import type { intake } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';
import type { Stamp } from './clients';
import { bumped, created } from './clients';
import { pragueTimeZone, pragueWallClock, sameTimeNextDay, withPragueOffset } from './prague-time';

type Appointment = intake.Appointment;
type NoShowProposal = NonNullable<intake.Appointment['noShowProposal']>;

/** The register's type of a contact centre (kontaktní centrum, §59). */
export const contactCentreType = 's59';

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

/** A phone arrangement with an unnamed person: its own record, no client (document 003's field
 * work starts before anyone is registered). */
export const newUnnamedArrangement = (
  body: z.output<typeof intake.ArrangeWithUnnamedBody>,
  stamp: Stamp,
): Appointment => ({
  ...body,
  id: stamp.id,
  kind: 'phone-arrangement',
  attendance: 'scheduled',
  workerId: stamp.by,
  ...created(stamp),
});

/** The contact in which an unnamed arrangement was agreed is a contact with an unnamed person. */
export const assertArrangementContact = (contact: intake.Contact) => {
  if (contact.kind !== 'unnamed')
    throw new DomainRuleViolation(
      'arrangement-contact-not-unnamed',
      `the arrangement points to a contact with an unnamed person, not a ${contact.kind} contact`,
      'body.contactId',
    );
};

/** The contact centre a missed arrangement refers to: the arranging service when it is one, else
 * the provider's first active contact centre. */
export const contactCentreFor = (
  arrangedAt: intake.ServiceView,
  providerServices: readonly intake.ServiceView[],
): intake.ServiceView | undefined =>
  arrangedAt.type === contactCentreType && arrangedAt.active
    ? arrangedAt
    : providerServices.find((s) => s.type === contactCentreType && s.active);

/** What a person who missed a phone arrangement is offered: the contact centre (named, with its
 * address and its hours that day) or the same time the next day on the Prague clock. */
export const noShowProposal = (scheduledAt: string, centre?: intake.ServiceView): NoShowProposal => {
  const scheduled = new Date(scheduledAt);
  const next = sameTimeNextDay(scheduled);
  const nextClock = pragueWallClock(next);
  const { day } = pragueWallClock(scheduled);
  return {
    contactCentre: true,
    nextDayFrom: next.toISOString(),
    nextDay: {
      date: nextClock.date,
      time: nextClock.time,
      timeZone: pragueTimeZone,
      at: withPragueOffset(next),
    },
    // A view kept before names were carried cannot name the centre: then only the flag says it.
    ...(centre?.name
      ? {
          centre: {
            serviceId: centre.id,
            name: centre.name,
            ...(centre.address ? { address: centre.address } : {}),
            day,
            openingHours: (centre.hours ?? [])
              .filter((h) => h.day === day)
              .map(({ opens, closes }) => ({ opens, closes })),
          },
        }
      : {}),
  };
};

export const recordAttendance = (
  appointment: Appointment,
  body: z.output<typeof intake.RecordAttendanceBody>,
  now: Date,
  contactCentre?: intake.ServiceView,
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
      next.noShowProposal = noShowProposal(appointment.scheduledAt, contactCentre);
  }
  if (body.attendance === 'cancelled') next.cancelledBy = body.cancelledBy ?? 'client';
  return next;
};
