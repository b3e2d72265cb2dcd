// Item 4: the same indicator queries through the gateway after 1 000 and after 100 000 recorded
// contacts; reads must not grow with data (target: ratio <= 1.3).
//
// Two region runtimes of their own (CZ063, the stats service only, a fresh table each; run.ts
// gives them a fresh DynamoDB Local), one with exactly 1 000 contacts and one with 100 000, and the
// query rounds alternate between them. Recording 100 000 contacts through the API (or one consumer
// invocation per event, ~10 events/s on this box) does not fit the time budget, so the contacts
// are loaded through the consumer's own code, merged: each ContactRecorded envelope goes through
// the projection the consumer runs (intakeIncrements.ContactRecorded) and `expand`; the writes are
// merged by expand's own rule (plain counts add up, a subject counts once per cell and period) and
// written by the store's `applyWrites` (subject markers, chunked transactions) into the real table.
// Before loading, a sample is fed both ways (consumer handler per event / this loader) under two
// other region keys, and the cell items must be identical, or the measurement fails.
import { randomBytes } from 'node:crypto';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { AnyEnvelope, RegionCode } from '@spolu/contracts';
import { districtsOf, newId } from '@spolu/contracts';
import type { RuntimeEnv } from '@spolu/platform';
import { UnitOfWork } from '@spolu/platform';
import { lambdaContext } from '../../packages/local/src/gateway';
import { meterDynamo } from '../../packages/local/src/meter';
import { startRegionRuntime } from '../../packages/local/src/runtime';
import { actor } from '../../packages/local/test-support/harness';
import { manifest as statsManifest } from '../../services/stats/manifest';
import { expand } from '../../services/stats/src/domain/cells';
import { keyModulus, recordKey } from '../../services/stats/src/domain/cell-key';
import { intakeIncrements } from '../../services/stats/src/domain/project';
import { handler as statsEvents } from '../../services/stats/src/handlers/events';
import { createStore } from '../../services/stats/src/store';
import { busEventOf, contactEnvelope } from './fixtures/stats';
import { call, expectStatus } from '../../packages/local/src/api-client';
import type { Result } from './lib/results';
import { result } from './lib/results';
import { median, now, p95, round, timed } from './lib/stats';

const group = '4 stats scale';
const target = { on: 'ratio', max: 1.3 } as const;
const region: RegionCode = 'CZ063';
const iterations = 30;
const warmup = 5;
const subjectsPerCall = 20;
const sampleSize = 60;

/** A region's harm-reduction year: six providers, 1 000 regular clients (100 contacts each a year
 * on average, a needle exchange's regulars), every district, the age bands of the target group, dated over the months so far. */
const population = (seed: string) => {
  const districts = districtsOf(region).map((d) => d.code);
  const providers = Array.from({ length: 6 }, () => ({ id: newId(), serviceId: newId() }));
  const subjects = Array.from({ length: 1_000 }, (_, i) => ({
    key: `${seed}${i.toString(16).padStart(8, '0')}${randomBytes(6).toString('hex')}`,
    provider: providers[i % providers.length]!,
    district: districts[(i * 7) % districts.length]!,
    ageBand: (['16-18', '19-26', '19-26', '27-64', '27-64', '27-64', '65-80'] as const)[i % 7]!,
  }));
  const start = new Date(`${new Date().getUTCFullYear()}-01-01T00:00:00Z`).getTime();
  const span = Math.max(86_400_000, Date.now() - 3_600_000 - start);
  let n = 0;
  return (): AnyEnvelope => {
    n += 1;
    const s = subjects[Math.floor(Math.random() * subjects.length)]!;
    const roll = Math.random();
    const interventions =
      roll < 0.7
        ? [{ type: 'needle-exchange', count: 1, given: 10 + (n % 20), returned: 8 + (n % 15) }]
        : roll < 0.8
          ? [{ type: 'test', count: 1, test: (['hiv', 'hcv', 'syphilis'] as const)[n % 3] }]
          : roll < 0.9
            ? [
                { type: 'material', count: 1 },
                { type: 'counselling', count: 1 },
              ]
            : [{ type: 'crisis-intervention', count: 1 }];
    return contactEnvelope({
      region,
      tenantId: s.provider.id,
      serviceId: s.provider.serviceId,
      subjectKey: s.key,
      district: s.district,
      ageBand: s.ageBand,
      occurredAt: new Date(start + Math.floor(Math.random() * span)).toISOString(),
      interventions,
    });
  };
};

