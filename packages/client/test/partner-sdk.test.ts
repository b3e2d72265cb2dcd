// The SDK as a partner system uses it, against the real local runtime (DynamoDB Local, the bus,
// real HTTP): a client-credentials token from the dev token endpoint, pagination, Idempotency-Key,
// If-Match from remembered ETags with 412 as a typed exception, and 422 problems in Czech.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@spolu/contracts';
import { actor, call } from '../../local/test-support/harness';
import type { ActorClient } from '../../local/test-support/harness';
import type { World } from '../../../services/referrals/test/fixtures';
import { clientWithConsent, startWorld } from '../../../services/referrals/test/fixtures';
import {
  SpoluPreconditionFailed,
  SpoluProblem,
  SpoluValidationProblem,
  TokenRequestError,
  clientCredentialsToken,
  collectAll,
  createSpoluClient,
  dataOf,
  ifMatch,
  paginate,
} from '../src';
import type { components } from '../src';

let w: World;
let kc: ActorClient;
let sender: string;
let receiver: string;
const scopes = ['spolu/directory.read', 'spolu/referrals.read', 'spolu/referrals.write'];

/** Every request the SDK makes, as it left for the runtime (the runtime still answers it). */
const recorded: Request[] = [];
const recordingFetch: typeof fetch = (input, init) => {
  const request = new Request(input, init);
  recorded.push(request.clone());
  return fetch(request);
};

/** What a provider admin and ops do for a partner system (see test/e2e/partner-access.test.ts). */
const partnerCredentials = async (tenantId: string, granted: string[]) => {
  const admin = await actor(w.rt, { sub: newId(), tenantId, roles: ['provider-admin'] });
  const registered = await admin.post<{ id: string }>('/partner-clients', {
    name: 'Evidence K-centra (SDK)',
    scopes: granted,
  });
  expect(registered.status).toBe(201);
  await w.rt.settle();
  const app = await call<{ clientId: string; clientSecret: string }>(
    w.rt,
    'POST',
    '/dev/partner-app-clients',
    {
      body: { partnerClientId: registered.body.id, tenantId, scopes: granted },
    },
  );
  expect(app.status).toBe(201);
  return { partnerClientId: registered.body.id, ...app.body };
};

const tokenUrl = () => `${w.rt.url}/dev/oauth2/token`;

beforeAll(async () => {
  w = await startWorld();
  kc = await w.as('k-centrum-liberec/petra-hajkova');
  sender = w.provider('k-centrum-liberec');
  receiver = w.provider('psychiatrie-liberec');
}, 180_000);
afterAll(async () => {
  await w?.rt.stop();
});

describe('client-credentials token', () => {
  it('is fetched once, reused while valid and renewed shortly before it expires', async () => {
    const credentials = await partnerCredentials(sender, scopes);
    let now = Date.now();
    const tokenCalls: string[] = [];
    const token = clientCredentialsToken({
      tokenUrl: tokenUrl(),
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      refreshBeforeSeconds: 60,
      now: () => now,
      fetch: (input, init) => {
        tokenCalls.push(String(input));
        return fetch(input, init);
      },
    });
    const api = createSpoluClient({ baseUrl: w.rt.url, token }).api;

    const first = await token();
    expect(dataOf(await api.GET('/referrals', {})).items).toEqual(expect.any(Array));
    expect(await token()).toBe(first);
    expect(tokenCalls).toHaveLength(1);
    // The dev endpoint issues for an hour; the token is counted from when it was asked for.
    const issued = token.current()!;
    expect(issued.expiresAt).toBe(now + 3600 * 1000);

    // 59 minutes 30 seconds later: within the renewal window, a new token is fetched.
    now += 3570 * 1000;
    const renewed = await token();
    expect(tokenCalls).toHaveLength(2);
    expect(renewed).not.toBe(first);
    expect(token.current()!.expiresAt).toBe(now + 3600 * 1000);
    // The renewed token is a real one: the API accepts it.
    const { response } = await api.GET('/referrals', {});
    expect(response.status).toBe(200);

    // Long past its expiry (a sleeping host): renewed again before use.
    now += 5 * 3600 * 1000;
    expect(await token()).not.toBe(renewed);
    expect(tokenCalls).toHaveLength(3);
  });

  it('concurrent callers share one token request', async () => {
    const credentials = await partnerCredentials(sender, ['spolu/referrals.read']);
    let requests = 0;
    const token = clientCredentialsToken({
      tokenUrl: tokenUrl(),
      ...credentials,
      fetch: (input, init) => {
        requests += 1;
        return fetch(input, init);
      },
    });
    const tokens = await Promise.all([token(), token(), token()]);
    expect(new Set(tokens).size).toBe(1);
    expect(requests).toBe(1);
  });

  it('a wrong secret is a TokenRequestError with the OAuth2 error code', async () => {
    const credentials = await partnerCredentials(sender, ['spolu/referrals.read']);
    const token = clientCredentialsToken({
      tokenUrl: tokenUrl(),
      clientId: credentials.clientId,
      clientSecret: `${credentials.clientSecret}x`,
    });
    const failure = await token().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TokenRequestError);
    expect(failure).toMatchObject({ status: 401, error: 'invalid_client' });
  });
});

