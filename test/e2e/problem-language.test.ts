// Problems in the caller's language over real HTTP: bad input sent with `Accept-Language: cs`
// gets Czech titles, details and field messages (contract messages, zod's own, broken rules) with
// the same codes, `content-language: cs`, and nothing stored; the same requests without the header
// (or preferring English) get the API's English wording as before.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyRoute, Problem, Role } from '@spolu/contracts';
import {
  ContractMessages,
  Role as RoleSchema,
  newId,
  problemTypeBase,
  ruleText,
  scopesFor,
  scopesForRoles,
} from '@spolu/contracts';
import { routesOf } from '@spolu/platform';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { call, startTestRuntime } from '../../packages/local/test-support/harness';
import { manifests } from '../../services/manifests';
import type { World } from '../../services/intake/test/fixtures';
import { anonymousClient, namedClient, startWorld } from '../../services/intake/test/fixtures';
import type { MatrixRequest, MatrixWorld } from './matrix/fixtures';
import { serviceBody as matrixServiceBody } from './matrix/fixtures';
import { allMatrixFixtures } from './matrix/index';
import { createMatrixWorld } from './matrix/world';

type Rec = { id: string; version: number; targetGroup: string };
let w: World;
let client: Rec;

const czech = { 'accept-language': 'cs-CZ,cs;q=0.9,en;q=0.8' };

beforeAll(async () => {
  w = await startWorld();
  const created = await w.fokus.post<Rec>('/clients', namedClient(w.services.std));
  expect(created.status).toBe(201);
  client = created.body;
});
afterAll(async () => {
  await w.rt.stop();
});

const countClients = async () =>
  (await w.fokus.get<{ items: unknown[] }>('/clients?limit=100')).body.items.length;

/** The bad requests of this test, each sent with the given extra headers. */
const badRequests = (headers: Record<string, string>) => ({
  invalidJson: () =>
    call<Problem>(w.rt, 'POST', '/clients', {
      token: w.fokus.token,
      rawBody: '{"serviceId": ',
      headers: { 'content-type': 'application/json', ...headers },
    }),
  missingClient: () => w.fokus.get<Problem>(`/clients/${newId()}`, { headers }),
  noIfMatch: () =>
    w.fokus.patch<Problem>(`/clients/${client.id}`, { targetGroup: client.targetGroup }, { headers }),
  staleIfMatch: () =>
    w.fokus.patch<Problem>(
      `/clients/${client.id}`,
      { targetGroup: client.targetGroup },
      { headers: { 'if-match': `"${client.version + 5}"`, ...headers } },
    ),
  contractMessage: () =>
    w.fokus.post<Problem>('/clients', anonymousClient(w.services.kontakt, 'x!'), { headers }),
  unknownField: () =>
    w.fokus.post<Problem>('/clients', { ...namedClient(w.services.std), nickname: 'x' }, { headers }),
  brokenRule: () =>
    w.fokus.post<Problem>('/clients', namedClient(w.services.std, { birthDate: '2099-01-01' }), { headers }),
  noToken: () => call<Problem>(w.rt, 'GET', '/clients', { headers }),
});

