// The one description of a service. infra/ builds Lambdas, routes, rules and schedules from it;
// packages/local wires the very same object into the local runtime.
import type { AnyRoute, EventSourceName, ServiceName } from '@spolu/contracts';
import type { Migration } from './migrations';

export interface Subscription {
  /** Producer service (or the gateway); the rule matches source `spolu.<source>`. */
  source: EventSourceName;
  /** Event names (detail-type) to receive. */
  types: readonly string[];
}

/** A queue the handler consumes (AWS: an SQS queue with its dead-letter queue and an event source
 * mapping reporting batch item failures; locally: an in-process queue with the same semantics). */
export interface QueueSpec {
  /** Messages per invocation (SQS event source `batchSize`). */
  batchSize: number;
  /** How long to gather a batch before invoking; 0 invokes as soon as a message is there. */
  maxBatchingWindowSeconds: number;
  /** A received message stays invisible this long; a failed one is received again after it. */
  visibilityTimeoutSeconds: number;
  /** Receives of a failing message before it moves to the dead-letter queue. */
  maxReceiveCount: number;
}

/** SQS caps a message's DelaySeconds at 15 minutes; longer waits need something else. */
export const maxQueueDelaySeconds = 900;

/** The environment variable holding the URL of `handler`'s queue (set for every handler that
 * lists it in `sendsTo`). */
export const queueUrlVariable = (handler: string) =>
  `QUEUE_URL_${handler.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;

export interface HandlerSpec {
  /** Path of the handler module, relative to the service folder; it exports `handler`. */
  file: string;
  routes?: readonly AnyRoute[];
  subscriptions?: readonly Subscription[];
  /** EventBridge Scheduler/cron expression, e.g. `rate(15 minutes)`. */
  schedule?: string;
  /** Consumes a queue of its own (see QueueSpec); other handlers send to it through `sendsTo`. */
  queue?: QueueSpec;
  /** Queue handlers of the same service this handler sends messages to (`enqueue`). */
  sendsTo?: readonly string[];
  timeoutSeconds?: number;
  memoryMb?: number;
  /** Sends e-mail: in AWS the function may send through SES from the region's domain identity
   * only, and gets MAIL_TRANSPORT/MAIL_FROM/CONSOLE_URL; locally the runtime's SMTP catcher. */
  sendsMail?: boolean;
}

export interface TableSpec {
  /** Global secondary indexes beyond the built-in ones; each has `<name>pk`/`<name>sk` string keys. */
  indexes?: readonly string[];
}

export interface ServiceManifest {
  name: ServiceName;
  description: string;
  /** Absolute path of the service folder (use `import.meta.dirname`). */
  dir: string;
  table: TableSpec;
  handlers: Record<string, HandlerSpec>;
  /** Data migrations (backfills) of the service's table, oldest first; see src/migrations.ts in
   * the service and docs/OPERATIONS.md "Data migrations". Run after each deploy. */
  migrations?: readonly Migration[];
}

export const defineService = (manifest: ServiceManifest) => {
  for (const [name, h] of Object.entries(manifest.handlers)) {
    for (const target of h.sendsTo ?? [])
      if (!manifest.handlers[target]?.queue)
        throw new Error(`${manifest.name}.${name} sends to ${target}, which has no queue`);
    // Lambda requires the queue's visibility timeout to be at least the function's timeout.
    if (h.queue && h.queue.visibilityTimeoutSeconds < (h.timeoutSeconds ?? 10))
      throw new Error(
        `${manifest.name}.${name}: the queue's visibility timeout is below the function timeout`,
      );
  }
  return manifest;
};

export const routesOf = (manifest: ServiceManifest) =>
  Object.entries(manifest.handlers).flatMap(([name, h]) =>
    (h.routes ?? []).map((route) => ({ handler: name, route })),
  );
