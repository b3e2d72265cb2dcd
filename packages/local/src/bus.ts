// The local EventBridge bus: PutEvents semantics (per-entry result, event ids), delivery to the
// subscriptions declared in service manifests (matched on source and detail-type as the CDK rule
// is), retries with backoff as Lambda's asynchronous invocation does (3 attempts), then the same
// invocation record Lambda sends to a function's on-failure queue, kept in a dead-letter list
// that the shared redrive re-delivers from; and an event log that stands in for the EventBridge
// archive (replay, stats rebuild).
import { randomUUID } from 'node:crypto';
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import type { FailedInvocationRecord, RedriveOptions, RedriveReport } from '@spolu/platform';
import { asyncMaxAttempts, failedInvocationRecord, functionNameOf, redriveFailures } from '@spolu/platform';
import type { EventBridgeEvent } from 'aws-lambda';

export interface BusTarget {
  /** `<service>.<handler>` */
  name: string;
  source: string;
  types: readonly string[];
  invoke: (event: EventBridgeEvent<string, unknown>) => Promise<unknown>;
}

export interface ArchivedEvent {
  event: EventBridgeEvent<string, unknown>;
  receivedAt: Date;
}

/** A consumer failure past its attempts: what Lambda writes to the function's on-failure queue. */
export interface DeadLetter {
  /** Stands in for the SQS message id. */
  id: string;
  /** The consumer's function name (`<service>-<handler>`). */
  target: string;
  /** The consumer's last error message (also in `record.responsePayload`). */
  error: string;
  record: FailedInvocationRecord;
}

export interface BusOptions {
  region: string;
  busName: string;
  /** Attempts per delivery before the record is dead-lettered; Lambda's async default, 3. */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt (EventBridge uses exponential backoff with jitter too). */
  retryBaseMs?: number;
  onDeadLetter?: (dl: DeadLetter) => void;
}

const maxEntriesPerCall = 10;

/** The local stand-in of a consumer's function ARN (as the gateway's Lambda context has it). */
export const functionArnOf = (functionName: string) =>
  `arn:aws:lambda:local:000000000000:function:${functionName}`;

/** `stats.events` (service.handler, as the CLI takes it), `stats-events` or an ARN -> `stats-events`. */
export const consumerName = (consumer: string) => functionNameOf(consumer).replace('.', '-');

const text = (value: unknown, otherwise = '') => (typeof value === 'string' ? value : otherwise);

/** A record's payload back as the EventBridge event it was. */
const eventOf = (payload: Record<string, unknown>): EventBridgeEvent<string, unknown> => {
  const { id, source, detail, resources } = payload;
  const type = payload['detail-type'];
  if (
    typeof id !== 'string' ||
    typeof source !== 'string' ||
    typeof type !== 'string' ||
    detail === undefined
  )
    throw new Error('the record does not hold an EventBridge event');
  return {
    version: text(payload.version, '0'),
    id,
    'detail-type': type,
    source,
    account: text(payload.account),
    time: text(payload.time),
    region: text(payload.region),
    resources: Array.isArray(resources) ? resources.filter((r): r is string => typeof r === 'string') : [],
    detail,
  };
};

export class LocalBus {
  readonly archive: ArchivedEvent[] = [];
  readonly deadLetters: DeadLetter[] = [];
  private readonly targets: BusTarget[] = [];
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  deliveries = 0;

  constructor(private readonly opts: BusOptions) {}

  subscribe(target: BusTarget) {
    this.targets.push(target);
  }

