import type { intake } from '@spolu/contracts';
import { intakeEvents as ev, intakeRoutes as r, newId } from '@spolu/contracts';
import type { AuditEntry, UnitOfWork } from '@spolu/platform';
import { httpApi, implement, notFound, subjectOf } from '@spolu/platform';
import { assertNotAnonymised } from '../domain/clients';
import type { ContactDays } from '../domain/contacts';
import {
  contactCounts,
  contactDays,
  correctableUntil,
  correctContact,
  inDays,
  keepHiddenResults,
  newContact,
  tallyOf,
  visibleContact,
  voidContact,
} from '../domain/contacts';
import { createStore } from '../store';
import { helpers, stamp } from './common';

/** A contact as the API answers it: with its correction deadline while it has one. */
const answered = (c: intake.Contact): intake.Contact => {
  const until = correctableUntil(c);
  return until ? { ...c, correctableUntil: until.toISOString() } : c;
};

export const handler = httpApi('intake', (env) => {
  const store = createStore(env);
  const { ownClient, ownService, keyOf } = helpers(env, store);

  /** Who a contact event is about: the same in every event of a contact. */
  const parties = (t: string, c: intake.Contact, service: intake.ServiceView) => ({
    contactId: c.id,
    serviceId: service.id,
    serviceType: service.type,
    contactKind: c.kind,
    ...(c.clientId
      ? {
          clientId: c.clientId,
          subjectKey: keyOf(t, c.clientId),
          ...(c.counted?.ageBand ? { ageBand: c.counted.ageBand } : {}),
        }
      : {}),
  });

  /** The provider's contact, with what it counts in (contacts recorded before `counted` was kept:
   * the client's district and band now, as the statistics took them then). */
  const ownContact = async (t: string, contactId: string) => {
    const contact = await store.getContact(t, contactId);
    if (!contact) throw notFound('contact');
    if (contact.counted || !contact.clientId) return contact;
    const client = await ownClient(t, contact.clientId);
    return { ...contact, counted: { district: client.identity.district, ageBand: client.ageBand } };
  };

  /** Every contact of the days that passes the filter (a day log is bounded: at most 31 days). */
  const allInDays = async (t: string, days: ContactDays, serviceId: string | undefined) => {
    const out: intake.Contact[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listContactsBetween(
        t,
        days,
        { limit: 100, cursor },
        (c) => inDays(c, days) && (!serviceId || c.serviceId === serviceId),
      );
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };

  const touch = (tx: UnitOfWork, t: string, c: intake.Contact) => {
    if (c.clientId) store.touchClient(tx, t, c.clientId, env.now().toISOString());
  };

  /** A corrected or voided contact takes the place of the version the worker saw (If-Match),
   * touches the client's file and is audited with why it changed; the caller announces it. */
  const replaceAudited = (
    tx: UnitOfWork,
    t: string,
    change: { contact: intake.Contact; ifMatch: number; reason: 'correction' | 'void' },
    audit: (entry: AuditEntry) => void,
  ) => {
    const { contact, ifMatch, reason } = change;
    store.replaceContact(tx, contact, ifMatch);
    touch(tx, t, contact);
    audit({
      action: 'update',
      recordType: 'contact',
      recordId: contact.id,
      clientId: contact.clientId,
      reason,
    });
  };

  return [
    implement(r.recordContact, async ({ body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const service = await ownService(t, body.serviceId);
      const client = body.clientId ? await ownClient(t, body.clientId) : undefined;
      if (client) assertNotAnonymised(client);
      const contact = newContact(
        body,
        service,
        t,
        stamp(env, newId(), auth.userId),
        client && { district: client.identity.district, ageBand: client.ageBand },
      );
      store.createContact(tx, contact);
      if (client) store.touchClient(tx, t, client.id, env.now().toISOString());
      audit({ action: 'create', recordType: 'contact', recordId: contact.id, clientId: client?.id });
      tx.emit(ev.ContactRecorded, {
        tenantId: t,
        subject: subjectOf('contact', contact),
        // A contact without a client counts in its place's district.
        data: { ...parties(t, contact, service), ...contactCounts(contact, service) },
      });
      return { status: 201, body: answered(contact) };
    }),

    implement(r.listContacts, async ({ query, tenant, auth, audit }) => {
      const { limit, cursor, serviceId } = query;
      const t = tenant();
      const days = contactDays(query);
      const ofService = (c: intake.Contact) => !serviceId || c.serviceId === serviceId;
      const page = days
        ? await store.listContactsBetween(t, days, { limit, cursor }, (c) => inDays(c, days) && ofService(c))
        : await store.listContacts(t, { limit, cursor }, serviceId ? ofService : undefined);
      for (const c of page.items)
        audit({ action: 'list', recordType: 'contact', recordId: c.id, clientId: c.clientId });
      if (page.items.length === 0) audit({ action: 'list', recordType: 'contact', recordId: '-' });
      return { body: { ...page, items: page.items.map((c) => answered(visibleContact(c, auth))) } };
    }),

    implement(r.tallyContacts, async ({ query, tenant, audit }) => {
      const days = contactDays(query)!;
      const contacts = await allInDays(tenant(), days, query.serviceId);
      // Counts only, but computed from client records: the read is audited like a list.
      audit({ action: 'list', recordType: 'contact', recordId: '-', reason: 'tally' });
      return {
        body: {
          from: days.from,
          to: days.to,
          ...(query.serviceId ? { serviceId: query.serviceId } : {}),
          ...tallyOf(contacts),
        },
      };
    }),

    implement(r.getContact, async ({ params, tenant, auth, audit }) => {
      const contact = await store.getContact(tenant(), params.contactId);
      if (!contact) throw notFound('contact');
      audit({ action: 'read', recordType: 'contact', recordId: contact.id, clientId: contact.clientId });
      return { body: answered(visibleContact(contact, auth)) };
    }),

    implement(r.correctContact, async ({ params, body, tenant, auth, ifMatch, tx, audit }) => {
      const t = tenant();
      const current = await ownContact(t, params.contactId);
      const service = await ownService(t, current.serviceId);
      const hidden = visibleContact(current, auth).testResultsHidden;
      const sent =
        hidden && body.interventions
          ? { ...body, interventions: keepHiddenResults(current, body.interventions) }
          : body;
      const { contact, event } = correctContact(current, sent, service, { now: env.now(), by: auth.userId });
      replaceAudited(tx, t, { contact, ifMatch, reason: 'correction' }, audit);
      tx.emit(ev.ContactCorrected, {
        tenantId: t,
        subject: subjectOf('contact', contact),
        data: { ...parties(t, contact, service), ...event },
      });
      return { body: answered(visibleContact(contact, auth)) };
    }),

    implement(r.voidContact, async ({ params, body, tenant, auth, ifMatch, tx, audit }) => {
      const t = tenant();
      const current = await ownContact(t, params.contactId);
      const service = await ownService(t, current.serviceId);
      const { contact, event } = voidContact(current, body, service, { now: env.now(), by: auth.userId });
      replaceAudited(tx, t, { contact, ifMatch, reason: 'void' }, audit);
      tx.emit(ev.ContactVoided, {
        tenantId: t,
        subject: subjectOf('contact', contact),
        data: { ...parties(t, contact, service), ...event },
      });
      return { body: answered(visibleContact(contact, auth)) };
    }),
  ];
});
