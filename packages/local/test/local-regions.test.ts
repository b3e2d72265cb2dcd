// `npm start` runs any set of kraje (SPOLU_REGIONS), each on a port of its own; a kraj without seed
// providers starts empty: its regional coordinator and the ops user, and its own districts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { districtsOf } from '@spolu/contracts';
import { manifests } from '../../../services/manifests';
import { regionPort, regionsToStart, seededRegions } from '../src/local-regions';
import type { RegionRuntime } from '../src/runtime';
import { seedCaseload } from '../src/seed/seed-caseload';
import { seedDirectory } from '../src/seed/seed-directory';
import { seedIntake } from '../src/seed/seed-intake';
import { seedPlans } from '../src/seed/seed-plans';
import { seedReferrals } from '../src/seed/seed-referrals';
import { seedWebhooks } from '../src/seed/seed-webhooks';
import { actor, startTestRuntime } from '../test-support/harness';

describe('the kraje npm start runs', () => {
  it('starts the three seeded kraje by default, any set with SPOLU_REGIONS', () => {
    expect(seededRegions).toEqual(['CZ051', 'CZ063', 'CZ072']);
    expect(regionsToStart(undefined)).toEqual(['CZ051', 'CZ063', 'CZ072']);
    expect(regionsToStart('')).toEqual(['CZ051', 'CZ063', 'CZ072']);
    expect(regionsToStart('CZ064, cz051')).toEqual(['CZ051', 'CZ064']);
    expect(regionsToStart('CZ080')).toEqual(['CZ080']);
    expect(() => regionsToStart('CZ051,CZ099')).toThrow(/CZ099 není kód kraje.*CZ064 Jihomoravský kraj/);
  });

  it('keeps the seeded kraje on 3000-3002 and gives every other kraj a port of its own', () => {
    expect(['CZ051', 'CZ063', 'CZ072'].map((r) => regionPort(r as 'CZ051', 3000))).toEqual([
      3000, 3001, 3002,
    ]);
    // The others in code order after them: CZ010 3003 ... CZ080 3013, whichever set runs.
    expect(regionPort('CZ010', 3000)).toBe(3003);
    expect(regionPort('CZ064', 3000)).toBe(3011);
    expect(regionPort('CZ080', 3000)).toBe(3013);
    expect(regionPort('CZ064', 4000)).toBe(4011);
  });
});

describe('a kraj without seed providers (CZ064)', () => {
  let rt: RegionRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime([...manifests], { region: 'CZ064' });
  });
  afterAll(() => rt.stop());

  it('starts empty: its coordinator and the ops user, its own districts, no casework', async () => {
    const directory = await seedDirectory(rt);
    expect(directory.users.map((u) => [u.key, u.email, u.roles])).toEqual([
      ['ops', 'ops@spolu.example', ['platform-ops']],
      ['coordinator-cz064', 'koordinace.cz064@spolu.example', ['regional-coordinator']],
    ]);
    expect(directory.providers).toEqual({});
    // The casework seeders find nothing to seed and say so without failing.
    const intake = await seedIntake(rt, directory);
    expect(intake.clients).toEqual({});
    await seedReferrals(rt, directory);
    await seedPlans(rt, directory, intake);
    expect((await seedCaseload(rt, directory, { intake })).providers).toEqual({});
    expect(await seedWebhooks(rt, directory)).toEqual({});
    await rt.settle();

    const coordinator = await actor(rt, directory.users[1]!);
    const districts = await coordinator.get<{ items: { code: string; name: string }[] }>('/districts');
    expect(districts.status).toBe(200);
    expect(districts.body.items).toHaveLength(21);
    expect(districts.body.items).toEqual(districtsOf('CZ064'));
    expect(districts.body.items.map((d) => d.code)).toContain('brno');
    const providers = await coordinator.get<{ items: unknown[] }>('/providers');
    expect([providers.status, providers.body.items]).toEqual([200, []]);
  });
});
