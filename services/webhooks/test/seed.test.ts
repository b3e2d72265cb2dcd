import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestRuntime } from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { seedDirectory } from '../../../packages/local/src/seed/seed-directory';
import { seedWebhooks } from '../../../packages/local/src/seed/seed-webhooks';
import { manifest as directory } from '../../directory/manifest';
import { manifest as webhooks } from '../manifest';

let rt: RegionRuntime;
beforeAll(async () => {
  rt = await startTestRuntime([directory, webhooks], { settings: { WEBHOOKS_ALLOW_LOOPBACK: 'true' } });
});
afterAll(async () => {
  await rt.stop();
});

describe('seedWebhooks', () => {
  it('registers a partner system with an inbound secret and a subscription through the API', async () => {
    const seeded = await seedDirectory(rt);
    const out = await seedWebhooks(rt, seeded);
    expect(out.partnerClientId).toBeDefined();
    expect(out.subscriptionId).toBeDefined();
  });
});
