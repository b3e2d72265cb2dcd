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

export interface HandlerSpec {
  /** Path of the handler module, relative to the service folder; it exports `handler`. */
  file: string;
  routes?: readonly AnyRoute[];
  subscriptions?: readonly Subscription[];
  /** EventBridge Scheduler/cron expression, e.g. `rate(15 minutes)`. */
  schedule?: string;
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

export const defineService = (manifest: ServiceManifest) => manifest;

export const routesOf = (manifest: ServiceManifest) =>
  Object.entries(manifest.handlers).flatMap(([name, h]) =>
    (h.routes ?? []).map((route) => ({ handler: name, route })),
  );
