// The inbox learns from events only: who works where (directory), who is whose key worker (plans),
// and what happened that someone should hear of (referrals, intake, plans). Each event becomes
// notices in the same transaction as the consumer's inbox marker, so a redelivery adds nothing.
import type { AnyEnvelope } from '@spolu/contracts';
import { directoryEvents, intakeEvents, plansEvents, referralsEvents } from '@spolu/contracts';
import type { ConsumerContext, RuntimeEnv } from '@spolu/platform';
import { eventConsumer } from '@spolu/platform';
import { withNotice } from '../domain/mail';
import type { Addressed } from '../domain/notices';
import {
  consentWithdrawn,
  keyWorkerAssigned,
  referralAnswered,
  referralReceived,
  sharedCareStarted,
} from '../domain/notices';
import type { Store } from '../store';
import { createStore } from '../store';

/** The notices, each with its e-mail marker when the person asked for e-mail notices. */
const deliver = async (store: Store, { tx }: ConsumerContext, addressed: readonly Addressed[]) => {
  for (const { tenantId, userId, notice } of addressed) {
    store.putNotice(tx, tenantId, userId, notice);
    const prefs = await store.getPreferences(tenantId, userId);
    if (!prefs.emailNotices || !prefs.email) continue;
    const [due, lastSeenAt] = await Promise.all([
      store.getMailDue(tenantId, userId),
      store.lastSeenAt(tenantId, userId),
    ]);
    store.putMailDue(
      tx,
      withNotice(
        due,
        { tenantId, userId, email: prefs.email, since: notice.at, kind: notice.kind },
        lastSeenAt,
      ),
    );
  }
};

const workerEvent =
  (store: Store) =>
  async (event: AnyEnvelope, { tx }: ConsumerContext) => {
    const { worker } = directoryEvents.WorkerAdded.data.parse(event.data);
    const known = await store.workerRevision(worker.providerId, worker.id);
    // Out of order: an older snapshot never replaces a newer one.
    if (known !== undefined && known >= event.subject.revision) return;
    store.putWorker(tx, worker, event.subject.revision);
  };

const build = (env: RuntimeEnv) => {
  const store = createStore(env);
  const answered =
    (type: 'ReferralAccepted' | 'ReferralDeclined' | 'ReferralWaitlisted' | 'ReferralExpired') =>
    async (event: AnyEnvelope, ctx: ConsumerContext) => {
      const data = referralsEvents[type].data.parse(event.data);
      const workers = await store.workersOf(data.senderProviderId);
      await deliver(store, ctx, referralAnswered(event.id, data.at, data, workers));
    };
  return {
    WorkerAdded: workerEvent(store),
    WorkerUpdated: workerEvent(store),

    ReferralSent: async (event: AnyEnvelope, ctx: ConsumerContext) => {
      const data = referralsEvents.ReferralSent.data.parse(event.data);
      const workers = await store.workersOf(data.receiverProviderId);
      await deliver(store, ctx, referralReceived(event.id, data.at, data, workers));
    },
    ReferralAccepted: answered('ReferralAccepted'),
    ReferralDeclined: answered('ReferralDeclined'),
    ReferralWaitlisted: answered('ReferralWaitlisted'),
    ReferralExpired: answered('ReferralExpired'),
    SharedCareStarted: async (event: AnyEnvelope, ctx: ConsumerContext) => {
      const data = referralsEvents.SharedCareStarted.data.parse(event.data);
      const others = data.providerIds.filter((p) => p !== data.ownerProviderId);
      const workers = new Map(
        await Promise.all(others.map(async (p) => [p, await store.workersOf(p)] as const)),
      );
      await deliver(
        store,
        ctx,
        sharedCareStarted(event.id, data.at, data, (p) => workers.get(p) ?? []),
      );
    },

    KeyWorkerAssigned: async (event: AnyEnvelope, ctx: ConsumerContext) => {
      const data = plansEvents.KeyWorkerAssigned.data.parse(event.data);
      const t = event.tenantId;
      const known = await store.keyWorkerRevision(t, data.clientId, data.planId);
      if (known !== undefined && known >= event.subject.revision) return;
      store.putKeyWorker(ctx.tx, t, data.clientId, data.planId, data.keyWorkerId, event.subject.revision);
      await deliver(store, ctx, keyWorkerAssigned(event.id, event.occurredAt, t, data));
    },
    PlanClosed: async (event: AnyEnvelope, { tx }: ConsumerContext) => {
      const data = plansEvents.PlanClosed.data.parse(event.data);
      store.deleteKeyWorker(tx, event.tenantId, data.clientId, data.planId);
    },

    ConsentWithdrawn: async (event: AnyEnvelope, ctx: ConsumerContext) => {
      const data = intakeEvents.ConsentWithdrawn.data.parse(event.data);
      const t = event.tenantId;
      const keyWorkers = await store.keyWorkersOf(t, data.clientId);
      await deliver(store, ctx, consentWithdrawn(event.id, data.withdrawnAt, t, data, keyWorkers));
    },
  };
};

export const handler = eventConsumer('inbox', build);
