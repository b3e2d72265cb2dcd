// The tenant and role matrix (issue 9), generated from the manifests: every route of every service
// in services/manifests.ts is called with bad tokens, a partner token without scopes, a regional
// coordinator, platform ops and another tenant, against real records of tenant A. A new route is
// covered automatically; without a fixture in ./matrix/fixtures.ts the matrix fails.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { AnyRoute, Role } from '@spolu/contracts';
import { Role as RoleSchema, newId, scopesForRoles } from '@spolu/contracts';
import { routesOf } from '@spolu/platform';
import type { ApiResponse } from '../../packages/local/src/api-client';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { call, startTestRuntime } from '../../packages/local/test-support/harness';
import { manifests } from '../../services/manifests';
import type { MatrixCaller, MatrixRequest, MatrixWorld, RouteFixture } from './matrix/fixtures';
import { createMatrixWorld, scanAll, settleWorld, securityLogSize } from './matrix/world';
import { allMatrixFixtures as matrixFixtures } from './matrix/index';

// Every route of six services against one runtime: minutes on a loaded 2-core machine.
jest.setTimeout(600_000);

type Caller = 'no-token' | 'expired' | 'foreign-key' | 'wrong-audience' | 'partner' | MatrixCaller;
type Outcome =
  | { kind: 'refuse'; statuses: number[]; gateway?: 'Unauthorized' | 'Forbidden'; why: string }
  | { kind: 'allow'; why: string };
interface Case {
  routeId: string;
  caller: Caller;
  expect: Outcome;
  /** Which of tenant A's secrets must not appear in the response. */
  mustNotShow: 'all' | 'client-data';
  token: () => Promise<string | undefined>;
}
interface Planned {
  service: string;
  route: AnyRoute;
  fixture: RouteFixture;
  request: MatrixRequest;
}

let rt: RegionRuntime;
let w: MatrixWorld;
const planned: Planned[] = [];
const missing: string[] = [];
const results: { routeId: string; caller: Caller; status: number; expected: Outcome['kind'] }[] = [];

const allRoutes = manifests.flatMap((m) => routesOf(m).map(({ route }) => ({ service: m.name, route })));

/** A role that holds one of the route's scopes, for routes open to any such role. */
const defaultRoles = (route: AnyRoute): Role[] => {
  if (route.roles) return [...route.roles];
  const role = RoleSchema.options.find(
    (r) => r !== 'partner' && route.scopes.some((s) => scopesForRoles[r].includes(s)),
  );
  if (!role) throw new Error(`route ${route.id}: no role holds any of its scopes ${route.scopes.join(' ')}`);
  return [role];
};
const ownerRoles = (p: Planned) => p.fixture.ownerRoles ?? defaultRoles(p.route);

const pathOf = (route: AnyRoute, req: MatrixRequest) => {
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = req.params?.[name];
    if (!value) throw new Error(`matrix fixture for ${route.id} does not fill the path parameter {${name}}`);
    return encodeURIComponent(value);
  });
  const query = req.query && Object.keys(req.query).length ? `?${new URLSearchParams(req.query)}` : '';
  return path + query;
};

const send = (p: Planned, token: string | undefined) =>
  call(rt, p.route.method, pathOf(p.route, p.request), {
    token,
    body: p.request.body,
    headers: { ...p.request.headers },
  });

