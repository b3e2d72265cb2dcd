// Idempotent, order-tolerant event consumers. The inbox marker (event id, with a TTL) is written
// in the same transaction as the consumer's own writes: a redelivered event finds the marker and
// is skipped; a consumer that crashed before committing left nothing behind and simply runs again.
import type { AnyEnvelope } from '@spolu/contracts';
import { AnyEnvelope as EnvelopeSchema } from '@spolu/contracts';
import type { EventBridgeEvent } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { RuntimeEnv } from './env';
import { UnitOfWork } from './dynamo/tx';
import type { LambdaEntry } from './lambda-entry';
import { lambdaEntry } from './lambda-entry';
import { createLogger } from './logger';

const inboxRetentionDays = 14;

export const inboxKey = (envelope: Pick<AnyEnvelope, 'tenantId' | 'id'>) => ({
  pk: `${envelope.tenantId}#INBOX#${envelope.id}`,
  sk: 'INBOX',
});

export interface ConsumerContext {
  env: RuntimeEnv;
  tx: UnitOfWork;
  log: Logger;
}

export type EventHandler = (event: AnyEnvelope, ctx: ConsumerContext) => Promise<void>;

export type ConsumerHandler = LambdaEntry<[event: EventBridgeEvent<string, unknown>], { applied: boolean }>;

export const applyOnce = async (
  env: RuntimeEnv,
  envelope: AnyEnvelope,
  handle: EventHandler,
  log: Logger,
) => {
  const tx = new UnitOfWork(env);
  tx.create(
    {
      ...inboxKey(envelope),
      entity: 'inbox',
      type: envelope.type,
      expiresAt: Math.floor(env.now().getTime() / 1000) + inboxRetentionDays * 86400,
    },
    () => new DuplicateDelivery(),
  );
  await handle(envelope, { env, tx, log });
  try {
    await tx.commit();
    return { applied: true };
  } catch (err) {
    if (err instanceof DuplicateDelivery) {
      log.info('duplicate delivery skipped', { eventId: envelope.id, type: envelope.type });
      return { applied: false };
    }
    throw err;
  }
};

class DuplicateDelivery extends Error {}

/**
 * A consumer's optimistic write lost to a concurrent delivery touching the same item (e.g. two
 * events of one client counted at once). Applying the event again from a fresh read resolves it, so
 * the consumer does that in-process a few times instead of failing the invocation: Lambda's own
 * retries (2, minutes apart) and then the on-failure queue are for real failures, not contention.
 */
export class RetryableConflict extends Error {}

const conflictAttempts = 6;
const conflictPause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));

/** applyOnce, applied again from a fresh read when it lost a race (RetryableConflict). */
export const applyOnceWithRetries = async (
  env: RuntimeEnv,
  envelope: AnyEnvelope,
  handle: EventHandler,
  log: Logger,
) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await applyOnce(env, envelope, handle, log);
    } catch (err) {
      if (!(err instanceof RetryableConflict) || attempt >= conflictAttempts) throw err;
      log.info('lost a race to a concurrent delivery; applying again', {
        eventId: envelope.id,
        type: envelope.type,
        attempt,
      });
      await conflictPause(attempt);
    }
  }
};

/** Build an EventBridge-triggered Lambda handler from a map of event type -> handler. */
export const eventConsumer = (
  service: RuntimeEnv['service'],
  build: (env: RuntimeEnv) => Record<string, EventHandler>,
): ConsumerHandler => {
  const forEnv = (env: RuntimeEnv) => {
    const handlers = build(env);
    const log = createLogger(`${service}-consumer`);
    return async (event: EventBridgeEvent<string, unknown>) => {
      const envelope = EnvelopeSchema.parse(event.detail);
      const handle = handlers[envelope.type];
      if (!handle) {
        log.warn('no handler for event type', { type: envelope.type });
        return { applied: false };
      }
      return applyOnceWithRetries(env, envelope, handle, log);
    };
  };
  return lambdaEntry(service, forEnv);
};
