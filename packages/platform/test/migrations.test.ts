// The migration runner against real DynamoDB Local: conditional writes beside live traffic (with
// and without a version), order and hold-back, the lease between concurrent runs, and refusals.
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureTable } from '../../local/src/tables';
import { testEndpoint } from '../../local/test-support/harness';
import { documentClient } from '../src/env';
import { defineService } from '../src/manifest';
import type { Migration, MigrationTarget } from '../src/migrations';
import { changeWrite, defineMigrations, migrationProgress, runMigrations } from '../src/migrations';

type Item = Record<string, NativeAttributeValue>;
const local = { region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
let control: DynamoDBClient;
let ddb: ReturnType<typeof documentClient>;

/** A fresh table (the platform's table definition) per test. */
const freshTable = async (): Promise<MigrationTarget> => {
  const manifest = defineService({
    name: 'webhooks',
    description: 'test',
    dir: '.',
    table: {},
    handlers: {},
  });
  const { tableName } = await ensureTable(control, `m${randomBytes(4).toString('hex')}`, manifest);
  return { ddb, tableName };
};
const putAll = async (t: MigrationTarget, items: Item[]) => {
  for (let i = 0; i < items.length; i += 25)
    await ddb.send(
      new BatchWriteCommand({
        RequestItems: { [t.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
};
const get = async (t: MigrationTarget, pk: string, sk: string) =>
  (await ddb.send(new GetCommand({ TableName: t.tableName, Key: { pk, sk }, ConsistentRead: true }))).Item;

/** Read-model rows without a version; the migration adds an index key built from the pk. */
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ pk: `T1#ROW#${i}`, sk: 'ROW', entity: 'row', name: `row ${i}` }));
const addIndexKey: Migration = {
  id: 'test-0001-row-index',
  description: 'rows get gsi1 keys',
  select: { entity: 'row' },
  apply: (item) =>
    item.gsi1pk ? undefined : { ...item, gsi1pk: 'T1#ROWS', gsi1sk: String(item.pk).split('#')[2] },
};
const rename: Migration = {
  id: 'test-0002-row-label',
  description: 'rows get a label',
  select: { entity: 'row', pkPrefix: 'T1#' },
  apply: (item) => (item.label ? undefined : { ...item, label: String(item.name).toUpperCase() }),
};

beforeAll(async () => {
  const endpoint = await testEndpoint();
  ddb = documentClient(endpoint);
  control = new DynamoDBClient({ endpoint, ...local });
});
afterAll(() => {
  control.destroy();
  ddb.destroy();
});

describe('changeWrite', () => {
  const before = { pk: 'a', sk: 'b', version: 3, data: { x: 1 }, old: 'gone' };
  it('guards a versioned item by its version and sets/removes only what changed', () => {
    const w = changeWrite('m', before, { pk: 'a', sk: 'b', version: 3, data: { x: 2 }, gsi1pk: 'k' })!;
    expect(w.ConditionExpression).toBe('attribute_exists(#pk) AND #version = :expectedVersion');
    expect(w.UpdateExpression).toBe('SET #a0 = :a0, #a2 = :a2 REMOVE #a1');
    expect(w.ExpressionAttributeNames).toMatchObject({ '#a0': 'data', '#a1': 'old', '#a2': 'gsi1pk' });
  });
  it('guards an item without version by the absence of added attributes and the old value of changed ones', () => {
    const w = changeWrite(
      'm',
      { pk: 'a', sk: 'b', name: 'x' },
      { pk: 'a', sk: 'b', name: 'y', gsi1pk: 'k' },
    )!;
    expect(w.ConditionExpression).toBe('attribute_exists(#pk) AND #a0 = :b0 AND attribute_not_exists(#a1)');
    expect(w.ExpressionAttributeValues).toMatchObject({ ':b0': 'x', ':a0': 'y', ':a1': 'k' });
  });
  it('is nothing when nothing changed', () => {
    expect(changeWrite('m', before, { ...before, data: { x: 1 } })).toBeUndefined();
  });
  it('refuses a key change, and a map change on an item without version', () => {
    expect(() => changeWrite('m', before, { ...before, sk: 'c' })).toThrow('changed the key');
    expect(() =>
      changeWrite('m', { pk: 'a', sk: 'b', data: { x: 1 } }, { pk: 'a', sk: 'b', data: { x: 2 } }),
    ).toThrow('has no version');
  });
});

describe('defineMigrations', () => {
  it('refuses a malformed or repeated id', () => {
    expect(() => defineMigrations([{ ...addIndexKey, id: 'Row index' }])).toThrow(
      'is not <service>-<nnnn>-<what>',
    );
    expect(() => defineMigrations([addIndexKey, addIndexKey])).toThrow('listed twice');
  });
});

describe('runMigrations', () => {
  it('runs migrations in order; one that stops holds back the next; resumed, both finish', async () => {
    const t = await freshTable();
    await putAll(t, rows(30));
    const first = await runMigrations(t, [addIndexKey, rename], { pageSize: 10, maxPages: 2 });
    expect(first.finished).toBe(false);
    expect(first.migrations.map((m) => [m.id, m.outcome])).toEqual([['test-0001-row-index', 'stopped']]);
    expect((await migrationProgress(t)).map((p) => p.sk)).toEqual(['test-0001-row-index']);

    const rest = await runMigrations(t, [addIndexKey, rename], { pageSize: 10 });
    expect(rest.migrations.map((m) => m.outcome)).toEqual(['done', 'done']);
    expect(first.updated + rest.updated).toBe(60);
    expect(await get(t, 'T1#ROW#7', 'ROW')).toEqual({
      pk: 'T1#ROW#7',
      sk: 'ROW',
      entity: 'row',
      name: 'row 7',
      gsi1pk: 'T1#ROWS',
      gsi1sk: '7',
      label: 'ROW 7',
    });
    const again = await runMigrations(t, [addIndexKey, rename]);
    expect(again).toMatchObject({ finished: true, updated: 0 });
    expect(again.migrations.map((m) => m.outcome)).toEqual(['already-done', 'already-done']);
  });

  it('an item without version that live traffic changed after the read is re-read, not overwritten', async () => {
    const t = await freshTable();
    await putAll(t, rows(3));
    const racing = documentClient(await testEndpoint());
    let raced = false;
    racing.middlewareStack.add(
      (next) => async (args) => {
        const input: unknown = args.input;
        if (!raced && typeof input === 'object' && input !== null && 'UpdateExpression' in input) {
          raced = true;
          // Live code writes every row with its index key now (and another name).
          await ddb.send(
            new PutCommand({
              TableName: t.tableName,
              Item: { ...rows(3)[0]!, name: 'live', gsi1pk: 'T1#ROWS', gsi1sk: '0' },
            }),
          );
        }
        return next(args);
      },
      { step: 'initialize', name: 'liveWrite' },
    );
    const run = await runMigrations({ ddb: racing, tableName: t.tableName }, [addIndexKey]);
    racing.destroy();
    expect(raced).toBe(true);
    expect(run.migrations[0]).toMatchObject({ outcome: 'done', conflicts: 1, updated: 2, unchanged: 1 });
    expect(await get(t, 'T1#ROW#0', 'ROW')).toMatchObject({ name: 'live', gsi1pk: 'T1#ROWS' });
  });

  it('waits while another run holds the migration, and takes it over from its page once the lease has passed', async () => {
    const t = await freshTable();
    await putAll(t, rows(12));
    let now = new Date('2026-12-06T10:00:00Z');
    const clocked = { ...t, now: () => now };
    const stopped = await runMigrations(clocked, [addIndexKey], { pageSize: 5, maxPages: 1 });
    expect(stopped.migrations[0]!.outcome).toBe('stopped');
    // Another run holds it (as a run that died mid-page would, until its lease ends).
    const [progress] = await migrationProgress(t);
    await ddb.send(
      new PutCommand({
        TableName: t.tableName,
        Item: { ...progress, status: 'running', runId: 'other', leaseUntil: '2026-12-06T10:05:00.000Z' },
      }),
    );
    const busy = await runMigrations(clocked, [addIndexKey], { pageSize: 5 });
    expect(busy).toMatchObject({ finished: false, updated: 0, migrations: [{ outcome: 'busy', pages: 0 }] });

    now = new Date('2026-12-06T10:06:00Z');
    const takeover = await runMigrations(clocked, [addIndexKey], { pageSize: 5 });
    expect(takeover.finished).toBe(true);
    expect(stopped.updated + takeover.updated).toBe(12);
    const [done] = await migrationProgress(t);
    expect(done).toMatchObject({ status: 'done', updated: 12, matched: 12 });
    expect(done!.runId).toBeUndefined();
  });

  it('stops with the error, recorded, when a migration would move an item to another key', async () => {
    const t = await freshTable();
    await putAll(t, rows(1));
    const moving: Migration = {
      ...addIndexKey,
      id: 'test-0003-move',
      apply: (item) => ({ ...item, sk: 'OTHER' }),
    };
    await expect(runMigrations(t, [moving])).rejects.toThrow('changed the key of T1#ROW#0 / ROW');
    expect(await get(t, 'T1#ROW#0', 'ROW')).toBeDefined();
    // Stopped with the error at its last page, not held: the corrected migration runs at once.
    expect((await migrationProgress(t))[0]).toMatchObject({
      status: 'stopped',
      updated: 0,
      lastError: expect.stringContaining('changed the key'),
    });
    const fixed = await runMigrations(t, [{ ...moving, apply: addIndexKey.apply }]);
    expect(fixed).toMatchObject({ finished: true, updated: 1 });
    expect((await migrationProgress(t))[0]!.lastError).toBeUndefined();
  });
});
