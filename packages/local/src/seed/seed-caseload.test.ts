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
      expect(t.total.value).toBeGreaterThanOrEqual(5);
      expect(t.total.median).toEqual(expect.any(Number));
      expect(t.total.p90!).toBeGreaterThan(t.total.median!);
    }
    for (const indicator of [
      'goals-achieved',
      'goals-not-achieved',
      'referrals-sent',
      'needs-met',
      'needs-unmet',
    ])
      expect({ indicator, value: (await table(indicator, period)).total.value }).toEqual({
        indicator,
        value: expect.any(Number),
      });
    expect((await table('goals-achieved', period)).total.value).toBeGreaterThanOrEqual(5);
    expect((await table('clients', `${year}-Q2`, 'district')).total.value).toBeGreaterThanOrEqual(30);
    expect((await table('needles-given', period)).total.value).toBeGreaterThanOrEqual(100);
    // By reason, most reasons are small: none is published as a small exact figure (cell-key
    // disclosure control lists a row only with a published total of at least the threshold).
    const declined = await table('referrals-declined', period, 'reason');
    for (const cell of [declined.total, ...declined.rowTotals])
      expect(cell.suppressed !== undefined || (cell.value ?? 0) >= 5).toBe(true);
  });
});
