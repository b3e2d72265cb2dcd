// Referrals and consent as workers meet them (issue 18): what each side is told when the client
// withdraws a consent or the sender cancels, the warnings of a referral that shares nothing or goes
// to a service outside the client's target group, who the receiver is dealing with before it
// accepts, who read the share package (named, and in the client's data export), and a consent's own
// GET with its ETag. Through the public API, intake and referrals on DynamoDB Local and the bus.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { intake, referrals } from '@spolu/contracts';
import type * as z from 'zod';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor } from '../../../packages/local/test-support/harness';
import type { World } from './fixtures';
import { clientWithConsent, ifMatch, startWorld } from './fixtures';

type Referral = referrals.Referral;
type ClientExport = z.infer<typeof intake.ClientExport>;
let w: World;
let kc: ActorClient; // Petra Hájková, K-centrum Liberec (the sender)
let detox: ActorClient; // Eva Machová, the detox unit (the receiver)

/** A seeded worker whose token carries the name, as the console's sign-in gives it. */
const named = async (key: string) => {
  const u = w.dir.users.find((x) => x.key === key)!;
  const who = {
    sub: u.sub,
    tenantId: u.tenantId,
    roles: u.roles.filter((r) => r !== 'provider-admin'),
    name: u.name,
  };
  return actor(w.rt, who);
};

beforeAll(async () => {
  w = await startWorld();
  kc = await named('k-centrum-liberec/petra-hajkova');
  detox = await named('psychiatrie-liberec/eva-machova');
}, 120_000);
afterAll(async () => {
  await w.rt.stop();
});

const facts = { ageBand: '27-64', district: 'liberec', targetGroup: 'substance-users', needCodes: ['detox'] };
const clientData = {
  name: 'Jana Nováková',
  birthDate: '1988-04-12',
  needs: ['detox'],
  goal: 'Chci přestat brát pervitin.',
};

