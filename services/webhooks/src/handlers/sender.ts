// The sender: consumes its queue (one message per delivery, put there by the fanout consumer, a
// ping, a redelivery or a replay), claims the delivery (a lease so a parallel run skips it), sends
// it signed, records the attempt and reschedules with backoff (a retry within SQS's 15 minutes
// goes back on the queue with that delay), or dead-letters it and disables the endpoint.
// A slow schedule (the manifest's `rate(5 minutes)`) sweeps the due index for what the queue does
// not hold: retries due later than 15 minutes after their failure, and messages whose enqueue
// failed after the commit. Identical in AWS (SQS + EventBridge) and locally.
import { webhooksEvents as ev } from '@spolu/contracts';
import type { webhooks } from '@spolu/contracts';
import type { RuntimeEnv } from '@spolu/platform';
import { UnitOfWork, createLogger, maxQueueDelaySeconds, queueConsumer, subjectOf } from '@spolu/platform';
import { classifyStatus, nextDelaySeconds, parseRetryAfter } from '../domain/backoff';
import type { AttemptResult } from '../domain/deliveries';
import { afterAttempt, claimed } from '../domain/deliveries';
import type { StoredSecret } from '../domain/signing';
import { activeSecrets, signatureHeader, webhookHeaders } from '../domain/signing';
import type { DeliveryRow, Store } from '../store';
import { createStore } from '../store';
import { judgeUrl, settingsOf } from './common';
import { pinnedPost } from './pinned-agent';
import { DeliveryMessage, enqueueDeliveries, messageOf } from './queue';

const log = createLogger('webhooks-sender');
const parallelism = 10;
/** A run stops picking new batches after this long, well inside the Lambda timeout. */
const runBudgetMs = 45_000;
/** The sweep takes a delivery only once it is this overdue: until then its queue message (if it
 * has one) is expected to bring it. */
export const sweepGraceMs = 2 * 60_000;
/** A queue message may arrive this much before its delivery's time (clocks of SQS and Lambda). */
const earlyToleranceMs = 2_000;

interface Sent {
  result: AttemptResult;
  latencyMs: number;
  retryAfter?: number;
}

const send = async (
  env: RuntimeEnv,
  sub: webhooks.Subscription,
  secrets: StoredSecret[],
  row: DeliveryRow,
): Promise<Sent> => {
  const settings = settingsOf(env);
  const started = Date.now();
  const at = () => env.now().toISOString();
  // Judged again on every send: the name may resolve elsewhere now (DNS rebinding); the request
  // then connects to the addresses judged, not to whatever the name resolves to a moment later.
  const verdict = await judgeUrl(env, sub.url);
  if (!verdict.ok) return { result: { at: at(), outcome: 'refused', error: verdict.reason }, latencyMs: 0 };
  // The signed timestamp is the real sending time: receivers check it against their own clock.
  const signedAt = new Date();
  const signature = signatureHeader(
    activeSecrets(secrets, env.now()),
    row.delivery.id,
    signedAt,
    row.payload,
  );
  try {
    // A redirect is never followed (it could point anywhere, past the address check).
    const res = await pinnedPost({
      url: sub.url,
      addresses: verdict.addresses,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Spolu-Webhooks/1',
        ...webhookHeaders(row.delivery.id, signedAt, signature),
      },
      body: row.payload,
      timeoutMs: settings.timeoutMs,
    });
    const latencyMs = Date.now() - started;
    const cls = classifyStatus(res.status);
    const outcome = cls === 'succeeded' ? 'succeeded' : cls === 'gone' ? 'gone' : 'failed';
    return {
      result: { at: at(), outcome, statusCode: res.status },
      latencyMs,
      retryAfter: cls === 'slow-down' ? parseRetryAfter(res.headers['retry-after'], env.now()) : undefined,
    };
  } catch (err) {
    const e = err as Error;
    const error =
      e.name === 'TimeoutError' ? `timed out after ${settings.timeoutMs} ms` : `network error: ${e.message}`;
    return {
      result: { at: at(), outcome: 'failed', error: error.slice(0, 500) },
      latencyMs: Date.now() - started,
    };
  }
};

