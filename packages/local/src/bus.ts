// The local EventBridge bus: PutEvents semantics (per-entry result, event ids), delivery to the
// subscriptions declared in service manifests (matched on source and detail-type as the CDK rule
// is), retries with backoff, a dead-letter record for events a consumer keeps failing, and an
// event log that stands in for the EventBridge archive (replay, stats rebuild).
import { randomUUID } from 'node:crypto';
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
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

export interface DeadLetter {
  target: string;
  event: EventBridgeEvent<string, unknown>;
  error: string;
  attempts: number;
}

export interface BusOptions {
  region: string;
  busName: string;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt (EventBridge uses exponential backoff with jitter too). */
  retryBaseMs?: number;
  onDeadLetter?: (dl: DeadLetter) => void;
}

const maxEntriesPerCall = 10;

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
    const maxAttempts = this.opts.maxAttempts ?? 5;
    const base = this.opts.retryBaseMs ?? 20;
    const attempt = async (n: number): Promise<void> => {
      try {
        this.deliveries += 1;
        await target.invoke(event);
      } catch (err) {
        if (n >= maxAttempts) {
          const dl = { target: target.name, event, error: (err as Error).message, attempts: n };
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

  get busy() {
    return this.inFlight > 0;
  }

  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
