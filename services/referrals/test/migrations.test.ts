// Data migration referrals-0001: handovers stored before GET /handovers (commit c6c35bb) had no
// gsi1 keys, so neither the sender's nor the receiver's list found them. Both copies of each
// handover are put in the layout the old code wrote, the migration runs (stopped after one page,
// resumed, run again), and the handovers are read through GET /handovers on both sides; each
// backfilled item ends identical to what today's code writes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { referrals } from '@spolu/contracts';
import type { RuntimeEnv } from '@spolu/platform';
import { migrationProgress, runMigrations } from '@spolu/platform';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { manifest } from '../manifest';
import { keys } from '../src/store';
import type { World } from './fixtures';
import { clientWithConsent, startWorld } from './fixtures';

type Item = Record<string, NativeAttributeValue>;

let w: World;
let env: RuntimeEnv;
let kcentrum: ActorClient; // the sender
let tk: ActorClient; // the receiving key worker
const migrations = manifest.migrations ?? [];
const handovers: referrals.Handover[] = [];
/** Both copies of each handover as today's code stores them, by `<provider> <id>`. */
const stored = new Map<string, Item>();

const read = async (provider: string, id: string) =>
  (
    await env.ddb.send(
      new GetCommand({ TableName: env.tableName, Key: keys.handover(provider, id), ConsistentRead: true }),
    )
  ).Item;

/** What the referrals store wrote for a handover before c6c35bb (`git show c6c35bb^:services/referrals/src/store.ts`):
 * entityItem(keys.handover(p, h.id), 'handover', h), one per provider, no gsi1 keys. */
const previousLayout = (item: Item): Item => ({
  pk: item.pk,
  sk: item.sk,
  entity: 'handover',
  version: item.version,
  data: item.data,
});

const list = async (who: ActorClient) => {
  const res = await who.get<{ items: referrals.Handover[] }>('/handovers');
  expect(res.status).toBe(200);
  return res.body.items.map((x) => x.id);
};
const newestFirst = () => handovers.map((h) => h.id).reverse();
const copies = () =>
  handovers.flatMap((h) => [h.fromProviderId, h.toProviderId].map((p) => [p, h.id] as const));

beforeAll(async () => {
  w = await startWorld();
  env = w.rt.envs.get('referrals')!;
  kcentrum = await w.as('k-centrum-liberec/petra-hajkova');
  tk = await w.as('tk-jizerka/alena-sevcikova');
  for (const goal of ['Abstinence', 'Bydlení', 'Práce']) {
    const { clientId } = await clientWithConsent(
      w,
      kcentrum,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [w.provider('tk-jizerka')],
      ['name', 'goal'],
    );
    const h = await kcentrum.post<referrals.Handover>('/handovers', {
      clientId,
      toProviderId: w.provider('tk-jizerka'),
      toServiceId: w.service('tk-jizerka/terapeuticka-komunita'),
      summary: { goal, progress: 'V kontaktu 3 měsíce.', currentSteps: ['Nástup'], risks: 'Relaps' },
    });
    if (h.status !== 201) throw new Error(`handover: ${h.status} ${JSON.stringify(h.body)}`);
    handovers.push(h.body);
    w.rt.clock.advance(60_000); // distinct createdAt: the list is newest first
  }
  for (const [p, id] of copies()) {
    const item = (await read(p, id))!;
    expect(item.gsi1pk).toBe(keys.handovers(p));
    stored.set(`${p} ${id}`, item);
    await env.ddb.send(new PutCommand({ TableName: env.tableName, Item: previousLayout(item) }));
  }
}, 180_000);
afterAll(async () => {
  await w.rt.stop();
});

describe('migration referrals-0001-handover-list-keys', () => {
  it('is declared in the manifest', () => {
    expect(migrations.map((m) => m.id)).toEqual(['referrals-0001-handover-list-keys']);
  });

  it('before it runs, neither side finds handovers in the previous layout', async () => {
    expect(copies()).toHaveLength(6);
    expect(await list(kcentrum)).toEqual([]);
    expect(await list(tk)).toEqual([]);
  });

  it('a run stopped after one page resumes from it and finishes the rest', async () => {
    const first = await runMigrations(env, migrations, { pageSize: 10, maxPages: 1 });
    expect(first.finished).toBe(false);
    expect(first.migrations[0]).toMatchObject({ outcome: 'stopped', pages: 1, scanned: 10 });
    expect((await migrationProgress(env))[0]).toMatchObject({ status: 'stopped', pages: 1 });

    const rest = await runMigrations(env, migrations, { pageSize: 10 });
    expect(rest).toMatchObject({ finished: true, migrations: [{ outcome: 'done' }] });
    expect(first.updated + rest.updated).toBe(6);
    expect((await migrationProgress(env))[0]).toMatchObject({ status: 'done', matched: 6, updated: 6 });
  });

  it('after it, both sides list them through GET /handovers, and each copy is what the current code writes', async () => {
    expect(await list(kcentrum)).toEqual(newestFirst());
    expect(await list(tk)).toEqual(newestFirst());
    for (const [p, id] of copies()) expect(await read(p, id)).toEqual(stored.get(`${p} ${id}`));
  });

  it('running it again changes nothing', async () => {
    const again = await runMigrations(env, migrations);
    expect(again).toEqual({
      finished: true,
      updated: 0,
      migrations: [expect.objectContaining({ outcome: 'already-done', updated: 0, scanned: 0 })],
    });
    const rerun = await runMigrations(env, migrations, { rerun: true });
    expect(rerun.migrations[0]).toMatchObject({ outcome: 'done', matched: 6, unchanged: 6, updated: 0 });
    expect(await list(tk)).toEqual(newestFirst());
  });
});
