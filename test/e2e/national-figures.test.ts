// National figures (issue 23 item 5, docs/NATIONAL.md): the three seeded regions' stats services,
// each its own runtime with its own table on DynamoDB Local, get a small generated caseload as
// events on their own buses; each region exports its exact cells (no client data, no keys) and
// the national store (hosted by the first region, as under `npm start`) adds them up. Checked:
// the national stack's exact figures are the sums of the regions' ground truth; its published
// figures are protected like a region's (small and one-region cells hidden, noise at most ±2);
// the national route is the national coordinator's only, who in turn gets nothing of a region;
// the export payload holds no subject key, client id or provider id; and the disclosure auditor
// (services/stats/src/audit), reading every regional table of the three regions and the national
// tables together, with national = the sum of the regions as a relation its LPs know, pins no
// small cell of a region nor of the nation (and does find the leak of an exact national table).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { RegionCode, stats } from '@spolu/contracts';
import { districtsOf, newId } from '@spolu/contracts';
import { ulid } from 'ulid';
import { seededRegions } from '../../packages/local/src/local-regions';
import { prng } from '../../packages/local/src/seed/timeline';
import { feedNational } from '../../packages/local/src/national-feed';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { ActorClient } from '../../packages/local/test-support/harness';
import { actor, startTestRuntime } from '../../packages/local/test-support/harness';
import { manifest as statsManifest } from '../../services/stats/manifest';
import type { AuditResult, Collected, Method } from '../../services/stats/src/audit/auditor';
import {
  audit,
  cellKeyIntervals,
  collect,
  parseVar,
  perTableIntervals,
  scopedKey,
  targetsOf,
} from '../../services/stats/src/audit/auditor';
import { cellId, dimSetOfCell } from '../../services/stats/src/domain/cells';
import { dimensionsOf } from '../../services/stats/src/domain/definitions';
import { bucketAttribute, bucketOf } from '../../services/stats/src/domain/histogram';
import type { RegionExport } from '../../services/stats/src/domain/national';
import { combineNational } from '../../services/stats/src/domain/national';
import { daysBetween, periodsOf } from '../../services/stats/src/domain/periods';
import { nationalRegionCells } from '../../services/stats/src/national';

jest.setTimeout(120_000);

type Dimension = stats.Dimension;
type Facts = Partial<Record<Dimension, string>>;
type Indicator = 'clients' | 'new-clients' | 'referrals-accepted' | 'wait-sent-to-accepted';
const indicators: Indicator[] = ['clients', 'new-clients', 'referrals-accepted', 'wait-sent-to-accepted'];

const year = '2025';
const regions: RegionCode[] = seededRegions;
const runtimes = new Map<RegionCode, RegionRuntime>();
const providers = new Map<RegionCode, [string, string]>();
/** Ground truth: `indicator|period|cell` -> region -> the units counted there (subject keys for
 * unique clients, event ids for counts), and waiting days per unit. */
const truth = new Map<string, Map<RegionCode, Set<string>>>();
const waits = new Map<string, number[]>();
/** Every identifier of a client or a provider the events carried: none may leave a region. */
const secrets = new Set<string>();
let exports: RegionExport[] = [];

let seed = 23;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;

