// Data migration intake-0001: appointments stored before GET /appointments (commit cf69423) had
// no gsi2 keys, so the provider-wide list by time missed them. The items are put in the layout the
// old code wrote, the migration runs (stopped after one page, resumed, run again), and the
// appointments are read through GET /appointments; each backfilled item ends identical to what
// today's code writes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RuntimeEnv } from '@spolu/platform';
import { documentClient, migrationPartition, migrationProgress, runMigrations } from '@spolu/platform';
import { testEndpoint } from '../../../packages/local/test-support/harness';
import { manifest } from '../manifest';
import { keys } from '../src/store';
import type { World } from './fixtures';
import { anonymousClient, namedClient, startWorld } from './fixtures';

type Item = Record<string, NativeAttributeValue>;
type Appt = { id: string; clientId: string; scheduledAt: string; version: number };
type Page = { items: Appt[]; nextCursor?: string };

let w: World;
let env: RuntimeEnv;
let dayStart: Date;
const at = (hours: number) => new Date(dayStart.getTime() + hours * 3_600_000).toISOString();
const today = () => new URLSearchParams({ from: at(0), to: at(24) }).toString();
const allMigrations = manifest.migrations ?? [];
// This file runs intake-0001 alone; later migrations have their own tests (client-file-timeline).
const migrations = allMigrations.filter((m) => m.id === 'intake-0001-appointment-window-keys');

/** Appointments as today's code stores them, and the same in the layout before cf69423. */
const stored = new Map<string, Item>();
const booked: { spektrum: Appt[]; fokus: Appt[] } = { spektrum: [], fokus: [] };

