import { webhooksRoutes as r } from '@spolu/contracts';
import type { QueueMessage } from '@spolu/platform';
import { UnitOfWork, conflict, httpApi, implement, notFound } from '@spolu/platform';
import { replayed } from '../domain/deliveries';
import { createStore } from '../store';
import { enqueueDeliveries, messageOf } from './queue';

/** Replays are committed in chunks of this many messages (one transaction each). */
const replayChunk = 50;
const maxReplay = 500;

export const handler = httpApi('webhooks', (env) => {
  const store = createStore(env);
  const enabledSubscription = async (t: string, id: string) => {
    const sub = await store.getSubscription(t, id);
    if (!sub) throw notFound('subscription');
    return sub;
  };

  return [
    implement(r.listDeliveries, async ({ params, query, tenant }) => {
      const t = tenant();
      await enabledSubscription(t, params.subscriptionId);
      const { status, ...page } = query;
      return {
        body: await store.listDeliveries(
          t,
          params.subscriptionId,
          page,
          status ? (d) => d.status === status : undefined,
        ),
      };
    }),

    implement(r.listAttempts, async ({ params, query, tenant }) => {
      const t = tenant();
      if (!(await store.getDelivery(t, params.deliveryId))) throw notFound('delivery');
      return { body: await store.listAttempts(t, params.deliveryId, query) };
    }),

    implement(r.redeliver, async ({ params, tenant, tx }) => {
      const t = tenant();
      const row = await store.getDelivery(t, params.deliveryId);
      if (!row) throw notFound('delivery');
      const sub = await enabledSubscription(t, row.delivery.subscriptionId);
      if (!sub.enabled) throw conflict('the subscription is disabled; enable it first');
      const next = replayed(row, env.now().toISOString());
      store.replaceDelivery(tx, next, row.delivery.version);
      tx.afterCommit(() => enqueueDeliveries(env, [messageOf(next)]));
      return { status: 202, body: next.delivery };
    }),

    implement(r.replaySince, async ({ params, body, tenant }) => {
      const t = tenant();
      const sub = await enabledSubscription(t, params.subscriptionId);
      if (!sub.enabled) throw conflict('the subscription is disabled; enable it first');
      const refs = await store.deliveriesSince(t, sub.id, body.since, maxReplay);
      const at = env.now().toISOString();
      let replayedCount = 0;
      for (let i = 0; i < refs.length; i += replayChunk) {
        const tx = new UnitOfWork(env);
        const queued: QueueMessage[] = [];
        for (const ref of refs.slice(i, i + replayChunk)) {
          const row = await store.getDelivery(t, ref.id);
          if (!row) continue;
          const next = replayed(row, at);
          store.replaceDelivery(tx, next, row.delivery.version);
          queued.push(messageOf(next));
          replayedCount += 1;
        }
        tx.afterCommit(() => enqueueDeliveries(env, queued));
        await tx.commit();
      }
      return { status: 202, body: { replayed: replayedCount } };
    }),
  ];
});
