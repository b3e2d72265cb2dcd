// Item 2: every bundled function (manifest handlers and the platform's Lambdas) bundled with the
// CDK settings; size in KB, and a fresh `node` importing the bundle and invoking it once versus a
// fresh `node -e ''`. Environment as in Lambda (NODE_OPTIONS=--enable-source-maps from infra),
// with every AWS endpoint pointed at 127.0.0.1 (DynamoDB Local, a local EventBridge stub).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { ServiceManifest } from '@spolu/platform';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { bundle, checkAgainstInfra } from './lib/bundle';
import { parseRunnerReport, runNode, runnerSource } from './lib/child';
import {
  apiGatewayEvent,
  busEvent,
  outboxStreamEvent,
  pickRoute,
  preTokenEvent,
  scheduleEvent,
} from './lib/lambda-events';
import type { Result } from './lib/results';
import { result } from './lib/results';
import { median, round } from './lib/stats';

const group = '2 lambda package & cold start';
const runs = 5;
const sizeTarget = { on: 'value', max: 250 } as const;
const loadTarget = { on: 'ratio', max: 2 } as const;

interface Fn {
  name: string;
  entry: string;
  table: string;
  event: () => unknown;
}

const functionsOf = (repoRoot: string, manifests: readonly ServiceManifest[], rt: RegionRuntime): Fn[] => {
  const tableOf = (service: string) => rt.envs.get(service)?.tableName ?? '';
  const fns: Fn[] = [];
  for (const m of manifests) {
    for (const [name, spec] of Object.entries(m.handlers)) {
      const route = pickRoute(spec.routes ?? []);
      const sub = spec.subscriptions?.[0];
      const event = route
        ? () => apiGatewayEvent(route, rt.region)
        : sub
          ? () => busEvent(`spolu.${sub.source}`, sub.types[0] ?? '')
          : scheduleEvent;
      fns.push({ name: `${m.name}.${name}`, entry: join(m.dir, spec.file), table: tableOf(m.name), event });
    }
  }
  const lambdas = join(repoRoot, 'packages/platform/src/lambda');
  const first = manifests[0]?.name ?? '';
  fns.push(
    {
      name: 'platform.outbox-publisher',
      entry: join(lambdas, 'outbox-publisher.ts'),
      table: tableOf(first),
      event: () => outboxStreamEvent(rt.region),
    },
    {
      name: 'platform.outbox-sweeper',
      entry: join(lambdas, 'outbox-sweeper.ts'),
      table: tableOf(first),
      event: scheduleEvent,
    },
    {
      name: 'platform.pre-token-generation',
      entry: join(lambdas, 'pre-token-generation.ts'),
      table: '',
      event: preTokenEvent,
    },
  );
  return fns;
};

/** Answers PutEvents like EventBridge, so the publisher's first invocation completes locally. */
const eventBridgeStub = async () => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: 'bench-event' }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

export const measureColdStart = async (opts: {
  repoRoot: string;
  manifests: readonly ServiceManifest[];
  rt: RegionRuntime;
  dynamoEndpoint: string;
}): Promise<Result[]> => {
  const dir = join(opts.repoRoot, '.bench-tmp', 'lambdas');
  mkdirSync(dir, { recursive: true });
  const runner = join(dir, 'runner.mjs');
  writeFileSync(runner, runnerSource);
  const stub = await eventBridgeStub();
  const settingNotes = checkAgainstInfra(opts.repoRoot);
  const results: Result[] = [];
  const emptyAll: number[] = [];
  try {
    for (const fn of functionsOf(opts.repoRoot, opts.manifests, opts.rt)) {
      const bundled = await bundle(fn.entry, join(dir, fn.name, 'index.mjs'));
      const kb = round(bundled.bytes / 1024, 1);
      results.push(
        result({
          group,
          name: `${fn.name} bundle`,
          value: kb,
          unit: 'KB',
          ratio: null,
          targetSpec: sizeTarget,
          note: `minified ESM, map ${round(bundled.mapBytes / 1024, 0)} KB separate; largest: ${bundled.largest.map((l) => `${l.name} ${l.kb} KB`).join(', ')}`,
          missNote:
            'Most of it is the packages named above; see docs/BENCHMARKS.md for the design change (lazy-load or drop them from the hot path).',
        }),
      );
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_OPTIONS: '--enable-source-maps',
        AWS_REGION: 'eu-central-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL: stub.url,
        AWS_ENDPOINT_URL_DYNAMODB: opts.dynamoEndpoint,
        AWS_ENDPOINT_URL_EVENTBRIDGE: stub.url,
        DYNAMODB_ENDPOINT: opts.dynamoEndpoint,
        SPOLU_REGION: opts.rt.region,
        TABLE_NAME: fn.table,
        EVENT_BUS_NAME: `spolu-${opts.rt.region}`,
        POWERTOOLS_SERVICE_NAME: fn.name,
        POWERTOOLS_METRICS_NAMESPACE: 'Spolu',
      };
      const walls: number[] = [];
      const empties: number[] = [];
      const reports = [];
      for (let i = 0; i < runs; i++) {
        empties.push((await runNode(['-e', ''], env)).wallMs);
        const run = await runNode([runner, bundled.file], {
          ...env,
          BENCH_EVENT: JSON.stringify(fn.event()),
        });
        reports.push(parseRunnerReport(run));
        walls.push(run.wallMs);
      }
      emptyAll.push(...empties);
      const wall = median(walls);
      const empty = median(empties);
      const outcome = reports[0]?.outcome ?? '?';
      results.push(
        result({
          group,
          name: `${fn.name} cold start`,
          value: round(wall, 1),
          unit: 'ms',
          ratio: round(wall / empty),
          ratioOf: 'fresh `node -e ""` median, same run',
          targetSpec: loadTarget,
          note: `spawn to exit, median of ${runs}; module load ${round(median(reports.map((r) => r.importMs)), 1)} ms, first invocation ${round(median(reports.map((r) => r.invokeMs)), 1)} ms (${outcome}); empty node ${round(empty, 1)} ms`,
          missNote:
            'The module graph (AWS SDK clients from node_modules, powertools, zod schemas) dominates; see docs/BENCHMARKS.md.',
        }),
      );
    }
  } finally {
    await stub.close();
  }
  results.push(
    result({
      group,
      name: 'empty node process',
      value: round(median(emptyAll), 1),
      unit: 'ms',
      ratio: null,
      note: `node -e '' spawn to exit, median of ${emptyAll.length}${settingNotes.length ? `; ${settingNotes.join('; ')}` : ''}`,
    }),
  );
  return results;
};
