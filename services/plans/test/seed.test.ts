import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actor, startTestRuntime } from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { seedDirectory } from '../../../packages/local/src/seed/seed-directory';
import { seedIntake } from '../../../packages/local/src/seed/seed-intake';
import { seedPlans } from '../../../packages/local/src/seed/seed-plans';
import { manifest as directory } from '../../directory/manifest';
import { manifest as intake } from '../../intake/manifest';
import { manifest as plans } from '../manifest';

let rt: RegionRuntime;
beforeAll(async () => {
  rt = await startTestRuntime([directory, intake, plans]);
});
afterAll(async () => {
  await rt.stop();
});

describe('seedPlans', () => {
  it('seeds the FOKUS and crisis-centre plans through the API', async () => {
    const seeded = await seedDirectory(rt);
    const out = await seedPlans(rt, seeded, await seedIntake(rt, seeded));
    const fokusPlan = out.plans['fokus-semily/tomas-benes'];
    expect(fokusPlan).toBeDefined();
    expect(out.plans['krizove-centrum-liberec/lenka-horka']).toBeDefined();
    const user = seeded.users.find(
      (u) => u.tenantId === seeded.providers['fokus-semily'] && u.roles.includes('key-worker'),
    )!;
    const res = await (
      await actor(rt, user)
    ).get<{ goals: unknown[]; steps: unknown[]; overallGoal: string }>(`/plans/${fokusPlan}`);
    expect(res.body.goals).toHaveLength(2);
    expect(res.body.steps).toHaveLength(2);
    expect(res.body.overallGoal).toContain('dílně');
  });
});