describe('problems in Czech with Accept-Language: cs', () => {
  it('words titles, details and field messages in Czech, keeps the codes and stores nothing', async () => {
    const before = await countClients();
    const send = badRequests(czech);

    const invalidJson = await send.invalidJson();
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.headers.get('content-type')).toBe('application/problem+json');
    expect(invalidJson.headers.get('content-language')).toBe('cs');
    expect(invalidJson.body).toMatchObject({
      type: `${problemTypeBase}bad-request`,
      title: 'Požadavek nelze zpracovat',
      status: 400,
      detail: 'Tělo požadavku není platný JSON.',
    });

    const missing = await send.missingClient();
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      type: `${problemTypeBase}not-found`,
      title: 'Záznam nebyl nalezen',
      detail: 'Klient nebyl nalezen.',
    });

    const noIfMatch = await send.noIfMatch();
    expect(noIfMatch.status).toBe(428);
    expect(noIfMatch.body).toMatchObject({
      type: `${problemTypeBase}if-match-required`,
      title: 'Chybí podmínka If-Match',
      detail: 'Pošlete hlavičku If-Match s ETagem načteného záznamu.',
    });

    const stale = await send.staleIfMatch();
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({
      type: `${problemTypeBase}stale-etag`,
      title: 'Záznam se mezitím změnil',
      detail: 'Záznam mezitím změnil někdo jiný. Načtěte ho znovu a změnu proveďte ještě jednou.',
    });

    const contract = await send.contractMessage();
    expect(contract.status).toBe(422);
    expect(contract.headers.get('content-language')).toBe('cs');
    expect(contract.body).toMatchObject({
      type: `${problemTypeBase}validation`,
      title: 'Údaje nejsou v pořádku',
      detail: 'Tělo požadavku není v pořádku.',
    });
    expect(contract.body.errors).toContainEqual({
      path: 'body.identity.clientCode',
      code: 'invalid_format',
      message: 'Kód klienta: 3–24 písmen, číslic nebo pomlček.',
    });

    const unknown = await send.unknownField();
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      {
        path: 'body',
        code: 'unrecognized_keys',
        message: expect.stringMatching(/^Neznámé klíče: .*nickname/),
      },
    ]);

    const rule = await send.brokenRule();
    expect(rule.status).toBe(422);
    expect(rule.body).toMatchObject({
      type: `${problemTypeBase}validation`,
      title: 'Údaje nejsou v pořádku',
      detail: 'Datum narození je v budoucnosti.',
    });
    expect(rule.body.errors?.[0]).toMatchObject({
      code: 'birth-in-future',
      message: 'Datum narození je v budoucnosti.',
    });

    // the gateway's own 413 is problem+json too
    const tooLarge = await call<Problem>(w.rt, 'POST', '/clients', {
      token: w.fokus.token,
      rawBody: 'x'.repeat(10 * 1024 * 1024 + 1),
      headers: { 'content-type': 'application/json', ...czech },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-language')).toBe('cs');
    expect(tooLarge.body).toMatchObject({
      type: `${problemTypeBase}payload-too-large`,
      title: 'Příliš mnoho dat najednou',
      detail: 'Tělo požadavku je větší než 10485760 bajtů.',
    });

    // the authorizer's refusal is API Gateway's own answer (HTTP APIs cannot customise it)
    const noToken = await send.noToken();
    expect(noToken.status).toBe(401);
    expect(noToken.body).toEqual({ message: 'Unauthorized' });

    expect(await countClients()).toBe(before);
    const after = await w.fokus.get<Rec>(`/clients/${client.id}`);
    expect(after.body.version).toBe(client.version);
  });

  it('stays in English without the header or when English is preferred', async () => {
    const before = await countClients();
    const english: Record<string, string>[] = [{}, { 'accept-language': 'en-US,en;q=0.9,cs;q=0.8' }];
    for (const headers of english) {
      const send = badRequests(headers);
      const invalidJson = await send.invalidJson();
      expect(invalidJson.headers.get('content-language')).toBe('en');
      expect(invalidJson.body).toMatchObject({
        title: 'Bad request',
        status: 400,
        detail: 'The body is not valid JSON.',
      });
      expect((await send.missingClient()).body).toMatchObject({
        title: 'Not found',
        detail: 'client not found',
      });
      expect((await send.noIfMatch()).body).toMatchObject({
        title: 'Precondition required',
        detail: 'Send If-Match with the ETag you loaded.',
      });
      expect((await send.staleIfMatch()).body).toMatchObject({
        title: 'Precondition failed',
        detail:
          'The record was changed by someone else since you loaded it. Reload it and apply your change again.',
      });
      const contract = await send.contractMessage();
      expect(contract.body).toMatchObject({ title: 'Validation failed', detail: 'The body is not valid.' });
      expect(contract.body.errors).toContainEqual({
        path: 'body.identity.clientCode',
        code: 'invalid_format',
        message: ContractMessages.clientCode,
      });
      expect((await send.unknownField()).body.errors).toEqual([
        { path: 'body', code: 'unrecognized_keys', message: 'Unrecognized key: "nickname"' },
      ]);
      const rule = await send.brokenRule();
      expect(rule.body.title).toBe('Validation failed');
      expect(rule.body.errors?.[0]?.code).toBe('birth-in-future');
      expect(rule.body.detail).toBe(rule.body.errors?.[0]?.message);
      expect(rule.body.detail).not.toBe('Datum narození je v budoucnosti.');
      expect(rule.body.detail).toMatch(/birth/i);
    }
    expect(await countClients()).toBe(before);
  });
});

