// Every service's matrix fixtures, merged. A service adds `./<service>.ts` exporting its
// Record<routeId, RouteFixture> and spreads it in here.
import type { RouteFixture } from './fixtures';
import { matrixFixtures as directoryAndIntake } from './fixtures';
import { statsMatrixFixtures } from './stats';
import { plansMatrixFixtures } from './plans';
import { webhooksFixtures } from './webhooks';
import { referralsFixtures } from './referrals';
import { intakeMatrixFixtures } from './intake';
import { inboxFixtures } from './inbox';
import { directoryMatrixFixtures } from './directory';

export const allMatrixFixtures: Record<string, RouteFixture> = {
  ...directoryAndIntake,
  ...statsMatrixFixtures,
  ...plansMatrixFixtures,
  ...webhooksFixtures,
  ...referralsFixtures,
  ...intakeMatrixFixtures,
  ...inboxFixtures,
  ...directoryMatrixFixtures,
};
