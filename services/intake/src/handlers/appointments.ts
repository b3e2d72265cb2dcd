import type { intake } from '@spolu/contracts';
import { intakeEvents as ev, intakeRoutes as r, newId } from '@spolu/contracts';
import { httpApi, implement, notFound } from '@spolu/platform';
import { newAppointment, recordAttendance } from '../domain/appointments';
import { assertNotAnonymised } from '../domain/clients';
import { assertPlaceAllowed } from '../domain/contacts';
import { closeHomeVisit, leaveRisk, newHomeVisit } from '../domain/home-visits';
import { createStore } from '../store';
import { helpers, stamp } from './common';

export const handler = httpApi('intake', (env) => {
  const store = createStore(env);
  const { ownClient, ownService, facts, subject } = helpers(env, store);

  return [
    implement(r.scheduleAppointment, async ({ params, body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      assertNotAnonymised(client);
      const service = await ownService(t, body.serviceId);
      assertPlaceAllowed(body.place, service);
      const appointment = newAppointment(body, client.id, stamp(env, newId(), auth.userId));
      store.createChild(tx, t, client.id, 'appointment', appointment.scheduledAt, appointment);
      store.touchClient(tx, t, client.id, env.now().toISOString());
      audit({ action: 'create', recordType: 'appointment', recordId: appointment.id, clientId: client.id });
      return { status: 201, body: appointment };
    }),

    implement(r.listAppointments, async ({ params, query, tenant, audit }) => {
      const client = await ownClient(tenant(), params.clientId);
      audit({ action: 'list', recordType: 'appointment', recordId: client.id, clientId: client.id });
      return {
        body: await store.listChildren<intake.Appointment>(tenant(), client.id, 'appointment', query),
      };
    }),

    implement(r.listProviderAppointments, async ({ query, tenant, audit }) => {
      const { from, to, workerId, limit, cursor } = query;
      const page = await store.listAppointmentsBetween(
        tenant(),
        { from, to },
        { limit, cursor },
        workerId ? (a) => a.workerId === workerId : undefined,
      );
      for (const a of page.items)
        audit({ action: 'list', recordType: 'appointment', recordId: a.id, clientId: a.clientId });
      if (page.items.length === 0) audit({ action: 'list', recordType: 'appointment', recordId: '-' });
      return { body: page };
    }),

    implement(r.recordAttendance, async ({ params, body, tenant, ifMatch, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      const current = await store.getChild<intake.Appointment>(
        t,
        client.id,
        'appointment',
        params.appointmentId,
      );
      if (!current) throw notFound('appointment');
      const appointment = recordAttendance(current, body, env.now());
      store.replaceChild(tx, t, client.id, 'appointment', appointment.scheduledAt, appointment, ifMatch);
      audit({ action: 'update', recordType: 'appointment', recordId: appointment.id, clientId: client.id });
      if (appointment.attendance === 'no-show') {
        const service = await ownService(t, appointment.serviceId);
        tx.emit(ev.AppointmentMissed, {
          tenantId: t,
          subject: subject(client),
          data: {
            ...facts(client, service),
            appointmentId: appointment.id,
            kind: appointment.kind,
            scheduledAt: appointment.scheduledAt,
          },
        });
      }
      return { body: appointment };
    }),

    implement(r.scheduleHomeVisit, async ({ params, body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      assertNotAnonymised(client);
      await ownService(t, body.serviceId);
      const visit = newHomeVisit(body, client.id, stamp(env, newId(), auth.userId));
      store.createChild(tx, t, client.id, 'home-visit', visit.scheduledAt, visit);
      store.touchClient(tx, t, client.id, env.now().toISOString());
      audit({ action: 'create', recordType: 'home-visit', recordId: visit.id, clientId: client.id });
      return { status: 201, body: visit };
    }),

    implement(r.listHomeVisits, async ({ params, query, tenant, audit }) => {
      const client = await ownClient(tenant(), params.clientId);
      audit({ action: 'list', recordType: 'home-visit', recordId: client.id, clientId: client.id });
      return { body: await store.listChildren<intake.HomeVisit>(tenant(), client.id, 'home-visit', query) };
    }),

    implement(r.closeHomeVisit, async ({ params, body, tenant, ifMatch, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      const current = await store.getChild<intake.HomeVisit>(t, client.id, 'home-visit', params.homeVisitId);
      if (!current) throw notFound('home visit');
      const visit = closeHomeVisit(current, body, env.now());
      const service = await ownService(t, visit.serviceId);
      store.replaceChild(tx, t, client.id, 'home-visit', visit.scheduledAt, visit, ifMatch);
      audit({ action: 'update', recordType: 'home-visit', recordId: visit.id, clientId: client.id });
      tx.emit(ev.HomeVisitClosed, {
        tenantId: t,
        subject: subject(client),
        data: {
          ...facts(client, service),
          homeVisitId: visit.id,
          endedAt: visit.endedAt!,
          risk: leaveRisk(visit.leaveSafety!),
          professionalHelpCalled: visit.leaveSafety!.professionalHelpCalled,
        },
      });
      return { body: visit };
    }),
  ];
});
