// Plans and referrals through the gateway, counted by stats: goals achieved and not, needs met
// (an active goal or an accepted referral, one subject once) and unmet (declined for no capacity,
// waitlisted, expired), referrals by reason, waiting times, recovery-phase transitions, the
// cooperation map and CSV exports; then the same figures after every plans and referrals event is
// delivered again, and after a full rebuild from the archive. stats-flows.test.ts covers the intake
// indicators and suppression; here the threshold is 1, so every figure is published as counted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { referrals, stats } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import { expectStatus } from '../../../packages/local/src/api-client';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor } from '../../../packages/local/test-support/harness';
import { manifest as plans } from '../../plans/manifest';
import { manifest as referralsService } from '../../referrals/manifest';
import { localDate, periodsOf } from '../src/domain/periods';
import type { StatsWorld } from './fixtures';
import { countTransactItems, emptyStatsTable, startStatsWorld } from './fixtures';
import { manifest as statsManifest } from '../manifest';

type Table = stats.StatsTable;
type Referral = referrals.Referral;
type Plan = { id: string; version: number; goals: { id: string; status: string }[] };

const day = 86_400_000;
const agreed = { agreedWithClient: true } as const;
const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });
const qs = (query: Record<string, string>) => `?${new URLSearchParams(query).toString()}`;

let w: StatsWorld;
let psych: ActorClient;
let month: string;
let quarter: string;
let year: string;

const table = async (indicator: string, query: Record<string, string>) =>
  expectStatus(
    await w.coordinator.get<Table>(`/stats/indicators/${indicator}/table${qs(query)}`),
    200,
    `${indicator} ${JSON.stringify(query)}`,
  );
/** Row totals by key and the total, as published. */
const byRow = (t: Table) => ({
  ...Object.fromEntries(t.rowKeys.map((k, i) => [k, t.rowTotals[i]!.value])),
  total: t.total.value,
});
const waits = (c: stats.CellValue) => [c.value, c.median, c.p90];

/** RFC 4180 with the export's leading `#` definition lines split off. */
const parseCsv = (text: string) => {
  const lines = text.split('\r\n');
  const comments = lines.filter(
    (l, i) => l.startsWith('#') && lines.slice(0, i).every((p) => p.startsWith('#')),
  );
  const body = lines.slice(comments.length).join('\r\n');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted && c === '"' && body[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) field += c;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return { comments, header: rows[0] ?? [], rows: rows.slice(1) };
};

// --- flows through the real services ------------------------------------------------------

const client = async (by: ActorClient, serviceId: string, name: string, district: string) =>
  expectStatus(
    await by.post<{ id: string }>('/clients', {
      serviceId,
      identity: {
        kind: 'named',
        name,
        birthDate: '1985-06-01',
        sex: 'female',
        contact: { phone: '+420 777 555 000' },
        district,
      },
    }),
    201,
    'client',
  ).id;

/** A FOKUS client with an agreement; plans opens the plan from intake's AgreementMade. */
const clientWithPlan = async (name: string) => {
  const id = await client(w.fokus, w.services.std, name, 'semily');
  expectStatus(
    await w.fokus.post(`/clients/${id}/agreements`, {
      serviceId: w.services.std,
      form: 'oral',
      goal: 'Zvládnout běžný den.',
    }),
    201,
    'agreement',
  );
  return id;
};

/** Applies plan changes in order, each with the ETag of the last. */
const planOf = async (clientId: string) => {
  const list = await w.fokus.get<{ items: Plan[] }>(`/plans?clientId=${clientId}`);
  let plan = list.body.items[0]!;
  const change = async (method: 'post' | 'patch' | 'put', path: string, body: object) => {
    const res = await w.fokus[method]<Plan>(
      `/plans/${plan.id}${path}`,
      { ...agreed, ...body },
      ifMatch(plan.version),
    );
    plan = expectStatus(res, method === 'post' ? 201 : 200, `${method} ${path}`);
    return plan;
  };
  const target = () => localDate(new Date(w.rt.clock.now().getTime() + 90 * day).toISOString());
  return {
    goal: async (needCodes: string[], status: 'active' | 'proposed' = 'active') =>
      (
        await change('post', '/goals', { text: 'Cíl klienta.', needCodes, targetDate: target(), status })
      ).goals.at(-1)!.id,
    status: (goalId: string, status: string) => change('patch', `/goals/${goalId}`, { status }),
    phase: (phase: string, daysAgo: number) =>
      change('put', '/recovery-phase', {
        phase,
        since: localDate(new Date(w.rt.clock.now().getTime() - daysAgo * day).toISOString()),
      }),
  };
};

