// Shared care and handover. Each party keeps its own copy of the agreement (written in one
// transaction), so each reads its own partition; parties other than the client's own provider see
// it only while the client's consent to share with them stands.
import type { referrals } from '@spolu/contracts';
import { newId, referralsEvents as ev, referralsRoutes as r } from '@spolu/contracts';
import { DomainRuleViolation, httpApi, implement, notFound, subjectKey, subjectOf } from '@spolu/platform';
import { assertParties, changeSharedCare } from '../domain/shared-care';
import { consentsFor } from '../domain/sharing';
import { createStore } from '../store';

type SharedCare = referrals.SharedCare;

const view = (sc: SharedCare, t: string): SharedCare =>
  sc.ownerProviderId === t ? sc : { ...sc, clientId: undefined };

export const handler = httpApi('referrals', (env) => {
  const store = createStore(env);

  /** Consent of the owner's client towards each other party (referral-share, standing). */
  const assertConsented = async (owner: string, clientId: string, providerIds: string[], field: string) => {
    const consents = await store.consentsOf(owner, clientId);
    const missing = providerIds.filter(
      (p) => p !== owner && consentsFor(consents, clientId, p).consentIds.length === 0,
    );
    if (missing.length)
      throw new DomainRuleViolation(
        'no-consent',
        `the client has not consented to share with provider(s) ${missing.join(', ')}`,
        field,
      );
  };
  const knownProviders = async (ids: string[], field: string) => {
    const services = await store.regionServices();
    const unknown = ids.filter((id) => !services.some((s) => s.providerId === id));
    if (unknown.length)
      throw new DomainRuleViolation(
        'unknown-provider',
        `no provider ${unknown.join(', ')} in this region`,
        field,
      );
  };
  /** A party's copy, readable only while the consent towards that party stands. */
  const visibleSharedCare = async (t: string, id: string) => {
    const sc = await store.getSharedCare(t, id);
    if (!sc || !sc.parties.some((p) => p.providerId === t)) throw notFound('shared-care agreement');
    if (sc.ownerProviderId !== t) {
      const consents = await store.consentsOf(sc.ownerProviderId, sc.clientId ?? '');
      if (consentsFor(consents, sc.clientId ?? '', t).consentIds.length === 0)
        throw notFound('shared-care agreement');
    }
    return sc;
  };
  const scFacts = (sc: SharedCare) => ({
    sharedCareId: sc.id,
    ownerProviderId: sc.ownerProviderId,
    providerIds: sc.parties.map((p) => p.providerId),
    coordinatorProviderId: sc.coordinatorProviderId,
    subjectKey: sc.subjectKey,
    nextReviewAt: sc.nextReviewAt,
    at: sc.updatedAt,
  });

  return [
    implement(r.createSharedCare, async ({ body, tenant, tx, audit }) => {
      const t = tenant();
      const ids = body.parties.map((p) => p.providerId);
      if (!ids.includes(t))
        throw new DomainRuleViolation(
          'caller-not-party',
          "the caller's provider must be a party",
          'body.parties',
        );
      assertParties(body.parties, body.coordinatorProviderId);
      await knownProviders(ids, 'body.parties');
      await assertConsented(t, body.clientId, ids, 'body.parties');
      const at = env.now().toISOString();
      const sc: SharedCare = {
        id: newId(),
        status: 'active',
        ownerProviderId: t,
        clientId: body.clientId,
        subjectKey: subjectKey(env.subjectKeySecret, t, body.clientId),
        parties: body.parties,
        formerProviderIds: [],
        coordinatorProviderId: body.coordinatorProviderId,
        nextReviewAt: body.nextReviewAt,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      store.putSharedCare(tx, sc, ids);
      tx.emit(ev.SharedCareStarted, {
        tenantId: t,
        subject: subjectOf('shared-care', sc),
        data: scFacts(sc),
      });
      audit({ action: 'create', recordType: 'shared-care', recordId: sc.id, clientId: body.clientId });
      return { status: 201, body: sc };
    }),

    implement(r.listSharedCare, async ({ query, tenant, audit }) => {
      const t = tenant();
      const page = await store.listSharedCare(t, query);
      const items: SharedCare[] = [];
      for (const sc of page.items) {
        if (sc.ownerProviderId === t) items.push(sc);
        else {
          const consents = await store.consentsOf(sc.ownerProviderId, sc.clientId ?? '');
          if (consentsFor(consents, sc.clientId ?? '', t).consentIds.length > 0) items.push(view(sc, t));
        }
      }
      for (const x of items)
        audit({ action: 'list', recordType: 'shared-care', recordId: x.id, clientId: x.clientId });
      if (items.length === 0) audit({ action: 'list', recordType: 'shared-care', recordId: '-' });
      return { body: { items, nextCursor: page.nextCursor } };
    }),

    implement(r.getSharedCare, async ({ params, tenant, audit }) => {
      const t = tenant();
      const sc = await visibleSharedCare(t, params.sharedCareId);
      audit({
        action: 'read',
        recordType: 'shared-care',
        recordId: sc.id,
        clientId: sc.ownerProviderId === t ? sc.clientId : undefined,
      });
      return { body: view(sc, t) };
    }),

    implement(r.updateSharedCare, async ({ params, body, tenant, ifMatch, tx, audit }) => {
      const t = tenant();
      const current = await visibleSharedCare(t, params.sharedCareId);
      const { next, change } = changeSharedCare(current, body, t, env.now());
      const stay = next.parties.map((p) => p.providerId);
      await knownProviders(change.joined, 'body.parties');
      await assertConsented(current.ownerProviderId, current.clientId ?? '', change.joined, 'body.parties');
      // The caller's copy carries the If-Match condition; the other parties' copies follow it.
      store.putSharedCare(tx, next, stay, { caller: t, expected: ifMatch });
      for (const gone of change.left)
        store.dropSharedCare(tx, gone, current.id, gone === t ? ifMatch : undefined);
      const event = next.status === 'ended' ? ev.SharedCareEnded : ev.SharedCareChanged;
      if (event === ev.SharedCareEnded)
        tx.emit(ev.SharedCareEnded, {
          tenantId: next.ownerProviderId,
          subject: subjectOf('shared-care', next),
          data: scFacts(next),
        });
      else
        tx.emit(ev.SharedCareChanged, {
          tenantId: next.ownerProviderId,
          subject: subjectOf('shared-care', next),
          data: { ...scFacts(next), ...change },
        });
      audit({ action: 'update', recordType: 'shared-care', recordId: next.id });
      return { body: view(next, t) };
    }),
  ];
});
