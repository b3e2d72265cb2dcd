// Fault injection for the local runtime only: the reliability suite turns it on to prove that no
// event is lost or applied twice when every hop misbehaves. Nothing here is reachable from a
// Lambda: the hooks sit in the local bus, the local queues and the runtime's wiring of the outbox
// publisher.
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import type { SQSRecord } from 'aws-lambda';

export interface FaultPlan {
  /** Seed of the pseudo-random choices, printed by the suite so a failure can be replayed. */
  seed: number;
  /** Probability that one PutEvents entry fails (partial failure, like EventBridge's ErrorCode). */
  putEventsEntryFailure?: number;
  /** Probability that a whole PutEvents call is throttled (throws). */
  putEventsThrottle?: number;
  /** Probability that the outbox publisher crashes mid-batch (after putting part of it). */
  publisherCrash?: number;
  /** Probability that a delivery is duplicated (EventBridge is at-least-once). */
  duplicateDelivery?: number;
  /** Maximum extra delay of a delivery, which reorders events. */
  reorderMs?: number;
  /** Probability that a consumer throws before doing anything. */
  consumerFailsBefore?: number;
  /** Probability that a consumer throws after its write committed (the retry must be a no-op). */
  consumerFailsAfter?: number;
  /** Deterministic: the named consumer throws on the first `times` deliveries of each matching
   * event (by event id), then recovers. `times` at or past the bus's attempts dead-letters it. */
  consumerFailsTimes?: { target: string; types?: readonly string[]; times: number };
  /** Probability that one queue message fails before its consumer sees it (it is received again
   * after the visibility timeout, and dead-lettered after maxReceiveCount). */
  queueMessageFailure?: number;
  /** Probability that a queue message is delivered twice in one batch (SQS is at-least-once). */
  queueDuplicateMessage?: number;
}

export type FaultKind =
  | 'put-events-entry-failure'
  | 'put-events-throttle'
  | 'publisher-crash'
  | 'duplicate-delivery'
  | 'reordered-delivery'
  | 'consumer-fails-before'
  | 'consumer-fails-after'
  | 'consumer-fails-times'
  | 'queue-message-failure'
  | 'queue-duplicate-message';

/** A seeded generator (pure-rand's xoroshiro128+): fault choices reproducible from a seed. */
const prng = (seed: number) => {
  const rng = xoroshiro128plus(seed | 0);
  return () => unsafeUniformIntDistribution(0, 0xffffffff, rng) / 4294967296;
};

export class FaultInjector {
  readonly injected = new Map<FaultKind, number>();
  /** Deliveries so far per event id, for `consumerFailsTimes`. */
  private readonly failedTimes = new Map<string, number>();
  private readonly random: () => number;

  constructor(readonly plan: FaultPlan) {
    this.random = prng(plan.seed);
  }

  private hit(kind: FaultKind, probability: number | undefined) {
    if (!probability || this.random() >= probability) return false;
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
    return true;
  }

  /** Wraps PutEvents: throttles whole calls and fails single entries. */
  putEvents(inner: (entries: PutEventsRequestEntry[]) => Promise<PutEventsResultEntry[]>) {
    return async (entries: PutEventsRequestEntry[]): Promise<PutEventsResultEntry[]> => {
      if (this.hit('put-events-throttle', this.plan.putEventsThrottle))
        throw Object.assign(new Error('Rate exceeded (injected)'), { name: 'ThrottlingException' });
      const kept: number[] = [];
      const results: PutEventsResultEntry[] = entries.map((_e, i) => {
        if (this.hit('put-events-entry-failure', this.plan.putEventsEntryFailure))
          return { ErrorCode: 'InternalFailure', ErrorMessage: 'injected entry failure' };
        kept.push(i);
        return {};
      });
      const put = await inner(kept.map((i) => entries[i]!));
      kept.forEach((i, k) => (results[i] = put[k]!));
      return results;
    };
  }

  /** Whether the publisher should crash after putting this batch (its marks are then never written). */
  publisherCrashes() {
    return this.hit('publisher-crash', this.plan.publisherCrash);
  }

  /** Whether this delivery is one of the first `times` of a matching event (and counts it). */
  private failsThisTime(target: string | undefined, event: { id?: string; 'detail-type'?: string }) {
    const rule = this.plan.consumerFailsTimes;
    if (!rule || target !== rule.target || !event.id) return false;
    if (rule.types && !rule.types.includes(event['detail-type'] ?? '')) return false;
    const n = this.failedTimes.get(event.id) ?? 0;
    if (n >= rule.times) return false;
    this.failedTimes.set(event.id, n + 1);
    this.injected.set('consumer-fails-times', (this.injected.get('consumer-fails-times') ?? 0) + 1);
    return true;
  }

  /** Wraps a consumer invocation: fails before or after it, duplicates and delays deliveries.
   * `target` (the consumer's function name) lets `consumerFailsTimes` pick one consumer. */
  consumer<E extends { id?: string; 'detail-type'?: string }>(
    invoke: (event: E) => Promise<unknown>,
    target?: string,
  ) {
    return async (event: E) => {
      if (this.failsThisTime(target, event))
        throw new Error(`injected: ${target} fails ${event['detail-type'] ?? 'the event'} until it recovers`);
      if (this.plan.reorderMs && this.hit('reordered-delivery', 0.5))
        await new Promise((r) => setTimeout(r, this.random() * this.plan.reorderMs!));
      if (this.hit('consumer-fails-before', this.plan.consumerFailsBefore))
        throw new Error('injected: consumer failed before its write');
      await invoke(event);
      if (this.hit('duplicate-delivery', this.plan.duplicateDelivery)) await invoke(event);
      if (this.hit('consumer-fails-after', this.plan.consumerFailsAfter))
        throw new Error('injected: consumer failed after its write');
    };
  }

  /** For a local queue's batches (queue.ts): fails and duplicates single messages. */
  queueBatch() {
    return (records: SQSRecord[]) => {
      const failed = records
        .filter(() => this.hit('queue-message-failure', this.plan.queueMessageFailure))
        .map((r) => r.messageId);
      const duplicated = records.filter(
        (r) =>
          !failed.includes(r.messageId) &&
          this.hit('queue-duplicate-message', this.plan.queueDuplicateMessage),
      );
      return { failed, duplicated };
    };
  }

  summary() {
    return Object.fromEntries([...this.injected.entries()].sort());
  }
}
