// `npm run migrate`: the command runs a region's pending migrations against DynamoDB Local, stops
// after --max-pages (exit 2) and resumes, skips what is done, and --status shows the MIGRATION items.
// It also checks the Lambda entry (platform/lambda/migrate.ts) on the same table through its env.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RuntimeEnv } from '@spolu/platform';
import { manifest as intake } from '../../../services/intake/manifest';
import { appointmentWindowKeys, keys, timelineKeys } from '../../../services/intake/src/store';
import { endpointsFile, migrateAtStart } from '../src/migrations';
import type { RegionRuntime } from '../src/runtime';
import { startTestRuntime, testEndpoint } from '../test-support/harness';

/** One expectation per intake migration, in order (a new migration needs no edit here). */
const everyIntakeMigration = (fields: Record<string, unknown>) =>
  (intake.migrations ?? []).map((m) => expect.objectContaining({ id: m.id, ...fields }));

const root = resolve(import.meta.dirname, '../../..');
let rt: RegionRuntime;
let env: RuntimeEnv;
let prefix: string;

const appointment = (n: number) => ({
  id: `appt${n}`,
  clientId: 'client1',
  scheduledAt: `2026-12-0${n}T09:30:00+01:00`,
});
/** An appointment as the intake store wrote it before cf69423: no gsi2 keys. */
const oldItem = (a: ReturnType<typeof appointment>) => ({
  ...keys.child('tenant1', a.clientId, 'appointment', a.id),
  gsi1pk: keys.timeline('tenant1', a.clientId),
  gsi1sk: `${a.scheduledAt}#appointment#${a.id}`,
  entity: 'appointment',
  version: 1,
  data: { ...a, version: 1 },
});

const migrate = async (...args: string[]) => {
  try {
    const out = await promisify(execFile)(
      join(root, 'node_modules/.bin/tsx'),
      [
        join(root, 'packages/local/src/cli/migrate.ts'),
        '--region',
        'CZ051',
        '--service',
        'intake',
        '--endpoint',
        await testEndpoint(),
        '--table-prefix',
        prefix,
        ...args,
      ],
      { cwd: root },
    );
    return { code: 0, stdout: out.stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
};

const stored = async (n: number) =>
  (
    await env.ddb.send(
      new GetCommand({
        TableName: env.tableName,
        Key: keys.child('tenant1', 'client1', 'appointment', `appt${n}`),
        ConsistentRead: true,
      }),
    )
  ).Item;

beforeAll(async () => {
  rt = await startTestRuntime([intake]);
  env = rt.envs.get('intake')!;
  prefix = env.tableName.slice(0, -'-intake'.length);
  for (const n of [1, 2, 3])
    await env.ddb.send(new PutCommand({ TableName: env.tableName, Item: oldItem(appointment(n)) }));
});
afterAll(async () => {
  await rt.stop();
});

describe('npm run migrate', () => {
  it('shows a migration never run as pending', async () => {
    const res = await migrate('--status');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('intake intake-0001-appointment-window-keys: pending (never run)');
  });

  it('stops after --max-pages with exit code 2, then resumes and finishes', async () => {
    const first = await migrate('--page-size', '1', '--max-pages', '1');
    expect(first.code).toBe(2);
    expect(first.stdout).toMatch(/CZ051 intake intake-0001-appointment-window-keys: stopped, [01] updated/);
    expect((await migrate('--status')).stdout).toMatch(
      /intake-0001-appointment-window-keys: stopped, 1 page\(s\)/,
    );

    const rest = await migrate('--page-size', '1');
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain('intake-0001-appointment-window-keys: done');
    for (const n of [1, 2, 3]) {
      const a = appointment(n);
      expect(await stored(n)).toEqual({
        ...oldItem(a),
        ...appointmentWindowKeys('tenant1', a.scheduledAt, a.id),
        // intake-0002 re-keys the timeline row by its instant (the times have an offset).
        ...timelineKeys('tenant1', a.clientId, a.scheduledAt, 'appointment', a.id),
      });
    }
    const status = await migrate('--status');
    expect(status.stdout).toMatch(
      /intake-0001-appointment-window-keys: done, \d+ page\(s\), 3 updated, 0 already right/,
    );
  });

  it('skips it once done', async () => {
    const again = await migrate();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('intake-0001-appointment-window-keys: already-done');
  });

  it("npm start runs a region's pending migrations as its runtime starts and notes its DynamoDB Local", async () => {
    const other = await startTestRuntime([intake]);
    const dataDir = mkdtempSync(join(tmpdir(), 'spolu-migrate-'));
    try {
      const table = other.envs.get('intake')!;
      await table.ddb.send(new PutCommand({ TableName: table.tableName, Item: oldItem(appointment(4)) }));
      const first = await migrateAtStart(other, [intake], await testEndpoint(), dataDir);
      // Both intake migrations re-key the old item: its gsi2 keys (0001) and its timeline key (0002).
      expect(first).toEqual([
        { service: 'intake', report: expect.objectContaining({ finished: true, updated: 2 }) },
      ]);
      expect(JSON.parse(readFileSync(endpointsFile(dataDir), 'utf8'))).toEqual({
        CZ051: await testEndpoint(),
      });
      const next = await migrateAtStart(other, [intake], await testEndpoint(), dataDir);
      expect(next[0]!.report).toMatchObject({
        finished: true,
        updated: 0,
        migrations: everyIntakeMigration({ outcome: 'already-done' }),
      });
    } finally {
      await other.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('the Lambda entry runs the same migrations from SERVICE and TABLE_NAME', async () => {
    Object.assign(process.env, {
      SERVICE: 'intake',
      TABLE_NAME: env.tableName,
      DYNAMODB_ENDPOINT: await testEndpoint(),
    });
    const { handler } = await import('@spolu/platform/lambda/migrate');
    const done = await handler({}, { getRemainingTimeInMillis: () => 900_000 });
    expect(done).toMatchObject({ service: 'intake', finished: true, updated: 0 });
    expect(done.migrations).toEqual(everyIntakeMigration({ outcome: 'already-done' }));
    const rerun = await handler({ rerun: true, pageSize: 2 });
    expect(rerun.migrations).toEqual(everyIntakeMigration({ outcome: 'done', updated: 0 }));
    // The two appointment migrations find the three appointments again, already right.
    expect(rerun.migrations.slice(0, 2)).toEqual([
      expect.objectContaining({ matched: 3, unchanged: 3 }),
      expect.objectContaining({ matched: 3, unchanged: 3 }),
    ]);
    process.env.SERVICE = 'nonexistent';
    await expect(handler({})).rejects.toThrow('SERVICE (one of directory, intake');
  });
});
