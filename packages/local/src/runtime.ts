// One region's platform, locally: the service tables in DynamoDB Local, one outbox publisher per
// table fed from its stream, the local bus with the manifests' subscriptions, and the gateway.
// It mirrors one CDK RegionStack.
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { RegionCode } from '@spolu/contracts';
import type { ConsumerHandler, HttpHandler, RuntimeEnv, ServiceManifest } from '@spolu/platform';
import {
  accessLogRefusalEntry,
  createLogger,
  createOutboxPublisher,
  createOutboxSweeper,
  documentClient,
  outboxStreamFilter,
} from '@spolu/platform';
import type { APIGatewayProxyStructuredResultV2, EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { LocalBus } from './bus';
import type { ExtraHandler, GatewayRoute } from './gateway';
import type { FaultInjector } from './faults';
import { createGateway, lambdaContext } from './gateway';
import { deadLettersHttp } from './dev-dead-letters';
import { devPartnersHttp } from './dev-partners';
import type { DevIssuer, TokenRequest } from './issuer';
import { createDevIssuer } from './issuer';
import type { InvocationTrigger, RuntimeMeter } from './meter';
import { meterDynamo, metered } from './meter';
import { LocalQueue } from './queue';
import { StreamPoller } from './stream-poller';
import { watchTableWrites } from './table-writes';
import { ensureTable } from './tables';

export interface RuntimeOptions {
  region: RegionCode;
  dynamoEndpoint: string;
  manifests: ServiceManifest[];
  /** Table names are `<prefix>-<service>`; tests use a unique prefix per file. */
  tablePrefix: string;
  port?: number;
  host?: string;
  /** `latest` when restarting on persisted data (the sweeper then covers the gap). */
  streamStart?: 'trim-horizon' | 'latest';
  pollIntervalMs?: number;
  busMaxAttempts?: number;
  busRetryBaseMs?: number;
  extraHttp?: (rt: { issuer: DevIssuer; baseUrl: () => string }) => ExtraHandler[];
  settings?: Record<string, string>;
  subjectKeySecret?: string;
  /** Local-only fault injection (the reliability suite); never part of a Lambda code path. */
  faults?: FaultInjector;
  /** Run manifest schedules and the outbox sweepers on timers, as EventBridge would (`npm start`).
   * Tests leave it off and call `runSchedule` themselves. */
  runSchedules?: boolean;
  /** Bench only (meter.ts): report DynamoDB capacity units, invocations, stream records and bus
   * events. Off by default. */
  meter?: RuntimeMeter;
}

const unitMs: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Milliseconds between runs of a schedule expression: `rate(n unit)` exactly; a `cron(...)` runs
 * hourly locally (the local runtime does not emulate calendars). */
export const scheduleIntervalMs = (expression: string) => {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression.trim());
  return rate ? Number(rate[1]) * unitMs[rate[2]!]! : unitMs.hour!;
};

export interface Clock {
  now: () => Date;
  /** Move the runtime's clock (not the machine's) forward, for expiry and overdue rules. */
  advance: (ms: number) => void;
}

export interface RegionRuntime {
  region: RegionCode;
  url: string;
  issuer: DevIssuer;
  bus: LocalBus;
  /** The queues of queue-consumer handlers, by function name (`<service>-<handler>`). */
  queues: Map<string, LocalQueue>;
  clock: Clock;
  envs: Map<string, RuntimeEnv>;
  token: (req: Omit<TokenRequest, 'region'> & { region?: RegionCode }) => Promise<string>;
  /** Wait until every committed outbox item is published and every delivery has finished. */
  settle: (timeoutMs?: number) => Promise<void>;
  runSchedule: (service: string, handler: string) => Promise<unknown>;
  stop: () => Promise<void>;
}

const importHandler = async (manifest: ServiceManifest, file: string) => {
  const mod = (await import(pathToFileURL(join(manifest.dir, file)).href)) as {
    handler?: HttpHandler | ConsumerHandler;
  };
  if (!mod.handler || typeof mod.handler.forEnv !== 'function')
    throw new Error(
      `${manifest.name}/${file} must export a handler built with httpApi(), eventConsumer() or lambdaEntry()`,
    );
  return mod.handler;
};

