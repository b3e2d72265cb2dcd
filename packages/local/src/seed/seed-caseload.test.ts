// The seeded demo (npm start) for one region, through the public API: every seed provider has
// clients and contacts, and the community-planning figures are meaningful — waiting times, goals,
// referrals by outcome and needs above the small-cell threshold, while small cells stay
// suppressed. The other regions run the same code with their own data (npm start seeds all three).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RegionCode, stats } from '@spolu/contracts';
import { manifest as directory } from '../../../../services/directory/manifest';
import { manifest as intake } from '../../../../services/intake/manifest';
import { manifest as plans } from '../../../../services/plans/manifest';
import { manifest as referrals } from '../../../../services/referrals/manifest';
import { manifest as statsManifest } from '../../../../services/stats/manifest';
import {
  audit,
  cellKeyIntervals,
  collect,
  periodsOfYear,
  targetsOf,
} from '../../../../services/stats/src/audit/auditor';
import { startTestRuntime } from '../../test-support/harness';
import { call } from '../api-client';
import type { RegionRuntime } from '../runtime';
import { seedRegions } from './directory-data';
import type { SeededCaseload } from './seed-caseload';
import { seedCaseload } from './seed-caseload';
import type { SeededDirectory, SeededUser } from './seed-directory';
import { seedDirectory } from './seed-directory';
import { seedIntake } from './seed-intake';

const region: RegionCode = 'CZ063';
// A fixed clock (next year's 30 June) so the seeded months fall in one year and quarter whatever
// the date the test runs. Tokens are issued on that clock too; the gateway accepts them since they
// expire after it.
const year = new Date().getUTCFullYear() + 1;
const pinned = Date.parse(`${year}-06-30T18:00:00Z`);

let rt: RegionRuntime;
let seeded: SeededDirectory;
let caseload: SeededCaseload;
beforeAll(async () => {
  rt = await startTestRuntime([directory, intake, plans, referrals, statsManifest], { region });
  rt.clock.advance(pinned - rt.clock.now().getTime());
  seeded = await seedDirectory(rt);
  caseload = await seedCaseload(rt, seeded, { intake: await seedIntake(rt, seeded) });
}, 600_000);
afterAll(() => rt?.stop());

const get = async <T>(who: Pick<SeededUser, 'sub' | 'tenantId' | 'roles'>, path: string) => {
  const token = await rt.token({ sub: who.sub, tenantId: who.tenantId, roles: who.roles });
  const res = await call<T>(rt, 'GET', path, { token });
  expect(res.status).toBe(200);
  return res.body;
};
const coordinator = { sub: 'coordinator-test', roles: ['regional-coordinator' as const] };
const table = (indicator: string, period: string, rows?: string) =>
  get<stats.StatsTable>(
    coordinator,
    `/stats/indicators/${indicator}/table?period=${period}${rows ? `&rows=${rows}` : ''}`,
  );

describe(`seeded demo caseload (${region})`, () => {
  it('gives every seed provider clients and contacts, visible through the API', async () => {
    const providers = seedRegions.find((r) => r.region === region)!.providers;
    for (const p of providers) {
      const worker = seeded.users.find(
        (u) =>
          u.tenantId === seeded.providers[p.key] && u.roles.some((r) => r === 'worker' || r === 'key-worker'),
      )!;
      const as = { ...worker, roles: worker.roles.filter((r) => r !== 'provider-admin') };
      const clients = await get<{ items: unknown[] }>(as, '/clients?limit=100');
      const contacts = await get<{ items: unknown[] }>(as, '/contacts?limit=100');
      expect({ provider: p.key, clients: clients.items.length >= 3 }).toEqual({
        provider: p.key,
        clients: true,
      });
      expect({ provider: p.key, contacts: contacts.items.length >= 3 }).toEqual({
        provider: p.key,
        contacts: true,
      });
      expect(caseload.providers[p.key]!.clients).toBeGreaterThanOrEqual(3);
    }
  });

  it('shows waiting times, goals, referrals and needs above the threshold, small cells suppressed', async () => {
    const period = String(year);
    for (const indicator of ['wait-sent-to-accepted', 'wait-sent-to-started']) {
      const t = await table(indicator, period);
      // The insider rule (docs/STATISTICS.md) hides a region figure that one provider dominates,
      // as a small region's waiting times can be: hidden, with its mark and no median, or
      // published above the threshold with one.
      if (t.total.value === null) {
        expect(t.total).toMatchObject({ suppressed: expect.any(String), median: null, p90: null });
        continue;
      }
      expect(t.total.value).toBeGreaterThanOrEqual(5);
      expect(t.total.median).toEqual(expect.any(Number));
      // The p90 is published only with at least 5 cases above it (docs/STATISTICS.md): a small
      // region's year may hide it, but never shows it below the median.
      const p90 = t.total.p90 ?? null;
      expect(p90 === null || p90 > t.total.median!).toBe(true);
    }
    // Each is either published (at least the threshold) or hidden with its mark when one provider
    // dominates it (the insider rule): never a small exact figure.
    for (const indicator of [
      'goals-achieved',
      'goals-not-achieved',
      'referrals-sent',
      'needs-met',
      'needs-unmet',
    ]) {
      const total = (await table(indicator, period)).total;
      expect({
        indicator,
        shown: total.value === null ? total.suppressed !== undefined : total.value >= 5,
      }).toEqual({ indicator, shown: true });
    }
    expect((await table('clients', `${year}-Q2`, 'district')).total.value).toBeGreaterThanOrEqual(30);
    // Needles are given by the region's one contact centre: a cell held by a single provider is
    // hidden with its mark (the insider rule), else it is the hundreds the seed gives.
    const needles = (await table('needles-given', period)).total;
    expect(needles.value === null ? needles.suppressed !== undefined : needles.value >= 100).toBe(true);
    // By reason, most reasons are small: none is published as a small exact figure (cell-key
    // disclosure control lists a row only with a published total of at least the threshold).
    const declined = await table('referrals-declined', period, 'reason');
    for (const cell of [declined.total, ...declined.rowTotals])
      expect(cell.suppressed !== undefined || (cell.value ?? 0) >= 5).toBe(true);
  });

  // Issue 17: the disclosure auditor on the seeded caseload (as `npm run stats:audit` runs it on
  // real data, without the ground truth): every table, export, the gaps report and the map a
  // coordinator can read for the year, and no cell that could be 1 … 4 pinned there by LP.
  it('leaves no small cell of the year recoverable from everything a coordinator can read', async () => {
    for (const indicator of ['clients', 'referrals-accepted'] as const) {
      const collected = await collect(
        (path) => get(coordinator, path),
        [indicator],
        periodsOfYear(String(year)),
        cellKeyIntervals,
      );
      const targets = targetsOf(collected);
      const run = (relation?: 'sup') =>
        audit({
          collected,
          indicators: [indicator],
          targets,
          relationOf: relation ? () => relation : undefined,
        });
      // Where units lack a dimension's value, parts need not add up exactly: the weaker relation.
      const result = await run().catch(() => run('sup'));
      // Without the ground truth a cell pinned to 0 is a target too; pinned to 0 it is truly 0, no
      // small non-zero count (the issue's definition), so only a positive pin is a leak.
      const leaks = result.leaks.filter((f) => f.max !== null && f.max > 0);
      expect({ indicator, checked: result.checked > 0, leaks }).toEqual({
        indicator,
        checked: true,
        leaks: [],
      });
    }
  });
});
