import type { Warning, referrals } from '@spolu/contracts';
import { newId, referralsEvents as ev, referralsRoutes as r } from '@spolu/contracts';
import {
  DomainRuleViolation,
  forbidden,
  httpApi,
  implement,
  isPartnerCaller,
  notFound,
  subjectKey,
  subjectOf,
} from '@spolu/platform';
import { draftWarnings, sendWarnings, withWarnings } from '../domain/advice';
import { sidesOf, transition } from '../domain/lifecycle';
import { knownAges, matchServices, toMatch } from '../domain/matching';
import { referralAsSeenBy } from '../domain/receiver-view';
import { consentsFor, filterPackage } from '../domain/sharing';
import type { ShareableFieldName } from '../domain/types';
import { keyWorkerHandover } from '../domain/key-worker-handover';
import { createStore } from '../store';
import { helpers } from './common';
import { emitStatus } from './emit';

type Referral = referrals.Referral;

const partnerActions: ReadonlySet<referrals.TransitionBody['action']> = new Set(['send', 'cancel']);

export const handler = httpApi('referrals', (env) => {
  const store = createStore(env);
  const { visibleReferral, receiverMaySee, senderItem, shareStands, facts, partnerMayAct, providerName } =
    helpers(env, store);

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
      const t = tenant();
      const service = await store.findService(body.toServiceId);
      if (!service || !service.active || service.region !== env.region)
        throw new DomainRuleViolation(
          'unknown-service',
          'no such active service in this region',
          'body.toServiceId',
        );
      const internal = service.providerId === t;
      if (internal && !body.toWorkerId)
        throw new DomainRuleViolation(
          'internal-needs-worker',
          'a referral within the own provider names the colleague (toWorkerId)',
          'body.toWorkerId',
        );
      if (!internal && !service.acceptingReferrals)
        throw new DomainRuleViolation(
          'not-accepting',
          'the service does not accept referrals at the moment',
          'body.toServiceId',
        );
      const at = env.now().toISOString();
      // The receiving service sees who refers (and how to reach them) before it accepts.
      const sender: referrals.ReferralSender = {
        providerName: (await providerName(t, body.fromServiceId)) ?? t,
        ...(auth.name ? { workerName: auth.name } : {}),
        ...body.senderContact,
      };
      const referral: Referral & { clientId: string } = {
        id: newId(),
        status: 'draft',
        internal,
        senderProviderId: t,
        fromServiceId: body.fromServiceId,
        receiverProviderId: service.providerId,
        toServiceId: service.id,
        toServiceName: service.name,
        toServiceType: service.type,
        toWorkerId: body.toWorkerId,
        clientId: body.clientId,
        subjectKey: subjectKey(env.subjectKeySecret, t, body.clientId),
        ageBand: body.ageBand,
        district: body.district,
        targetGroup: body.targetGroup,
        needCodes: body.needCodes,
        sharedFields: [],
        history: [{ status: 'draft', at, by: { providerId: t, userId: auth.userId } }],
        sender,
        createdBy: auth.userId,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      store.createReferral(tx, referral);
      audit({ action: 'create', recordType: 'referral', recordId: referral.id, clientId: body.clientId });
      return { status: 201, body: withWarnings(referral, draftWarnings(service, referral)) };
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
      // A partner system sends and cancels its provider's referrals; answering one (accept,
      // decline, ...) stays with the receiving provider's people (docs/PARTNERS.md).
      if (isPartnerCaller(auth) && !partnerActions.has(body.action))
        throw forbidden(`a partner system may only ${[...partnerActions].join(' or ')} a referral`);
      const visible = await visibleReferral(t, params.referralId);
      const current = await senderItem(visible);
      const sides = sidesOf(current, t);
      let sharedFields: ShareableFieldName[] = [];
      let responseDays: number | undefined;
      const warnings: Warning[] = [];
      if (body.action === 'send') {
        const service = await store.getService(current.receiverProviderId, current.toServiceId);
        responseDays = service?.referralResponseDays;
        // Within one provider the data is already the provider's own: nothing to scope.
        const scope = current.internal
          ? { consentIds: [], fields: Object.keys(body.clientData) as ShareableFieldName[] }
          : consentsFor(
              await store.consentsOf(t, current.clientId),
              current.clientId,
              current.receiverProviderId,
            );
        sharedFields = scope.fields;
        const data = filterPackage(body.clientData, scope.fields);
        sharedFields = Object.keys(data).sort() as ShareableFieldName[];
        warnings.push(...sendWarnings(sharedFields));
        store.putPackage(tx, t, {
          package: {
            referralId: current.id,
            senderProviderId: t,
            receiverProviderId: current.receiverProviderId,
            sharedFields,
            frozenAt: env.now().toISOString(),
            data,
          },
          consentIds: scope.consentIds,
          internal: current.internal,
          clientId: current.clientId,
        });
      }
      const next = {
        ...transition(current, body, { providerId: t, userId: auth.userId }, sides, env.now(), {
          responseDays,
          sharedFields,
        }),
        clientId: current.clientId,
      };
      const handover = keyWorkerHandover(current, body, auth.userId);
      store.replaceReferral(tx, next, ifMatch);
      emitStatus(tx, next, facts(next, current.status), handover ? { keyWorkerHandover: handover } : {});
      audit({
        action: 'update',
        recordType: 'referral',
        recordId: next.id,
        clientId: t === next.senderProviderId ? next.clientId : undefined,
        reason: body.action,
      });
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
