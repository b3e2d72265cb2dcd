// GET /me/offline-key (issue 22 item 3): the signed-in worker's secret that unwraps the device key
// of the outbox on their phone. Stable per worker, different for anyone else, stored nowhere;
// refused to partner systems and to a worker the provider has deactivated; the provider's admin
// sets how long records may wait on a phone.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Scopes, newId } from '@spolu/contracts';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor, call } from '../../../packages/local/test-support/harness';
import { startTestRuntime } from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { manifest } from '../manifest';
import { registerProvider } from './fixtures';

let rt: RegionRuntime;
let ops: ActorClient;
let providerA: string;
let providerB: string;

interface OfflineKey {
  key: string;
  offlineHours: number;
}

beforeAll(async () => {
  rt = await startTestRuntime([manifest]);
  ops = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
  providerA = await registerProvider(ops, 'FOKUS Semily');
  providerB = await registerProvider(ops, 'Krizové centrum Liberec');
});

afterAll(async () => {
  await rt.stop();
});

const keyOf = async (token: string) => call<OfflineKey>(rt, 'GET', '/me/offline-key', { token });

describe('GET /me/offline-key', () => {
  it('gives a worker the same key every time and anyone else another', async () => {
    const sub = newId();
    const inA = await rt.token({ sub, tenantId: providerA, roles: ['worker'] });
    const first = await keyOf(inA);
    expect(first.status).toBe(200);
    expect(first.body.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.body.offlineHours).toBe(72);
    const again = await keyOf(await rt.token({ sub, tenantId: providerA, roles: ['key-worker'] }));
    expect(again.body.key).toBe(first.body.key);
    // The same person id under another provider (tenant), and another worker of the same one.
    const inB = await keyOf(await rt.token({ sub, tenantId: providerB, roles: ['worker'] }));
    expect(inB.status).toBe(200);
    expect(inB.body.key).not.toBe(first.body.key);
    const colleague = await keyOf(await rt.token({ sub: newId(), tenantId: providerA, roles: ['worker'] }));
    expect(colleague.body.key).not.toBe(first.body.key);
  });

  it('refuses a partner system and a caller without a provider', async () => {
    const partner = await rt.token({
      sub: newId(),
      tenantId: providerA,
      roles: ['partner'],
      scopes: [Scopes.directoryRead],
    });
    expect((await keyOf(partner)).status).toBe(403);
    const coordinator = await rt.token({ sub: newId(), roles: ['regional-coordinator'] });
    expect((await keyOf(coordinator)).status).toBe(403);
  });

  it('refuses a worker the provider has deactivated', async () => {
    const admin = await actor(rt, { sub: newId(), tenantId: providerA, roles: ['provider-admin'] });
    const added = await admin.post<{ id: string }>('/workers', {
      name: 'Jana Odchází',
      email: `j${newId().slice(-6).toLowerCase()}@a.example`,
      roles: ['worker'],
    });
    expect(added.status).toBe(201);
    const token = () =>
      rt.token({ sub: newId(), workerId: added.body.id, tenantId: providerA, roles: ['worker'] });
    expect((await keyOf(await token())).status).toBe(200);
    const off = await admin.patch(
      `/workers/${added.body.id}`,
      { active: false },
      { headers: { 'if-match': '"1"' } },
    );
    expect(off.status).toBe(200);
    const refused = await keyOf(await token());
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toMatch(/"key"/);
    const inCzech = await call<{ detail: string }>(rt, 'GET', '/me/offline-key', {
      token: await token(),
      headers: { 'accept-language': 'cs' },
    });
    expect(inCzech.body.detail).toBe('Tento pracovník už není aktivní.');
  });

  it("takes the provider's offline time, which only its own admin sets (1-168 hours)", async () => {
    const admin = await actor(rt, { sub: newId(), tenantId: providerB, roles: ['provider-admin'] });
    const tooLong = await admin.patch(
      `/providers/${providerB}`,
      { offlineHours: 720 },
      { headers: { 'if-match': '"1"' } },
    );
    expect(tooLong.status).toBe(422);
    const worker = await actor(rt, { sub: newId(), tenantId: providerB, roles: ['worker'] });
    expect(
      (
        await worker.patch(
          `/providers/${providerB}`,
          { offlineHours: 24 },
          { headers: { 'if-match': '"1"' } },
        )
      ).status,
    ).toBe(403);
    const set = await admin.patch<{ offlineHours: number }>(
      `/providers/${providerB}`,
      { offlineHours: 24 },
      { headers: { 'if-match': '"1"' } },
    );
    expect(set.status).toBe(200);
    expect(set.body.offlineHours).toBe(24);
    expect((await worker.get<OfflineKey>('/me/offline-key')).body.offlineHours).toBe(24);
  });
});