const send = async (by: ActorClient, clientId: string, toServiceId: string, need: string, facts: object) => {
  const draft = expectStatus(
    await by.post<Referral>('/referrals', { clientId, toServiceId, needCodes: [need], ...facts }),
    201,
    'referral',
  );
  return expectStatus(
    await by.post<Referral>(
      `/referrals/${draft.id}/transitions`,
      { action: 'send', clientData: {} },
      ifMatch(draft.version),
    ),
    200,
    'send',
  );
};
const act = async (by: ActorClient, r: Referral, body: object) =>
  expectStatus(
    await by.post<Referral>(`/referrals/${r.id}/transitions`, body, ifMatch(r.version)),
    200,
    JSON.stringify(body),
  );

beforeAll(async () => {
  w = await startStatsWorld([plans, referralsService], { settings: { STATS_SMALL_CELL_THRESHOLD: '1' } });
  psych = await actor(w.rt, { sub: newId(), tenantId: w.providers.psych, roles: ['worker'] });

  // Everything below happens from the 10th of next month on, so the waits (whole days, the
  // runtime clock moved on) and the expiry 15 days later all fall into one month.
  const now = w.rt.clock.now();
  const [y, m] = localDate(now.toISOString()).split('-').map(Number) as [number, number];
  w.rt.clock.advance(Date.UTC(m === 12 ? y + 1 : y, m % 12, 10, 9) - now.getTime());
  [month, quarter, year] = periodsOf(w.rt.clock.now().toISOString());

  // FOKUS workshops (s67, Semily): three clients with plans.
  const [f1, f2, f3] = [
    await clientWithPlan('Jana Horká'),
    await clientWithPlan('Eva Malá'),
    await clientWithPlan('Petra Nová'),
  ] as [string, string, string];
  // Contact centre (s59, Liberec): four clients its workers refer on.
  const [s1, s2, s3, s4, s5] = [
    await client(w.spektrum, w.services.kontakt, 'Karel Dlouhý', 'liberec'),
    await client(w.spektrum, w.services.kontakt, 'Pavel Krátký', 'liberec'),
    await client(w.spektrum, w.services.kontakt, 'Tomáš Malý', 'liberec'),
    await client(w.spektrum, w.services.kontakt, 'Jan Velký', 'liberec'),
    await client(w.spektrum, w.services.kontakt, 'Adam Rychlý', 'liberec'),
  ] as [string, string, string, string, string];
  await w.rt.settle();

  // Goals: F1 achieves work habits and does not achieve the leisure goal, and sets a second
  // work-habits goal (still one client with that need met); F2's proposed goal becomes active,
  // then is dropped; F3's goal for both needs is partly achieved.
  const p1 = await planOf(f1);
  const work = await p1.goal(['work-habits']);
  const leisure = await p1.goal(['leisure-social-contact']);
  await p1.goal(['work-habits']);
  await p1.status(work, 'achieved');
  await p1.status(leisure, 'not-achieved');
  const p2 = await planOf(f2);
  const proposed = await p2.goal(['work-habits'], 'proposed');
  await p2.status(proposed, 'active');
  await p2.status(proposed, 'dropped');
  const p3 = await planOf(f3);
  const both = await p3.goal(['work-habits', 'leisure-social-contact']);
  await p3.status(both, 'partly-achieved');
  // Recovery phases: stabilisation x3, re-orientation x2, re-integration x1.
  await p1.phase('stabilisation', 3);
  await p1.phase('re-orientation', 1);
  await p2.phase('stabilisation', 2);
  await p3.phase('stabilisation', 3);
  await p3.phase('re-orientation', 2);
  await p3.phase('re-integration', 0);

  // Referrals, all sent now.
  const liberec = { ageBand: '27-64', district: 'liberec', targetGroup: 'substance-users' };
  const semily = { ageBand: '27-64', district: 'semily', targetGroup: 'chronic-mental-illness' };
  const r1 = await send(w.spektrum, s1, w.services.std, 'work-habits', liberec);
  const r2 = await send(w.spektrum, s2, w.services.std, 'work-habits', liberec);
  const r3 = await send(w.spektrum, s3, w.services.psych, 'mental-health', liberec);
  const r4 = await send(w.spektrum, s4, w.services.psych, 'mental-health', liberec);
  const r5 = await send(w.spektrum, s5, w.services.nzdm, 'leisure-social-contact', liberec);
  await send(w.fokus, f1, w.services.psych, 'mental-health', semily); // nobody answers: expires
  // F1 also gets a place at the contact centre for work habits: the need was met by a goal already.
  const r7 = await send(w.fokus, f1, w.services.kontakt, 'work-habits', semily);
  await act(psych, r3, { action: 'decline', reason: 'no-capacity' });
  await act(w.nzdm, r5, { action: 'decline', reason: 'not-eligible' });
  const waiting = await act(psych, r4, {
    action: 'waitlist',
    expectedDate: localDate(new Date(w.rt.clock.now().getTime() + 7 * day).toISOString()),
  });

  // The answers, days later (the runtime clock moves; whole days from sentAt).
  w.rt.clock.advance(2 * day);
  const a1 = await act(w.fokus, r1, { action: 'accept' }); // 2 days
  w.rt.clock.advance(day);
  await act(w.spektrum, r7, { action: 'accept' }); // 3 days
  w.rt.clock.advance(day);
  const a2 = await act(w.fokus, r2, { action: 'accept' }); // 4 days
  w.rt.clock.advance(day);
  await act(w.fokus, a1, { action: 'start' }); // started after 5 days
  w.rt.clock.advance(2 * day);
  await act(psych, waiting, { action: 'accept' }); // 7 days, after the waiting list
  w.rt.clock.advance(2 * day);
  await act(w.fokus, a2, { action: 'start' }); // started after 9 days
  w.rt.clock.advance(6 * day); // 15 days: past the psychiatry's 14-day response period
  await w.rt.runSchedule('referrals', 'expiry');
  await w.rt.settle();
  expect(w.rt.bus.deadLetters).toEqual([]);
}, 300_000);

