// Handover of a client's key work to another provider: a structured summary, visible to the
// receiver while the client's consent to share with it stands; the loop closes when the receiving
// key worker confirms. The rules are deciders in domain/handover.ts; this loads and writes.
import type { referrals } from '@spolu/contracts';
import { newId, referralsEvents as ev, referralsRoutes as r } from '@spolu/contracts';
import { httpApi, implement, notFound, subjectKey, subjectOf } from '@spolu/platform';
import type { StoredHandover } from '../domain/handover';
import { decideConfirmHandover, decideCreateHandover } from '../domain/handover';
import { accessStands } from '../domain/sharing';
import { createStore } from '../store';

const view = ({ consentIds: _omit, ...h }: StoredHandover, t: string): referrals.Handover =>
  h.fromProviderId === t ? h : { ...h, clientId: undefined };

export const handler = httpApi('referrals', (env) => {
  const store = createStore(env);

  /** The receiver sees a handover only while the client's consent to share with it stands. */
  const visibleTo = async (t: string, h: StoredHandover) =>
    h.fromProviderId === t ||
    accessStands(await store.consentsOf(h.fromProviderId, h.clientId ?? ''), h.consentIds);
  const visibleHandover = async (t: string, id: string) => {
    const h = await store.getHandover(t, id);
    if (!h || !(await visibleTo(t, h))) throw notFound('handover');
    return h;
  };

  return [
    implement(r.createHandover, async ({ body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const h = decideCreateHandover(
        {
          body,
          providerId: t,
          userId: auth.userId,
          id: newId(),
          subjectKey: subjectKey(env.subjectKeySecret, t, body.clientId),
          at: env.now().toISOString(),
        },
        {
          service: await store.findService(body.toServiceId),
          referralKnown: body.referralId ? !!(await store.getReferral(t, body.referralId)) : false,
          consents: await store.consentsOf(t, body.clientId),
        },
      );
      store.putHandover(tx, h);
      audit({ action: 'create', recordType: 'handover', recordId: h.id, clientId: body.clientId });
      return { status: 201, body: view(h, t) };
    }),

    implement(r.listHandovers, async ({ query, tenant, audit }) => {
      const t = tenant();
      const page = await store.listHandovers(t, query);
      const items: referrals.Handover[] = [];
      for (const h of page.items) if (await visibleTo(t, h)) items.push(view(h, t));
      for (const h of items)
        audit({
          action: h.fromProviderId === t ? 'list' : 'share-read',
          recordType: 'handover',
          recordId: h.id,
          clientId: h.clientId,
        });
      if (items.length === 0) audit({ action: 'list', recordType: 'handover', recordId: '-' });
      return { body: { items, nextCursor: page.nextCursor } };
    }),

    implement(r.getHandover, async ({ params, tenant, audit }) => {
      const t = tenant();
      const h = await visibleHandover(t, params.handoverId);
      audit({
        action: h.fromProviderId === t ? 'read' : 'share-read',
        recordType: 'handover',
        recordId: h.id,
        clientId: h.fromProviderId === t ? h.clientId : undefined,
      });
      return { body: view(h, t) };
    }),

    implement(r.confirmHandover, async ({ params, tenant, auth, ifMatch, tx, audit }) => {
      const t = tenant();
      const h = await visibleHandover(t, params.handoverId);
      const { next, completed } = decideConfirmHandover(
        { providerId: t, userId: auth.userId, at: env.now().toISOString() },
        h,
      );
      store.putHandover(tx, next, ifMatch);
      tx.emit(ev.HandoverCompleted, {
        tenantId: h.fromProviderId,
        subject: subjectOf('handover', next),
        data: completed,
      });
      audit({ action: 'update', recordType: 'handover', recordId: h.id });
      return { body: view(next, t) };
    }),
  ];
});
