// GET /appointments: a provider's appointments across its clients in a time window (the
// worklist's "today"), never another provider's, optionally one worker's, paged by cursor.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@spolu/contracts';
import { actor } from '../../../packages/local/test-support/harness';
import type { World } from './fixtures';
import { anonymousClient, namedClient, startWorld } from './fixtures';

type Appt = { id: string; clientId: string; scheduledAt: string; workerId: string };
type Page = { items: Appt[]; nextCursor?: string };
type Problem = { status: number; errors?: { field?: string; path?: string }[] };

let w: World;
let dayStart: Date;
const at = (hours: number) => new Date(dayStart.getTime() + hours * 3_600_000).toISOString();
const list = (a: World['spektrum'], q: Record<string, string>) =>
  a.get<Page & Problem>(`/appointments?${new URLSearchParams(q).toString()}`);
const today = () => ({ from: at(0), to: at(24) });

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

const mine: Appt[] = [];
let colleague: World['spektrum'];
let foreign: Appt;

beforeAll(async () => {
  w = await startWorld();
  const now = w.rt.clock.now();
  dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  colleague = await actor(w.rt, { sub: newId(), tenantId: w.providers.spektrum, roles: ['worker'] });
  const a = (await w.spektrum.post<{ id: string }>('/clients', anonymousClient(w.services.kontakt))).body.id;
  const b = (await w.spektrum.post<{ id: string }>('/clients', anonymousClient(w.services.kontakt))).body.id;
  // Booked out of order and with an offset: the list orders by instant.
  mine.push(await book(w.spektrum, a, w.services.kontakt, at(15)));
  mine.push(await book(w.spektrum, b, w.services.kontakt, `${at(9).slice(0, 19)}+00:00`));
  mine.push(await book(colleague, a, w.services.kontakt, at(11)));
  await book(w.spektrum, a, w.services.kontakt, at(24)); // tomorrow 00:00: outside [from, to)
  await book(w.spektrum, b, w.services.kontakt, at(-1)); // yesterday
  // FOKUS books at the same hours: never in Spektrum's list.
  const f = (await w.fokus.post<{ id: string }>('/clients', namedClient(w.services.std))).body.id;
  foreign = await book(w.fokus, f, w.services.std, at(10));
});
afterAll(async () => {
  await w.rt.stop();
});

describe("GET /appointments: the provider's appointments in a window", () => {
  it("lists today's appointments of the caller's provider only, earliest first", async () => {
    const res = await list(w.spektrum, today());
    expect(res.status).toBe(200);
    expect(res.body.items.map((x) => x.id)).toEqual([mine[1]!.id, mine[2]!.id, mine[0]!.id]);
    expect(res.body.nextCursor).toBeUndefined();

    const fokus = await list(w.fokus, today());
    expect(fokus.body.items.map((x) => x.id)).toEqual([foreign.id]);
    // Another provider's workers never see them, whatever window or worker they ask for.
    const all = await list(w.kc, { ...today(), workerId: w.fokus.sub });
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([]);
  });

  it('filters by the worker who booked', async () => {
    const res = await list(w.spektrum, { ...today(), workerId: colleague.sub });
    expect(res.body.items.map((x) => x.id)).toEqual([mine[2]!.id]);
    const own = await list(w.spektrum, { ...today(), workerId: w.spektrum.sub });
    expect(own.body.items.map((x) => x.id)).toEqual([mine[1]!.id, mine[0]!.id]);
  });

  it('pages with the cursor without skipping or repeating, also when filtered', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await list(w.spektrum, { ...today(), limit: '1', ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.items.map((x) => x.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([mine[1]!.id, mine[2]!.id, mine[0]!.id]);

    const first = await list(w.spektrum, { ...today(), workerId: w.spektrum.sub, limit: '1' });
    expect(first.body.items.map((x) => x.id)).toEqual([mine[1]!.id]);
    const second = await list(w.spektrum, {
      ...today(),
      workerId: w.spektrum.sub,
      limit: '1',
      cursor: first.body.nextCursor!,
    });
    expect(second.body.items.map((x) => x.id)).toEqual([mine[0]!.id]);
  });

  it("refuses another provider's cursor", async () => {
    const first = await list(w.spektrum, { ...today(), limit: '1' });
    const res = await list(w.fokus, { ...today(), limit: '1', cursor: first.body.nextCursor! });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  const refused: [string, () => Record<string, string>][] = [
    ['no window', () => ({})],
    ['a date without time', () => ({ from: '2026-11-24', to: '2026-11-25' })],
    ['to before from', () => ({ from: at(10), to: at(9) })],
    ['an empty window', () => ({ from: at(10), to: at(10) })],
    ['more than 31 days', () => ({ from: at(0), to: at(24 * 32) })],
    ['an unknown parameter', () => ({ ...today(), clientId: newId() })],
  ];
  it.each(refused)('refuses %s as problem+json', async (_name, q) => {
    const res = await list(w.spektrum, q());
    expect([400, 422]).toContain(res.status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