type Writes = ReturnType<typeof expand>;
const writeKey = (w: Writes[number]) => `${w.indicator}#${w.period}#${w.cell}#${w.subjectKey ?? ''}`;

/** The consumer's projection of each event with its cell-key share (as the consumer's `keyed`:
 * the subject's record key for a unique count, the event's times the amount for a plain count),
 * merged by the rule `expand` applies within an event: plain counts and their keys add up, a
 * subject counts once per cell and period. */
const aggregate = (
  secret: string,
  events: Iterable<AnyEnvelope>,
  into = new Map<string, Writes[number]>(),
) => {
  for (const e of events) {
    const eventKey = recordKey(secret, e.id);
    for (const w of expand(intakeIncrements.ContactRecorded!(e))) {
      const key = w.subjectKey ? recordKey(secret, w.subjectKey) : (eventKey * w.add) % keyModulus;
      const merged = writeKey(w);
      const have = into.get(merged);
      if (!have) into.set(merged, { ...w, key });
      else if (!w.subjectKey) {
        have.add += w.add;
        have.key = (have.key ?? 0) + key;
      }
    }
  }
  return into;
};

/** Write merged writes with the store's applyWrites: the plain counts in one call (it chunks them
 * into transactions), the unique-subject writes a few subjects per call, so that no stored item
 * carries more subject markers than one transaction holds (a real event has one subject). */
const writeAll = async (env: RuntimeEnv, writes: Map<string, Writes[number]>) => {
  const store = createStore(env);
  const apply = async (list: Writes) => {
    if (list.length === 0) return;
    const tx = new UnitOfWork(env);
    await store.applyWrites(tx, newId(), 'ContactRecorded', list);
    await tx.commit();
  };
  const plain: Writes = [];
  const bySubject = new Map<string, Writes>();
  for (const w of writes.values()) {
    if (!w.subjectKey) plain.push(w);
    else bySubject.set(w.subjectKey, [...(bySubject.get(w.subjectKey) ?? []), w]);
  }
  await apply(plain);
  const subjects = [...bySubject.values()];
  for (let i = 0; i < subjects.length; i += subjectsPerCall)
    await apply(subjects.slice(i, i + subjectsPerCall).flat());
  return { plain: plain.length, subjects: subjects.length };
};

