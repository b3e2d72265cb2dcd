import type { intake } from '@spolu/contracts';
import { intakeEvents as ev, intakeRoutes as r, newId } from '@spolu/contracts';
import { conflict, httpApi, implement, notFound, subjectOf } from '@spolu/platform';
import {
  agreementFacts,
  agreementWarnings,
  changeAgreement,
  newAgreement,
  statusAfter,
} from '../domain/agreements';
import { assertNotAnonymised, changeClient, newClient, touched } from '../domain/clients';
import { consentFacts, newConsent, withdrawConsent } from '../domain/consents';
import { assertNotInFuture } from '../domain/in-future';
import { clientMatches } from '../domain/search';
import { createStore } from '../store';
import { helpers, stamp } from './common';

const codeTaken = () => conflict('this client code is already used at this service; choose another');

export const handler = httpApi('intake', (env) => {
  const store = createStore(env);
  const { ownClient, ownService, facts, keyOf, subject } = helpers(env, store);

  const allAgreements = async (t: string, clientId: string) =>
    (await store.listChildren<intake.Agreement>(t, clientId, 'agreement', { limit: 1000 })).items;

  return [
    // ---- clients ----
    implement(r.registerClient, async ({ body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const service = await ownService(t, body.serviceId);
      const { client, warnings } = newClient(body, service, t, stamp(env, newId(), auth.userId));
      store.createClient(tx, client);
      if (client.identity.kind === 'anonymous')
        store.claimClientCode(tx, t, service.id, client.identity.clientCode, client.id, codeTaken);
      audit({ action: 'create', recordType: 'client', recordId: client.id, clientId: client.id });
      tx.emit(ev.ClientRegistered, {
        tenantId: t,
        subject: subject(client),
        data: {
          ...facts(client, service),
          sex: client.identity.sex,
          anonymous: client.identity.kind === 'anonymous',
        },
      });
      return { status: 201, body: warnings.length ? { ...client, warnings } : client };
    }),

    implement(r.listClients, async ({ query, tenant, audit }) => {
      const { limit, cursor, serviceId, status, q } = query;
      // queryPage reads on until the page is full or the index ends, and the cursor resumes after
      // the last client returned, so a search with few hits still pages through every client.
      const page = await store.listClients(
        tenant(),
        { limit, cursor },
        serviceId || status || q
          ? (c) =>
              (!serviceId || c.serviceId === serviceId) &&
              (!status || c.status === status) &&
              (!q || clientMatches(c, q))
          : undefined,
      );
      for (const c of page.items)
        audit({ action: 'list', recordType: 'client', recordId: c.id, clientId: c.id });
      if (page.items.length === 0) audit({ action: 'list', recordType: 'client', recordId: '-' });
      return { body: page };
    }),

    implement(r.getClient, async ({ params, tenant, audit }) => {
      const client = await ownClient(tenant(), params.clientId);
      audit({ action: 'read', recordType: 'client', recordId: client.id, clientId: client.id });
      return { body: client };
    }),

    implement(r.updateClient, async ({ params, body, tenant, ifMatch, tx, audit }) => {
      const t = tenant();
      const current = await ownClient(t, params.clientId);
      const service = await ownService(t, current.serviceId);
      const client = changeClient(current, body, service, env.now());
      store.replaceClient(tx, client, ifMatch);
      const oldCode =
        current.identity.kind === 'anonymous' ? current.identity.clientCode.toUpperCase() : undefined;
      const newCode =
        client.identity.kind === 'anonymous' ? client.identity.clientCode.toUpperCase() : undefined;
      if (oldCode !== newCode) {
        if (oldCode) store.releaseClientCode(tx, t, client.serviceId, oldCode);
        if (newCode) store.claimClientCode(tx, t, client.serviceId, newCode, client.id, codeTaken);
      }
      audit({ action: 'update', recordType: 'client', recordId: client.id, clientId: client.id });
      return { body: client };
    }),

    // ---- consultations ----
    implement(r.recordConsultation, async ({ params, body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      assertNotAnonymised(client);
      const service = await ownService(t, body.serviceId);
      assertNotInFuture('consultation', body.heldAt, env.now(), 'body.heldAt');
      const earlier = await store.listChildren<intake.Consultation>(t, client.id, 'consultation', {
        limit: 1000,
      });
      const first = !earlier.items.some((c) => c.serviceId === service.id);
      const s = stamp(env, newId(), auth.userId);
      const consultation: intake.Consultation = {
        ...body,
        id: s.id,
        clientId: client.id,
        first,
        version: 1,
        createdAt: s.now.toISOString(),
        updatedAt: s.now.toISOString(),
        recordedBy: s.by,
      };
      store.createChild(tx, t, client.id, 'consultation', body.heldAt, consultation);
      store.touchClient(tx, t, client.id, s.now.toISOString());
      audit({ action: 'create', recordType: 'consultation', recordId: consultation.id, clientId: client.id });
      if (first)
        tx.emit(ev.FirstConsultationHeld, {
          tenantId: t,
          subject: subject(client),
          data: {
            ...facts(client, service),
            consultationId: consultation.id,
            heldAt: body.heldAt,
            durationMinutes: body.durationMinutes,
            outcome: body.outcome,
          },
        });
      return { status: 201, body: consultation };
    }),

    implement(r.listConsultations, async ({ params, query, tenant, audit }) => {
      const client = await ownClient(tenant(), params.clientId);
      audit({ action: 'list', recordType: 'consultation', recordId: client.id, clientId: client.id });
      return {
        body: await store.listChildren<intake.Consultation>(tenant(), client.id, 'consultation', query),
      };
    }),

    // ---- agreements ----
    implement(r.makeAgreement, async ({ params, body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const current = await ownClient(t, params.clientId);
      assertNotAnonymised(current);
      const service = await ownService(t, body.serviceId);
      const warnings = agreementWarnings(current, service, env.now());
      const existing = await allAgreements(t, current.id);
      const agreement = newAgreement(body, current.id, existing, stamp(env, newId(), auth.userId));
      const client = touched(current, env.now(), {
        status: statusAfter([...existing, agreement], current.status),
        keyWorkerId: agreement.keyWorkerId ?? current.keyWorkerId,
      });
      store.createChild(tx, t, client.id, 'agreement', agreement.madeAt, agreement);
      store.replaceClient(tx, client, current.version);
      audit({ action: 'create', recordType: 'agreement', recordId: agreement.id, clientId: client.id });
      tx.emit(ev.AgreementMade, {
        tenantId: t,
        subject: subject(client),
        data: { ...facts(client, service), ...agreementFacts(agreement), madeAt: agreement.madeAt },
      });
      return { status: 201, body: warnings.length ? { ...agreement, warnings } : agreement };
    }),

    implement(r.listAgreements, async ({ params, query, tenant, audit }) => {
      const client = await ownClient(tenant(), params.clientId);
      audit({ action: 'list', recordType: 'agreement', recordId: client.id, clientId: client.id });
      return { body: await store.listChildren<intake.Agreement>(tenant(), client.id, 'agreement', query) };
    }),

    implement(r.changeAgreement, async ({ params, body, tenant, auth, ifMatch, tx, audit }) => {
      const t = tenant();
      const current = await ownClient(t, params.clientId);
      assertNotAnonymised(current);
      const before = await store.getChild<intake.Agreement>(t, current.id, 'agreement', params.agreementId);
      if (!before) throw notFound('agreement');
      const service = await ownService(t, before.serviceId);
      const { agreement, changedFields } = changeAgreement(before, body, auth.userId, env.now());
      store.replaceChild(tx, t, current.id, 'agreement', agreement.madeAt, agreement, ifMatch);
      const all = (await allAgreements(t, current.id)).map((a) => (a.id === agreement.id ? agreement : a));
      const client = touched(current, env.now(), {
        status: statusAfter(all, current.status),
        keyWorkerId: body.keyWorkerId ?? current.keyWorkerId,
      });
      store.replaceClient(tx, client, current.version);
      audit({ action: 'update', recordType: 'agreement', recordId: agreement.id, clientId: current.id });
      tx.emit(ev.AgreementChanged, {
        tenantId: t,
        subject: subject(client),
        data: { ...facts(client, service), ...agreementFacts(agreement), changedFields },
      });
      return { body: agreement };
    }),

    // ---- consents ----
    implement(r.giveConsent, async ({ params, body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      assertNotAnonymised(client);
      await ownService(t, body.serviceId);
      const consent = newConsent(body, client.id, stamp(env, newId(), auth.userId));
      store.createChild(tx, t, client.id, 'consent', consent.givenAt, consent);
      store.touchClient(tx, t, client.id, env.now().toISOString());
      audit({ action: 'create', recordType: 'consent', recordId: consent.id, clientId: client.id });
      tx.emit(ev.ConsentGiven, {
        tenantId: t,
        subject: subjectOf('consent', consent),
        data: { ...consentFacts(consent, keyOf(t, client.id)), givenAt: consent.givenAt },
      });
      return { status: 201, body: consent };
    }),

    implement(r.listConsents, async ({ params, query, tenant, audit }) => {
      const client = await ownClient(tenant(), params.clientId);
      audit({ action: 'list', recordType: 'consent', recordId: client.id, clientId: client.id });
      return { body: await store.listChildren<intake.Consent>(tenant(), client.id, 'consent', query) };
    }),

    implement(r.getConsent, async ({ params, tenant, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      const consent = await store.getChild<intake.Consent>(t, client.id, 'consent', params.consentId);
      if (!consent) throw notFound('consent');
      audit({ action: 'read', recordType: 'consent', recordId: consent.id, clientId: client.id });
      return { body: consent };
    }),

    implement(r.withdrawConsent, async ({ params, body, tenant, auth, ifMatch, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      const current = await store.getChild<intake.Consent>(t, client.id, 'consent', params.consentId);
      if (!current) throw notFound('consent');
      const consent = withdrawConsent(current, body, auth.userId, env.now());
      store.replaceChild(tx, t, client.id, 'consent', consent.givenAt, consent, ifMatch);
      audit({
        action: 'update',
        recordType: 'consent',
        recordId: consent.id,
        clientId: client.id,
        reason: 'withdrawal',
      });
      tx.emit(ev.ConsentWithdrawn, {
        tenantId: t,
        subject: subjectOf('consent', consent),
        data: { ...consentFacts(consent, keyOf(t, client.id)), withdrawnAt: consent.withdrawnAt! },
      });
      return { body: consent };
    }),
  ];
});