describe('cursor pagination', () => {
  it('iterates over every page of a list, the same items as one big page', async () => {
    const credentials = await partnerCredentials(sender, scopes);
    const api = createSpoluClient({
      baseUrl: w.rt.url,
      token: clientCredentialsToken({ tokenUrl: tokenUrl(), ...credentials }),
    }).api;
    let pages = 0;
    const services = paginate(async (cursor) => {
      pages += 1;
      return dataOf(
        await api.GET('/services', {
          params: { query: { district: 'liberec', limit: 2, ...(cursor ? { cursor } : {}) } },
        }),
      );
    });
    const iterated = (await collectAll(services)).map((s) => s.id);
    const onePage = dataOf(
      await api.GET('/services', { params: { query: { district: 'liberec', limit: 100 } } }),
    );
    expect(onePage.nextCursor).toBeUndefined();
    expect(onePage.items.length).toBeGreaterThan(2);
    expect(iterated).toEqual(onePage.items.map((s) => s.id));
    expect(pages).toBe(Math.ceil(onePage.items.length / 2));
    expect(pages).toBeGreaterThan(1);
  });

  it('stops asking for pages when the caller stops iterating', async () => {
    let pages = 0;
    for await (const item of paginate(async (cursor) => {
      pages += 1;
      return { items: [Number(cursor ?? 0)], nextCursor: String(Number(cursor ?? 0) + 1) };
    })) {
      if (item >= 2) break;
    }
    expect(pages).toBe(3);
  });
});

