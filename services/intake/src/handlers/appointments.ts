import type { intake } from '@spolu/contracts';
import { intakeEvents as ev, intakeRoutes as r, newId } from '@spolu/contracts';
import { httpApi, implement, notFound } from '@spolu/platform';
import {
  assertArrangementContact,
  contactCentreFor,
  newAppointment,
  newUnnamedArrangement,
  recordAttendance,
} from '../domain/appointments';
import { assertNotAnonymised } from '../domain/clients';
import { assertPlaceAllowed } from '../domain/contacts';
import { closeHomeVisit, leaveRisk, newHomeVisit, refuseHomeVisit } from '../domain/home-visits';
import { createStore } from '../store';
import { helpers, stamp } from './common';

export const handler = httpApi('intake', (env) => {
  const store = createStore(env);
  const { ownClient, ownService, facts, subject } = helpers(env, store);

  /** The contact centre a missed phone arrangement proposes (none for other appointments). */
  const proposedCentre = async (t: string, appointment: intake.Appointment) => {
    if (appointment.kind !== 'phone-arrangement') return undefined;
    const arrangedAt = await store.getService(t, appointment.serviceId);
    if (!arrangedAt) return undefined;
    return contactCentreFor(arrangedAt, await store.listServices(t));
  };

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
      const centre = body.attendance === 'no-show' ? await proposedCentre(t, current) : undefined;
      const appointment = recordAttendance(current, body, env.now(), centre);
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

    // A phone arrangement with an unnamed person: no client, its own record; no client event, so
    // nothing reaches client statistics (the contact in which it was agreed is counted already).
    implement(r.arrangeWithUnnamed, async ({ body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const service = await ownService(t, body.serviceId);
      assertPlaceAllowed(body.place, service);
      if (body.contactId) {
        const contact = await store.getContact(t, body.contactId);
        if (!contact) throw notFound('contact');
        assertArrangementContact(contact);
      }
      const arrangement = newUnnamedArrangement(body, stamp(env, newId(), auth.userId));
      store.createArrangement(tx, t, arrangement);
      audit({ action: 'create', recordType: 'appointment', recordId: arrangement.id });
      return { status: 201, body: arrangement };
    }),

    implement(r.getUnnamedArrangement, async ({ params, tenant, audit }) => {
      const arrangement = await store.getArrangement(tenant(), params.appointmentId);
      if (!arrangement) throw notFound('appointment');
      audit({ action: 'read', recordType: 'appointment', recordId: arrangement.id });
      return { body: arrangement };
    }),

    implement(r.recordUnnamedAttendance, async ({ params, body, tenant, ifMatch, tx, audit }) => {
      const t = tenant();
      const current = await store.getArrangement(t, params.appointmentId);
      if (!current) throw notFound('appointment');
      const centre = body.attendance === 'no-show' ? await proposedCentre(t, current) : undefined;
      const arrangement = recordAttendance(current, body, env.now(), centre);
      store.replaceArrangement(tx, t, arrangement, ifMatch);
      audit({ action: 'update', recordType: 'appointment', recordId: arrangement.id });
      return { body: arrangement };
    }),

    implement(r.refuseHomeVisit, async ({ params, body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      assertNotAnonymised(client);
      await ownService(t, body.serviceId);
      const visit = refuseHomeVisit(body, client.id, stamp(env, newId(), auth.userId));
      store.createChild(tx, t, client.id, 'home-visit', visit.scheduledAt, visit);
      store.touchClient(tx, t, client.id, env.now().toISOString());
      audit({ action: 'create', recordType: 'home-visit', recordId: visit.id, clientId: client.id });
      return { status: 201, body: visit };
    }),

    implement(r.scheduleHomeVisit, async ({ params, body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      assertNotAnonymised(client);
      await ownService(t, body.serviceId);
      const visit = newHomeVisit(body, client, stamp(env, newId(), auth.userId));
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
