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
const runs = 4;
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

/** Where module load goes: each part of a handler's module graph bundled on its own with the same
 * settings and imported in a fresh process (median of `runs`). Each part alone also pays the ESM
 * loader's start-up, and the contracts barrel holds every service's schemas where a handler keeps
 * only its own, so the parts are upper bounds and add up to more than a handler's module load. */
const parts: { name: string; what: string; source: string }[] = [
  {
    name: 'aws-sdk',
    what: 'AWS SDK v3 DynamoDB client + lib-dynamodb (external, loaded from node_modules as from the runtime)',
    source:
      "import * as a from '@aws-sdk/client-dynamodb'; import * as b from '@aws-sdk/lib-dynamodb'; globalThis.keep = [a, b];",
  },
  {
    name: 'powertools',
    what: 'Powertools logger + metrics (bundled)',
    source:
      "import * as a from '@aws-lambda-powertools/logger'; import * as b from '@aws-lambda-powertools/metrics'; globalThis.keep = [a, b];",
  },
  {
    name: 'middy',
    what: '@middy/core (bundled)',
    source: "import middy from '@middy/core'; globalThis.keep = [middy];",
  },
  {
    name: 'zod',
    what: 'zod 4 classic, whole namespace (bundled)',
    source: "import * as z from 'zod'; globalThis.keep = [z];",
  },
  {
    name: 'contracts',
    what: '@spolu/contracts barrel: zod + every route, event and schema of all six services (bundled)',
    source: "import * as c from '@spolu/contracts'; globalThis.keep = [c];",
  },
];

const measureModuleParts = async (dir: string, runner: string, env: Record<string, string>) => {
  const out: { name: string; what: string; kb: number; importMs: number }[] = [];
  for (const part of parts) {
    const entry = join(dir, 'parts', `${part.name}.ts`);
    mkdirSync(join(dir, 'parts'), { recursive: true });
    writeFileSync(entry, `${part.source}\n`);
    const bundled = await bundle(entry, join(dir, 'parts', part.name, 'index.mjs'));
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await runNode([runner, bundled.file], { ...env, BENCH_EVENT: '{}' });
      times.push(parseRunnerReport(run).importMs);
    }
    out.push({
      name: part.name,
      what: part.what,
      kb: round(bundled.bytes / 1024, 1),
      importMs: median(times),
    });
  }
  return out;
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
  const importAll: number[] = [];
  const invokeAll: number[] = [];
  let partsEnv: Record<string, string> | undefined;
  try {
    // Every function is bundled and its size checked. The cold start is measured for the largest
    // bundle of each service and for the platform's Lambdas: a service's handlers share one module
    // graph (SDK, powertools, middy, the contracts they import), so the largest is its worst case.
    const all = functionsOf(opts.repoRoot, opts.manifests, opts.rt);
    const bundles = new Map<string, Awaited<ReturnType<typeof bundle>>>();
    for (const fn of all) {
      const bundled = await bundle(fn.entry, join(dir, fn.name, 'index.mjs'));
      bundles.set(fn.name, bundled);
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
    }
    const serviceOf = (name: string) => name.slice(0, name.indexOf('.'));
    const largest = new Map<string, string>();
    for (const fn of all) {
      const service = serviceOf(fn.name);
      const best = largest.get(service);
      if (service === 'platform') largest.set(fn.name, fn.name);
      else if (!best || bundles.get(fn.name)!.bytes > bundles.get(best)!.bytes) largest.set(service, fn.name);
    }
    const measured = new Set(largest.values());
    for (const fn of all.filter((f) => measured.has(f.name))) {
      const bundled = bundles.get(fn.name)!;
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
      partsEnv ??= env;
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
      importAll.push(median(reports.map((r) => r.importMs)));
      invokeAll.push(median(reports.map((r) => r.invokeMs)));
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
          note: `the ${serviceOf(fn.name) === 'platform' ? 'platform Lambda' : `largest bundle of ${serviceOf(fn.name)}`}; spawn to exit, median of ${runs}; module load ${round(median(reports.map((r) => r.importMs)), 1)} ms, first invocation ${round(median(reports.map((r) => r.invokeMs)), 1)} ms (${outcome}); empty node ${round(empty, 1)} ms`,
          missNote:
            'The module graph (AWS SDK clients from node_modules, powertools, zod schemas) dominates; see docs/BENCHMARKS.md.',
        }),
      );
    }
    if (partsEnv) {
      const partsMeasured = await measureModuleParts(dir, runner, partsEnv);
      const handlerImport = median(importAll);
      for (const p of partsMeasured)
        results.push(
          result({
            group,
            name: `module load share: ${p.name}`,
            value: round(p.importMs, 1),
            unit: 'ms',
            ratio: null,
            note: `${p.what}, ${p.kb} KB; import alone in a fresh process, median of ${runs}; ${round((p.importMs / handlerImport) * 100, 0)}% of the median handler's module load (${round(handlerImport, 1)} ms)`,
          }),
        );
      results.push(
        result({
          group,
          name: 'handler init (first invocation), median over functions',
          value: round(median(invokeAll), 1),
          unit: 'ms',
          ratio: null,
          note: 'the first call after import: env from process variables, DynamoDB client creation, middy stack, first DynamoDB round trip (to DynamoDB Local)',
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