describe('referrals through the SDK: Idempotency-Key, If-Match, typed problems', () => {
  const partner = async () => {
    const credentials = await partnerCredentials(sender, scopes);
    const token = clientCredentialsToken({ tokenUrl: tokenUrl(), ...credentials });
    return { credentials, token };
  };
  let body: components['schemas']['CreateReferralBody'];
  beforeAll(async () => {
    const { clientId } = await clientWithConsent(
      w,
      kc,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [receiver],
      ['name', 'birthDate', 'needs'],
    );
    body = {
      clientId,
      fromServiceId: w.service('k-centrum-liberec/kontaktni-centrum'),
      toServiceId: w.service('psychiatrie-liberec/detox'),
      ageBand: '27-64',
      district: 'liberec',
      targetGroup: 'substance-users',
      needCodes: ['detox'],
    };
  });

  it('a create gets a generated Idempotency-Key; a retry with the same key returns the same referral', async () => {
    const { token } = await partner();
    const { api } = createSpoluClient({ baseUrl: w.rt.url, token, fetch: recordingFetch });
    recorded.length = 0;
    const created = await api.POST('/referrals', { body });
    expect(created.response.status).toBe(201);
    const sentKey = recorded[0]!.headers.get('idempotency-key');
    expect(sentKey).toMatch(/^[0-9a-f-]{36}$/);

    // The network dropped the answer; the partner retries with the key it sent.
    const retried = await api.POST('/referrals', {
      body,
      params: { header: { 'idempotency-key': sentKey! } },
    });
    expect(retried.response.status).toBe(201);
    expect(retried.response.headers.get('idempotent-replayed')).toBe('true');
    expect(dataOf(retried).id).toBe(dataOf(created).id);
    expect(recorded[1]!.headers.get('idempotency-key')).toBe(sentKey);

    // Without a key of its own each create is a new one, and reads carry no key.
    const another = await api.POST('/referrals', { body });
    expect(dataOf(another).id).not.toBe(dataOf(created).id);
    expect(recorded[2]!.headers.get('idempotency-key')).not.toBe(sentKey);
    await api.GET('/referrals/{referralId}', { params: { path: { referralId: dataOf(created).id } } });
    expect(recorded[3]!.method).toBe('GET');
    expect(recorded[3]!.headers.has('idempotency-key')).toBe(false);
  });

  it('sends the remembered ETag as If-Match, and a stale one is a SpoluPreconditionFailed (412)', async () => {
    const { token } = await partner();
    const first = createSpoluClient({ baseUrl: w.rt.url, token });
    const second = createSpoluClient({ baseUrl: w.rt.url, token });
    const draft = dataOf(await first.api.POST('/referrals', { body }));
    const path = `/referrals/${draft.id}`;
    const referralId = draft.id;
    // A create's ETag is remembered under the new resource's path.
    expect(first.etags.get(path)).toBe(`"${draft.version}"`);
    // Both systems read the draft (version 1).
    await first.api.GET('/referrals/{referralId}', { params: { path: { referralId } } });
    await second.api.GET('/referrals/{referralId}', { params: { path: { referralId } } });
    expect(second.etags.get(path)).toBe(`"${draft.version}"`);

    // The first sends it: its If-Match comes from what it read, and it remembers the new ETag.
    const sent = dataOf(
      await first.api.POST('/referrals/{referralId}/transitions', {
        params: { path: { referralId }, header: first.etags.ifMatchFor(`${path}/transitions`) },
        body: {
          action: 'send',
          clientData: { name: 'Jana Nováková', birthDate: '1988-04-12', needs: ['detox'] },
        },
      }),
    );
    expect(sent.status).toBe('sent');
    expect(first.etags.get(path)).toBe(`"${sent.version}"`);
    expect(first.etags.ifMatchFor(`${path}/transitions`)).toEqual(ifMatch(sent.version));

    // The second still holds version 1: the API refuses, as a typed 412 with its stable code.
    const stale = await second.api
      .POST('/referrals/{referralId}/transitions', {
        params: { path: { referralId }, header: second.etags.ifMatchFor(`${path}/transitions`) },
        body: { action: 'cancel', reason: 'no-longer-needed' },
      })
      .catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(SpoluPreconditionFailed);
    expect(stale).toBeInstanceOf(SpoluProblem);
    expect(stale).toMatchObject({ status: 412, code: 'stale-etag' });
    // Nothing changed.
    const after = dataOf(
      await second.api.GET('/referrals/{referralId}', { params: { path: { referralId } } }),
    );
    expect(after).toMatchObject({ status: 'sent', version: sent.version });

    // Having re-read it, the second system's cancel goes through.
    const cancelled = dataOf(
      await second.api.POST('/referrals/{referralId}/transitions', {
        params: { path: { referralId }, header: second.etags.ifMatchFor(`${path}/transitions`) },
        body: { action: 'cancel', reason: 'no-longer-needed' },
      }),
    );
    expect(cancelled.status).toBe('cancelled');
  });

  it('remembers ETags by API path when the API sits behind a path prefix', async () => {
    const { token } = await partner();
    // A gateway that serves the API under /v1: the prefix is stripped before the runtime.
    const behindPrefix: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      url.pathname = url.pathname.replace(/^\/v1/, '');
      return fetch(new Request(url, request));
    };
    const { api, etags } = createSpoluClient({ baseUrl: `${w.rt.url}/v1`, token, fetch: behindPrefix });
    const draft = dataOf(await api.POST('/referrals', { body }));
    expect(etags.get(`/referrals/${draft.id}`)).toBe(`"${draft.version}"`);
    const cancelled = dataOf(
      await api.POST('/referrals/{referralId}/transitions', {
        params: {
          path: { referralId: draft.id },
          header: etags.ifMatchFor(`/referrals/${draft.id}/transitions`),
        },
        body: { action: 'cancel', reason: 'no-longer-needed' },
      }),
    );
    expect(cancelled.status).toBe('cancelled');
    expect(etags.get(`/referrals/${draft.id}`)).toBe(`"${cancelled.version}"`);
    expect(() => etags.ifMatchFor('/referrals/unknown')).toThrow(/read the resource first/);
  });

  it('invalid input is a SpoluValidationProblem in Czech with the failing fields, and nothing is stored', async () => {
    const { token } = await partner();
    const { api } = createSpoluClient({ baseUrl: w.rt.url, token });
    const before = dataOf(
      await api.GET('/referrals', { params: { query: { direction: 'outgoing', limit: 100 } } }),
    );
    const failure = await api
      .POST('/referrals', { body: { ...body, toServiceId: 'not-a-ulid' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SpoluValidationProblem);
    const problem = failure as SpoluValidationProblem;
    expect(problem.status).toBe(422);
    expect(problem.code).toBe('validation');
    expect(problem.errors.map((e) => e.path)).toContain('body.toServiceId');
    // The SDK asks for Czech by default; the stable code stays beside the words.
    expect(problem.response.headers.get('content-language')).toBe('cs');
    expect(problem.title).toBe('Údaje nejsou v pořádku');
    const afterwards = dataOf(
      await api.GET('/referrals', { params: { query: { direction: 'outgoing', limit: 100 } } }),
    );
    expect(afterwards.items.map((r) => r.id)).toEqual(before.items.map((r) => r.id));
  });
});
