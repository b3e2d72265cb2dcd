// The local SQS queue of one queue-consumer handler (manifest `queue`), with the semantics the
// handler meets in AWS: DelaySeconds, a visibility timeout per receive, batches of up to
// `batchSize` (gathered for at most `maxBatchingWindowSeconds`), partial batch failures
// (`batchItemFailures`, as the event source mapping with `reportBatchItemFailures` reads them:
// a thrown invocation fails every message of the batch), and the dead-letter queue after
// `maxReceiveCount` receives. Delays and visibility are on the runtime's clock, so a test that
// moves the clock makes delayed messages due, as the sender's own `now()` sees them.
import { randomUUID } from 'node:crypto';
import type { QueueMessage, QueueSpec } from '@spolu/platform';
import { queueDelay } from '@spolu/platform';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

interface Stored {
  id: string;
  body: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
}

/** A message given up after `maxReceiveCount` receives: what the queue's DLQ holds. */
export interface QueueDeadLetter {
  queue: string;
  messageId: string;
  body: string;
  receiveCount: number;
  error: string;
}

/** Local-only fault injection on a queue batch (faults.ts): fail or duplicate single messages. */
export type QueueBatchFaults = (records: SQSRecord[]) => { failed: string[]; duplicated: SQSRecord[] };

export interface LocalQueueOptions {
  /** `<service>-<handler>`, the function the queue feeds. */
  name: string;
  spec: QueueSpec;
  now: () => Date;
  /** The consumer's invocation with an SQS event; returns its batch response (or throws). */
  invoke: (event: SQSEvent) => Promise<unknown>;
  /** Batches in flight at once (Lambda scales the event source mapping's pollers out). */
  concurrency?: number;
  /** Real milliseconds between looks at the queue when nothing woke it. */
  pollMs?: number;
  faults?: QueueBatchFaults;
  onDeadLetter?: (dl: QueueDeadLetter) => void;
}

const failedIdsOf = (response: unknown): string[] | undefined => {
  const failures = (response as Partial<SQSBatchResponse> | undefined)?.batchItemFailures;
  return Array.isArray(failures) ? failures.map((f) => f.itemIdentifier) : undefined;
};

export class LocalQueue {
  private readonly messages = new Map<string, Stored>();
  readonly deadLetters: QueueDeadLetter[] = [];
  private inFlight = 0;
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly opts: LocalQueueOptions) {
    this.schedule(opts.pollMs ?? 20);
  }

  private get now() {
    return this.opts.now().getTime();
  }

  /** SendMessageBatch. */
  send(messages: readonly QueueMessage[]) {
    const at = this.now;
    for (const m of messages) {
      const id = randomUUID();
      this.messages.set(id, {
        id,
        body: m.body,
        sentAt: at,
        visibleAt: at + queueDelay(m.delaySeconds) * 1000,
        receiveCount: 0,
      });
    }
    this.schedule(0);
    return Promise.resolve();
  }

  private visible() {
    const now = this.now;
    return [...this.messages.values()]
      .filter((m) => m.visibleAt <= now)
      .sort((a, b) => a.visibleAt - b.visibleAt);
  }

  /** Messages that can be received now, or a batch is being handled. */
  get busy() {
    return this.inFlight > 0 || this.visible().length > 0;
  }

  /** Every message this queue holds, delayed and invisible ones included. */
  get depth() {
    return this.messages.size;
  }

  /** Wait until no message is receivable now and no batch is running (delayed ones may remain). */
  async idle(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (this.busy) {
      if (Date.now() > deadline) throw new Error(`queue ${this.opts.name} did not drain in time`);
      this.schedule(0);
      await Promise.race([...this.running, new Promise((r) => setTimeout(r, 10))]);
    }
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
      this.schedule(this.opts.pollMs ?? 20);
    }, ms);
  }

  private pump() {
    const { spec } = this.opts;
    const concurrency = this.opts.concurrency ?? 4;
    while (this.inFlight < concurrency) {
      const ready = this.visible();
      if (ready.length === 0) return;
      // The batching window: a partial batch waits until its oldest message has waited that long.
      const windowMs = spec.maxBatchingWindowSeconds * 1000;
      if (ready.length < spec.batchSize && windowMs > 0 && this.now - ready[0]!.visibleAt < windowMs) return;
      this.receive(ready.slice(0, spec.batchSize));
    }
  }

  private receive(batch: Stored[]) {
    const now = this.now;
    for (const m of batch) {
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
      m.visibleAt = now + this.opts.spec.visibilityTimeoutSeconds * 1000;
    }
    this.inFlight += 1;
    const run = this.handle(batch).finally(() => {
      this.inFlight -= 1;
      this.running.delete(run);
      this.schedule(0);
    });
    this.running.add(run);
  }

  private recordOf(m: Stored): SQSRecord {
    return {
      messageId: m.id,
      receiptHandle: `${m.id}#${m.receiveCount}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:local:000000000000:${this.opts.name}`,
      awsRegion: 'local',
    };
  }

  private async handle(batch: Stored[]) {
    let records = batch.map((m) => this.recordOf(m));
    const failed = new Set<string>();
    let error = '';
    if (this.opts.faults) {
      const injected = this.opts.faults(records);
      injected.failed.forEach((id) => failed.add(id));
      records = [...records.filter((r) => !failed.has(r.messageId)), ...injected.duplicated];
      if (failed.size) error = 'injected: message failed before the consumer saw it';
    }
    if (records.length > 0) {
      try {
        const response = await this.opts.invoke({ Records: records });
        for (const id of failedIdsOf(response) ?? []) failed.add(id);
        if (failed.size && !error) error = 'reported in batchItemFailures';
      } catch (err) {
        // A thrown invocation fails the whole batch, as the event source mapping treats it.
        for (const r of records) failed.add(r.messageId);
        error = (err as Error).message;
      }
    }
    for (const m of batch) {
      if (!failed.has(m.id)) {
        this.messages.delete(m.id); // DeleteMessage
        continue;
      }
      if (m.receiveCount >= this.opts.spec.maxReceiveCount) {
        // SQS moves it on the receive after the last allowed one; locally at once.
        this.messages.delete(m.id);
        const dl = {
          queue: this.opts.name,
          messageId: m.id,
          body: m.body,
          receiveCount: m.receiveCount,
          error,
        };
        this.deadLetters.push(dl);
        this.opts.onDeadLetter?.(dl);
      }
      // Otherwise it stays invisible until its visibility timeout ends, then is received again.
    }
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([...this.running]);
  }
}