const casesFor = (p: Planned): Case[] => {
  const { route, fixture } = p;
  const roles = ownerRoles(p);
  // Apart from the one defect under test, these tokens are tenant A's owner tokens.
  const scopes = fixture.ownerScopes ? { scopes: fixture.ownerScopes } : {};
  const owner = { sub: newId(), tenantId: w.providerA, roles, ...scopes };
  const unauthorized = (why: string): Outcome => ({
    kind: 'refuse',
    statuses: [401],
    gateway: 'Unauthorized',
    why,
  });
  const tokenCases: Omit<Case, 'routeId' | 'mustNotShow'>[] = [
    { caller: 'no-token', expect: unauthorized('no token'), token: async () => undefined },
    {
      caller: 'expired',
      expect: unauthorized('expired token'),
      token: () =>
        rt.token({ ...owner, issuedAt: new Date(Date.now() - 2 * 3_600_000), expiresInSeconds: 3600 }),
    },
    {
      caller: 'foreign-key',
      expect: unauthorized('signed by a key the gateway does not know'),
      token: () => rt.issuer.issueWithForeignKey({ ...owner, region: rt.region }),
    },
    {
      caller: 'wrong-audience',
      expect: unauthorized('token for another audience'),
      token: () => rt.token({ ...owner, audience: 'some-other-app' }),
    },
    {
      caller: 'partner',
      expect: {
        kind: 'refuse',
        statuses: [403],
        gateway: 'Forbidden',
        why: 'partner token without the scopes',
      },
      token: () => rt.token({ sub: newId(), tenantId: w.providerA, roles: ['partner'], scopes: [] }),
    },
  ];
  const cases: Case[] = tokenCases.map((c) => ({ ...c, routeId: route.id, mustNotShow: 'all' }));

  for (const caller of ['coordinator', 'ops'] as const) {
    const role: Role = caller === 'coordinator' ? 'regional-coordinator' : 'platform-ops';
    const hasScope = route.scopes.some((s) => scopesForRoles[role].includes(s));
    const hasRole = !route.roles || route.roles.includes(role);
    const allowed = fixture.allow?.[caller];
    let outcome: Outcome;
    if (route.clientData)
      outcome = hasScope
        ? { kind: 'refuse', statuses: [403], why: 'client data: never for this role' }
        : {
            kind: 'refuse',
            statuses: [403],
            gateway: 'Forbidden',
            why: 'client data: token lacks the scope',
          };
    else if (!hasScope)
      outcome = { kind: 'refuse', statuses: [403], gateway: 'Forbidden', why: 'token lacks the scope' };
    else if (!hasRole) outcome = { kind: 'refuse', statuses: [403], why: 'lacks the role' };
    else if (allowed) outcome = { kind: 'allow', why: allowed };
    else outcome = { kind: 'refuse', statuses: [401, 403, 404], why: 'not allow-listed' };
    if (allowed && outcome.kind !== 'allow')
      outcome = { ...outcome, why: `${outcome.why} (CONTRADICTS allow-list entry: ${allowed})` };
    cases.push({
      routeId: route.id,
      caller,
      expect: outcome,
      mustNotShow: outcome.kind === 'allow' ? 'client-data' : 'all',
      token: () => rt.token({ sub: newId(), roles: [role] }),
    });
  }

  const allowedB = fixture.allow?.tenantB;
  cases.push({
    routeId: route.id,
    caller: 'tenantB',
    expect: allowedB
      ? { kind: 'allow', why: allowedB }
      : fixture.tenantBRefusal
        ? { kind: 'refuse', statuses: fixture.tenantBRefusal.statuses, why: fixture.tenantBRefusal.reason }
        : { kind: 'refuse', statuses: [403, 404], why: "another tenant's record" },
    mustNotShow: allowedB && fixture.regionWide ? 'client-data' : 'all',
    token: () => rt.token({ sub: newId(), tenantId: w.providerB, roles, ...scopes }),
  });
  return cases;
};

/** Runs the cases and returns what went wrong, one line each. */
const run = async (p: Planned, cases: Case[]) => {
  const problems: string[] = [];
  for (const c of cases) {
    const res: ApiResponse<unknown> = await send(p, await c.token());
    results.push({ routeId: c.routeId, caller: c.caller, status: res.status, expected: c.expect.kind });
    const where = `${p.route.method} ${p.route.path} (${c.routeId}) as ${c.caller}`;
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
    const got = `got ${res.status} ${text.slice(0, 200)}`;
    if (c.expect.kind === 'allow') {
      if (res.status < 200 || res.status > 299)
        problems.push(`${where}: allow-listed (${c.expect.why}) but ${got}`);
    } else {
      if (!c.expect.statuses.includes(res.status))
        problems.push(`${where}: expected ${c.expect.statuses.join('|')} (${c.expect.why}), ${got}`);
      else if (c.expect.gateway && (res.body as { message?: string })?.message !== c.expect.gateway)
        problems.push(`${where}: expected the authorizer's {"message":"${c.expect.gateway}"}, ${got}`);
    }
    const secrets = c.mustNotShow === 'all' ? w.secretsA : w.clientSecretsA;
    const leaked = [...secrets].filter((s) => text.includes(s));
    if (leaked.length)
      problems.push(`${where}: response shows tenant A's ${leaked.join(', ')} (${res.status})`);
  }
  return problems;
};

