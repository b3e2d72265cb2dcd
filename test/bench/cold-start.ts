// Item 2: every bundled function (manifest handlers and the platform's Lambdas) bundled with the
// CDK settings; size in KB, and a fresh `node` importing the bundle and invoking it once versus a
// fresh `node -e ''`, on the bench's Node (20) and on a real Node 24 (Lambda's nodejs24.x), each
// against its own empty-Node baseline, measured interleaved. Environment as in Lambda (infra's
// NODE_OPTIONS), with every AWS endpoint pointed at 127.0.0.1 (DynamoDB Local, a local EventBridge
// stub). Then where the module load goes (parts), and the choices issue 24 asks to measure: the
// SDK bundled or from node_modules, `--enable-source-maps` or not.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { ServiceManifest } from '@spolu/platform';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { bundle, checkAgainstInfra, lambdaNodeOptions } from './lib/bundle';
import type { RunnerReport } from './lib/child';
import { emptySource, node24, parseRunnerReport, runNode, runnerSource } from './lib/child';
import {
  apiGatewayEvent,
  busEvent,
  outboxStreamEvent,
  pickRoute,
  preTokenEvent,
  scheduleEvent,
} from './lib/lambda-events';
import type { Result } from './lib/results';
import { notMeasured, result } from './lib/results';
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

interface NodeRuntime {
  /** `Node 20`, `Node 24`: the suffix of the rows. */
  label: string;
  bin: string;
  version: string;
}

/** The bench's own Node and, when it can be had, a real Node 24. */
const runtimesOf = (repoRoot: string): { runtimes: NodeRuntime[]; missing?: string } => {
  const own: NodeRuntime = {
    label: `Node ${process.versions.node.split('.')[0]}`,
    bin: process.execPath,
    version: `v${process.versions.node}`,
  };
  if (own.label === 'Node 24') return { runtimes: [own] };
  const n24 = node24(repoRoot);
  return 'error' in n24
    ? { runtimes: [own], missing: n24.error }
    : { runtimes: [own, { label: 'Node 24', ...n24 }] };
};

/** Where module load goes: each part of a handler's module graph bundled on its own with the same
 * settings and imported in a fresh process (median of `partRuns`). Each part alone also pays the ESM
 * loader's start-up, so the parts are upper bounds and add up to more than a handler's module load.
 * `floor` is the least any function here can load: the DynamoDB clients a handler needs, nothing
 * of ours. */
const parts: { name: string; what: string; source: string; sdk?: 'external' | 'bundled' }[] = [
  {
    name: 'aws-sdk external',
    what: 'AWS SDK v3 DynamoDB client + lib-dynamodb loaded from node_modules (as from the Lambda runtime’s copy; infra before issue 24)',
    source:
      "import * as a from '@aws-sdk/client-dynamodb'; import * as b from '@aws-sdk/lib-dynamodb'; globalThis.keep = [a, b];",
    sdk: 'external',
  },
  {
    name: 'aws-sdk bundled',
    what: 'the same two packages bundled into one minified ESM file (infra since issue 24)',
    source:
      "import * as a from '@aws-sdk/client-dynamodb'; import * as b from '@aws-sdk/lib-dynamodb'; globalThis.keep = [a, b];",
    sdk: 'bundled',
  },
  {
    name: 'floor: DynamoDB GetItem only',
    what: 'a bundle with only a DynamoDBDocumentClient and one GetCommand built (with the SDK as infra places it), nothing of ours',
    source:
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb'; globalThis.keep = [DynamoDBDocumentClient.from(new DynamoDBClient({})), new GetCommand({ TableName: 't', Key: { pk: 'a' } })];",
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
    name: 'contracts intake',
    what: 'zod + intake’s own routes, events and schemas, as the intake handlers import them (bundled)',
    source:
      "import { intake, intakeRoutes, intakeEvents } from '@spolu/contracts'; globalThis.keep = [intake, intakeRoutes, intakeEvents];",
  },
  {
    name: 'contracts barrel',
    what: 'the whole @spolu/contracts barrel: zod + every route, event and schema of all services (bundled; no Lambda bundle holds it, see the contracts note)',
    source: "import * as c from '@spolu/contracts'; globalThis.keep = [c];",
  },
];

const partRuns = 6;