/** The cell items under one region key, keyed without the region, counters only. */
const cellsUnder = async (env: RuntimeEnv, key: string) => {
  const out = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await env.ddb.send(
      new ScanCommand({
        TableName: env.tableName,
        FilterExpression: 'begins_with(pk, :p) AND entity = :e',
        ExpressionAttributeValues: { ':p': `${key}#`, ':e': 'cell' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk, sk, ...rest } = item as Record<string, unknown>;
      const sorted = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
      out.set(`${String(pk).slice(key.length)}|${String(sk)}`, JSON.stringify(sorted));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
};

/** Feed the same events through the consumer (one invocation each) and through the loader,
 * under two other region keys of the same table, and compare the cell items. */
const verifyLoader = async (env: RuntimeEnv, next: () => AnyEnvelope) => {
  const viaConsumer = { ...env, region: 'CZ051' as RegionCode };
  const viaLoader = { ...env, region: 'CZ072' as RegionCode };
  const consumer = statsEvents.forEnv(viaConsumer) as (event: unknown, context: unknown) => Promise<unknown>;
  const events = Array.from({ length: sampleSize }, next);
  for (const e of events) await consumer(busEventOf(e), lambdaContext('stats-events', e.id));
  await writeAll(viaLoader, aggregate(env.subjectKeySecret, events));
  const a = await cellsUnder(env, 'CZ051');
  const b = await cellsUnder(env, 'CZ072');
  const differing = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
  if (a.size === 0 || differing.length > 0)
    throw new Error(
      `the batched loader does not write what the consumer writes (${a.size} vs ${b.size} cell items, ${differing.length} differ, e.g. ${differing.slice(0, 2).join(', ')})`,
    );
  return a.size;
};

export const measureStatsScale = async (opts: {
  dynamoEndpoint: string;
  tablePrefix: string;
  pollIntervalMs: number;
  log: (what: string) => void;
}): Promise<Result[]> => {
  // Two runtimes of the same region on their own tables: one holds 1 000 contacts, the other
  // 100 000, and the query rounds alternate between them so that load on the box hits both alike.
  const start = (suffix: string) =>
    startRegionRuntime({
      region,
      dynamoEndpoint: opts.dynamoEndpoint,
      manifests: [statsManifest],
      tablePrefix: `${opts.tablePrefix}${suffix}`,
      pollIntervalMs: opts.pollIntervalMs,
    });
  const small = await start('s1');
  const large = await start('s2');
  try {
    const smallEnv = small.envs.get('stats')!;
    const largeEnv = large.envs.get('stats')!;
    const next = population(randomBytes(4).toString('hex'));
    const verifiedCells = await verifyLoader(smallEnv, next);
    let loadMs = 0;
    const load = async (env: RuntimeEnv, count: number) => {
      const t0 = now();
      const merged = new Map<string, Writes[number]>();
      for (let i = 0; i < count; i += 10_000)
        aggregate(env.subjectKeySecret, Array.from({ length: Math.min(10_000, count - i) }, next), merged);
      await writeAll(env, merged);
      loadMs += now() - t0;
      opts.log(`4 stats scale: ${count} contacts loaded`);
    };
    await load(smallEnv, 1_000);
    await load(largeEnv, 100_000);
    const tableItems = async (env: RuntimeEnv) => {
      let count = 0;
      let from: Record<string, unknown> | undefined;
      do {
        const page = await env.ddb.send(
          new ScanCommand({ TableName: env.tableName, Select: 'COUNT', ExclusiveStartKey: from }),
        );
        count += page.Count ?? 0;
        from = page.LastEvaluatedKey;
      } while (from);
      return count;
    };
    const sizes = { small: await tableItems(smallEnv), large: await tableItems(largeEnv) };

    // The indicator queries a community-planning group runs, yearly, as the regional coordinator
    // (suppressed region view): contacts by district x service type and by age band, unique
    // clients by district x service type, interventions by type, needles given by district.
    const year = String(new Date().getUTCFullYear());
    const queries = [
      `/stats/indicators/contacts/table?period=${year}&rows=district&columns=serviceType`,
      `/stats/indicators/contacts/table?period=${year}&rows=ageBand`,
      `/stats/indicators/clients/table?period=${year}&rows=district&columns=serviceType`,
      `/stats/indicators/interventions/table?period=${year}&rows=intervention`,
      `/stats/indicators/needles-given/table?period=${year}&rows=district`,
    ];
    const side = async (rt: typeof small, env: RuntimeEnv) => {
      const coordinator = await actor(rt, { sub: newId(), roles: ['regional-coordinator'] });
      const counter = { items: 0, units: 0, calls: 0, unreported: 0, bytes: 0 };
      // The runtime meter's middleware on this runtime's client (added after loading, so it sees
      // only the queries): ReturnConsumedCapacity TOTAL on each call, the units DynamoDB reports.
      meterDynamo(env.ddb, (c) => {
        counter.units += c.units;
        counter.calls += 1;
        if (!c.reported) counter.unreported += 1;
      });
      env.ddb.middlewareStack.add(
        (nextMw) => async (args) => {
          const out = await nextMw(args);
          const count = (out.output as { ScannedCount?: number }).ScannedCount;
          if (typeof count === 'number') counter.items += count;
          const items = (out.output as { Items?: unknown[] }).Items;
          if (items) counter.bytes += Buffer.byteLength(JSON.stringify(items));
          return out;
        },
        { step: 'initialize', name: 'bench-items-read' },
      );
      // The cell Queries the handler issues (captured once, below), replayed raw afterwards.
      const queries_: QueryCommandInput[] = [];
      let capture = false;
      env.ddb.middlewareStack.add(
        (nextMw, context) => async (args) => {
          if (capture && context.commandName === 'QueryCommand')
            queries_.push({ ...(args.input as QueryCommandInput) });
          return nextMw(args);
        },
        { step: 'initialize', name: 'bench-capture-queries' },
      );
      const captureRound = async () => {
        capture = true;
        for (const q of queries)
          expectStatus(await call(rt, 'GET', q, { token: coordinator.token }), 200, `GET ${q}`);
        capture = false;
      };
      const round_ = () =>
        timed(async () => {
          for (const q of queries)
            expectStatus(await call(rt, 'GET', q, { token: coordinator.token }), 200, `GET ${q}`);
        });
      return { round: round_, counter, times: [] as number[], env, queries: queries_, captureRound };
    };
    const a = await side(small, smallEnv);
    const b = await side(large, largeEnv);
    for (let i = 0; i < warmup + iterations; i++) {
      // Alternate which side goes first.
      const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
      const t1 = await first.round();
      const t2 = await second.round();
      if (i >= warmup) {
        first.times.push(t1);
        second.times.push(t2);
      }
    }
    const counted = { a: { ...a.counter }, b: { ...b.counter } };
    // The same cell Queries straight on the client, the whole items (no ProjectionExpression) and
    // as the handler asks (projected), rounds alternating between the tables: where the time goes
    // (DynamoDB Local and the SDK on whole items, or the calls themselves) and what each costs in
    // read units and bytes, from the responses. And the whole items again on a fresh copy of each
    // table (the same items, written once, no stream behind them): the loaded tables took every
    // write of the load, the copies took one put per item.
    await a.captureRound();
    await b.captureRound();
    const copyOf = async (env: RuntimeEnv) => {
      const copy = `${env.tableName}-copy`;
      await env.ddb.send(
        new CreateTableCommand({
          TableName: copy,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
        }),
      );
      let from: Record<string, unknown> | undefined;
      do {
        const page = await env.ddb.send(
          new ScanCommand({ TableName: env.tableName, ExclusiveStartKey: from, Limit: 25 }),
        );
        const items = page.Items ?? [];
        if (items.length > 0)
          await env.ddb.send(
            new BatchWriteCommand({
              RequestItems: { [copy]: items.map((Item) => ({ PutRequest: { Item } })) },
            }),
          );
        from = page.LastEvaluatedKey;
      } while (from);
      return copy;
    };
    const copies = { a: await copyOf(smallEnv), b: await copyOf(largeEnv) };
    const raw = async (side: typeof a, projected: boolean, table?: string) => {
      const stat = { units: 0, bytes: 0, attributes: 0, items: 0 };
      const t0 = now();
      for (const input of side.queries) {
        const { ProjectionExpression: _p, ExpressionAttributeNames: _n, ...whole } = input;
        let from: Record<string, unknown> | undefined;
        do {
          const out = await side.env.ddb.send(
            new QueryCommand({
              ...(projected ? input : whole),
              ...(table ? { TableName: table } : {}),
              ExclusiveStartKey: from,
              ReturnConsumedCapacity: 'TOTAL',
            }),
          );
          stat.units += out.ConsumedCapacity?.CapacityUnits ?? 0;
          stat.items += out.Items?.length ?? 0;
          stat.bytes += Buffer.byteLength(JSON.stringify(out.Items ?? []));
          for (const item of out.Items ?? []) stat.attributes += Object.keys(item).length;
          from = out.LastEvaluatedKey;
        } while (from);
      }
      return { ms: now() - t0, ...stat };
    };
    type RawRound = Awaited<ReturnType<typeof raw>>;
    const kinds = ['whole', 'projected', 'copy'] as const;
    const rawRounds = {
      whole: { a: [] as RawRound[], b: [] as RawRound[] },
      projected: { a: [] as RawRound[], b: [] as RawRound[] },
      copy: { a: [] as RawRound[], b: [] as RawRound[] },
    };
    const rawOf = (side: 'a' | 'b', kind: (typeof kinds)[number]) =>
      raw(side === 'a' ? a : b, kind === 'projected', kind === 'copy' ? copies[side] : undefined);
    for (let i = 0; i < warmup + iterations; i++) {
      for (const kind of kinds) {
        const first = i % 2 === 0;
        const x = first ? await rawOf('a', kind) : undefined;
        const y = await rawOf('b', kind);
        const xx = x ?? (await rawOf('a', kind));
        if (i >= warmup) {
          rawRounds[kind].a.push(xx);
          rawRounds[kind].b.push(y);
        }
      }
    }
    const rawRows = kinds.flatMap((kind) => {
      const sa = rawRounds[kind].a;
      const sb = rawRounds[kind].b;
      const ms = (xs: RawRound[]) => median(xs.map((x) => x.ms));
      const describe = (xs: RawRound[]) => {
        const x = xs[0]!;
        return `${x.items} items, ${round(x.units, 1)} RCU, ${round(x.bytes / 1024, 1)} KB as JSON, ${round(x.attributes / Math.max(1, x.items), 1)} attributes per item`;
      };
      const label =
        kind === 'whole'
          ? 'whole items (no ProjectionExpression)'
          : kind === 'projected'
            ? 'projected as the handler asks'
            : 'whole items on a fresh copy of the table';
      return [
        result({
          group,
          name: `raw cell queries, ${label}, 1 000 contacts median`,
          value: round(ms(sa)),
          unit: 'ms',
          ratio: null,
          note: `the handler's ${a.queries.length} Queries of one round replayed on its client${kind === 'copy' ? ' against a copy of the table (every item scanned and put once into a new table without a stream)' : ''}: ${describe(sa)} per round`,
        }),
        result({
          group,
          name: `raw cell queries, ${label}, 100 000 contacts median`,
          value: round(ms(sb)),
          unit: 'ms',
          ratio: round(ms(sb) / ms(sa)),
          ratioOf: 'the same Queries at 1 000 contacts, same run, alternating',
          note: `the handler's ${b.queries.length} Queries of one round replayed on its client${kind === 'copy' ? ' against a copy of the table (every item scanned and put once into a new table without a stream)' : ''}: ${describe(sb)} per round`,
        }),
      ];
    });
    const rounds = warmup + iterations;
    const per = (c: typeof a.counter) =>
      `${round(c.units / rounds, 1)} RCU per round (${round(c.units / rounds / queries.length, 2)} per GET, ${round(c.calls / rounds, 1)} DynamoDB calls and ${round(c.bytes / rounds / 1024, 1)} KB of items as JSON per round${c.unreported ? `, ${c.unreported} calls without ConsumedCapacity` : ''})`;
    const how = `Data: ContactRecorded events of 6 providers, 1 000 clients, ${districtsOf(region).length} districts, dated over this year, in two fresh stats tables (region ${region}, a runtime each); each envelope went through the consumer's projection (intakeIncrements.ContactRecorded) and expand, the writes were merged by expand's own rule (counts add up, a subject counts once per cell and period) and written with the store's applyWrites (plain counts in one call, unique-subject writes 20 subjects per call), ${round((101_000 / loadMs) * 1000, 0)} contacts/s; before that a ${sampleSize}-event sample fed through the consumer handler one event at a time and through this loader gave identical cell items (${verifiedCells}). Per round ${queries.length} GETs through the gateway as the regional coordinator (${queries.map((q) => q.split('?')[0]!.split('/')[3]).join(', ')}); ${iterations} rounds per side after ${warmup} warm-up, alternating between the two tables.`;
    return [
      result({
        group,
        name: 'indicator queries at 1 000 contacts median',
        value: round(median(a.times)),
        unit: 'ms',
        ratio: null,
        note: `p95 ${round(p95(a.times))} ms; the queries read ${round(counted.a.items / rounds, 0)} items per round; consumed ${per(counted.a)}; the table holds ${sizes.small} items`,
      }),
      result({
        group,
        name: 'indicator queries at 100 000 contacts median',
        value: round(median(b.times)),
        unit: 'ms',
        ratio: round(median(b.times) / median(a.times)),
        ratioOf: 'the same queries at 1 000 contacts, same run, alternating',
        targetSpec: target,
        note: `p95 ${round(p95(b.times))} ms; the queries read ${round(counted.b.items / rounds, 0)} items per round; consumed ${per(counted.b)}; the table holds ${sizes.large} items. ${how}`,
        missNote:
          Math.round(counted.b.items) > Math.round(counted.a.items)
            ? 'The queries read more cell items at 100 000 than at 1 000 (see the item counts): more distinct dimension values have been seen. See docs/BENCHMARKS.md.'
            : 'Both sides read the same number of items per round, so the growth is not in the number of calls or items. See docs/BENCHMARKS.md.',
      }),
      ...rawRows,
    ];
  } finally {
    await small.stop();
    await large.stop();
  }
};
