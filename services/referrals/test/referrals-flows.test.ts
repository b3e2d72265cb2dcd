import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { referrals } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import type { World } from './fixtures';
import { clientWithConsent, ifMatch, startWorld } from './fixtures';

type Referral = referrals.Referral;
let w: World;
let kc: ActorClient; // K-centrum Liberec key worker (the sender)
let detox: ActorClient; // detox unit worker (Centrum duševního zdraví a adiktologie)
let tk: ActorClient; // therapeutic community Jizerka key worker

beforeAll(async () => {
  w = await startWorld();
  kc = await w.as('k-centrum-liberec/petra-hajkova');
  detox = await w.as('psychiatrie-liberec/eva-machova');
  tk = await w.as('tk-jizerka/alena-sevcikova');
}, 120_000);
afterAll(async () => {
  await w.rt.stop();
});

const eventsOf = (type: string, referralId: string) =>
  w.rt.bus.archive
    .filter((e) => e.event['detail-type'] === type)
    .map((e) => e.event.detail as { tenantId: string; data: Record<string, unknown> })
    .filter(
      (e) =>
        e.data.referralId === referralId ||
        e.data.sharedCareId === referralId ||
        e.data.handoverId === referralId,
    );

const facts = { ageBand: '27-64', district: 'liberec', targetGroup: 'substance-users', needCodes: ['detox'] };
const clientData = {
  name: 'Jana Nováková',
  birthDate: '1988-04-12',
  contact: { phone: '+420 777 123 456' },
  needs: ['detox', 'addiction-treatment'],
  goal: 'Chci přestat brát pervitin.',
  testResults: 'HCV reaktivní',
};

/** Draft and send a referral from K-centrum; returns the sent referral. */
const send = async (toServiceKey: string, clientId: string, by = kc) => {
  const draft = await by.post<Referral>('/referrals', {
    clientId,
    fromServiceId: w.service('k-centrum-liberec/kontaktni-centrum'),
    toServiceId: w.service(toServiceKey),
    ...facts,
  });
  expect(draft.status).toBe(201);
  const sent = await by.post<Referral>(
    `/referrals/${draft.body.id}/transitions`,
    { action: 'send', clientData },
    ifMatch(draft.body.version),
  );
  expect(sent.status).toBe(200);
  return sent.body;
};
const act = async (
  who: ActorClient,
  r: { id: string; version: number },
  body: Record<string, unknown>,
  status = 200,
) => {
  const res = await who.post<Referral>(`/referrals/${r.id}/transitions`, body, ifMatch(r.version));
  expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({
    status,
    body: 'ok',
  });
  return res.body;
};

describe('matching through the API with the seeded directory', () => {
  it('offers the detox unit first for a K-centrum client who wants detox, and never a service of another region', async () => {
    const res = await kc.get<{ items: referrals.ServiceMatch[] }>(
      '/referral-matches?needs=detox,addiction-treatment&ageBand=27-64&district=liberec&targetGroup=substance-users',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((m) => m.serviceName)).toEqual([
      'Detoxifikační jednotka Liberec',
      'Kontaktní centrum K-centrum Liberec',
      'Adiktologická ambulance K-centra Liberec',
      'Psychiatrická ambulance pro dospělé Liberec',
      'Terapeutická komunita Jizerka',
    ]);
    expect(res.body.items[0]).toMatchObject({
      rank: 1,
      suitable: true,
      matchedNeeds: ['detox', 'addiction-treatment'],
      waitingDays: 14,
    });
    const bad = await kc.get(
      '/referral-matches?needs=unicorns&ageBand=27-64&district=liberec&targetGroup=substance-users',
    );
    expect(bad.status).toBe(422);
  });
});