afterAll(() => w?.rt.stop());

// --- the figures ----------------------------------------------------------------------------

const snapshot = async () =>
  JSON.stringify(
    await Promise.all([
      table('goals-achieved', { period: month, rows: 'need' }),
      table('goals-not-achieved', { period: year, rows: 'need' }),
      table('needs-met', { period: month, rows: 'need', columns: 'serviceType' }),
      table('needs-met', { period: quarter }),
      table('needs-unmet', { period: month, rows: 'need', columns: 'district' }),
      table('referrals-sent', { period: month, rows: 'serviceType' }),
      table('referrals-declined', { period: month, rows: 'reason' }),
      table('wait-sent-to-accepted', { period: month, rows: 'serviceType' }),
      table('wait-sent-to-started', { period: year }),
      table('recovery-transitions', { period: month, rows: 'phase', columns: 'district' }),
      w.coordinator.get(`/stats/cooperation${qs({ period: month })}`).then((r) => r.body),
    ]),
  );

describe('plans and referrals, counted', () => {
  it('counts goals achieved and not achieved, once in the totals and once under each need', async () => {
    expect(byRow(await table('goals-achieved', { period: month, rows: 'need' }))).toEqual({
      'leisure-social-contact': 1,
      'work-habits': 2,
      total: 2,
    });
    expect(byRow(await table('goals-not-achieved', { period: month, rows: 'need' }))).toEqual({
      'leisure-social-contact': 1,
      'work-habits': 1,
      total: 2,
    });
    // Quarter and year are their own counters, equal here (one month of activity).
    expect((await table('goals-achieved', { period: quarter })).total.value).toBe(2);
    expect((await table('goals-not-achieved', { period: year })).total.value).toBe(2);
  });

  it('counts needs met by an active goal or an accepted referral, each client once', async () => {
    const met = await table('needs-met', { period: month, rows: 'need', columns: 'serviceType' });
    // work-habits: F1, F2 (proposed, then active), F3 by goals; S1, S2 accepted by the workshops;
    // F1 again by the contact centre's acceptance -> 5 clients, F1 once in the row total.
    expect(byRow(met)).toEqual({
      'leisure-social-contact': 2,
      'mental-health': 1,
      'work-habits': 5,
      total: 6,
    });
    expect(met.columnKeys).toEqual(['health-psychiatry', 's59', 's67']);
    expect(met.cells.map((r) => r.map((c) => c.value))).toEqual([
      [0, 0, 2],
      [1, 0, 0],
      [0, 1, 5],
    ]);
    expect((await table('needs-met', { period: year })).total.value).toBe(6);
  });

  it('counts needs unmet: declined for no capacity, waitlisted, expired — not other declines', async () => {
    const unmet = await table('needs-unmet', { period: month, rows: 'need', columns: 'district' });
    expect(byRow(unmet)).toEqual({ 'mental-health': 3, total: 3 });
    expect(unmet.columnKeys).toEqual(['liberec', 'semily']);
    expect(unmet.cells).toEqual([[{ value: 2 }, { value: 1 }]]);
  });

  it('counts referrals sent, accepted and declined by reason', async () => {
    expect(byRow(await table('referrals-sent', { period: month, rows: 'serviceType' }))).toEqual({
      'health-psychiatry': 3,
      s59: 1,
      s62: 1,
      s67: 2,
      total: 7,
    });
    expect(byRow(await table('referrals-accepted', { period: month, rows: 'serviceType' }))).toEqual({
      'health-psychiatry': 1,
      s59: 1,
      s67: 2,
      total: 4,
    });
    expect(byRow(await table('referrals-declined', { period: month, rows: 'reason' }))).toEqual({
      'no-capacity': 1,
      'not-eligible': 1,
      total: 2,
    });
  });

  it('measures waiting times: median and p90 of whole days from sending', async () => {
    const accepted = await table('wait-sent-to-accepted', { period: month, rows: 'serviceType' });
    // 2, 3, 4, 7 days: median (2nd of 4) 3, p90 (4th) 7.
    expect(waits(accepted.total)).toEqual([4, 3, 7]);
    expect(accepted.rowKeys).toEqual(['health-psychiatry', 's59', 's67']);
    expect(accepted.rowTotals.map(waits)).toEqual([
      [1, 7, 7],
      [1, 3, 3],
      [2, 2, 4],
    ]);
    const started = await table('wait-sent-to-started', { period: month });
    expect(waits(started.total)).toEqual([2, 5, 9]);
  });

  it('counts recovery-phase transitions by the phase entered', async () => {
    expect(byRow(await table('recovery-transitions', { period: month, rows: 'phase' }))).toEqual({
      're-integration': 1,
      're-orientation': 2,
      stabilisation: 3,
      total: 6,
    });
  });

  it('maps cooperation between providers from referrals sent', async () => {
    const res = await w.coordinator.get<{ edges: { from: string; to: string; weight: number }[] }>(
      `/stats/cooperation${qs({ period: month })}`,
    );
    const p = w.providers;
    const names = new Map(Object.entries(p).map(([k, v]) => [v, k]));
    expect(res.body.edges.map((e) => `${names.get(e.from)}->${names.get(e.to)}:${e.weight}`).sort()).toEqual([
      'fokus->psych:1',
      'fokus->spektrum:1',
      'spektrum->fokus:2',
      'spektrum->nzdm:1',
      'spektrum->psych:2',
    ]);
  });

  it('exports text/csv (RFC 4180 with delimiter=comma), the definitions as their own export', async () => {
    const res = await w.coordinator.get<string>(
      `/stats/exports/indicator${qs({ indicator: 'wait-sent-to-accepted', period: month, rows: 'serviceType', delimiter: 'comma', lang: 'en' })}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="CZ051-wait-sent-to-accepted-${month}.csv"`,
    );
    // (The test client decodes the body and drops the BOM; planner-reports.test.ts reads the bytes.)
    const csv = parseCsv(res.body);
    expect(csv.comments).toEqual([]);
    expect(csv.header).toEqual([
      'Region',
      'Region code',
      'Period',
      'Indicator',
      'Indicator code',
      'Service type',
      'Service type code',
      'Value',
      'Protected',
      'Median (days)',
      'P90 (days)',
    ]);
    expect(csv.rows.map((r) => [r[6], r[7], r[8], r[9], r[10]])).toEqual([
      ['health-psychiatry', '1', '', '7', '7'],
      ['s59', '1', '', '3', '3'],
      ['s67', '2', '', '2', '4'],
      ['', '4', '', '3', '7'],
    ]);
    expect(csv.rows.map((r) => r[5])).toEqual([
      'Outpatient psychiatry (health service)',
      'Contact centres (§59)',
      'Social therapy workshops (§67)',
      'Total',
    ]);
    const defs = parseCsv(
      (await w.coordinator.get<string>('/stats/exports/definitions?delimiter=comma&lang=en')).body,
    );
    // The formula holds commas and quotes: it survives the round trip.
    const needsMet = defs.rows.find((r) => r[0] === 'needs-met')!;
    expect(needsMet[defs.header.indexOf('Formula')]).toMatch(
      /^Distinct subject keys with a need linked to a goal/,
    );
    const bad = await w.coordinator.get('/stats/exports/indicator?period=2026-13');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('the same figures after duplicates and a rebuild', () => {
  it('counts nothing twice when every plans and referrals event is delivered again', async () => {
    const before = await snapshot();
    const replayed = await w.rt.bus.replay(
      (e) => e.event.source === 'spolu.plans' || e.event.source === 'spolu.referrals',
      'stats-events',
    );
    await w.rt.settle();
    expect(replayed).toBeGreaterThan(30);
    expect(await snapshot()).toBe(before);
  });

  it('rebuilds from the archive in reverse order to identical numbers, in a bounded number of writes', async () => {
    const before = await snapshot();
    await emptyStatsTable(w.rt);
    expect((await table('needs-met', { period: month })).total.value).toBe(0);

    const subscribed = new Set(
      statsManifest.handlers.events!.subscriptions!.flatMap((s) =>
        s.types.map((t) => `spolu.${s.source}:${t}`),
      ),
    );
    const events = w.rt.bus.archive.filter(
      (e) =>
        subscribed.has(`${e.event.source}:${e.event['detail-type']}`) && e.event.source !== 'spolu.directory',
    ).length;
    // Out of order: the archive backwards (services after the clients that use them).
    const archive = [...w.rt.bus.archive];
    w.rt.bus.archive.reverse();
    let written = 0;
    try {
      // The items of the consumer's committed transactions (the real calls, only counted).
      written = await countTransactItems(w.rt, async () => {
        await w.rt.bus.replay(() => true, 'stats-events');
        await w.rt.settle();
      });
    } finally {
      w.rt.bus.archive.splice(0, w.rt.bus.archive.length, ...archive);
    }
    expect(w.rt.bus.deadLetters).toEqual([]);
    expect(await snapshot()).toBe(before);
    // One item per cell touched, not per indicator x period x cell (was ~80 per event).
    expect(written).toBeGreaterThan(events);
    expect(written / events).toBeLessThan(30);
  });
});