const book = async (a: World['spektrum'], clientId: string, serviceId: string, scheduledAt: string) => {
  const res = await a.post<Appt>(`/clients/${clientId}/appointments`, {
    serviceId,
    kind: 'consultation',
    scheduledAt,
    place: { kind: 'centre' },
  });
  if (res.status !== 201) throw new Error(`appointment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

const read = async (tenant: string, a: Appt) =>
  (
    await env.ddb.send(
      new GetCommand({
        TableName: env.tableName,
        Key: keys.child(tenant, a.clientId, 'appointment', a.id),
        ConsistentRead: true,
      }),
    )
  ).Item;

/** What the intake store wrote for an appointment before cf69423 (`git show cf69423^:services/intake/src/store.ts`):
 * entityItem({ ...keys.child(..), ...timelineKeys(..) }, kind, record), no gsi2 keys. */
const previousLayout = (item: Item): Item => ({
  pk: item.pk,
  sk: item.sk,
  gsi1pk: item.gsi1pk,
  gsi1sk: item.gsi1sk,
  entity: 'appointment',
  version: item.version,
  data: item.data,
});

const list = async (who: World['spektrum']) => {
  const res = await who.get<Page>(`/appointments?${today()}`);
  expect(res.status).toBe(200);
  return res.body.items.map((x) => x.id);
};

beforeAll(async () => {
  w = await startWorld();
  env = w.rt.envs.get('intake')!;
  const now = w.rt.clock.now();
  dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const a = (await w.spektrum.post<{ id: string }>('/clients', anonymousClient(w.services.kontakt))).body.id;
  const b = (await w.spektrum.post<{ id: string }>('/clients', anonymousClient(w.services.kontakt))).body.id;
  const f = (await w.fokus.post<{ id: string }>('/clients', namedClient(w.services.std))).body.id;
  // Booked out of order, one with an offset: the backfilled keys order by instant too.
  booked.spektrum.push(await book(w.spektrum, a, w.services.kontakt, at(15)));
  booked.spektrum.push(await book(w.spektrum, b, w.services.kontakt, `${at(8).slice(0, 19)}+02:00`));
  booked.spektrum.push(await book(w.spektrum, a, w.services.kontakt, at(11)));
  booked.spektrum.push(await book(w.spektrum, b, w.services.kontakt, at(13)));
  booked.fokus.push(await book(w.fokus, f, w.services.std, at(10)));
  booked.fokus.push(await book(w.fokus, f, w.services.std, at(9)));
  // Stored the way the old code wrote them.
  for (const [tenant, appts] of [
    [w.providers.spektrum, booked.spektrum],
    [w.providers.fokus, booked.fokus],
  ] as const)
    for (const appt of appts) {
      const item = (await read(tenant, appt))!;
      expect(item.gsi2pk).toBe(keys.appointments(tenant));
      stored.set(appt.id, item);
      await env.ddb.send(new PutCommand({ TableName: env.tableName, Item: previousLayout(item) }));
    }
});
afterAll(async () => {
  await w.rt.stop();
});

const byTime = (appts: Appt[]) =>
  [...appts].sort((x, y) => Date.parse(x.scheduledAt) - Date.parse(y.scheduledAt)).map((x) => x.id);

describe('migration intake-0001-appointment-window-keys', () => {
  it('is declared in the manifest', () => {
    expect(allMigrations.map((m) => m.id)[0]).toBe('intake-0001-appointment-window-keys');
  });

  it('before it runs, GET /appointments misses appointments in the previous layout', async () => {
    expect(await list(w.spektrum)).toEqual([]);
    expect(await list(w.fokus)).toEqual([]);
  });

  it('a run stopped after one page records where it stopped; the next run finishes the rest', async () => {
    const first = await runMigrations(env, migrations, { pageSize: 5, maxPages: 1 });
    expect(first.finished).toBe(false);
    expect(first.migrations).toEqual([expect.objectContaining({ outcome: 'stopped', pages: 1, scanned: 5 })]);
    const [progress] = await migrationProgress(env);
    expect(progress).toMatchObject({
      pk: migrationPartition,
      sk: 'intake-0001-appointment-window-keys',
      status: 'stopped',
      pages: 1,
    });
    expect(progress!.lastEvaluatedKey).toEqual(expect.objectContaining({ pk: expect.any(String) }));

    const rest = await runMigrations(env, migrations, { pageSize: 5 });
    expect(rest.finished).toBe(true);
    expect(rest.migrations[0]!.outcome).toBe('done');
    expect(first.updated + rest.updated).toBe(6);
    const [done] = await migrationProgress(env);
    expect(done).toMatchObject({ status: 'done', updated: 6, matched: 6 });
    expect(done!.pages).toBe(1 + rest.migrations[0]!.pages);
    expect(done!.lastEvaluatedKey).toBeUndefined();
    expect(done!.finishedAt).toEqual(expect.any(String));
  });

  it('after it, GET /appointments lists them, and each item is what the current code writes', async () => {
    expect(await list(w.spektrum)).toEqual(byTime(booked.spektrum));
    expect(await list(w.fokus)).toEqual(byTime(booked.fokus));
    for (const [tenant, appts] of [
      [w.providers.spektrum, booked.spektrum],
      [w.providers.fokus, booked.fokus],
    ] as const)
      for (const appt of appts) expect(await read(tenant, appt)).toEqual(stored.get(appt.id));
  });

  it('running it again changes nothing: skipped when done, and a forced rerun writes no item', async () => {
    const again = await runMigrations(env, migrations);
    expect(again).toEqual({
      finished: true,
      updated: 0,
      migrations: [expect.objectContaining({ outcome: 'already-done', updated: 0, pages: 0 })],
    });
    const rerun = await runMigrations(env, migrations, { rerun: true });
    expect(rerun.updated).toBe(0);
    expect(rerun.migrations[0]).toMatchObject({ outcome: 'done', matched: 6, unchanged: 6, updated: 0 });
    expect(await list(w.spektrum)).toEqual(byTime(booked.spektrum));
  });

  it('does not overwrite a change made by live traffic between its read and its write', async () => {
    const appt = booked.spektrum[0]!;
    const current = (await read(w.providers.spektrum, appt))!;
    await env.ddb.send(new PutCommand({ TableName: env.tableName, Item: previousLayout(current) }));
    // A second client on the same DynamoDB Local: just before the migration's write of this item,
    // a worker records attendance through the API (a real concurrent write, version 1 -> 2).
    const racing = documentClient(await testEndpoint());
    let raced = false;
    racing.middlewareStack.add(
      (next) => async (args) => {
        const input: unknown = args.input;
        const isUpdate =
          typeof input === 'object' && input !== null && 'UpdateExpression' in input && 'Key' in input;
        if (isUpdate && !raced) {
          raced = true;
          const res = await w.spektrum.put(
            `/clients/${appt.clientId}/appointments/${appt.id}/attendance`,
            { attendance: 'cancelled', cancelledBy: 'client' },
            { headers: { 'if-match': `"${String(current.version)}"` } },
          );
          expect(res.status).toBe(200);
        }
        return next(args);
      },
      { step: 'initialize', name: 'liveWriteBeforeMigration' },
    );
    const run = await runMigrations({ ddb: racing, tableName: env.tableName }, migrations, { rerun: true });
    racing.destroy();
    expect(raced).toBe(true);
    expect(run.migrations[0]).toMatchObject({ outcome: 'done', conflicts: 1, updated: 0 });
    const after = (await read(w.providers.spektrum, appt))!;
    expect(after.version).toBe(Number(current.version) + 1);
    expect(after.data).toMatchObject({ attendance: 'cancelled' });
    expect(after.gsi2sk).toBe(stored.get(appt.id)!.gsi2sk);
  });
});
