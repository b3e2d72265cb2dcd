// Referrals and consent across every service (issue 18): a K-centrum client's referral to the detox
// unit, the receiver reads the shared data, then the client withdraws the consent in intake. With
// all six services on the bus (stats and webhooks listen to referral events too): the sender's
// referral history shows the withdrawal, the receiver's list says withdrawn without client data, the
// client's data export lists the receiver's read, and no consumer dead-letters the new events.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { intake, referrals } from '@spolu/contracts';
import type * as z from 'zod';
import type { ActorClient } from '../../packages/local/test-support/harness';
import { actor, startTestRuntime } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { seedDirectory } from '../../packages/local/src/seed/seed-directory';
import { manifests } from '../../services/manifests';

type Referral = referrals.Referral;
type ClientExport = z.infer<typeof intake.ClientExport>;

let rt: RegionRuntime;
let dir: SeededDirectory;
const as = async (key: string) => {
  const u = dir.users.find((x) => x.key === key)!;
  const who = {
    sub: u.sub,
    tenantId: u.tenantId,
    roles: u.roles.filter((r) => r !== 'provider-admin'),
    name: u.name,
  };
  return actor(rt, who);
};
let kc: ActorClient;
let detox: ActorClient;

beforeAll(async () => {
  rt = await startTestRuntime(manifests);
  dir = await seedDirectory(rt);
  kc = await as('k-centrum-liberec/petra-hajkova');
  detox = await as('psychiatrie-liberec/eva-machova');
}, 240_000);
afterAll(async () => {
  await rt?.stop();
});

const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });

describe('a consent withdrawn after the receiver read the shared data', () => {
  it('reaches the sender’s history, the receiver’s list and the client’s export; nothing dead-letters', async () => {
    const serviceId = dir.services['k-centrum-liberec/kontaktni-centrum']!;
    const client = await kc.post<{ id: string }>('/clients', {
      serviceId,
      identity: {
        kind: 'named',
        name: 'Lukáš Černý',
        birthDate: '1992-03-03',
        sex: 'male',
        district: 'liberec',
      },
    });
    expect(client.status).toBe(201);
    const consent = await kc.post<{ id: string; version: number }>(`/clients/${client.body.id}/consents`, {
      serviceId,
      purpose: 'referral-share',
      recipientProviderId: dir.providers['psychiatrie-liberec'],
      sharedFields: ['name', 'needs'],
      givenAt: new Date(rt.clock.now().getTime() - 3_600_000).toISOString(),
    });
    expect(consent.status).toBe(201);
    await rt.settle();

    const draft = await kc.post<Referral>('/referrals', {
      clientId: client.body.id,
      fromServiceId: serviceId,
      toServiceId: dir.services['psychiatrie-liberec/detox'],
      ageBand: '27-64',
      district: 'liberec',
      targetGroup: 'substance-users',
      needCodes: ['detox'],
    });
    expect(draft.status).toBe(201);
    const sent = await kc.post<Referral>(
      `/referrals/${draft.body.id}/transitions`,
      { action: 'send', clientData: { name: 'Lukáš Černý', needs: ['detox'] } },
      ifMatch(draft.body.version),
    );
    expect(sent.status).toBe(200);
    expect((await detox.get(`/referrals/${sent.body.id}/share-package`)).status).toBe(200);
    await rt.settle();

    // The consent's own GET gives the ETag the withdrawal needs.
    const current = await kc.get(`/clients/${client.body.id}/consents/${consent.body.id}`);
    const withdrawn = await kc.post(
      `/clients/${client.body.id}/consents/${consent.body.id}/withdrawal`,
      { reason: 'Klient si to rozmyslel.' },
      { headers: { 'if-match': current.headers.get('etag')! } },
    );
    expect(withdrawn.status).toBe(200);
    await rt.settle();

    const history = (await kc.get<Referral>(`/referrals/${sent.body.id}`)).body.history;
    expect(history.at(-1)).toMatchObject({ status: 'sent', event: 'consent-withdrawn' });
    const incoming = await detox.get<{ items: Referral[] }>('/referrals?direction=incoming&limit=100');
    const line = incoming.body.items.find((r) => r.id === sent.body.id);
    expect(line).toMatchObject({ receiverNotice: 'consent-withdrawn', needCodes: [], sharedFields: [] });
    expect(JSON.stringify(line)).not.toContain('Lukáš');

    const exported = await kc.get<ClientExport>(`/clients/${client.body.id}/export`);
    expect(exported.body.packageReads).toEqual([
      expect.objectContaining({
        referralId: sent.body.id,
        readerProviderId: dir.providers['psychiatrie-liberec'],
        readerUserId: detox.sub,
      }),
    ]);
    expect(rt.bus.deadLettersOf()).toEqual([]);
  });
});
