import { referralsEvents as ev, referralsRoutes as r } from '@spolu/contracts';
import type { referrals } from '@spolu/contracts';
import { httpApi, implement, notFound, subjectOf } from '@spolu/platform';
import { withWarnings } from '../domain/advice';
import { knownAges, matchServices, toMatch } from '../domain/matching';
import { referralAsSeenBy } from '../domain/receiver-view';
import { createStore } from '../store';
import { helpers } from './common';
import { referralCommands } from './referral-commands';

type Referral = referrals.Referral;

export const handler = httpApi('referrals', (env) => {
  const store = createStore(env);
  const h = helpers(env, store);
  const { visibleReferral, receiverMaySee, shareStands, partnerMayAct, providerName } = h;
  const { create, move } = referralCommands(env, store, h);

  return [
    implement(r.matchServices, async ({ query, auth }) => {
      await partnerMayAct(auth);
      const ranked = matchServices(await store.regionServices(), {
        region: env.region,
        needs: query.needs,
        ageBand: query.ageBand,
        ages: knownAges(query, env.now()),
        district: query.district,
        targetGroup: query.targetGroup,
        type: query.type,
      });
      return { body: { items: ranked.slice(0, query.limit).map((x, i) => toMatch(x, i + 1)) } };
    }),

    implement(r.createReferral, async ({ body, tenant, auth, tx, audit }) => {
      await partnerMayAct(auth);
      const { referral, warnings } = await create({ tenant: tenant(), auth, tx, audit }, body);
      return { status: 201, body: withWarnings(referral, warnings) };
    }),

    implement(r.listReferrals, async ({ query, tenant, auth, audit }) => {
      await partnerMayAct(auth);
      const t = tenant();
      const { direction, status, limit, cursor } = query;
      const page = await store.listReferrals(
        t,
        { limit, cursor },
        direction || status
          ? (x) =>
              (!status || x.status === status) &&
              (!direction ||
                (direction === 'outgoing' ? x.senderProviderId === t : x.receiverProviderId === t))
          : undefined,
      );
      // A referral whose consent the client withdrew stays in the receiver's list, marked so and
      // without needs or notes (domain/receiver-view.ts).
      const items: Referral[] = [];
      for (const x of page.items) items.push(referralAsSeenBy(x, t, await receiverMaySee(x, t)));
      // One entry per referral shown, like every list of client data.
      for (const x of items)
        audit({ action: 'list', recordType: 'referral', recordId: x.id, clientId: x.clientId });
      if (items.length === 0) audit({ action: 'list', recordType: 'referral', recordId: '-' });
      return { body: { items, nextCursor: page.nextCursor } };
    }),

    implement(r.getReferral, async ({ params, tenant, auth, audit }) => {
      await partnerMayAct(auth);
      const t = tenant();
      const referral = await visibleReferral(t, params.referralId);
      const mine = referralAsSeenBy(referral, t, true);
      audit({ action: 'read', recordType: 'referral', recordId: referral.id, clientId: mine.clientId });
      return { body: mine };
    }),

    implement(r.transitionReferral, async ({ params, body, tenant, auth, ifMatch, tx, audit }) => {
      await partnerMayAct(auth);
      const t = tenant();
      const { next, warnings } = await move({ tenant: t, auth, tx, audit }, params.referralId, body, ifMatch);
      return { body: withWarnings(referralAsSeenBy(next, t, true), warnings) };
    }),

    implement(r.getSharePackage, async ({ params, tenant, auth, tx, audit }) => {
      await partnerMayAct(auth);
      const t = tenant();
      const visible = await visibleReferral(t, params.referralId);
      const stored = await store.getPackage(visible.senderProviderId, visible.id);
      if (!stored) throw notFound('share package');
      const isSender = visible.senderProviderId === t;
      // The receiver reads only while every consent the package relied on stands; a withdrawal
      // answers 404 at once, as if nothing had been shared. A package sent without any consent
      // holds no client data: the receiver sees it empty (nothing was shared).
      const reliedOnConsent = stored.consentIds.length > 0;
      if (
        !isSender &&
        reliedOnConsent &&
        !(await shareStands(visible.senderProviderId, stored.clientId, stored.consentIds, stored.internal))
      )
        throw notFound('share package');
      audit({
        action: 'share-read',
        recordType: 'share-package',
        recordId: visible.id,
        clientId: isSender ? stored.clientId : undefined,
      });
      // The sender sees every read of what it shared, named (worker and provider), so it is
      // recorded in the sender's partition.
      const at = env.now().toISOString();
      const readerProviderName = await providerName(t);
      store.recordPackageRead(tx, visible.senderProviderId, visible.id, {
        at,
        providerId: t,
        userId: auth.userId,
        ...(readerProviderName ? { providerName: readerProviderName } : {}),
        ...(auth.name ? { userName: auth.name } : {}),
      });
      // The client's data export (intake) lists the receivers' reads of what was shared.
      if (!isSender)
        tx.emit(ev.SharePackageRead, {
          tenantId: visible.senderProviderId,
          subject: subjectOf('referral', visible),
          data: {
            referralId: visible.id,
            clientId: stored.clientId,
            senderProviderId: visible.senderProviderId,
            readerProviderId: t,
            readerUserId: auth.userId,
            serviceId: visible.toServiceId,
            sharedFields: stored.package.sharedFields,
            at,
          },
        });
      return { body: stored.package };
    }),

    implement(r.listSharePackageReads, async ({ params, query, tenant, auth, audit }) => {
      await partnerMayAct(auth);
      const t = tenant();
      const visible = await visibleReferral(t, params.referralId);
      if (visible.senderProviderId !== t) throw notFound('referral');
      const page = await store.listPackageReads(t, visible.id, query);
      audit({
        action: 'list',
        recordType: 'share-package-read',
        recordId: visible.id,
        clientId: visible.clientId,
      });
      return { body: page };
    }),
  ];
});
