// Partner systems (issue 16 item 2): a provider admin registers a partner client, "ops" give it an
// app client (locally POST /dev/partner-app-clients; in AWS cdk.json partnerClients), the partner
// gets a client-credentials token from the token endpoint over real HTTP (the Cognito shape: no
// aud, client_id, scope, and the claims of the same platform mapping the V3 trigger applies), and
// works with referrals for its provider within its scopes and its tenant only.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { referrals } from '@spolu/contracts';
import { Claims, newId } from '@spolu/contracts';
import { auditPartition } from '@spolu/platform';
import { decodeJwt } from 'jose';
import type { ApiResponse } from '../../packages/local/src/api-client';
import type { ActorClient } from '../../packages/local/test-support/harness';
import { actor, call } from '../../packages/local/test-support/harness';
import type { World } from '../../services/referrals/test/fixtures';
import { clientWithConsent, ifMatch, startWorld } from '../../services/referrals/test/fixtures';

type Referral = referrals.Referral;

let w: World;
let kc: ActorClient; // K-centrum Liberec key worker: sets up the client and the consent
let sender: string; // K-centrum Liberec (the partner's provider)
let receiver: string; // Psychiatrie Liberec

beforeAll(async () => {
  w = await startWorld();
  kc = await w.as('k-centrum-liberec/petra-hajkova');
  sender = w.provider('k-centrum-liberec');
  receiver = w.provider('psychiatrie-liberec');
}, 180_000);
afterAll(async () => {
  await w?.rt.stop();
});

const admin = (tenantId: string) => actor(w.rt, { sub: newId(), tenantId, roles: ['provider-admin'] });

/** What a provider admin does: register the partner system in the directory. */
const registerPartnerClient = async (tenantId: string, scopes: string[]) => {
  const res = await (
    await admin(tenantId)
  ).post<{ id: string; scopes: string[]; status: string }>('/partner-clients', {
    name: 'Evidence K-centra (partner system)',
    scopes,
  });
  expect(res.status).toBe(201);
  // Referrals learns the partner client from the directory's event.
  await w.rt.settle();
  return res.body.id;
};

/** What ops do: an app client with the client-credentials grant, mapped to provider and partner client. */
const createAppClient = async (body: Record<string, unknown>) => {
  const res = await call<{ clientId: string; clientSecret: string }>(
    w.rt,
    'POST',
    '/dev/partner-app-clients',
    {
      body,
    },
  );
  expect(res.status).toBe(201);
  return res.body;
};

const tokenRequest = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  call<{ access_token?: string; token_type?: string; expires_in?: number; error?: string }>(
    w.rt,
    'POST',
    '/dev/oauth2/token',
    {
      rawBody: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    },
  );
const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
});

/** A partner system with its credentials and a token, as it would sign in. */
const partnerSystem = async (tenantId: string, scopes: string[]) => {
  const partnerClientId = await registerPartnerClient(tenantId, scopes);
  const credentials = await createAppClient({ partnerClientId, tenantId, scopes });
  const res = await tokenRequest(
    { grant_type: 'client_credentials' },
    basic(credentials.clientId, credentials.clientSecret),
  );
  expect(res.status).toBe(200);
  const token = res.body.access_token!;
  const as = <T>(
    method: string,
    path: string,
    o: { body?: unknown; headers?: Record<string, string> } = {},
  ) => call<T>(w.rt, method, path, { ...o, token });
  return { partnerClientId, ...credentials, token, as };
};

const facts = { ageBand: '27-64', district: 'liberec', targetGroup: 'substance-users', needCodes: ['detox'] };
const clientData = {
  name: 'Jana Nováková',
  birthDate: '1988-04-12',
  needs: ['detox'],
  goal: 'Chci přestat brát pervitin.',
  testResults: 'HCV reaktivní',
};
const scopes = ['spolu/directory.read', 'spolu/referrals.read', 'spolu/referrals.write'];

const expectProblem = (res: ApiResponse<unknown>, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
};

