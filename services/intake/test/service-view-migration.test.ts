// Data migration intake-0003: service views stored before intake listed them per provider had no
// gsi2 keys, so a missed phone arrangement could not find the provider's contact centre. The view
// is put back in the old layout, a no-show then proposes no named centre; after the migration the
// next no-show names it, and the backfilled item is identical to what today's code writes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RuntimeEnv } from '@spolu/platform';
import { runMigrations } from '@spolu/platform';
import { manifest } from '../manifest';
import { keys } from '../src/store';
import type { World } from './fixtures';
import { startWorld } from './fixtures';

type Item = Record<string, NativeAttributeValue>;
type Arrangement = { id: string; noShowProposal?: { contactCentre: boolean; centre?: { name: string } } };

let w: World;
let env: RuntimeEnv;
const migrations = (manifest.migrations ?? []).filter((m) => m.id === 'intake-0003-service-view-list-keys');
const ifMatch = { headers: { 'if-match': '"1"' } };

beforeAll(async () => {
  w = await startWorld();
  env = w.rt.envs.get('intake')!;
});
afterAll(async () => {
  await w.rt.stop();
});

const readView = async () =>
  (
    await env.ddb.send(
      new GetCommand({
        TableName: env.tableName,
        Key: keys.service(w.providers.spektrum, w.services.kontakt),
        ConsistentRead: true,
      }),
    )
  ).Item as Item;

const missedArrangement = async () => {
  const made = await w.spektrum.post<Arrangement>('/phone-arrangements', {
    serviceId: w.services.teren,
    scheduledAt: '2026-11-25T13:00:00Z',
    place: { kind: 'field', fieldPlace: 'Havlíčkův Brod – park' },
    phoneArrangement: { place: 'u lavičky', recognitionSigns: 'modrá čepice', request: 'information' },
  });
  expect(made.status).toBe(201);
  const missed = await w.spektrum.put<Arrangement>(
    `/phone-arrangements/${made.body.id}/attendance`,
    { attendance: 'no-show' },
    ifMatch,
  );
  expect(missed.status).toBe(200);
  return missed.body.noShowProposal!;
};

describe('intake-0003: service views listed per provider', () => {
  it("backfills the list keys, after which a no-show names the provider's contact centre again", async () => {
    expect(migrations).toHaveLength(1);
    const current = await readView();
    expect(current.gsi2pk).toBe(`${w.providers.spektrum}#SERVICES`);
    const { gsi2pk: _pk, gsi2sk: _sk, ...oldLayout } = current;
    await env.ddb.send(new PutCommand({ TableName: env.tableName, Item: oldLayout }));

    const before = await missedArrangement();
    expect(before.contactCentre).toBe(true);
    expect(before.centre).toBeUndefined();

    const run = await runMigrations(env, migrations);
    // Only the view put back in the old layout needed its keys.
    expect(run).toMatchObject({ finished: true, updated: 1 });
    expect(await readView()).toEqual(current);

    const after = await missedArrangement();
    expect(after.centre?.name).toBe('Kontaktní centrum Spektrum');
    const again = await runMigrations(env, migrations, { rerun: true });
    expect(again).toMatchObject({ finished: true, updated: 0 });
    expect(await readView()).toEqual(current);
  });
});