// The identifiers the events carry (subject keys, event and client ids) decide each cell's key, and
// so the perturbation every published figure gets. They come from a seed of their own: new each run,
// so the attacks below meet other perturbations every time; printed with any leak and replayed with
// SPOLU_NATIONAL_SEED=<seed> (as the fault-injection test's seed).
const idSeed = Number(process.env.SPOLU_NATIONAL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const idRandom = prng(`national-ids-${idSeed}`);
let idTime = Date.parse('2026-01-01T00:00:00Z');
const seededId = () => ulid(idTime++, idRandom.next);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

const count = (indicator: Indicator, region: RegionCode, at: string, facts: Facts, unit: string) => {
  for (const period of periodsOf(at))
    for (const dims of [[], ...dimensionsOf(indicator)] as Dimension[][]) {
      if (dims.includes('provider') || !dims.every((d) => facts[d] !== undefined)) continue;
      const key = `${indicator}|${period}|${cellId(dims, facts)}`;
      const byRegion = truth.get(key) ?? new Map<RegionCode, Set<string>>();
      byRegion.set(region, (byRegion.get(region) ?? new Set()).add(unit));
      truth.set(key, byRegion);
    }
};
const trueCount = (key: string) =>
  [...(truth.get(key)?.values() ?? [])].reduce((n, units) => n + units.size, 0);

type Event = { source: string; type: string; detail: Record<string, unknown> };
const events = new Map<RegionCode, Event[]>();
const envelope = (region: RegionCode, type: string, tenantId: string, occurredAt: string, data: object) => ({
  id: seededId(),
  type,
  version: 1,
  occurredAt,
  tenantId,
  region,
  subject: { type: 'client', id: seededId(), revision: 1 },
  data,
});

/** A registered client (clients, new clients) in a region. */
const register = (region: RegionCode, p: Facts & { at: string; provider: string }) => {
  const subjectKey = `sk-${seededId()}`;
  const clientId = seededId();
  const facts = {
    district: p.district!,
    serviceType: p.serviceType!,
    targetGroup: p.targetGroup!,
    ageBand: p.ageBand!,
    sex: p.sex!,
  };
  const detail = envelope(region, 'ClientRegistered', p.provider, p.at, {
    clientId,
    subjectKey,
    serviceId: seededId(),
    ...facts,
    anonymous: false,
  });
  [subjectKey, clientId, detail.id, detail.subject.id].forEach((s) => secrets.add(s));
  count('clients', region, p.at, facts, subjectKey);
  count('new-clients', region, p.at, facts, detail.id);
  events.get(region)!.push({ source: 'spolu.intake', type: 'ClientRegistered', detail });
};

/** An accepted referral (referrals accepted, waiting time sent -> accepted). */
const accept = (region: RegionCode, p: Facts & { at: string; provider: string; waitedDays: number }) => {
  const [sender] = providers.get(region)!;
  const facts = {
    district: p.district!,
    serviceType: p.serviceType!,
    targetGroup: p.targetGroup!,
    ageBand: p.ageBand!,
  };
  const subjectKey = `sk-${seededId()}`;
  const sentAt = new Date(Date.parse(p.at) - p.waitedDays * 86_400_000).toISOString();
  const detail = envelope(region, 'ReferralAccepted', p.provider, p.at, {
    referralId: seededId(),
    senderProviderId: sender,
    receiverProviderId: p.provider,
    serviceId: seededId(),
    ...facts,
    internal: sender === p.provider,
    needCodes: [],
    subjectKey,
    status: 'accepted',
    previousStatus: 'received',
    at: p.at,
    sentAt,
  });
  [subjectKey, detail.id, detail.subject.id, (detail.data as { referralId: string }).referralId].forEach(
    (s) => secrets.add(s),
  );
  count('referrals-accepted', region, p.at, facts, detail.id);
  count('wait-sent-to-accepted', region, p.at, facts, detail.id);
  for (const period of periodsOf(p.at)) {
    const key = `wait-sent-to-accepted|${period}|region#-`;
    waits.set(key, [...(waits.get(key) ?? []), daysBetween(sentAt, p.at)]);
  }
  events.get(region)!.push({ source: 'spolu.referrals', type: 'ReferralAccepted', detail });
};

const at = (month: string) =>
  `${year}-${month}-${String(3 + Math.floor(rand() * 24)).padStart(2, '0')}T10:00:00.000Z`;
const base = { targetGroup: 'substance-users', ageBand: '27-64', sex: 'male' };

/** The caseload: every region a spread of clients over its districts, service types and months,
 * plus three planted cells: `s70` in March with 1 + 2 + 0 clients (small nationally), `health-detox`
 * in April only in the third region (one region's cell), `s59` in May with 6 + 7 + 8 (large). */
const generate = () => {
  for (const [i, region] of regions.entries()) {
    const ds = districtsOf(region)
      .slice(0, 3)
      .map((d) => d.code);
    const [p1, p2] = providers.get(region)!;
    for (let c = 0; c < 10; c++)
      register(region, {
        at: at(pick(['01', '02', '03', '04', '05', '06'])),
        provider: pick([p1, p2]),
        district: pick(ds),
        serviceType: pick(['s59', 's69']),
        targetGroup: pick(['substance-users', 'children-and-youth']),
        ageBand: pick(['19-26', '27-64']),
        sex: pick(['female', 'male']),
      });
    for (let c = 0; c < [1, 2, 0][i]!; c++)
      register(region, {
        ...base,
        at: `${year}-03-10T10:00:00.000Z`,
        provider: p1,
        district: ds[0],
        serviceType: 's70',
      });
    if (i === 2)
      for (let c = 0; c < 8; c++)
        register(region, {
          ...base,
          at: `${year}-04-10T10:00:00.000Z`,
          provider: pick([p1, p2]),
          district: ds[1],
          serviceType: 'health-detox',
        });
    for (let c = 0; c < 6 + i; c++)
      register(region, {
        ...base,
        at: `${year}-05-12T10:00:00.000Z`,
        provider: pick([p1, p2]),
        district: ds[0],
        serviceType: 's59',
      });
    for (let c = 0; c < 5; c++)
      accept(region, {
        ...base,
        at: at(pick(['02', '05'])),
        provider: pick([p1, p2]),
        district: pick(ds),
        serviceType: 's59',
        waitedDays: Math.floor(rand() * 20),
      });
  }
};

let host: RegionRuntime;
let national: ActorClient;
let coordinator: ActorClient;

beforeAll(async () => {
  for (const region of regions) {
    providers.set(region, [newId(), newId()]);
    providers.get(region)!.forEach((p) => secrets.add(p));
    events.set(region, []);
  }
  generate();
  // The three regions side by side, each with its own stats table and bus (one stack per kraj).
  await Promise.all(
    regions.map(async (region) => runtimes.set(region, await startTestRuntime([statsManifest], { region }))),
  );
  host = runtimes.get(regions[0]!)!;
  // A few events at a time per region, settled in between (region totals are hot cells: many
  // concurrent transactions on them time out on DynamoDB Local's locks).
  await Promise.all(
    regions.map(async (region) => {
      const rt = runtimes.get(region)!;
      const list = events.get(region)!;
      for (let i = 0; i < list.length; i += 6) {
        await rt.bus.putEvents(
          list.slice(i, i + 6).map((e) => ({
            Source: e.source,
            DetailType: e.type,
            Detail: JSON.stringify(e.detail),
            EventBusName: `spolu-${region}`,
          })),
        );
        await rt.settle();
      }
      expect(rt.bus.deadLetters).toEqual([]);
    }),
  );
  exports = await feedNational(
    host,
    regions.map((r) => runtimes.get(r)!),
    [year],
  );
  national = await actor(host, { sub: newId(), roles: ['national-coordinator'] });
  coordinator = await actor(host, { sub: newId(), roles: ['regional-coordinator'] });
});

afterAll(async () => {
  await Promise.all([...runtimes.values()].map((rt) => rt.stop()));
});

const nationalTable = async (indicator: Indicator, query: Record<string, string>) => {
  const res = await national.get<stats.NationalStatsTable>(
    `/stats/national/indicators/${indicator}/table?${new URLSearchParams(query)}`,
  );
  expect(res.status).toBe(200);
  return res.body;
};

describe("national figures from the regions' exports", () => {
  it("the national stack's exact figures are the sums of the regions' ground truth", async () => {
    const periods = [`${year}-03`, `${year}-05`, `${year}-Q1`, `${year}-Q2`, year];
    let checked = 0;
    for (const indicator of indicators)
      for (const period of periods) {
        const exact = combineNational(
          await nationalRegionCells(host.envs.get('stats')!, indicator, period),
          'test',
        );
        const prefix = `${indicator}|${period}|`;
        const expected = [...truth.keys()].filter((k) => k.startsWith(prefix));
        for (const key of expected) {
          expect([key, exact.get(key.slice(prefix.length))?.n]).toEqual([key, trueCount(key)]);
          checked++;
        }
        // No national cell the regions did not count (the twins by region aside).
        const national = [...exact.keys()].filter((id) => !dimSetOfCell(id).split('+').includes('provider'));
        expect(national.filter((id) => !truth.has(prefix + id))).toEqual([]);
        // Waiting times: the histogram of the national total is the regions' waits together.
        if (indicator === 'wait-sent-to-accepted' && waits.has(`${prefix}region#-`)) {
          const buckets = new Map<string, number>();
          for (const days of waits.get(`${prefix}region#-`)!) {
            const b = bucketAttribute(bucketOf(days));
            buckets.set(b, (buckets.get(b) ?? 0) + 1);
          }
          const total = exact.get('region#-')!;
          expect(Object.fromEntries(Object.entries(total).filter(([k]) => /^h\d+$/.test(k)))).toEqual(
            Object.fromEntries(buckets),
          );
        }
      }
    expect(checked).toBeGreaterThan(100);
    // Every region contributed, and unique clients are the sum of the regions' distinct counts.
    const clients = await nationalTable('clients', { period: year });
    expect(clients.regions).toEqual([...regions].sort());
  });

  it("publishes national figures with a region's protection: small and one-region cells hidden, noise at most ±2", async () => {
    let published = 0;
    let perturbed = 0;
    let hiddenSmall = 0;
    for (const indicator of ['clients', 'new-clients'] as const)
      for (const period of [`${year}-03`, `${year}-04`, `${year}-05`, `${year}-Q2`, year]) {
        const t = await nationalTable(indicator, { period, rows: 'serviceType', columns: 'district' });
        expect(t.view).toBe('region');
        expect(t.threshold).toBe(5);
        const shown = new Map<string, number | null>([
          [cellId([], {}), t.total.value],
          ...t.rowKeys.map(
            (r, i) => [cellId(['serviceType'], { serviceType: r }), t.rowTotals[i]!.value] as const,
          ),
          ...t.columnKeys.map(
            (c, j) => [cellId(['district'], { district: c }), t.columnTotals[j]!.value] as const,
          ),
          ...t.rowKeys.flatMap((r, i) =>
            t.columnKeys.map(
              (c, j) =>
                [
                  cellId(['serviceType', 'district'], { serviceType: r, district: c }),
                  t.cells[i]![j]!.value,
                ] as const,
            ),
          ),
        ]);
        // Every cell the regions counted for this table: a row or column not listed is hidden.
        const sets = ['region', 'serviceType', 'district', 'district+serviceType'];
        const prefix = `${indicator}|${period}|`;
        for (const key of [...truth.keys()].filter(
          (k) => k.startsWith(prefix) && sets.includes(dimSetOfCell(k.slice(prefix.length))),
        )) {
          const value = shown.get(key.slice(prefix.length)) ?? null;
          const n = trueCount(key);
          if (n < 5) {
            expect([key, value]).toEqual([key, null]);
            hiddenSmall++;
          }
          // A cell of one region is hidden whatever its size (the region knows its own count).
          if (truth.get(key)!.size === 1) expect([key, value]).toEqual([key, null]);
          if (value !== null) {
            published++;
            expect(Math.abs(value - n)).toBeLessThanOrEqual(2);
            if (value !== n) perturbed++;
          }
        }
      }
    expect(published).toBeGreaterThan(5);
    expect(perturbed).toBeGreaterThan(0);
    expect(hiddenSmall).toBeGreaterThan(0);
    // The planted cells: s70 in March (1 + 2 + 0: three clients nationally) is not shown exactly,
    // health-detox in April (8, one region only) is hidden, s59 in May (6 + 7 + 8) is published.
    const march = await nationalTable('clients', { period: `${year}-03`, rows: 'serviceType' });
    expect(march.rowKeys).not.toContain('s70');
    const april = await nationalTable('clients', { period: `${year}-04`, rows: 'serviceType' });
    expect(april.rowKeys).not.toContain('health-detox');
    const may = await nationalTable('clients', { period: `${year}-05`, rows: 'serviceType' });
    const s59 = may.rowTotals[may.rowKeys.indexOf('s59')]!;
    expect(Math.abs(s59.value! - trueCount(`clients|${year}-05|serviceType#s59`))).toBeLessThanOrEqual(2);
    // The same query gives the same figures.
    expect(await nationalTable('clients', { period: `${year}-05`, rows: 'serviceType' })).toEqual(may);
  });

  it('keeps the national view to the national coordinator, and the regions away from them', async () => {
    const path = `/stats/national/indicators/clients/table?period=${year}`;
    expect((await coordinator.get(path)).status).toBe(403);
    const [p1] = providers.get(host.region)!;
    const worker = await actor(host, { sub: newId(), tenantId: p1, roles: ['worker'] });
    expect((await worker.get(path)).status).toBe(403);
    // The national coordinator reads no region's tables, no provider's own view, no annual report.
    const region = `/stats/indicators/clients/table?period=${year}`;
    expect((await national.get(region)).status).toBe(403);
    expect((await national.get(`${region}&view=own`)).status).toBe(403);
    expect((await national.get(`/stats/providers/${p1}/annual-report?year=${year}`)).status).toBe(403);
    // Nor by provider nationally: there is no own view, and provider is not a national breakdown.
    expect((await national.get(`${path}&rows=provider`)).status).toBe(422);
    expect((await national.get(`${path}&view=own`)).status).toBe(422);
  });

  it('exports only exact counts: no subject key, client id, provider id or cell key leaves a region', () => {
    expect(exports.map((e) => e.region)).toEqual(regions);
    const payload = JSON.stringify(exports);
    expect([...secrets].filter((s) => payload.includes(s))).toEqual([]);
    expect(payload).not.toMatch(/sk-|provider|"k"/);
    for (const e of exports) {
      expect(Object.keys(e).sort()).toEqual(['cells', 'exportedAt', 'format', 'region', 'year']);
      for (const [key, cell] of Object.entries(e.cells)) {
        expect(key).toMatch(/^[a-z-]+\|\d{4}(-\d\d|-Q\d)?\|[a-zA-Z+]+#/);
        for (const [attr, v] of Object.entries(cell)) {
          expect(attr).toMatch(/^(n|h\d+)$/);
          expect(Number.isInteger(v)).toBe(true);
        }
      }
    }
  });
});

// The attacker of issue 17 (services/stats/test/stats-disclosure.test.ts) against both levels at
// once: every regional table of the three regions (as each region's coordinator) and every
// national table (as the national coordinator), for unique clients and accepted referrals in the
// caseload's quarters and the year. The LPs know each table's structure within its publisher (totals and
// parts, a year and its quarters) and, across publishers, that every national cell is the sum of
// the same cell of the three regions (`sums`). Targets: every true 1 … 4 of a region and of the
// nation; none may come out pinned or forced into 1 … 4.
describe('the disclosure auditor over the national and all regional tables together', () => {
  const audited = ['clients', 'referrals-accepted'] as const;
  // The caseload's quarters and its year. Q3 and Q4 are empty: left out, the year is to the
  // attacker exactly Q1 + Q2 (the truth decides each link), a stronger attacker, in less time.
  const periods = [`${year}-Q1`, `${year}-Q2`, year];
  const sums = [{ total: 'national', parts: regions }];
  const fetchAs = (client: ActorClient) => async (path: string) => {
    // The solver blocks the event loop for a while: a kept-alive socket closed meanwhile fails
    // once, so one retry.
    const get = () => client.get(path);
    const res = await get().catch(get);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** The truth as the auditor's variables: each region's count (`CZ051/clients|2025-Q1|…`) and
   * the national one, the sum (`national/…`). */
  const truthOf = () => {
    const out = new Map<string, number>();
    for (const [key, byRegion] of truth) {
      const { indicator, period, cell } = parseVar(key);
      if (!(audited as readonly string[]).includes(indicator) || !periods.includes(period)) continue;
      for (const [region, units] of byRegion) out.set(scopedKey(region, indicator, period, cell), units.size);
      out.set(scopedKey('national', indicator, period, cell), trueCount(key));
    }
    return out;
  };
  let regional: Collected[] = [];
  let nationalTables: Collected;
  const readNational = (method: Method) =>
    collect(fetchAs(national), audited, periods, method, { national: true, scope: 'national' });
  const show = (r: AuditResult) =>
    r.leaks
      .slice(0, 10)
      .map((f) => `${f.variable} true ${f.truth} in [${f.min}, ${f.max}] (SPOLU_NATIONAL_SEED=${idSeed})`)
      .join('\n');
  const scopesOf = (r: AuditResult) => new Set(r.findings.map((f) => parseVar(f.variable).scope));

  beforeAll(async () => {
    regional = await Promise.all(
      regions.map(async (region) =>
        collect(
          fetchAs(await actor(runtimes.get(region)!, { sub: newId(), roles: ['regional-coordinator'] })),
          audited,
          periods,
          cellKeyIntervals,
          // The region's tables as JSON (their CSV twins are the same figures: stats-disclosure).
          { csv: false, gaps: false, cooperation: false, scope: region },
        ),
      ),
    );
    nationalTables = await readNational(cellKeyIntervals);
  });

  it("pins no region's and no national small cell, national = the sum of the regions", async () => {
    const collected = [...regional, nationalTables];
    const t = truthOf();
    const r = await audit({
      collected,
      indicators: audited,
      truth: t,
      sums,
      targets: targetsOf(collected[0]!, t),
    });
    // Small cells of every region and of the nation were attacked.
    expect([...scopesOf(r)].sort()).toEqual(['national', ...regions].sort());
    expect(r.checked).toBeGreaterThan(50);
    expect(show(r)).toBe('');
  });

  // A region's statistics knows its own exact figures (the insider rule per region models it):
  // with them, the national figure less its own share is the other regions' count.
  it("pins no other region's small count for a region that knows its own exact figures", async () => {
    const insider = regions[1]!;
    const t = truthOf();
    // What the insider knows: its own cells exactly (a cell it did not count is a true 0) …
    const own = [...t].filter(([v]) => parseVar(v).scope === insider);
    const exact: Collected = {
      ...regional[1]!,
      bounds: new Map(own.map(([v, n]) => [v, [n, n] as [number, number]])),
      hidden: new Set(),
      tables: [],
      method: { ...perTableIntervals, unlisted: () => [0, 0] },
    };
    // … and so its share of every national cell: the target is what the other regions count.
    const known = new Map(
      own.map(([v, n]) => {
        const { indicator, period, cell } = parseVar(v);
        return [scopedKey('national', indicator, period, cell), n] as const;
      }),
    );
    // (first: a cell no table of its own lists is then a known 0, not an unknown).
    const collected = [exact, ...regional, nationalTables];
    const r = await audit({
      collected,
      indicators: audited,
      truth: t,
      known,
      sums,
      targets: targetsOf(collected[0]!, t, known).filter((v) => parseVar(v).scope !== insider),
    });
    expect(r.findings.filter((f) => parseVar(f.variable).scope === 'national').length).toBeGreaterThan(5);
    expect(show(r)).toBe('');
  });

  it('finds the leak when the national tables are published exactly (per-table suppression)', async () => {
    const settings = host.envs.get('stats')!.settings;
    settings.STATS_DISCLOSURE = 'per-table';
    let exactNational: Collected;
    try {
      exactNational = await readNational(perTableIntervals);
    } finally {
      delete settings.STATS_DISCLOSURE;
    }
    const collected = [...regional, exactNational];
    const t = truthOf();
    // The first region's small counts of unique clients (enough to show it, in a third of the time).
    const targets = targetsOf(collected[0]!, t).filter(
      (v) => parseVar(v).scope === regions[0] && parseVar(v).indicator === 'clients',
    );
    const r = await audit({ collected, indicators: ['clients'], truth: t, sums, targets });
    // Regions' small cells, hidden or perturbed in their own tables, pinned or forced into 1 … 4
    // through the national tables and the sum across the levels …
    const leaked = r.leaks.map((f) => f.variable);
    expect(leaked.length).toBeGreaterThan(0);
    // … which is what the attacker needs the sum for: without it, the same cells hold.
    const alone = await audit({ collected, indicators: ['clients'], truth: t, targets: leaked.slice(0, 5) });
    expect(alone.checked).toBe(Math.min(5, leaked.length));
    expect(alone.leaks).toEqual([]);
  });
});
