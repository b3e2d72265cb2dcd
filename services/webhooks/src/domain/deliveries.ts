// Delivery records: one message per (event, subscription), its life as attempts happen.
import type { webhooks } from '@spolu/contracts';
import type { DeliveryRow } from '../store';

type Delivery = webhooks.Delivery;

export const newDelivery = (
  id: string,
  sub: Pick<webhooks.Subscription, 'id' | 'providerId'>,
  eventType: string,
  payload: unknown,
  now: string,
  eventId?: string,
): DeliveryRow => ({
  delivery: {
    id,
    providerId: sub.providerId,
    subscriptionId: sub.id,
    ...(eventId ? { eventId } : {}),
    eventType,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    replays: 0,
    version: 1,
    createdAt: now,
  },
  payload: JSON.stringify(payload),
  runAttempts: 0,
});

const without = <K extends keyof Delivery>(d: Delivery, ...fields: K[]): Delivery => {
  const copy = { ...d };
  for (const f of fields) delete copy[f];
  return copy;
};

/** Queue the message again: same webhook-id, a fresh retry schedule. */
export const replayed = (row: DeliveryRow, now: string): DeliveryRow => ({
  ...row,
  delivery: {
    ...without(row.delivery, 'deliveredAt', 'deadLetteredAt'),
    status: 'pending',
    nextAttemptAt: now,
    replays: row.delivery.replays + 1,
    version: row.delivery.version + 1,
  },
  runAttempts: 0,
});

export interface AttemptResult {
  at: string;
  outcome: webhooks.DeliveryAttempt['outcome'];
  statusCode?: number;
  error?: string;
}

export const afterAttempt = (
  row: DeliveryRow,
  result: AttemptResult,
  next: { retryAt?: string },
): DeliveryRow => {
  const base = {
    ...without(row.delivery, 'lastStatusCode', 'lastError', 'nextAttemptAt'),
    attempts: row.delivery.attempts + 1,
    version: row.delivery.version + 1,
    ...(result.statusCode !== undefined ? { lastStatusCode: result.statusCode } : {}),
    ...(result.error ? { lastError: result.error } : {}),
  };
  const runAttempts = row.runAttempts + 1;
  if (result.outcome === 'succeeded')
    return { ...row, runAttempts, delivery: { ...base, status: 'delivered', deliveredAt: result.at } };
  if (result.outcome === 'gone' || !next.retryAt)
    return { ...row, runAttempts, delivery: { ...base, status: 'dead-lettered', deadLetteredAt: result.at } };
  return { ...row, runAttempts, delivery: { ...base, status: 'pending', nextAttemptAt: next.retryAt } };
};

/** Leave the due index for the length of one send, so a parallel sender run skips it. */
export const claimed = (row: DeliveryRow, leaseUntil: string): DeliveryRow => ({
  ...row,
  delivery: { ...row.delivery, nextAttemptAt: leaseUntil, version: row.delivery.version + 1 },
});

/** The payload of a test delivery (POST .../pings): no event, only the subscription's id. */
export const pingPayload = (subscriptionId: string, at: string) => ({
  type: 'webhook.ping',
  timestamp: at,
  data: { subscriptionId },
});