beforeAll(async () => {
  // Retention 0 days: tenant A's key worker may anonymise at once (the positive control).
  rt = await startTestRuntime(manifests, { settings: { CLIENT_RETENTION_DAYS: '0' } });
  w = await createMatrixWorld(rt);

  for (const { service: name, route } of allRoutes) {
    const fixture = matrixFixtures[route.id];
    if (!fixture) {
      missing.push(route.id);
      continue;
    }
    planned.push({ service: name, route, fixture, request: await fixture.build(w) });
  }
  await settleWorld(rt);
  // Building real records for every route of every service takes longer than one test's budget.
}, 240_000);

afterAll(async () => {
  const byOutcome = new Map<string, number>();
  for (const r of results) {
    const key = `${r.expected === 'allow' ? 'allowed' : 'refused'} ${r.status}`;
    byOutcome.set(key, (byOutcome.get(key) ?? 0) + 1);
  }
  console.log(
    `tenant-role matrix: ${planned.length}/${allRoutes.length} routes covered, ${results.length} requests; ` +
      [...byOutcome.entries()]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join(', '),
  );
  await rt?.stop();
});

describe('tenant and role matrix over every manifest route', () => {
  it('has a matrix fixture for every route and no fixture for a route that does not exist', () => {
    const ids = new Set(allRoutes.map((r) => r.route.id));
    const problems = [
      ...missing.map((id) => `route ${id} has no matrix fixture (add it to test/e2e/matrix/fixtures.ts)`),
      ...Object.keys(matrixFixtures)
        .filter((id) => !ids.has(id))
        .map((id) => `matrix fixture ${id} matches no manifest route`),
    ];
    if (problems.length) throw new Error(problems.join('\n'));
    expect(planned.length).toBe(allRoutes.length);
  });

  it('refuses bad tokens, missing scopes and roles, and other tenants, and the refused calls write nothing', async () => {
    const before = await scanAll(rt);
    const loggedBefore = await securityLogSize(rt);
    const problems: string[] = [];
    for (const p of planned)
      problems.push(
        ...(await run(
          p,
          casesFor(p).filter((c) => c.expect.kind === 'refuse'),
        )),
      );
    await rt.settle();
    const after = await scanAll(rt);
    for (const [key, item] of after)
      if (before.get(key) !== item)
        problems.push(`refused calls ${before.has(key) ? 'changed' : 'wrote'} ${key}: ${item.slice(0, 300)}`);
    for (const key of before.keys()) if (!after.has(key)) problems.push(`refused calls deleted ${key}`);
    // What they do write is their security-log entry: every 401 and 403 has one (404s on a by-id
    // route and refused cursors too, but the matrix's 404s include lists and 422s are not kept).
    const refusedCalls = results.filter(
      (r) => r.expected === 'refuse' && [401, 403].includes(r.status),
    ).length;
    const logged = (await securityLogSize(rt)) - loggedBefore;
    if (logged < refusedCalls) problems.push(`${refusedCalls} refused calls, ${logged} security-log entries`);
    if (problems.length) throw new Error(`${problems.length} matrix failures:\n${problems.join('\n')}`);
  });

  it('lets the allow-listed callers through, each with a reason, without showing what they must not see', async () => {
    const problems: string[] = [];
    for (const p of planned)
      problems.push(
        ...(await run(
          p,
          casesFor(p).filter((c) => c.expect.kind === 'allow'),
        )),
      );
    if (problems.length) throw new Error(`${problems.length} matrix failures:\n${problems.join('\n')}`);
  });

  it("lets tenant A's own caller through (the fixtures are valid, so the refusals were about the caller)", async () => {
    const problems: string[] = [];
    for (const p of planned) {
      const owner = p.route.roles?.includes('platform-ops')
        ? { sub: newId(), roles: ownerRoles(p) }
        : {
            sub: p.fixture.ownerSub ?? newId(),
            tenantId: w.providerA,
            roles: ownerRoles(p),
            ...(p.fixture.ownerScopes ? { scopes: p.fixture.ownerScopes } : {}),
          };
      const res = await send(p, await rt.token(owner));
      const expected = p.route.status ?? 200;
      if (res.status !== expected)
        problems.push(
          `${p.route.id} as tenant A (${owner.roles.join(' ')}): expected ${expected}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
        );
    }
    if (problems.length) throw new Error(problems.join('\n'));
  });
});