const lambdaEnv = (
  fn: Fn,
  stubUrl: string,
  dynamoEndpoint: string,
  region: string,
  nodeOptions = lambdaNodeOptions,
): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  NODE_OPTIONS: nodeOptions,
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL: stubUrl,
  AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
  AWS_ENDPOINT_URL_EVENTBRIDGE: stubUrl,
  DYNAMODB_ENDPOINT: dynamoEndpoint,
  SPOLU_REGION: region,
  TABLE_NAME: fn.table,
  EVENT_BUS_NAME: `spolu-${region}`,
  POWERTOOLS_SERVICE_NAME: fn.name,
  POWERTOOLS_METRICS_NAMESPACE: 'Spolu',
});

/** One fresh process per runtime and per run, the runtimes interleaved within each run. */
const importTimes = async (
  runtimes: readonly NodeRuntime[],
  runner: string,
  file: string,
  env: Record<string, string>,
  n: number,
) => {
  const out = new Map<string, RunnerReport[]>(runtimes.map((r) => [r.label, []]));
  for (let i = 0; i < n; i++)
    for (const r of runtimes)
      out.get(r.label)!.push(parseRunnerReport(await runNode([runner, file], env, 20_000, r.bin)));
  return out;
};

const measureModuleParts = async (
  dir: string,
  runner: string,
  env: Record<string, string>,
  runtimes: readonly NodeRuntime[],
  handlerImport: Map<string, number>,
) => {
  const results: Result[] = [];
  mkdirSync(join(dir, 'parts'), { recursive: true });
  for (const part of parts) {
    const slug = part.name.replace(/[^a-z0-9]+/gi, '-');
    const entry = join(dir, 'parts', `${slug}.ts`);
    writeFileSync(entry, `${part.source}\n`);
    const bundled = await bundle(entry, join(dir, 'parts', slug, 'index.mjs'), { sdk: part.sdk });
    const times = await importTimes(runtimes, runner, bundled.file, { ...env, BENCH_EVENT: '{}' }, partRuns);
    for (const r of runtimes) {
      const reports = times.get(r.label)!;
      const ms = median(reports.map((x) => x.importMs));
      const whole = handlerImport.get(r.label) ?? Number.NaN;
      results.push(
        result({
          group,
          name: `module load share: ${part.name} (${r.label})`,
          value: round(ms, 1),
          unit: 'ms',
          ratio: null,
          note: `${part.what}, ${round(bundled.bytes / 1024, 1)} KB; import alone in a fresh ${r.version}, median of ${partRuns}, CPU ${round(median(reports.map((x) => x.importCpuMs)), 1)} ms; ${round((ms / whole) * 100, 0)}% of the median handler's module load on ${r.label} (${round(whole, 1)} ms)`,
        }),
      );
    }
  }
  return results;
};

/** The choices issue 24 item 1 asks to measure, on one handler, interleaved and repeated against
 * the settings infra had before (SDK from node_modules, sources' text in the map,
 * `--enable-source-maps`): the SDK bundled or external, the map without the sources' text, and
 * `--enable-source-maps` or none. */
const measureChoices = async (
  dir: string,
  runner: string,
  fn: Fn,
  envOf: (nodeOptions?: string) => Record<string, string>,
  runtimes: readonly NodeRuntime[],
) => {
  const n = 8;
  const at = (name: string) => join(dir, 'choices', name, 'index.mjs');
  const before = await bundle(fn.entry, at('before'), { sdk: 'external', sourcesContent: true });
  const external = await bundle(fn.entry, at('sdk-external'), { sdk: 'external' });
  const bundled = await bundle(fn.entry, at('sdk-bundled'), { sdk: 'bundled' });
  const infra = bundle(fn.entry, at('infra'));
  const event = JSON.stringify(fn.event());
  const maps = '--enable-source-maps';
  const baseline = 'before: SDK external, map with sources, --enable-source-maps';
  const variants = [
    { name: baseline, file: before, env: envOf(maps) },
    { name: 'SDK external, map without sources, --enable-source-maps', file: external, env: envOf(maps) },
    { name: 'SDK bundled, map without sources, --enable-source-maps', file: bundled, env: envOf(maps) },
    { name: 'as infra now: SDK bundled, no --enable-source-maps', file: await infra, env: envOf() },
  ];
  const times = new Map<string, Map<string, RunnerReport[]>>();
  for (let i = 0; i < n; i++)
    for (const v of variants) {
      const t = await importTimes(runtimes, runner, v.file.file, { ...v.env, BENCH_EVENT: event }, 1);
      const into = times.get(v.name) ?? new Map<string, RunnerReport[]>();
      for (const [label, reports] of t) into.set(label, [...(into.get(label) ?? []), ...reports]);
      times.set(v.name, into);
    }
  const results: Result[] = [];
  for (const r of runtimes) {
    const base = times.get(baseline)!.get(r.label)!;
    const baseMs = median(base.map((x) => x.importMs));
    const baseCpu = median(base.map((x) => x.importCpuMs));
    for (const v of variants) {
      const reports = times.get(v.name)!.get(r.label)!;
      const ms = median(reports.map((x) => x.importMs));
      const cpu = median(reports.map((x) => x.importCpuMs));
      results.push(
        result({
          group,
          name: `choice: ${fn.name} module load, ${v.name} (${r.label})`,
          value: round(ms, 1),
          unit: 'ms',
          ratio: round(ms / baseMs),
          ratioOf: `"${baseline}", same runtime, same run`,
          note: `${round(v.file.bytes / 1024, 1)} KB bundle, map ${round(v.file.mapBytes / 1024, 0)} KB; NODE_OPTIONS "${v.env.NODE_OPTIONS}"; median of ${n} fresh ${r.version} processes, interleaved with the other choices; import CPU ${round(cpu, 1)} ms (${round(cpu / baseCpu)}× the first choice's); first invocation ${round(median(reports.map((x) => x.invokeMs)), 1)} ms (${reports[0]?.outcome ?? '?'})`,
        }),
      );
    }
  }
  return results;
};