describe('K-centrum refers a client to detox and the loop closes', () => {
  it('sends only the consented fields, both providers see one history, the sender sees who opened the package, and the events carry no personal data', async () => {
    const { clientId } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [w.provider('psychiatrie-liberec')],
      ['name', 'birthDate', 'needs'],
    );
    const sent = await send('psychiatrie-liberec/detox', clientId);
    expect(sent).toMatchObject({ status: 'sent', sharedFields: ['birthDate', 'name', 'needs'], clientId });
    // respondBy = sentAt + the detox unit's referralResponseDays (5)
    expect(new Date(sent.respondBy!).getTime() - new Date(sent.sentAt!).getTime()).toBe(5 * 86_400_000);

    const incoming = await detox.get<{ items: Referral[] }>('/referrals?direction=incoming');
    expect(incoming.body.items.map((r) => r.id)).toContain(sent.id);
    expect(incoming.body.items.find((r) => r.id === sent.id)?.clientId).toBeUndefined();

    const pkg = await detox.get<referrals.SharePackage>(`/referrals/${sent.id}/share-package`);
    expect(pkg.status).toBe(200);
    expect(pkg.body.data).toEqual({
      name: 'Jana Nováková',
      birthDate: '1988-04-12',
      needs: ['detox', 'addiction-treatment'],
    });

    let r = await act(detox, sent, { action: 'receive' });
    r = await act(detox, r, { action: 'accept', note: 'Nástup 1. 12.' });
    r = await act(detox, r, { action: 'start' });
    r = await act(detox, r, { action: 'complete', outcome: 'successful' });
    expect(r.status).toBe('completed');

    const senderView = await kc.get<Referral>(`/referrals/${sent.id}`);
    const receiverView = await detox.get<Referral>(`/referrals/${sent.id}`);
    expect(senderView.body.history).toEqual(receiverView.body.history);
    expect(senderView.body.history.map((h) => [h.status, h.by.providerId])).toEqual([
      ['draft', w.provider('k-centrum-liberec')],
      ['sent', w.provider('k-centrum-liberec')],
      ['received', w.provider('psychiatrie-liberec')],
      ['accepted', w.provider('psychiatrie-liberec')],
      ['in-progress', w.provider('psychiatrie-liberec')],
      ['completed', w.provider('psychiatrie-liberec')],
    ]);

    const reads = await kc.get<{ items: referrals.PackageRead[] }>(
      `/referrals/${sent.id}/share-package/reads`,
    );
    expect(reads.body.items).toEqual([
      expect.objectContaining({ providerId: w.provider('psychiatrie-liberec'), userId: detox.sub }),
    ]);
    expect((await detox.get(`/referrals/${sent.id}/share-package/reads`)).status).toBe(404);

    await w.rt.settle();
    const types = [
      'ReferralSent',
      'ReferralReceived',
      'ReferralAccepted',
      'ReferralStarted',
      'ReferralCompleted',
    ];
    for (const type of types) expect(eventsOf(type, sent.id)).toHaveLength(1);
    const completed = eventsOf('ReferralCompleted', sent.id)[0]!;
    expect(completed.tenantId).toBe(w.provider('k-centrum-liberec'));
    expect(completed.data).toMatchObject({
      senderProviderId: w.provider('k-centrum-liberec'),
      receiverProviderId: w.provider('psychiatrie-liberec'),
      serviceType: 'health-detox',
      outcome: 'successful',
      district: 'liberec',
      ageBand: '27-64',
    });
    const all = JSON.stringify(
      w.rt.bus.archive.filter((e) => String(e.event['detail-type']).startsWith('Referral')),
    );
    for (const secret of ['Nováková', '1988-04-12', '777 123', 'pervitin', 'Nástup', clientId])
      expect(all).not.toContain(secret);
  });

  it('a provider that is neither sender nor receiver reads nothing (404), and nobody reads another tenant’s list', async () => {
    const { clientId } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [w.provider('psychiatrie-liberec')],
      ['name'],
    );
    const sent = await send('psychiatrie-liberec/detox', clientId);
    for (const path of [
      `/referrals/${sent.id}`,
      `/referrals/${sent.id}/share-package`,
      `/referrals/${sent.id}/share-package/reads`,
    ])
      expect((await w.outsider.get(path)).status).toBe(404);
    expect(
      (
        await w.outsider.post(
          `/referrals/${sent.id}/transitions`,
          { action: 'accept' },
          ifMatch(sent.version),
        )
      ).status,
    ).toBe(404);
    const list = await w.outsider.get<{ items: Referral[] }>('/referrals');
    expect(list.body.items.map((r) => r.id)).not.toContain(sent.id);
  });
});

