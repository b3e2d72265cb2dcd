// The sender's queue: one message per delivery (its id, its subscription's and the version it was
// queued at), put on the queue after the write that created or rescheduled the delivery has
// committed. A message whose version is no longer the delivery's is stale (a newer message, a
// replay or the sweep took over) and is dropped, so one delivery is attempted once per message
// however many copies arrive.
import { webhooks } from '@spolu/contracts';
import type { QueueMessage, RuntimeEnv } from '@spolu/platform';
import { createLogger, enqueue } from '@spolu/platform';
import * as z from 'zod';
import type { DeliveryRow } from '../store';

/** The manifest's handler whose queue this is. */
export const senderQueue = 'sender';

const log = createLogger('webhooks-queue');

export const DeliveryMessage = z.object({
  providerId: z.string().min(1),
  id: z.string().min(1),
  version: z.number().int().positive(),
  /** The delivery's subscription, so the sender reads both at once. */
  subscriptionId: z.string().min(1).optional(),
  /** The delivery as queued (no personal data: ids, codes and the signed payload). The sender then
   * claims it (conditional on `version`) while it reads the subscription, instead of reading the
   * delivery first. */
  row: z
    .object({ delivery: webhooks.Delivery, payload: z.string(), runAttempts: z.number().int().min(0) })
    .optional(),
});
export type DeliveryMessage = z.infer<typeof DeliveryMessage>;

export const messageOf = (row: DeliveryRow, delaySeconds = 0): QueueMessage => ({
  body: JSON.stringify({
    providerId: row.delivery.providerId,
    id: row.delivery.id,
    version: row.delivery.version,
    subscriptionId: row.delivery.subscriptionId,
    row,
  } satisfies DeliveryMessage),
  delaySeconds,
});

/** Queue deliveries that were just committed. A failure here is logged, not thrown: the write is
 * done, and the delivery is in the due index, where the sweep (manifest `schedule`) finds it once
 * it is overdue. */
export const enqueueDeliveries = async (env: RuntimeEnv, messages: readonly QueueMessage[]) => {
  try {
    await enqueue(env, senderQueue, messages);
  } catch (err) {
    log.error('webhook messages not queued; the sweep sends them', {
      messages: messages.length,
      error: err as Error,
    });
  }
};