const disable = (
  tx: UnitOfWork,
  store: Store,
  found: { subscription: webhooks.Subscription; secrets: StoredSecret[] },
  reason: 'gone' | 'failing',
  deliveryId: string,
  at: string,
) => {
  const sub = found.subscription;
  if (!sub.enabled) return;
  const next = {
    ...sub,
    enabled: false,
    disabledReason: reason,
    disabledAt: at,
    version: sub.version + 1,
    updatedAt: at,
  };
  store.replaceSubscription(tx, next, found.secrets, sub.version);
  tx.emit(ev.WebhookEndpointDisabled, {
    tenantId: sub.providerId,
    subject: subjectOf('webhook-subscription', next),
    data: { subscriptionId: sub.id, reason, deliveryId },
  });
};

/** Nothing is sent to a disabled endpoint; the message waits in the dead-letter record for a replay. */
const deadLetterDisabled = async (env: RuntimeEnv, store: Store, row: DeliveryRow) => {
  const tx = new UnitOfWork(env);
  const { nextAttemptAt: _n, ...rest } = row.delivery;
  store.replaceDelivery(
    tx,
    {
      ...row,
      delivery: {
        ...rest,
        status: 'dead-lettered',
        deadLetteredAt: env.now().toISOString(),
        lastError: 'endpoint disabled',
        version: rest.version + 1,
      },
    },
    row.delivery.version,
  );
  await tx.commit();
  return 'dead-lettered';
};

/** Leave the due index for the length of one send (a conditional write on the version read): the
 * claimed row, or undefined when another run (or a copy of the message) took it first. */
const claim = async (env: RuntimeEnv, store: Store, row: DeliveryRow) => {
  const lease = claimed(
    row,
    new Date(env.now().getTime() + settingsOf(env).timeoutMs + 60_000).toISOString(),
  );
  try {
    const tx = new UnitOfWork(env);
    store.replaceDelivery(tx, lease, row.delivery.version);
    await tx.commit();
    return lease;
  } catch {
    return undefined;
  }
};

const dueWithin = (row: DeliveryRow, now: Date) =>
  (row.delivery.nextAttemptAt ? Date.parse(row.delivery.nextAttemptAt) - now.getTime() : 0) <=
  earlyToleranceMs;

/** One attempt of one delivery. `queued`: what its queue message names (a message for another
 * version is stale and dropped; the row it carries lets the claim and the subscription read run at
 * once); without it (the sweep) any pending, due delivery. */
