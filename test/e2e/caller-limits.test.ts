// Per-caller limits (issue 16 item 4): a partner system looping on the API gets 429 problem+json
// with Retry-After once past its per-minute limit, while its provider's people keep working until
// the provider's own limit, and another provider is not affected at all. The counters are items in
// the service's table (one ADD per request), so this runs on the real runtime and DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@spolu/contracts';
import { callerLimitSettings } from '@spolu/platform';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { seedDirectory } from '../../packages/local/src/seed/seed-directory';
import { actor, call, startTestRuntime } from '../../packages/local/test-support/harness';
import { manifest as directory } from '../../services/directory/manifest';

const partnerLimit = 3;
// High enough for the directory seed (a provider's services and workers) to fit in one minute.
const providerLimit = 50;

let rt: RegionRuntime;
let providers: Record<string, string>;

beforeAll(async () => {
  rt = await startTestRuntime([directory], {
    settings: {
      [callerLimitSettings.perPartnerClient]: String(partnerLimit),
      [callerLimitSettings.perProvider]: String(providerLimit),
    },
  });
  providers = (await seedDirectory(rt)).providers;
}, 180_000);
afterAll(async () => {
  await rt?.stop();
});

/** A partner system of `tenantId` as it signs in: registered, given an app client, token over HTTP. */
const partnerToken = async (tenantId: string) => {
  const admin = await actor(rt, { sub: newId(), tenantId, roles: ['provider-admin'] });
  const registered = await admin.post<{ id: string }>('/partner-clients', {
    name: 'Evidence (partner system)',
    scopes: ['spolu/directory.read'],
  });
  expect(registered.status).toBe(201);
  const app = await call<{ clientId: string; clientSecret: string }>(rt, 'POST', '/dev/partner-app-clients', {
    body: { partnerClientId: registered.body.id, tenantId, scopes: ['spolu/directory.read'] },
  });
  const token = await call<{ access_token: string }>(rt, 'POST', '/dev/oauth2/token', {
    rawBody: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.body.clientId,
      client_secret: app.body.clientSecret,
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(token.status).toBe(200);
  return token.body.access_token;
};

/** Starts the test one second into a fresh minute, so every request below falls in one window. */
const atStartOfMinute = () => {
  const now = rt.clock.now().getTime();
  rt.clock.advance(60_000 - (now % 60_000) + 1_000);
};

describe('per-caller limits', () => {
  it('answers a partner past its limit with 429 and Retry-After; people of its provider until theirs; others never', async () => {
    const sender = providers['k-centrum-liberec']!;
    const other = providers['psychiatrie-liberec']!;
    const token = await partnerToken(sender);
    const worker = await actor(rt, { sub: newId(), tenantId: sender, roles: ['worker'] });
    const otherWorker = await actor(rt, { sub: newId(), tenantId: other, roles: ['worker'] });
    atStartOfMinute();

    const partnerCalls = [];
    for (let i = 0; i < partnerLimit + 1; i += 1)
      partnerCalls.push(await call(rt, 'GET', '/services?limit=1', { token }));
    expect(partnerCalls.slice(0, partnerLimit).map((res) => res.status)).toEqual(
      Array(partnerLimit).fill(200),
    );
    const refused = partnerCalls[partnerLimit]!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({ status: 429, type: expect.stringMatching(/too-many-requests$/) });

    // The provider has used partnerLimit + 1 of its providerLimit: its worker gets the rest, then 429.
    const workerStatuses = [];
    for (let i = 0; i < providerLimit - partnerLimit; i += 1)
      workerStatuses.push((await worker.get('/services?limit=1')).status);
    expect(workerStatuses).toEqual([...Array(providerLimit - partnerLimit - 1).fill(200), 429]);

    // Another provider counts on its own.
    expect((await otherWorker.get('/services?limit=1')).status).toBe(200);

    // The next minute starts a new window.
    atStartOfMinute();
    expect((await call(rt, 'GET', '/services?limit=1', { token })).status).toBe(200);
  });
});
