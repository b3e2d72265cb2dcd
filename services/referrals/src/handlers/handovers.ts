// Handover of a client's key work to another provider: a structured summary, visible to the
// receiver while the client's consent to share with it stands; the loop closes when the receiving
// key worker confirms.
import type { referrals } from '@spolu/contracts';
import { newId, referralsEvents as ev, referralsRoutes as r } from '@spolu/contracts';
import { DomainRuleViolation, httpApi, implement, notFound, subjectKey, subjectOf } from '@spolu/platform';
import { accessStands, consentsFor } from '../domain/sharing';
import { createStore } from '../store';

type Stored = referrals.Handover & { consentIds: string[] };
const view = ({ consentIds: _omit, ...h }: Stored, t: string): referrals.Handover =>
  h.fromProviderId === t ? h : { ...h, clientId: undefined };

export const handler = httpApi('referrals', (env) => {
  const store = createStore(env);

  /** The receiver sees a handover only while the client's consent to share with it stands. */
  const visibleTo = async (t: string, h: Stored) =>
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
      if (body.toProviderId === t)
        throw new DomainRuleViolation(
          'handover-same-provider',
          'a handover goes to another provider; within the provider use an internal referral',
          'body.toProviderId',
        );
      const service = await store.findService(body.toServiceId);
      if (!service || service.providerId !== body.toProviderId)
        throw new DomainRuleViolation(
          'unknown-service',
          'no such service of the receiving provider',
          'body.toServiceId',
        );
      if (body.referralId && !(await store.getReferral(t, body.referralId)))
        throw new DomainRuleViolation('unknown-referral', 'no such referral of yours', 'body.referralId');
      const { consentIds } = consentsFor(
        await store.consentsOf(t, body.clientId),
        body.clientId,
        body.toProviderId,
      );
      if (consentIds.length === 0)
        throw new DomainRuleViolation(
          'no-consent',
          'the client has not consented to share data with the receiving provider',
          'body.toProviderId',
        );
      const at = env.now().toISOString();
      const h: Stored = {
        id: newId(),
        status: 'pending',
        fromProviderId: t,
        fromUserId: auth.userId,
        toProviderId: body.toProviderId,
        toServiceId: body.toServiceId,
        clientId: body.clientId,
        subjectKey: subjectKey(env.subjectKeySecret, t, body.clientId),
        referralId: body.referralId,
        summary: body.summary,
        consentIds,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
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
      if (h.toProviderId !== t)
        throw new DomainRuleViolation(
          'handover-wrong-side',
          'only the receiving provider confirms',
          'params.handoverId',
        );
      if (h.status !== 'pending')
        throw new DomainRuleViolation(
          'handover-done',
          'the handover is already confirmed',
          'params.handoverId',
        );
      const at = env.now().toISOString();
      const next: Stored = {
        ...h,
        status: 'completed',
        confirmedBy: auth.userId,
        confirmedAt: at,
        version: h.version + 1,
        updatedAt: at,
      };
      store.putHandover(tx, next, ifMatch);
      tx.emit(ev.HandoverCompleted, {
        tenantId: h.fromProviderId,
        subject: subjectOf('handover', next),
        data: {
          handoverId: h.id,
          fromProviderId: h.fromProviderId,
          toProviderId: h.toProviderId,
          toServiceId: h.toServiceId,
          referralId: h.referralId,
          subjectKey: h.subjectKey,
          createdAt: h.createdAt,
          completedAt: at,
        },
      });
      audit({ action: 'update', recordType: 'handover', recordId: h.id });
      return { body: view(next, t) };
    }),
  ];
});