describe('declines, waiting lists, expiry', () => {
  it('TK Jizerka declines with "no capacity"; the reason reaches both sides and the event', async () => {
    const { clientId } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [w.provider('tk-jizerka')],
      ['needs'],
    );
    const sent = await send('tk-jizerka/terapeuticka-komunita', clientId);
    const declined = await act(tk, sent, { action: 'decline', reason: 'no-capacity' });
    expect(declined).toMatchObject({ status: 'declined', reason: 'no-capacity' });
    expect((await kc.get<Referral>(`/referrals/${sent.id}`)).body.history.at(-1)).toMatchObject({
      status: 'declined',
      reason: 'no-capacity',
    });
    await act(tk, declined, { action: 'accept' }, 422); // declined is final
    await w.rt.settle();
    expect(eventsOf('ReferralDeclined', sent.id)[0]?.data).toMatchObject({
      reason: 'no-capacity',
      serviceType: 's68',
    });
  });

  it('adult psychiatry waitlists with an expected date and later accepts', async () => {
    const { clientId } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [w.provider('psychiatrie-liberec')],
      ['name'],
    );
    const sent = await send('psychiatrie-liberec/psychiatrie-dospeli', clientId);
    const expectedDate = new Date(w.rt.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    const waiting = await act(detox, sent, { action: 'waitlist', expectedDate });
    expect(waiting).toMatchObject({ status: 'waitlisted', expectedDate });
    const accepted = await act(detox, waiting, { action: 'accept' });
    expect(accepted.history.map((h) => h.status)).toEqual(['draft', 'sent', 'waitlisted', 'accepted']);
    await w.rt.settle();
    expect(eventsOf('ReferralWaitlisted', sent.id)[0]?.data).toMatchObject({ expectedDate });
    expect(eventsOf('ReferralAccepted', sent.id)).toHaveLength(1);
  });

  it('a referral nobody answers within the service’s response period expires (scheduled)', async () => {
    const { clientId } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [w.provider('psychiatrie-liberec')],
      ['name'],
    );
    const sent = await send('psychiatrie-liberec/detox', clientId); // 5 days
    const answered = await send('psychiatrie-liberec/detox', clientId);
    await act(detox, answered, { action: 'accept' });
    w.rt.clock.advance(4 * 86_400_000);
    await w.rt.runSchedule('referrals', 'expiry');
    expect((await kc.get<Referral>(`/referrals/${sent.id}`)).body.status).toBe('sent');
    w.rt.clock.advance(1 * 86_400_000 + 60_000);
    await w.rt.runSchedule('referrals', 'expiry');
    const expired = await detox.get<Referral>(`/referrals/${sent.id}`);
    expect(expired.body.status).toBe('expired');
    expect(expired.body.history.at(-1)?.by).toEqual({ providerId: 'system', userId: 'system' });
    expect((await kc.get<Referral>(`/referrals/${answered.id}`)).body.status).toBe('accepted');
    await act(detox, expired.body, { action: 'accept' }, 422);
    await w.rt.settle();
    expect(eventsOf('ReferralExpired', sent.id)).toHaveLength(1);
    expect(eventsOf('ReferralExpired', answered.id)).toHaveLength(0);
  });
});

describe('consent withdrawn mid-referral', () => {
  it('cuts the receiver’s access at once; the sender keeps its view and cancels', async () => {
    const { clientId, consents } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [w.provider('psychiatrie-liberec')],
      ['name', 'needs'],
    );
    const sent = await send('psychiatrie-liberec/detox', clientId);
    const received = await act(detox, sent, { action: 'receive' });
    expect((await detox.get(`/referrals/${sent.id}/share-package`)).status).toBe(200);

    const consent = consents[0]!;
    const withdrawn = await kc.post(
      `/clients/${clientId}/consents/${consent.id}/withdrawal`,
      { reason: 'Klientka si to rozmyslela.' },
      ifMatch(consent.version),
    );
    expect(withdrawn.status).toBe(200);
    await w.rt.settle();

    expect((await detox.get(`/referrals/${sent.id}/share-package`)).status).toBe(404);
    expect((await detox.get(`/referrals/${sent.id}`)).status).toBe(404);
    expect(
      (await detox.post(`/referrals/${sent.id}/transitions`, { action: 'accept' }, ifMatch(received.version)))
        .status,
    ).toBe(404);
    // Issue 18: the receiver's list keeps a line saying the referral was withdrawn (no client data).
    const incoming = await detox.get<{ items: Referral[] }>('/referrals?direction=incoming');
    expect(incoming.body.items.find((r) => r.id === sent.id)).toMatchObject({
      receiverNotice: 'consent-withdrawn',
      needCodes: [],
    });

    expect((await kc.get(`/referrals/${sent.id}/share-package`)).status).toBe(200);
    // The withdrawal is in the sender's history (a new version), so the sender cancels that one.
    const current = (await kc.get<Referral>(`/referrals/${sent.id}`)).body;
    expect(current.history.at(-1)?.event).toBe('consent-withdrawn');
    const cancelled = await act(kc, current, { action: 'cancel', reason: 'client-refused' });
    expect(cancelled.status).toBe('cancelled');
  });
});