describe('a partner system signs in with client credentials, as Cognito would issue its token', () => {
  it('gets a token without aud, with client_id, the granted scopes and its provider from the mapping', async () => {
    const partnerClientId = await registerPartnerClient(sender, scopes);
    const { clientId, clientSecret } = await createAppClient({ partnerClientId, tenantId: sender, scopes });

    const mapping = await call<Record<string, unknown>>(w.rt, 'GET', '/dev/partner-mapping');
    expect(mapping.body[clientId]).toEqual({ tenantId: sender, partnerClientId });

    // client_secret_basic, every scope of the app client
    const res = await tokenRequest({ grant_type: 'client_credentials' }, basic(clientId, clientSecret));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const claims = decodeJwt(res.body.access_token!);
    expect(claims.aud).toBeUndefined();
    expect(claims).toMatchObject({
      sub: clientId,
      client_id: clientId,
      token_use: 'access',
      scope: scopes.join(' '),
      [Claims.tenantId]: sender,
      [Claims.partnerClientId]: partnerClientId,
      [Claims.region]: w.rt.region,
      [Claims.roles]: 'partner',
    });

    // client_secret_post with a narrower scope
    const narrow = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'spolu/referrals.read',
    });
    expect(narrow.status).toBe(200);
    expect(decodeJwt(narrow.body.access_token!).scope).toBe('spolu/referrals.read');
  });

  it('refuses a wrong secret, an unknown client, a scope not granted and other grant types (OAuth2 errors)', async () => {
    const partnerClientId = await registerPartnerClient(sender, ['spolu/referrals.read']);
    const { clientId, clientSecret } = await createAppClient({
      partnerClientId,
      tenantId: sender,
      scopes: ['spolu/referrals.read'],
    });
    const wrong = await tokenRequest(
      { grant_type: 'client_credentials' },
      basic(clientId, `${clientSecret}x`),
    );
    expect({ status: wrong.status, body: wrong.body }).toEqual({
      status: 401,
      body: { error: 'invalid_client' },
    });
    const unknown = await tokenRequest({ grant_type: 'client_credentials' }, basic('nobody', clientSecret));
    expect(unknown.status).toBe(401);
    const notGranted = await tokenRequest(
      { grant_type: 'client_credentials', scope: 'spolu/referrals.write' },
      basic(clientId, clientSecret),
    );
    expect({ status: notGranted.status, body: notGranted.body }).toEqual({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    const password = await tokenRequest({ grant_type: 'password' }, basic(clientId, clientSecret));
    expect(password.body).toEqual({ error: 'unsupported_grant_type' });
    const json = await call(w.rt, 'POST', '/dev/oauth2/token', {
      body: { grant_type: 'client_credentials' },
    });
    expect(json.status).toBe(400);
  });
});

describe('what a partner system may do for its provider', () => {
  let partner: Awaited<ReturnType<typeof partnerSystem>>;
  let referral: Referral;

  beforeAll(async () => {
    partner = await partnerSystem(sender, scopes);
  });

  it('reads the directory and the referral matching', async () => {
    const services = await partner.as<{ items: { id: string }[] }>('GET', '/services?district=liberec');
    expect(services.status).toBe(200);
    expect(services.body.items.length).toBeGreaterThan(0);
    const matches = await partner.as<{ items: { serviceId: string }[] }>(
      'GET',
      '/referral-matches?needs=detox&ageBand=27-64&district=liberec&targetGroup=substance-users',
    );
    expect(matches.status).toBe(200);
    expect(matches.body.items.length).toBeGreaterThan(0);
  });

  it('creates and sends a referral with the consented package, and follows its status', async () => {
    // A worker of the same provider registered the client and recorded the consent.
    const { clientId } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [receiver],
      ['name', 'birthDate', 'needs'],
    );
    const body = {
      clientId,
      fromServiceId: w.service('k-centrum-liberec/kontaktni-centrum'),
      toServiceId: w.service('psychiatrie-liberec/detox'),
      ...facts,
    };
    const key = { 'idempotency-key': `partner-${newId()}` };
    const draft = await partner.as<Referral>('POST', '/referrals', { body, headers: key });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      status: 'draft',
      senderProviderId: sender,
      createdBy: partner.partnerClientId,
    });
    expect(draft.body.history[0]!.by).toEqual({ providerId: sender, userId: partner.partnerClientId });
    // A retry with the same key creates nothing new.
    const retry = await partner.as<Referral>('POST', '/referrals', { body, headers: key });
    expect(retry.body.id).toBe(draft.body.id);

    const sent = await partner.as<Referral>('POST', `/referrals/${draft.body.id}/transitions`, {
      body: { action: 'send', clientData },
      headers: ifMatch(draft.body.version).headers,
    });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('sent');
    // Only the consented fields travel.
    expect(sent.body.sharedFields).toEqual(['birthDate', 'name', 'needs']);
    referral = sent.body;

    const got = await partner.as<Referral>('GET', `/referrals/${referral.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: referral.id, status: 'sent', clientId });
    const list = await partner.as<{ items: Referral[] }>('GET', '/referrals?direction=outgoing');
    expect(list.status).toBe(200);
    expect(list.body.items.map((x) => x.id)).toContain(referral.id);
    const reads = await partner.as<{ items: unknown[] }>(
      'GET',
      `/referrals/${referral.id}/share-package/reads`,
    );
    expect(reads.status).toBe(200);
  });

  it('names the partner client in the audit trail', async () => {
    const env = w.rt.envs.get('referrals')!;
    const out = await env.ddb.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': auditPartition(sender, 'referral', referral.id) },
      }),
    );
    const entries = out.Items ?? [];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries)
      expect(entry).toMatchObject({
        actor: partner.partnerClientId,
        actorKind: 'partner-client',
        actorRoles: ['partner'],
        actorTenant: sender,
      });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update', 'read']));
  });

  it("does not answer a referral for the receiver: accepting one is the receiving side's people", async () => {
    const res = await partner.as('POST', `/referrals/${referral.id}/transitions`, {
      body: { action: 'accept' },
      headers: ifMatch(referral.version).headers,
    });
    expectProblem(res, 403);
  });

  it("reads the package its provider receives: the receiver's partner system", async () => {
    const receiving = await partnerSystem(receiver, ['spolu/referrals.read']);
    const pkg = await receiving.as<{ data: Record<string, unknown> }>(
      'GET',
      `/referrals/${referral.id}/share-package`,
    );
    expect(pkg.status).toBe(200);
    expect(Object.keys(pkg.body.data).sort()).toEqual(['birthDate', 'name', 'needs']);
    expect(JSON.stringify(pkg.body)).not.toContain('HCV');
    // The receiver never sees the sender's client id.
    const seen = await receiving.as<Referral>('GET', `/referrals/${referral.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.clientId).toBeUndefined();

    // Its scopes still gate: referrals.read only cannot create or send.
    const create = await receiving.as('POST', '/referrals', {
      body: {
        clientId: newId(),
        fromServiceId: w.service('psychiatrie-liberec/detox'),
        toServiceId: w.service('k-centrum-liberec/kontaktni-centrum'),
        ...facts,
      },
    });
    expect(create.status).toBe(403);
    expect(create.body).toEqual({ message: 'Forbidden' }); // the authorizer's answer: scope missing
  });

  it("cannot see another provider's referral (404), and stays out of routes it was not given", async () => {
    const other = await partnerSystem(w.provider('fokus-semily'), scopes);
    expectProblem(await other.as('GET', `/referrals/${referral.id}`), 404);
    expectProblem(await other.as('GET', `/referrals/${referral.id}/share-package`), 404);
    const list = await other.as<{ items: Referral[] }>('GET', '/referrals');
    expect(list.status).toBe(200);
    expect(list.body.items.map((x) => x.id)).not.toContain(referral.id);
    // Shared care and handovers stay with people (docs/PARTNERS.md).
    expectProblem(await partner.as('GET', '/shared-care'), 403);
  });

  it('cancels its own referral', async () => {
    const current = await partner.as<Referral>('GET', `/referrals/${referral.id}`);
    const cancelled = await partner.as<Referral>('POST', `/referrals/${referral.id}/transitions`, {
      body: { action: 'cancel', reason: 'no-longer-needed' },
      headers: ifMatch(current.body.version).headers,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  });
});