export const measureColdStart = async (opts: {
  repoRoot: string;
  manifests: readonly ServiceManifest[];
  rt: RegionRuntime;
  dynamoEndpoint: string;
  log?: (what: string) => void;
}): Promise<Result[]> => {
  const dir = join(opts.repoRoot, '.bench-tmp', 'lambdas');
  mkdirSync(dir, { recursive: true });
  const runner = join(dir, 'runner.mjs');
  writeFileSync(runner, runnerSource);
  const stub = await eventBridgeStub();
  const settingNotes = checkAgainstInfra(opts.repoRoot);
  const { runtimes, missing } = runtimesOf(opts.repoRoot);
  const results: Result[] = [];
  const empties = new Map<string, { wall: number[]; cpu: number[] }>(
    runtimes.map((r) => [r.label, { wall: [], cpu: [] }]),
  );
  const importAll = new Map<string, number[]>(runtimes.map((r) => [r.label, []]));
  const invokeAll = new Map<string, number[]>(runtimes.map((r) => [r.label, []]));
  try {
    const all = functionsOf(opts.repoRoot, opts.manifests, opts.rt);
    const bundles = new Map<string, Awaited<ReturnType<typeof bundle>>>();
    for (const fn of all) {
      const bundled = await bundle(fn.entry, join(dir, fn.name, 'index.mjs'));
      bundles.set(fn.name, bundled);
      const kb = round(bundled.bytes / 1024, 1);
      // The same entry with the SDK left out, as it was measured against 250 KB before the SDK was
      // bundled (subtracting the SDK's bytes would undercount: a larger bundle also has longer
      // minified names throughout).
      const rest = await bundle(fn.entry, join(dir, 'without-sdk', fn.name, 'index.mjs'), {
        sdk: 'external',
      });
      const withoutSdk = round(rest.bytes / 1024, 1);
      results.push(
        result({
          group,
          name: `${fn.name} bundle without the AWS SDK`,
          value: withoutSdk,
          unit: 'KB',
          ratio: null,
          targetSpec: sizeTarget,
          note: `minified ESM ${kb} KB as deployed, with the AWS SDK (its modules ${round(bundled.sdkBytes / 1024, 1)} KB); the value is the same entry bundled with @aws-sdk/* left out, as before issue 24 when the runtime's copy was loaded, and the 250 KB target applies to it; map ${round(bundled.mapBytes / 1024, 0)} KB separate; largest: ${bundled.largest.map((l) => `${l.name} ${l.kb} KB`).join(', ')}; contracts modules in the bundle: ${bundled.contractsModules.join(', ') || 'none'}`,
          missNote:
            'Most of it is the packages named above; bundle size is a means, cold start (below) is the target: see the analysis in docs/BENCHMARKS.md.',
        }),
      );
    }
    // Every function, on every runtime: each run spawns an empty Node and the handler on each
    // runtime in turn, so load changes hit both sides of every ratio alike.
    const serviceOf = (name: string) => name.slice(0, name.indexOf('.'));
    for (const fn of all) {
      opts.log?.(`cold start ${fn.name}`);
      const bundled = bundles.get(fn.name)!;
      const env = lambdaEnv(fn, stub.url, opts.dynamoEndpoint, opts.rt.region);
      const per = new Map<
        string,
        { walls: number[]; empties: number[]; emptyCpu: number[]; reports: RunnerReport[] }
      >(runtimes.map((r) => [r.label, { walls: [], empties: [], emptyCpu: [], reports: [] }]));
      for (let i = 0; i < runs; i++)
        for (const r of runtimes) {
          const m = per.get(r.label)!;
          const empty = await runNode(['-e', emptySource], env, 20_000, r.bin);
          m.empties.push(empty.wallMs);
          m.emptyCpu.push(Number(empty.stdout));
          const run = await runNode(
            [runner, bundled.file],
            { ...env, BENCH_EVENT: JSON.stringify(fn.event()) },
            20_000,
            r.bin,
          );
          m.reports.push(parseRunnerReport(run));
          m.walls.push(run.wallMs);
        }
      for (const r of runtimes) {
        const m = per.get(r.label)!;
        empties.get(r.label)!.wall.push(...m.empties);
        empties.get(r.label)!.cpu.push(...m.emptyCpu);
        const importMs = median(m.reports.map((x) => x.importMs));
        const invokeMs = median(m.reports.map((x) => x.invokeMs));
        importAll.get(r.label)!.push(importMs);
        invokeAll.get(r.label)!.push(invokeMs);
        const wall = median(m.walls);
        const empty = median(m.empties);
        const cpu = median(m.reports.map((x) => x.cpuMs));
        const emptyCpu = median(m.emptyCpu);
        results.push(
          result({
            group,
            name: `${fn.name} cold start (${r.label})`,
            value: round(wall, 1),
            unit: 'ms',
            ratio: round(wall / empty),
            ratioOf: `fresh empty ${r.label} process median, same run, interleaved`,
            targetSpec: loadTarget,
            note: `${r.version}; ${serviceOf(fn.name) === 'platform' ? 'platform Lambda' : `${serviceOf(fn.name)} handler`}; spawn to exit, median of ${runs}; module load ${round(importMs, 1)} ms, first invocation ${round(invokeMs, 1)} ms (${m.reports[0]?.outcome ?? '?'}); empty node ${round(empty, 1)} ms; CPU ${round(cpu, 0)} ms vs ${round(emptyCpu, 0)} ms empty (${round(cpu / emptyCpu)}×)`,
            missNote: 'Module load dominates; see the analysis in docs/BENCHMARKS.md.',
          }),
        );
      }
    }
    const handlerImport = new Map([...importAll].map(([label, v]) => [label, median(v)]));
    const first = all[0];
    if (first) {
      opts.log?.('module load parts');
      const env = lambdaEnv(first, stub.url, opts.dynamoEndpoint, opts.rt.region);
      results.push(...(await measureModuleParts(dir, runner, env, runtimes, handlerImport)));
      const largest = [...all].sort((a, b) => bundles.get(b.name)!.bytes - bundles.get(a.name)!.bytes);
      const chosen = largest.find((f) => !f.name.endsWith('.fhir')) ?? largest[0]!;
      opts.log?.(`choices on ${chosen.name}`);
      results.push(
        ...(await measureChoices(
          dir,
          runner,
          chosen,
          (nodeOptions) => lambdaEnv(chosen, stub.url, opts.dynamoEndpoint, opts.rt.region, nodeOptions),
          runtimes,
        )),
      );
    }
    for (const r of runtimes)
      results.push(
        result({
          group,
          name: `handler init (first invocation), median over functions (${r.label})`,
          value: round(median(invokeAll.get(r.label)!), 1),
          unit: 'ms',
          ratio: null,
          note: 'the first call after import: env from process variables, DynamoDB client creation, middy stack, first DynamoDB round trip (to DynamoDB Local)',
        }),
      );
  } finally {
    await stub.close();
  }
  for (const r of runtimes) {
    const e = empties.get(r.label)!;
    results.push(
      result({
        group,
        name: `empty node process (${r.label})`,
        value: round(median(e.wall), 1),
        unit: 'ms',
        ratio: null,
        note: `${r.version} (${r.bin === process.execPath ? 'the bench’s own Node' : 'npm package node@24 in .bench-tmp/node24'}); spawn to exit, median of ${e.wall.length}; CPU ${round(median(e.cpu), 1)} ms${settingNotes.length ? `; ${settingNotes.join('; ')}` : ''}`,
      }),
    );
  }
  if (missing) results.push(notMeasured(group, 'cold starts (Node 24)', missing, loadTarget));
  return results;
};