const processOne = async (
  env: RuntimeEnv,
  store: Store,
  ref: { providerId: string; id: string; subscriptionId?: string },
  queued?: { version: number; row?: DeliveryRow },
) => {
  const settings = settingsOf(env);
  const carried = queued?.row;
  let lease: DeliveryRow | undefined;
  let found: Awaited<ReturnType<Store['getSubscriptionWithSecrets']>>;
  if (
    carried &&
    carried.delivery.version === queued.version &&
    carried.delivery.status === 'pending' &&
    dueWithin(carried, env.now())
  ) {
    // The claim succeeds only if the stored delivery is still the queued version.
    [lease, found] = await Promise.all([
      claim(env, store, carried),
      store.getSubscriptionWithSecrets(ref.providerId, carried.delivery.subscriptionId),
    ]);
    if (!lease) return 'skipped';
    if (!found?.subscription.enabled) return deadLetterDisabled(env, store, lease);
  } else {
    // A queue message names the subscription too: both reads at once (one round trip, not two).
    const [row, early] = await Promise.all([
      store.getDelivery(ref.providerId, ref.id),
      ref.subscriptionId ? store.getSubscriptionWithSecrets(ref.providerId, ref.subscriptionId) : undefined,
    ]);
    if (!row || row.delivery.status !== 'pending') return 'skipped';
    if (queued && row.delivery.version !== queued.version) return 'skipped';
    // Not due yet: leased by another run, or a message early. A queue message goes back for the rest.
    const waitMs = row.delivery.nextAttemptAt
      ? Date.parse(row.delivery.nextAttemptAt) - env.now().getTime()
      : 0;
    if (waitMs > earlyToleranceMs) {
      if (queued && waitMs <= maxQueueDelaySeconds * 1000)
        await enqueueDeliveries(env, [messageOf(row, waitMs / 1000)]);
      return 'not-due';
    }
    found =
      early !== undefined && ref.subscriptionId === row.delivery.subscriptionId
        ? early
        : await store.getSubscriptionWithSecrets(ref.providerId, row.delivery.subscriptionId);
    if (!found?.subscription.enabled) return deadLetterDisabled(env, store, row);
    lease = await claim(env, store, row);
    if (!lease) return 'skipped'; // another run took it
  }

  const sent = await send(env, found.subscription, found.secrets, lease);
  const delay =
    sent.result.outcome === 'failed' || sent.result.outcome === 'refused'
      ? nextDelaySeconds(settings.schedule, lease.runAttempts + 1, Math.random, sent.retryAfter)
      : undefined;
  const retryAt =
    delay === undefined ? undefined : new Date(env.now().getTime() + delay * 1000).toISOString();
  const next = afterAttempt(lease, sent.result, { retryAt });

  const tx = new UnitOfWork(env);
  store.putAttempt(tx, ref.providerId, {
    deliveryId: lease.delivery.id,
    attempt: next.delivery.attempts,
    at: sent.result.at,
    outcome: sent.result.outcome,
    ...(sent.result.statusCode !== undefined ? { statusCode: sent.result.statusCode } : {}),
    latencyMs: sent.latencyMs,
    ...(sent.result.error ? { error: sent.result.error } : {}),
  });
  store.replaceDelivery(tx, next, lease.delivery.version);
  if (next.delivery.status === 'dead-lettered') {
    const fresh = await store.getSubscriptionWithSecrets(ref.providerId, lease.delivery.subscriptionId);
    const at = sent.result.at;
    if (sent.result.outcome !== 'gone')
      tx.emit(ev.WebhookMessageDeadLettered, {
        tenantId: ref.providerId,
        subject: subjectOf('webhook-delivery', next.delivery),
        data: {
          subscriptionId: lease.delivery.subscriptionId,
          deliveryId: lease.delivery.id,
          eventType: lease.delivery.eventType.slice(0, 64),
          attempts: next.delivery.attempts,
        },
      });
    if (fresh)
      disable(tx, store, fresh, sent.result.outcome === 'gone' ? 'gone' : 'failing', lease.delivery.id, at);
  }
  // A retry within SQS's longest delay goes back on the queue; a later one waits in the due index
  // for the sweep.
  if (next.delivery.status === 'pending' && delay !== undefined && delay <= maxQueueDelaySeconds)
    tx.afterCommit(() => enqueueDeliveries(env, [messageOf(next, delay)]));
  await tx.commit();
  log.info('webhook attempt', {
    deliveryId: lease.delivery.id,
    outcome: sent.result.outcome,
    statusCode: sent.result.statusCode,
    status: next.delivery.status,
  });
  return next.delivery.status;
};

/** The sweep: every delivery more than `sweepGraceMs` overdue (see the top of this file). */
export const sendDue = async (env: RuntimeEnv) => {
  const store = createStore(env);
  const settings = settingsOf(env);
  const started = Date.now();
  const counts: Record<string, number> = {};
  for (;;) {
    const cutoff = new Date(env.now().getTime() - sweepGraceMs).toISOString();
    const due = await store.dueDeliveries(cutoff, settings.batchSize);
    for (let i = 0; i < due.length; i += parallelism) {
      const outcomes = await Promise.all(
        due.slice(i, i + parallelism).map((ref) =>
          processOne(env, store, ref).catch((err: unknown) => {
            log.error('webhook send failed', { deliveryId: ref.id, error: err as Error });
            return 'error';
          }),
        ),
      );
      for (const o of outcomes) counts[o] = (counts[o] ?? 0) + 1;
    }
    if (due.length < settings.batchSize || Date.now() - started > runBudgetMs) return counts;
  }
};

// The queue's consumer (SQS event source, partial batch failures through Powertools batch) and
// the sweep on the manifest's schedule.
export const handler = queueConsumer('webhooks', (env) => {
  const store = createStore(env);
  return {
    message: async (body) => {
      const msg = DeliveryMessage.parse(JSON.parse(body));
      // Throws only on an infrastructure failure (DynamoDB): the message comes back after the
      // visibility timeout. A failed attempt is not an error here: it is recorded and requeued.
      return processOne(env, store, msg, { version: msg.version, row: msg.row });
    },
    schedule: () => sendDue(env),
  };
});
