import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allEvents, webhooksRoutes as r } from '@spolu/contracts';
import type { Subscription } from '@spolu/platform';
import { defineService } from '@spolu/platform';

/** Every event type of every other service, from the contracts catalogue: a new event is
 * delivered to partners without touching this service. */
const everyOtherServicesEvents = (): Subscription[] => {
  const sources = [...new Set(allEvents.map((e) => e.source))].filter((s) => s !== 'webhooks');
  return sources.map((source) => ({
    source,
    types: [...new Set(allEvents.filter((e) => e.source === source).map((e) => e.type))],
  }));
};

export const manifest = defineService({
  name: 'webhooks',
  description:
    'Partner webhook subscriptions, signed outbound delivery with retries, dead letters and replay, signed inbound status updates',
  dir: dirname(fileURLToPath(import.meta.url)),
  // gsi1: per-tenant lists (subscriptions, a subscription's messages); gsi2: the sparse due index.
  table: { indexes: ['gsi2'] },
  handlers: {
    subscriptions: {
      file: 'src/handlers/subscriptions.ts',
      routes: [
        r.createSubscription,
        r.listSubscriptions,
        r.getSubscription,
        r.updateSubscription,
        r.rotateSecret,
        r.pingSubscription,
        r.createInboundSecret,
      ],
      sendsTo: ['sender'], // pings
    },
    deliveries: {
      file: 'src/handlers/deliveries.ts',
      routes: [r.listDeliveries, r.listAttempts, r.redeliver, r.replaySince],
      sendsTo: ['sender'],
    },
    inbound: { file: 'src/handlers/inbound.ts', routes: [r.receiveInbound] },
    fanout: {
      file: 'src/handlers/fanout.ts',
      subscriptions: everyOtherServicesEvents(),
      sendsTo: ['sender'],
    },
    // Push delivery: a message per delivery, sent as soon as the fanout commits it; a failed
    // attempt comes back on the queue with its retry delay (up to SQS's 15 minutes). The slow
    // schedule sweeps the due index for longer retries and lost messages (docs/WEBHOOKS.md §9).
    sender: {
      file: 'src/handlers/sender.ts',
      queue: {
        batchSize: 10,
        maxBatchingWindowSeconds: 0,
        visibilityTimeoutSeconds: 360,
        maxReceiveCount: 5,
      },
      sendsTo: ['sender'],
      schedule: 'rate(5 minutes)',
      timeoutSeconds: 60,
    },
  },
});
