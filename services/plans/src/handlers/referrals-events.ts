// Plans learns from referrals' events only that an accepted internal referral handed the client's
// key work to a colleague (accept with makeKeyWorker): the colleague becomes the key worker of the
// client's plan, as if named on the plan, and KeyWorkerAssigned tells intake and everyone else.
// Applied once: the inbox catches a redelivery, and a plan whose key worker already is the
// colleague does not change.
import { referralsEvents } from '@spolu/contracts';
import { eventConsumer } from '@spolu/platform';
import { keyWorkerByReferral, planForHandover } from '../domain/people';
import { createStore } from '../store';
import { ctxOf, emitAll } from './common';

export const handler = eventConsumer('plans', (env) => {
  const store = createStore(env);
  return {
    ReferralAccepted: async (event, { tx, log }) => {
      const data = referralsEvents.ReferralAccepted.data.parse(event.data);
      const handover = data.keyWorkerHandover;
      // Only within one provider: the plan and the referral belong to the same tenant.
      if (!handover || !data.internal || data.senderProviderId !== data.receiverProviderId) return;
      const t = event.tenantId;
      const plan = planForHandover(await store.clientPlans(t, handover.clientId), {
        to: data.serviceId,
        from: data.fromServiceId,
      });
      if (!plan) {
        log.info('no open plan to hand over', { referralId: data.referralId });
        return;
      }
      const changed = keyWorkerByReferral(
        plan,
        { keyWorkerId: handover.keyWorkerId, referralId: data.referralId },
        ctxOf(env, 'referrals:ReferralAccepted'),
      );
      if (!changed) return;
      store.replacePlan(tx, changed.plan, changed.change, plan.version);
      emitAll(tx, plan, changed);
    },
  };
});