describe('internal referral within K-centrum', () => {
  it('goes to a colleague through the same flow', async () => {
    const { clientId } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [],
      [],
    );
    const colleague = await w.as('k-centrum-liberec/klara-bendova');
    const missingWorker = await kc.post('/referrals', {
      clientId,
      toServiceId: w.service('k-centrum-liberec/adiktologicka-ambulance'),
      ...facts,
    });
    expect(missingWorker.status).toBe(422);
    const draft = await kc.post<Referral>('/referrals', {
      clientId,
      toServiceId: w.service('k-centrum-liberec/adiktologicka-ambulance'),
      toWorkerId: colleague.sub,
      ...facts,
    });
    expect(draft.body).toMatchObject({ internal: true, status: 'draft' });
    const sent = await act(kc, draft.body, { action: 'send', clientData });
    expect(sent.sharedFields).toEqual(['birthDate', 'contact', 'goal', 'name', 'needs', 'testResults']);
    const accepted = await act(colleague, sent, { action: 'accept' });
    expect(accepted.status).toBe('accepted');
    expect((await colleague.get(`/referrals/${sent.id}/share-package`)).status).toBe(200);
  });
});

describe('guards', () => {
  it('bad input is refused and stores nothing; creates are idempotent; stale If-Match gets 412', async () => {
    const { clientId } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [],
      [],
    );
    const before = await kc.get<{ items: Referral[] }>('/referrals?limit=100');
    expect(
      (
        await kc.post('/referrals', {
          clientId,
          toServiceId: w.service('psychiatrie-liberec/detox'),
          ...facts,
          extra: 1,
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await kc.post('/referrals', {
          clientId,
          toServiceId: w.service('psychiatrie-liberec/detox'),
          ...facts,
          needCodes: [],
        })
      ).status,
    ).toBe(422);
    const after = await kc.get<{ items: Referral[] }>('/referrals?limit=100');
    expect(after.body.items.length).toBe(before.body.items.length);

    const body = { clientId, toServiceId: w.service('psychiatrie-liberec/detox'), ...facts };
    const key = { headers: { 'idempotency-key': `k-${clientId}` } };
    const a = await kc.post<Referral>('/referrals', body, key);
    const b = await kc.post<Referral>('/referrals', body, key);
    expect(b.body.id).toBe(a.body.id);

    await act(kc, a.body, { action: 'send', clientData: {} });
    expect(
      (
        await kc.post(
          `/referrals/${a.body.id}/transitions`,
          { action: 'cancel', reason: 'no-longer-needed' },
          ifMatch(1),
        )
      ).status,
    ).toBe(412);
  });

  it('regional coordinators and platform ops never see referrals', async () => {
    const coordinator = await w.as('coordinator-cz051');
    expect((await coordinator.get('/referrals')).status).toBe(403);
    expect(
      (
        await coordinator.get(
          '/referral-matches?needs=detox&ageBand=27-64&district=liberec&targetGroup=substance-users',
        )
      ).status,
    ).toBe(403);
  });
});

describe('anonymisation', () => {
  it("erases the sender's frozen share packages of an anonymised client and cuts the receiver's access", async () => {
    const { clientId } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [w.provider('psychiatrie-liberec')],
      ['name'],
    );
    const sent = await send('psychiatrie-liberec/detox', clientId);
    expect((await detox.get(`/referrals/${sent.id}/share-package`)).status).toBe(200);
    // intake announces the anonymisation (its retention period is years; the event is what counts)
    const envelope = {
      id: newId(),
      type: 'ClientAnonymised',
      version: 1,
      occurredAt: w.rt.clock.now().toISOString(),
      tenantId: w.provider('k-centrum-liberec'),
      region: w.rt.region,
      subject: { type: 'client', id: clientId, revision: 9 },
      data: { clientId, subjectKey: sent.subjectKey, anonymisedAt: w.rt.clock.now().toISOString() },
    };
    await w.rt.bus.putEvents([
      { Source: 'spolu.intake', DetailType: 'ClientAnonymised', Detail: JSON.stringify(envelope) },
    ]);
    await w.rt.settle();
    expect((await detox.get(`/referrals/${sent.id}/share-package`)).status).toBe(404);
    const own = await kc.get<referrals.SharePackage>(`/referrals/${sent.id}/share-package`);
    expect(own.body).toMatchObject({ data: {}, sharedFields: [] });
    expect((await kc.get<Referral>(`/referrals/${sent.id}`)).body.status).toBe('sent');
  });
});
