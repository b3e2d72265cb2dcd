// The client file's timeline orders records by the instant they happened, not by the text of the
// time: contacts given with different offsets (+02:00, +01:00, Z) come newest first, across pages
// too; records keyed by their text before (the previous layout) are re-keyed by migration
// intake-0002-timeline-instant-keys.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RuntimeEnv } from '@spolu/platform';
import { runMigrations } from '@spolu/platform';
import { manifest } from '../manifest';
import { keys } from '../src/store';
import type { World } from './fixtures';
import { namedClient, startWorld } from './fixtures';

interface FileItem {
  kind: string;
  id: string;
  at: string;
}
interface FilePage {
  items: FileItem[];
  nextCursor?: string;
}

let w: World;
let env: RuntimeEnv;
let clientId: string;
/** The contacts as recorded, each with the time text it was given. */
const contacts: { id: string; occurredAt: string; instant: number }[] = [];

/** The instant written in local time with that offset, e.g. `2026-12-06T12:30:00+02:00`. */
const withOffset = (instant: Date, hours: number) => {
  const local = new Date(instant.getTime() + hours * 3_600_000).toISOString().slice(0, 19);
  const sign = hours < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
};

const record = async (occurredAt: string) => {
  const res = await w.spektrum.post<{ id: string }>('/contacts', {
    serviceId: w.services.kontakt,
    kind: 'client',
    clientId,
    occurredAt,
    durationMinutes: 15,
    place: { kind: 'centre' },
    interventions: [{ type: 'counselling' }],
  });
  if (res.status !== 201) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
  contacts.push({ id: res.body.id, occurredAt, instant: Date.parse(occurredAt) });
};

const contactIdsInFile = async (limit: number) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const res = await w.spektrum.get<FilePage>(`/clients/${clientId}/file?${query}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.items.filter((i) => i.kind === 'contact').map((i) => i.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
};

const newestFirst = () => [...contacts].sort((x, y) => y.instant - x.instant).map((c) => c.id);
const byTextNewestFirst = () =>
  [...contacts].sort((x, y) => (x.occurredAt < y.occurredAt ? 1 : -1)).map((c) => c.id);

beforeAll(async () => {
  w = await startWorld();
  env = w.rt.envs.get('intake')!;
  const res = await w.spektrum.post<{ id: string }>('/clients', namedClient(w.services.kontakt));
  clientId = res.body.id;
  const base = new Date(Math.floor((w.rt.clock.now().getTime() - 5 * 3_600_000) / 60_000) * 60_000);
  const minutes = (m: number) => new Date(base.getTime() + m * 60_000);
  // Happened at base+30, +60 and +45 minutes; as text, +02:00 sorts last and Z first.
  await record(withOffset(minutes(30), 2));
  await record(minutes(60).toISOString());
  await record(withOffset(minutes(45), 1));
});
afterAll(async () => {
  await w.rt.stop();
});

describe('client file timeline', () => {
  it('the text order of the times is not their order in time (the case this is about)', () => {
    expect(byTextNewestFirst()).not.toEqual(newestFirst());
  });

  it('lists contacts given with different offsets newest first by instant', async () => {
    expect(await contactIdsInFile(25)).toEqual(newestFirst());
  });

  it('keeps that order across pages', async () => {
    expect(await contactIdsInFile(1)).toEqual(newestFirst());
  });

  it('migration intake-0002 re-keys rows stored by the text of their time', async () => {
    const t = w.providers.spektrum;
    // The previous layout: gsi1sk `<occurredAt as given>#contact#<id>`.
    for (const c of contacts) {
      const item = (
        await env.ddb.send(
          new GetCommand({ TableName: env.tableName, Key: keys.contact(t, c.id), ConsistentRead: true }),
        )
      ).Item!;
      await env.ddb.send(
        new PutCommand({
          TableName: env.tableName,
          Item: { ...item, gsi1sk: `${c.occurredAt}#contact#${c.id}` },
        }),
      );
    }
    expect(await contactIdsInFile(25)).toEqual(byTextNewestFirst());

    const timelineMigration = (manifest.migrations ?? []).filter(
      (m) => m.id === 'intake-0002-timeline-instant-keys',
    );
    expect(timelineMigration).toHaveLength(1);
    const run = await runMigrations(env, timelineMigration);
    expect(run.finished).toBe(true);
    // The row given in UTC already has its key; the two with offsets change.
    expect(run.updated).toBe(
      contacts.filter((c) => c.occurredAt !== new Date(c.instant).toISOString()).length,
    );
    expect(run.updated).toBe(2);
    expect(await contactIdsInFile(25)).toEqual(newestFirst());
    // Run again: every row is already right.
    const again = await runMigrations(env, timelineMigration, { rerun: true });
    expect(again.updated).toBe(0);
  });
});