// ---- every service: a walk of its problems, no English left in a Czech answer ----

/** One bad request, sent once preferring Czech and once without Accept-Language. */
interface Sample {
  service: string;
  what: string;
  send: (headers: Record<string, string>) => Promise<{ status: number; headers: Headers; body: unknown }>;
}

/** What a problem's kind is, for the coverage per service. */
const kindOf = (status: number, problem: Problem) => {
  if (problem.errors?.some((e) => ruleText(e.code, 'en') !== undefined)) return 'rule';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 412 || status === 428) return 'precondition';
  if (status === 422 || status === 400) return 'validation';
  return String(status);
};

/** Words of an English sentence: a text with one is English when it comes back unchanged in Czech. */
const englishWords = /\b(?:the|a|an|is|are|must|not|no|this|of|to|for|in|be|with|only|was|has|expected)\b/i;

/** Texts of a Czech answer that stayed in English: identical to the English answer's and worded
 * in English (codes, ids and numbers are the same in both languages). */
const englishLeft = (cs: Problem, en: Problem) => {
  const left: string[] = [];
  const same = (what: string, csText: string | undefined, enText: string | undefined) => {
    if (csText !== undefined && csText === enText && englishWords.test(csText))
      left.push(`${what}: ${csText}`);
  };
  same('title', cs.title, en.title);
  same('detail', cs.detail, en.detail);
  (cs.errors ?? []).forEach((e, i) => same(`errors[${i}].message`, e.message, en.errors?.[i]?.message));
  return left;
};

const routeById = (id: string): AnyRoute => {
  const found = manifests.flatMap(routesOf).find(({ route }) => route.id === id);
  if (!found) throw new Error(`no route ${id}`);
  return found.route;
};

describe('the English-left check', () => {
  it('flags a text a Czech answer kept in English, and passes codes and Czech words', () => {
    const en: Problem = {
      type: 'x',
      title: 'Validation failed',
      status: 422,
      detail: 'The body is not valid.',
      errors: [
        { path: 'body.a', message: 'must not contain control characters', code: 'invalid_format' },
        { path: 'body.b', message: 'CZ051', code: 'x' },
      ],
    };
    const cs: Problem = {
      ...en,
      title: 'Údaje nejsou v pořádku',
      errors: [en.errors![0]!, en.errors![1]!],
    };
    expect(englishLeft(cs, en)).toEqual([
      'detail: The body is not valid.',
      'errors[0].message: must not contain control characters',
    ]);
    expect(englishLeft({ ...cs, detail: 'Tělo požadavku není v pořádku.', errors: [] }, en)).toEqual([]);
  });
});