const draft = async (clientId: string, extra: Record<string, unknown> = {}) => {
  const res = await kc.post<Referral>('/referrals', {
    clientId,
    fromServiceId: w.service('k-centrum-liberec/kontaktni-centrum'),
    toServiceId: w.service('psychiatrie-liberec/detox'),
    ...facts,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body;
};
const send = async (r: Referral) => {
  const res = await kc.post<Referral>(
    `/referrals/${r.id}/transitions`,
    { action: 'send', clientData },
    ifMatch(r.version),
  );
  expect(res.status).toBe(200);
  return res.body;
};
const kcClient = (fields: string[], recipients = [w.provider('psychiatrie-liberec')]) =>
  clientWithConsent(w, kc, w.service('k-centrum-liberec/kontaktni-centrum'), recipients, fields);
const incoming = async () =>
  (await detox.get<{ items: Referral[] }>('/referrals?direction=incoming&limit=100')).body.items;

describe('the client withdraws the consent a sent referral relied on', () => {
  it('the sender sees it in the history; the receiver’s list says withdrawn, without needs, notes or client id', async () => {
    const { clientId, consents } = await kcClient(['name', 'needs']);
    const sent = await send(await draft(clientId));
    const received = await detox.post<Referral>(
      `/referrals/${sent.id}/transitions`,
      { action: 'waitlist', expectedDate: '2099-01-15', note: 'Volné lůžko v lednu.' },
      ifMatch(sent.version),
    );
    expect(received.status).toBe(200);

    const withdrawal = await kc.post(
      `/clients/${clientId}/consents/${consents[0]!.id}/withdrawal`,
      { reason: 'Klientka si to rozmyslela.' },
      ifMatch(consents[0]!.version),
    );
    expect(withdrawal.status).toBe(200);
    await w.rt.settle();

    const senderView = (await kc.get<Referral>(`/referrals/${sent.id}`)).body;
    expect(senderView.status).toBe('waitlisted');
    expect(senderView.consentWithdrawnAt).toBeDefined();
    expect(senderView.history.at(-1)).toMatchObject({
      status: 'waitlisted',
      event: 'consent-withdrawn',
      by: { providerId: w.provider('k-centrum-liberec'), userId: 'client' },
    });
    expect(senderView.version).toBe(received.body.version + 1);
    expect(senderView.receiverNotice).toBeUndefined();

    const stub = (await incoming()).find((r) => r.id === sent.id);
    expect(stub).toMatchObject({ status: 'waitlisted', receiverNotice: 'consent-withdrawn', needCodes: [] });
    expect(stub?.clientId).toBeUndefined();
    expect(stub?.sharedFields).toEqual([]);
    expect(JSON.stringify(stub)).not.toContain('Volné lůžko');
    // Nothing more than the line in the list: the referral and the package stay closed to it.
    expect((await detox.get(`/referrals/${sent.id}`)).status).toBe(404);
    expect((await detox.get(`/referrals/${sent.id}/share-package`)).status).toBe(404);
  });

  it('a redelivered withdrawal adds no second entry, and a referral sent under another consent is untouched', async () => {
    const { clientId, consents } = await kcClient(['name']);
    const sent = await send(await draft(clientId));
    const other = await kcClient(['name']);
    const otherSent = await send(await draft(other.clientId));
    await kc.post(
      `/clients/${clientId}/consents/${consents[0]!.id}/withdrawal`,
      {},
      ifMatch(consents[0]!.version),
    );
    await w.rt.settle();
    const replayed = await w.rt.bus.replay(
      (e) =>
        e.event['detail-type'] === 'ConsentWithdrawn' &&
        (e.event.detail as { data: { consentId: string } }).data.consentId === consents[0]!.id,
    );
    expect(replayed).toBe(1);
    await w.rt.settle();
    const history = (await kc.get<Referral>(`/referrals/${sent.id}`)).body.history;
    expect(history.filter((h) => h.event === 'consent-withdrawn')).toHaveLength(1);
    const untouched = (await kc.get<Referral>(`/referrals/${otherSent.id}`)).body;
    expect(untouched.consentWithdrawnAt).toBeUndefined();
    expect((await incoming()).find((r) => r.id === otherSent.id)?.receiverNotice).toBeUndefined();
  });
});

describe('the sender cancels a sent referral', () => {
  it('tells the receiver the place is free; the sender’s own view carries no notice', async () => {
    const { clientId } = await kcClient(['name']);
    const sent = await send(await draft(clientId));
    const cancelled = await kc.post<Referral>(
      `/referrals/${sent.id}/transitions`,
      { action: 'cancel', reason: 'referred-elsewhere' },
      ifMatch(sent.version),
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.receiverNotice).toBeUndefined();
    const receiverView = await detox.get<Referral>(`/referrals/${sent.id}`);
    expect(receiverView.body).toMatchObject({ status: 'cancelled', receiverNotice: 'place-free' });
    expect((await incoming()).find((r) => r.id === sent.id)?.receiverNotice).toBe('place-free');
  });
});

describe('warnings beside the referral', () => {
  it('sending with no consented field answers the referral and a warning; the stored referral keeps none', async () => {
    const { clientId } = await kcClient([], []);
    const sent = await send(await draft(clientId));
    expect(sent).toMatchObject({ status: 'sent', sharedFields: [] });
    expect(sent.warnings?.map((x) => x.code)).toEqual(['referral-nothing-shared']);
    expect((await kc.get<Referral>(`/referrals/${sent.id}`)).body.warnings).toBeUndefined();

    const consented = await kcClient(['name']);
    const withData = await send(await draft(consented.clientId));
    expect(withData.warnings).toBeUndefined();
  });

  it('a referral to a service outside the client’s target group answers a warning; one inside answers none', async () => {
    const { clientId } = await kcClient(['name']);
    const outside = await draft(clientId, { targetGroup: 'close-persons' });
    expect(outside.status).toBe('draft');
    expect(outside.warnings).toEqual([expect.objectContaining({ code: 'referral-target-group-not-served' })]);
    expect((await kc.get<Referral>(`/referrals/${outside.id}`)).body.warnings).toBeUndefined();
    expect((await draft(clientId)).warnings).toBeUndefined();
  });
});

describe('what the receiver sees before accepting', () => {
  it('who refers (provider, worker, contact) and the consented package, or that nothing was shared', async () => {
    const { clientId } = await kcClient(['name', 'goal']);
    const sent = await send(
      await draft(clientId, {
        senderContact: { phone: '+420 485 100 200', email: 'hajkova@k-centrum-liberec.example' },
      }),
    );
    const seen = (await detox.get<Referral>(`/referrals/${sent.id}`)).body;
    expect(seen.status).toBe('sent');
    expect(seen.sender).toEqual({
      providerName: 'K-centrum Liberec',
      workerName: 'Petra Hájková',
      phone: '+420 485 100 200',
      email: 'hajkova@k-centrum-liberec.example',
    });
    const pkg = await detox.get<referrals.SharePackage>(`/referrals/${sent.id}/share-package`);
    expect(pkg.body).toMatchObject({ sharedFields: ['goal', 'name'], data: { name: 'Jana Nováková' } });

    const nothing = await kcClient([], []);
    const empty = await send(await draft(nothing.clientId));
    const emptyPkg = await detox.get<referrals.SharePackage>(`/referrals/${empty.id}/share-package`);
    expect(emptyPkg.status).toBe(200);
    expect(emptyPkg.body).toMatchObject({ sharedFields: [], data: {} });
  });

  it('a bad sender contact is refused in Czech and nothing is stored', async () => {
    const { clientId } = await kcClient(['name']);
    const before = (await kc.get<{ items: Referral[] }>('/referrals?direction=outgoing&limit=100')).body
      .items;
    const res = await kc.post(
      '/referrals',
      {
        clientId,
        toServiceId: w.service('psychiatrie-liberec/detox'),
        ...facts,
        senderContact: { email: 'není e-mail' },
      },
      { headers: { 'accept-language': 'cs' } },
    );
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('content-language')).toBe('cs');
    const after = (await kc.get<{ items: Referral[] }>('/referrals?direction=outgoing&limit=100')).body.items;
    expect(after).toHaveLength(before.length);
  });
});

describe('who read the share package', () => {
  it('the sender’s access log names the reader; the client’s export lists the receiver’s reads', async () => {
    const { clientId } = await kcClient(['name', 'needs']);
    const sent = await send(await draft(clientId));
    expect((await detox.get(`/referrals/${sent.id}/share-package`)).status).toBe(200);
    expect((await kc.get(`/referrals/${sent.id}/share-package`)).status).toBe(200);
    await w.rt.settle();

    const reads = await kc.get<{ items: referrals.PackageRead[] }>(
      `/referrals/${sent.id}/share-package/reads`,
    );
    expect(reads.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          providerId: w.provider('psychiatrie-liberec'),
          providerName: 'Centrum duševního zdraví a adiktologie Liberec, a. s.',
          userId: detox.sub,
          userName: 'Eva Machová',
        }),
      ]),
    );

    const exported = await kc.get<ClientExport>(`/clients/${clientId}/export`);
    expect(exported.status).toBe(200);
    // The receiver's read only: the sender opening its own copy is in its own access log already.
    expect(exported.body.packageReads).toEqual([
      expect.objectContaining({
        referralId: sent.id,
        readerProviderId: w.provider('psychiatrie-liberec'),
        readerUserId: detox.sub,
        sharedFields: ['name', 'needs'],
      }),
    ]);
    // Another client's export does not list this read.
    const other = await kcClient(['name']);
    expect((await kc.get<ClientExport>(`/clients/${other.clientId}/export`)).body.packageReads).toEqual([]);
  });
});

describe('a consent of its own', () => {
  it('GET answers the consent with its ETag, which the withdrawal takes as If-Match', async () => {
    const { clientId, consents } = await kcClient(['name']);
    const path = `/clients/${clientId}/consents/${consents[0]!.id}`;
    const got = await kc.get<intake.Consent>(path);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: consents[0]!.id, status: 'given' });
    const etag = got.headers.get('etag')!;
    expect(etag).toBe(`"${got.body.version}"`);

    const withdrawn = await kc.post(`${path}/withdrawal`, {}, { headers: { 'if-match': etag } });
    expect(withdrawn.status).toBe(200);
    const after = await kc.get<intake.Consent>(path);
    expect(after.body.status).toBe('withdrawn');
    expect(after.headers.get('etag')).toBe(`"${after.body.version}"`);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('another provider and an unknown consent get 404', async () => {
    const { clientId, consents } = await kcClient(['name']);
    expect((await detox.get(`/clients/${clientId}/consents/${consents[0]!.id}`)).status).toBe(404);
    expect((await kc.get(`/clients/${clientId}/consents/01J00000000000000000000000`)).status).toBe(404);
  });
});