  async putEvents(entries: PutEventsRequestEntry[]): Promise<PutEventsResultEntry[]> {
    if (entries.length > maxEntriesPerCall)
      throw new Error(`PutEvents takes at most ${maxEntriesPerCall} entries, got ${entries.length}`);
    return entries.map((entry) => {
      if (!entry.Source || !entry.DetailType || !entry.Detail)
        return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Source, DetailType and Detail are required' };
      if (entry.EventBusName && entry.EventBusName !== this.opts.busName)
        return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `no bus ${entry.EventBusName}` };
      const event: EventBridgeEvent<string, unknown> = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: '000000000000',
        time: (entry.Time ?? new Date()).toISOString(),
        region: this.opts.region,
        resources: entry.Resources ?? [],
        detail: JSON.parse(entry.Detail),
      };
      this.archive.push({ event, receivedAt: new Date() });
      for (const target of this.targets) {
        if (target.source === event.source && target.types.includes(event['detail-type']))
          this.deliver(target, event);
      }
      return { EventId: event.id };
    });
  }

  /** Re-send archived events (as an EventBridge archive replay does) to the targets, optionally filtered. */
  async replay(filter: (e: ArchivedEvent) => boolean = () => true, targetName?: string) {
    const events = this.archive.filter(filter);
    for (const { event } of events) {
      for (const target of this.targets) {
        if (targetName && target.name !== targetName) continue;
        if (target.source === event.source && target.types.includes(event['detail-type']))
          this.deliver(target, event);
      }
    }
    await this.idle();
    return events.length;
  }

  private deliver(target: BusTarget, event: EventBridgeEvent<string, unknown>) {
    this.inFlight += 1;
    const maxAttempts = this.opts.maxAttempts ?? asyncMaxAttempts;
    const base = this.opts.retryBaseMs ?? 20;
    const attempt = async (n: number): Promise<void> => {
      try {
        this.deliveries += 1;
        await target.invoke(event);
      } catch (err) {
        if (n >= maxAttempts) {
          const dl: DeadLetter = {
            id: randomUUID(),
            target: target.name,
            error: err instanceof Error ? err.message : String(err),
            record: failedInvocationRecord({
              functionArn: functionArnOf(target.name),
              requestId: randomUUID(),
              payload: { ...event },
              error: err,
              attempts: n,
              at: new Date(),
            }),
          };
          this.deadLetters.push(dl);
          this.opts.onDeadLetter?.(dl);
          return;
        }
        await new Promise((r) => setTimeout(r, base * 2 ** (n - 1) * (0.5 + Math.random())));
        return attempt(n + 1);
      }
    };
    // Asynchronous like EventBridge: PutEvents returns before targets run.
    setImmediate(() => {
      void attempt(1).finally(() => {
        this.inFlight -= 1;
        if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((w) => w());
      });
    });
  }

  /** Dead letters of one consumer (`stats-events`, `stats.events` or its ARN), or all. */
  deadLettersOf(consumer?: string) {
    const name = consumer ? consumerName(consumer) : undefined;
    return this.deadLetters.filter((dl) => !name || dl.target === name);
  }

  /**
   * Re-delivers dead letters to their consumers through the shared redrive: each record's event
   * once, as a synchronous invocation (no retries), removed from the list only when it succeeded.
   */
  async redrive(
    opts: { consumer?: string } & Pick<RedriveOptions, 'dryRun' | 'max'> = {},
  ): Promise<RedriveReport> {
    const pending = this.deadLettersOf(opts.consumer);
    let next = 0;
    return redriveFailures(
      {
        receive: async (max) => {
          const batch = pending.slice(next, next + max).map((dl) => ({ id: dl.id, body: dl.record }));
          next += batch.length;
          return batch;
        },
        remove: async ({ id }) => {
          const at = this.deadLetters.findIndex((dl) => dl.id === id);
          if (at >= 0) this.deadLetters.splice(at, 1);
        },
      },
      {
        dryRun: opts.dryRun,
        max: opts.max,
        deliver: async (payload, record) => {
          const name = functionNameOf(record.requestContext.functionArn);
          const target = this.targets.find((t) => t.name === name);
          if (!target) throw new Error(`no consumer ${name} on this bus`);
          this.deliveries += 1;
          await target.invoke(eventOf(payload));
        },
      },
    );
  }

  get busy() {
    return this.inFlight > 0;
  }

  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