/** What API Gateway accepts from a function behind an HTTP API (payload format 2.0, structured). */
const httpResult = z.object({
  statusCode: z.number().int(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  multiValueHeaders: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
  cookies: z.array(z.string()).optional(),
});

/** What an HTTP handler returned, checked as API Gateway checks it: anything else is the
 * function's error (a 502 there), not a response to pass on. */
const httpResultOf = (functionName: string, result: unknown): APIGatewayProxyStructuredResultV2 => {
  const parsed = httpResult.safeParse(result);
  if (parsed.success) return parsed.data;
  throw new Error(`${functionName} returned no valid HTTP result: ${parsed.error.message}`);
};

export const startRegionRuntime = async (opts: RuntimeOptions): Promise<RegionRuntime> => {
  const log = createLogger('local-runtime');
  const ddb = documentClient(opts.dynamoEndpoint);
  const localAws = {
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const control = new DynamoDBClient({ endpoint: opts.dynamoEndpoint, ...localAws });
  const streams = new DynamoDBStreamsClient({ endpoint: opts.dynamoEndpoint, ...localAws });
  let offsetMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs), advance: (ms) => void (offsetMs += ms) };
  const busName = `spolu-${opts.region}`;
  const bus = new LocalBus({
    region: opts.region,
    busName,
    maxAttempts: opts.busMaxAttempts,
    retryBaseMs: opts.busRetryBaseMs,
    onDeadLetter: (dl) =>
      log.error('event dead-lettered', {
        target: dl.target,
        type: dl.record.requestPayload['detail-type'],
        error: dl.error,
      }),
  });

  const withFaults = <E extends { id?: string; 'detail-type'?: string }>(
    invoke: (event: E) => Promise<unknown>,
    target: string,
  ) => (opts.faults ? opts.faults.consumer(invoke, target) : invoke);
  const envs = new Map<string, RuntimeEnv>();
  const pollers: StreamPoller[] = [];
  const pollerOfTable = new Map<string, StreamPoller>();
  watchTableWrites(ddb, (table) => pollerOfTable.get(table)?.markWritten());
  const meter = opts.meter;
  if (meter?.dynamo) meterDynamo(ddb, meter.dynamo, control);
  const countEvents = <T>(entries: readonly T[]) => meter?.busEvents?.(entries.length);
  const sweepers: (() => Promise<unknown>)[] = [];
  const gatewayRoutes: GatewayRoute[] = [];
  const schedules = new Map<string, () => Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  const queues = new Map<string, LocalQueue>();

  for (const manifest of opts.manifests) {
    const { tableName, streamArn } = await ensureTable(control, opts.tablePrefix, manifest);
    const env: RuntimeEnv = {
      service: manifest.name,
      region: opts.region,
      tableName,
      ddb,
      now: clock.now,
      validateResponses: true,
      subjectKeySecret: opts.subjectKeySecret ?? `local-dev-subject-key-${opts.region}`,
      settings: { ...opts.settings },
      queues: {
        send: async (queue, messages) => {
          const target = queues.get(`${manifest.name}-${queue}`);
          if (!target) throw new Error(`${manifest.name} has no queue ${queue}`);
          await target.send(messages);
        },
      },
    };
    envs.set(manifest.name, env);

    const putEvents = (entries: Parameters<LocalBus['putEvents']>[0]) => {
      countEvents(entries);
      return bus.putEvents(entries);
    };
    const publisherDeps = {
      putEvents: opts.faults ? opts.faults.putEvents(putEvents) : putEvents,
      eventBusName: busName,
      ddb,
      tableName,
      log,
    };
    const publisherName = `platform-outbox-publisher-${manifest.name}`;
    const publishOutbox = createOutboxPublisher(publisherDeps);
    const publishMetered = metered(meter, publisherName, 'stream', publishOutbox);
    // Metered: as in AWS, where the event source mapping's filter invokes the publisher only for
    // outbox records, a batch without any is not counted as an invocation.
    const publishBatch: typeof publishOutbox = meter
      ? (event) => {
          const outbox = event.Records.filter(outboxStreamFilter.matches).length;
          meter.streamRecords?.(tableName, event.Records.length, outbox);
          return outbox > 0 ? publishMetered(event) : publishOutbox(event);
        }
      : publishOutbox;
    const faults = opts.faults;
    // An injected crash puts the first half of the batch, then dies before reporting anything:
    // the poller must retry the whole batch, and consumers must drop the duplicates.
    const publish: typeof publishBatch = faults
      ? async (event) => {
          if (!faults.publisherCrashes()) return publishBatch(event);
          await publishBatch({ Records: event.Records.slice(0, Math.ceil(event.Records.length / 2)) });
          throw new Error('injected: outbox publisher crashed mid-batch');
        }
      : publishBatch;
    const poller = new StreamPoller({
      client: streams,
      streamArn,
      startFrom: opts.streamStart ?? 'trim-horizon',
      handle: publish,
    });
    pollers.push(poller);
    pollerOfTable.set(tableName, poller);
    sweepers.push(createOutboxSweeper({ ...publisherDeps, now: clock.now, olderThanMs: 0 }));

    for (const [name, spec] of Object.entries(manifest.handlers)) {
      const functionName = `${manifest.name}-${name}`;
      const handler = await importHandler(manifest, spec.file);
      const plain = handler.forEnv(env) as (event: unknown, context: unknown) => Promise<unknown>;
      const instance = (trigger: InvocationTrigger) => metered(meter, functionName, trigger, plain);
      for (const route of spec.routes ?? []) {
        gatewayRoutes.push({
          route,
          functionName,
          invoke: async (event, context) =>
            httpResultOf(functionName, await instance('http')(event, context)),
        });
      }
      for (const sub of spec.subscriptions ?? []) {
        bus.subscribe({
          name: functionName,
          source: `spolu.${sub.source}`,
          types: sub.types,
          invoke: withFaults(
            (event: EventBridgeEvent<string, unknown>) =>
              instance('event')(event, lambdaContext(functionName, event.id)),
            functionName,
          ),
        });
      }
      if (spec.queue)
        queues.set(
          functionName,
          new LocalQueue({
            name: functionName,
            spec: spec.queue,
            now: clock.now,
            invoke: (event) => instance('queue')(event, lambdaContext(functionName, 'queue')),
            faults: opts.faults?.queueBatch(),
            onDeadLetter: (dl) =>
              log.error('queue message dead-lettered', {
                queue: dl.queue,
                messageId: dl.messageId,
                error: dl.error,
              }),
          }),
        );
      if (spec.schedule) {
        const run = () =>
          instance('schedule')(
            { source: 'aws.events', time: clock.now().toISOString() },
            lambdaContext(functionName, 'schedule'),
          );
        schedules.set(`${manifest.name}.${name}`, run);
        if (opts.runSchedules)
          timers.push(
            setInterval(
              () =>
                void run().catch((err: Error) =>
                  log.error('scheduled run failed', { functionName, error: err }),
                ),
              scheduleIntervalMs(spec.schedule),
            ),
          );
      }
    }
  }

  let baseUrl = '';
  const issuer = await createDevIssuer(`https://issuer.spolu.local/${opts.region}`, opts.region);
  const server: Server = createGateway({
    routes: gatewayRoutes,
    issuer,
    extra: [
      ...(opts.extraHttp?.({ issuer, baseUrl: () => baseUrl }) ?? []),
      deadLettersHttp(bus),
      devPartnersHttp(issuer),
    ],
    onInvokeError: (err) => log.error('handler crashed', { error: err }),
    // As the access-log subscription does in AWS: the authorizer's refusals become AccessRefused.
    onAccessLog: async (line) => {
      // On the runtime's clock, as the services' own refusals are (tests move it forward).
      const entry = accessLogRefusalEntry(
        { ...line, requestTimeEpoch: clock.now().getTime() },
        {
          region: opts.region,
          eventBusName: busName,
          receivedAt: clock.now(),
        },
      );
      if (entry) {
        countEvents([entry]);
        await bus.putEvents([entry]);
      }
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  baseUrl = `http://${opts.host ?? '127.0.0.1'}:${typeof address === 'object' && address ? address.port : opts.port}`;

  // Poll the streams continuously, like the event source mapping does.
  let stopped = false;
  const pollOnce = async (opts: { discover?: boolean; every?: boolean } = {}) => {
    const { discover = false, every = true } = opts;
    let seen = 0;
    for (const poller of pollers) {
      if (!every && !poller.wantsPoll) continue;
      try {
        seen += await poller.poll({ discover });
      } catch (err) {
        log.warn('stream poll failed; will retry', { error: err as Error });
      }
    }
    return seen;
  };
  // A stream is read soon after a write through the runtime's client (table-writes.ts), and every
  // stream once a second whatever happened (a write by another client, e.g. a migration or a
  // test's own). settle() reads every stream, every time.
  const everyStreamMs = 1_000;
  const loop = async () => {
    let lastEvery = 0;
    while (!stopped) {
      const every = Date.now() - lastEvery >= everyStreamMs;
      if (every) lastEvery = Date.now();
      await pollOnce({ every });
      await new Promise((r) => setTimeout(r, opts.pollIntervalMs ?? 50));
    }
  };
  if ((opts.streamStart ?? 'trim-horizon') === 'latest') await Promise.all(sweepers.map((s) => s()));
  const looping = loop();
  if (opts.runSchedules)
    for (const sweep of sweepers)
      timers.push(setInterval(() => void sweep().catch(() => undefined), 5 * 60_000));

  const settle = async (timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    // Two quiet rounds in a row: nothing new in any stream, nothing pending, no delivery running,
    // no queue message receivable now (delayed ones wait for their time).
    while (quiet < 2) {
      if (Date.now() > deadline) throw new Error('runtime did not settle in time');
      const seen = await pollOnce({ discover: true });
      await bus.idle();
      await Promise.all([...queues.values()].map((q) => q.idle(Math.max(1, deadline - Date.now()))));
      quiet =
        seen === 0 &&
        !pollers.some((p) => p.hasPending) &&
        !bus.busy &&
        ![...queues.values()].some((q) => q.busy)
          ? quiet + 1
          : 0;
    }
  };

  return {
    region: opts.region,
    url: baseUrl,
    issuer,
    bus,
    queues,
    clock,
    envs,
    token: (req) =>
      issuer.issue({ ...req, region: req.region ?? opts.region, issuedAt: req.issuedAt ?? clock.now() }),
    settle,
    runSchedule: async (service, handler) => {
      const run = schedules.get(`${service}.${handler}`);
      if (!run) throw new Error(`no schedule ${service}.${handler}`);
      return run();
    },
    stop: async () => {
      stopped = true;
      timers.forEach(clearInterval);
      await looping;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await bus.idle();
      await Promise.all([...queues.values()].map((q) => q.stop()));
      streams.destroy();
      control.destroy();
      ddb.destroy();
    },
  };
};