describe('the provider stays in control of its partner system', () => {
  it('a revoked partner client is refused at once, although its token is still valid', async () => {
    const partner = await partnerSystem(sender, ['spolu/referrals.read']);
    expect((await partner.as('GET', '/referrals')).status).toBe(200);
    const adminA = await admin(sender);
    const revoked = await adminA.patch(
      `/partner-clients/${partner.partnerClientId}`,
      { status: 'revoked' },
      {
        headers: { 'if-match': '"1"' },
      },
    );
    expect(revoked.status).toBe(200);
    await w.rt.settle();
    const res = await partner.as<{ detail?: string }>('GET', '/referrals');
    expectProblem(res, 403);
    expect(res.body.detail).toMatch(/revoked/);
  });

  it('an app client mapped to a partner client of another provider gets nothing of either', async () => {
    const partnerClientId = await registerPartnerClient(sender, ['spolu/referrals.read']);
    // An ops mistake: the mapping names the right partner client but the wrong provider.
    const wrong = await createAppClient({
      partnerClientId,
      tenantId: w.provider('fokus-semily'),
      scopes: ['spolu/referrals.read'],
    });
    const res = await tokenRequest(
      { grant_type: 'client_credentials' },
      basic(wrong.clientId, wrong.clientSecret),
    );
    const refused = await call<{ detail?: string }>(w.rt, 'GET', '/referrals', {
      token: res.body.access_token,
    });
    expectProblem(refused, 403);
    expect(refused.body.detail).toMatch(/not registered with this provider/);
  });
});

describe('an app client missing from the partner mapping', () => {
  it('gets a token the gateway accepts but without provider or region, and the API refuses it (403 problem+json)', async () => {
    const { clientId, clientSecret } = await createAppClient({ unmapped: true, scopes });
    const res = await tokenRequest({ grant_type: 'client_credentials' }, basic(clientId, clientSecret));
    expect(res.status).toBe(200);
    const claims = decodeJwt(res.body.access_token!);
    expect(claims.client_id).toBe(clientId);
    expect(claims[Claims.tenantId]).toBeUndefined();
    expect(claims[Claims.partnerClientId]).toBeUndefined();
    const token = res.body.access_token!;
    expectProblem(await call(w.rt, 'GET', '/referrals', { token }), 403);
    expectProblem(await call(w.rt, 'GET', '/services?district=liberec', { token }), 403);
  });

  it('a token for an app client the gateway does not know is refused by the authorizer (401)', async () => {
    const forged = await w.rt.token({
      sub: 'x',
      tenantId: sender,
      roles: ['partner'],
      scopes,
      audience: 'someone',
    });
    expect((await call(w.rt, 'GET', '/referrals', { token: forged })).status).toBe(401);
  });
});
