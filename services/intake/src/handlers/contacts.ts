import { intakeEvents as ev, intakeRoutes as r, newId } from '@spolu/contracts';
import { httpApi, implement, notFound, subjectOf } from '@spolu/platform';
import { assertNotAnonymised } from '../domain/clients';
import { contactDistrict, interventionFacts, newContact, visibleContact } from '../domain/contacts';
import { createStore } from '../store';
import { helpers, stamp } from './common';

const districtOf = (district: string | undefined) => (district ? { district } : {});

export const handler = httpApi('intake', (env) => {
  const store = createStore(env);
  const { ownClient, ownService, keyOf } = helpers(env, store);

  return [
    implement(r.recordContact, async ({ body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const service = await ownService(t, body.serviceId);
      const client = body.clientId ? await ownClient(t, body.clientId) : undefined;
      if (client) assertNotAnonymised(client);
      const contact = newContact(body, service, t, stamp(env, newId(), auth.userId));
      store.createContact(tx, contact);
      if (client) store.touchClient(tx, t, client.id, env.now().toISOString());
      audit({ action: 'create', recordType: 'contact', recordId: contact.id, clientId: client?.id });
      tx.emit(ev.ContactRecorded, {
        tenantId: t,
        subject: subjectOf('contact', contact),
        data: {
          contactId: contact.id,
          serviceId: service.id,
          serviceType: service.type,
          contactKind: contact.kind,
          ...(client
            ? { clientId: client.id, subjectKey: keyOf(t, client.id), ageBand: client.ageBand }
            : {}),
          // A contact without a client counts in its place's district.
          ...districtOf(contactDistrict(contact.place, service, client?.identity.district)),
          occurredAt: contact.occurredAt,
          durationMinutes: contact.durationMinutes,
          placeKind: contact.place.kind,
          interventions: interventionFacts(contact.interventions),
        },
      });
      return { status: 201, body: contact };
    }),

    implement(r.listContacts, async ({ query, tenant, auth, audit }) => {
      const { limit, cursor, serviceId } = query;
      const page = await store.listContacts(
        tenant(),
        { limit, cursor },
        serviceId ? (c) => c.serviceId === serviceId : undefined,
      );
      for (const c of page.items)
        audit({ action: 'list', recordType: 'contact', recordId: c.id, clientId: c.clientId });
      if (page.items.length === 0) audit({ action: 'list', recordType: 'contact', recordId: '-' });
      return { body: { ...page, items: page.items.map((c) => visibleContact(c, auth)) } };
    }),

    implement(r.getContact, async ({ params, tenant, auth, audit }) => {
      const contact = await store.getContact(tenant(), params.contactId);
      if (!contact) throw notFound('contact');
      audit({ action: 'read', recordType: 'contact', recordId: contact.id, clientId: contact.clientId });
      return { body: visibleContact(contact, auth) };
    }),
  ];
});