describe('every service answers its problems in Czech', () => {
  let rt: RegionRuntime;
  let mw: MatrixWorld;
  const samples: Sample[] = [];
  const built = new Map<string, MatrixRequest>();
  /** Fixtures that could not build their records: the walk reports them as failures. */
  const unbuilt: string[] = [];

  const rolesFor = (route: AnyRoute, fixtureRoles?: Role[]): Role[] =>
    fixtureRoles ??
    (route.roles
      ? [...route.roles]
      : [
          RoleSchema.options.find(
            (r) => r !== 'partner' && route.scopes.some((s) => scopesForRoles[r].includes(s)),
          )!,
        ]);
  const fill = (route: AnyRoute, params: Record<string, string> = {}, override?: Record<string, string>) =>
    route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
      encodeURIComponent(override?.[name] ?? params[name] ?? ''),
    );
  const withQuery = (path: string, query?: Record<string, string>) =>
    query && Object.keys(query).length ? `${path}?${new URLSearchParams(query)}` : path;

  beforeAll(async () => {
    rt = await startTestRuntime(manifests);
    mw = await createMatrixWorld(rt);
    // Generic problems from every route's legitimate request (the matrix fixtures): a missing
    // record, a field of the wrong kind, an unknown field, If-Match missing or stale.
    for (const m of manifests) {
      for (const { route } of routesOf(m)) {
        const fixture = allMatrixFixtures[route.id];
        if (!fixture) continue;
        const request = await fixture.build(mw).catch((err: unknown) => {
          unbuilt.push(`${route.id}: ${String(err)}`);
          return undefined;
        });
        if (!request) continue;
        built.set(route.id, request);
        const roles = rolesFor(route, fixture.ownerRoles);
        const token = await rt.token({
          sub: newId(),
          tenantId: mw.providerA,
          roles,
          scopes: [...new Set([...scopesFor(roles), ...route.scopes, ...(fixture.ownerScopes ?? [])])],
        });
        const send =
          (path: string, body: unknown, extra: Record<string, string>) => (headers: Record<string, string>) =>
            call<Problem>(rt, route.method, path, {
              token,
              ...(body === undefined ? {} : { body }),
              headers: { ...extra, ...headers },
            });
        const path = withQuery(fill(route, request.params), request.query);
        const base = { ...request.headers };
        const ulidParams = Object.keys(request.params ?? {}).filter((p) => p.endsWith('Id'));
        if (ulidParams.length > 0)
          samples.push({
            service: m.name,
            what: `${route.id} with a record that does not exist`,
            send: send(
              withQuery(fill(route, request.params, { [ulidParams.at(-1)!]: newId() }), request.query),
              request.body,
              base,
            ),
          });
        if (route.body && request.body && typeof request.body === 'object' && !Array.isArray(request.body)) {
          const body = request.body as Record<string, unknown>;
          samples.push({
            service: m.name,
            what: `${route.id} with an unknown field`,
            send: send(path, { ...body, zzUnknown: 1 }, base),
          });
          const field = Object.keys(body)[0];
          if (field)
            samples.push({
              service: m.name,
              what: `${route.id} with ${field} of the wrong kind`,
              send: send(path, { ...body, [field]: typeof body[field] === 'number' ? 'x' : 12345 }, base),
            });
        }
        if (base['if-match']) {
          const { 'if-match': _ifMatch, ...withoutIfMatch } = base;
          samples.push(
            {
              service: m.name,
              what: `${route.id} without If-Match`,
              send: send(path, request.body, withoutIfMatch),
            },
            {
              service: m.name,
              what: `${route.id} with a stale If-Match`,
              send: send(path, request.body, { ...base, 'if-match': '"999"' }),
            },
          );
        }
      }
    }
    // Rules each service enforces, and a conflict.
    // The fixtures' own records (a plan with a goal, a draft referral): the bad requests change nothing.
    const plansStep = built.get('plans.addStep') ?? {};
    const transition = built.get('referrals.transitionReferral') ?? {};
    const duplicateCode = anonymousClient(mw.serviceA, `DUP${newId().slice(-8)}`);
    expect((await mw.workerA.post('/clients', duplicateCode)).status).toBe(201);
    samples.push(
      {
        service: 'directory',
        what: 'a service in a district of another region',
        send: (headers) =>
          mw.adminA.post(
            '/services',
            matrixServiceBody('Služba mimo kraj', { districts: ['havlickuv-brod'] }),
            {
              headers,
            },
          ),
      },
      {
        service: 'intake',
        what: 'a client born in the future',
        send: (headers) =>
          mw.workerA.post(
            '/clients',
            { ...namedClient(mw.serviceA, { birthDate: '2099-01-01', district: 'liberec' }) },
            { headers },
          ),
      },
      {
        service: 'intake',
        what: 'a client code taken at this service',
        send: (headers) => mw.workerA.post('/clients', duplicateCode, { headers }),
      },
      {
        service: 'plans',
        what: 'a step for a goal the plan does not have',
        send: (headers) =>
          mw.keyWorkerA.post(
            fill(routeById('plans.addStep'), plansStep.params),
            { ...(plansStep.body as Record<string, unknown>), goalId: newId() },
            { headers: { ...plansStep.headers, ...headers } },
          ),
      },
      {
        service: 'referrals',
        what: 'the sender accepting its own referral',
        send: (headers) =>
          mw.keyWorkerA.post(
            fill(routeById('referrals.transitionReferral'), transition.params),
            { action: 'accept' },
            { headers: { ...transition.headers, ...headers } },
          ),
      },
      {
        service: 'stats',
        what: 'a table with the same rows and columns',
        send: (headers) =>
          mw.adminA.get(
            `/stats/indicators/clients/table?${new URLSearchParams({ period: String(new Date().getUTCFullYear()), rows: 'district', columns: 'district' })}`,
            { headers },
          ),
      },
      {
        service: 'stats',
        what: 'a table for a period that is not one',
        send: (headers) =>
          mw.adminA.get(
            `/stats/indicators/clients/table?${new URLSearchParams({ period: '2026-13', rows: 'district' })}`,
            {
              headers,
            },
          ),
      },
      {
        service: 'webhooks',
        what: 'a subscription to a private address',
        send: (headers) =>
          mw.adminA.post(
            '/webhooks/subscriptions',
            { url: 'https://127.0.0.1/hook', eventTypes: ['ServiceRegistered'] },
            { headers },
          ),
      },
    );
    await rt.settle();
  }, 600_000);

  afterAll(async () => {
    await rt?.stop();
  });

  it('walks rule violations, validation, not found, conflict and precondition of every service; no English left in a Czech answer', async () => {
    const failures: string[] = unbuilt.map((u) => `fixture failed: ${u}`);
    const seen = new Map<string, Set<string>>();
    for (const sample of samples) {
      const cs = await sample.send(czech);
      const en = await sample.send({});
      if (cs.status < 400 || cs.status >= 500) continue; // not a problem of the request (e.g. a list that is just empty)
      const where = `${sample.service}: ${sample.what}`;
      if (cs.headers.get('content-type') !== 'application/problem+json') {
        failures.push(`${where}: ${cs.status} is not problem+json`);
        continue;
      }
      const csProblem = cs.body as Problem;
      const enProblem = en.body as Problem;
      if (en.status !== cs.status || enProblem.type !== csProblem.type)
        failures.push(
          `${where}: ${cs.status} ${csProblem.type} in Czech but ${en.status} ${enProblem.type} in English`,
        );
      const codes = (p: Problem) => (p.errors ?? []).map((e) => `${e.path} ${e.code ?? ''}`);
      if (JSON.stringify(codes(csProblem)) !== JSON.stringify(codes(enProblem)))
        failures.push(`${where}: the codes differ between the languages`);
      if (cs.headers.get('content-language') !== 'cs') failures.push(`${where}: content-language is not cs`);
      failures.push(...englishLeft(csProblem, enProblem).map((left) => `${where}: English left in ${left}`));
      const kinds = seen.get(sample.service) ?? new Set<string>();
      kinds.add(kindOf(cs.status, csProblem));
      seen.set(sample.service, kinds);
    }
    const coverage = Object.fromEntries([...seen].map(([service, kinds]) => [service, [...kinds].sort()]));
    console.log(`problem language walk: ${samples.length} bad requests`, coverage);
    expect(failures).toEqual([]);
    // Each service showed its rules, bad input and missing records; the ones with If-Match updates
    // their preconditions, intake and webhooks a conflict.
    for (const service of ['directory', 'intake', 'plans', 'referrals', 'stats', 'webhooks'])
      expect(coverage[service]).toEqual(expect.arrayContaining(['rule', 'validation']));
    for (const service of ['directory', 'intake', 'plans', 'referrals', 'webhooks'])
      expect(coverage[service]).toEqual(expect.arrayContaining(['not-found']));
    for (const service of ['directory', 'intake', 'plans', 'referrals'])
      expect(coverage[service]).toEqual(expect.arrayContaining(['precondition']));
    expect(coverage.intake).toContain('conflict');
  });
});
