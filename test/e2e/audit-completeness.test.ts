// Audit completeness (issue 9): every route that touches client data, called by its legitimate
// owner, leaves audit entries naming the actor, the action, the record and the time — exactly one
// for a single record, one per record for a list — and no route alters or removes an entry.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { AnyRoute, Role } from '@spolu/contracts';
import { Role as RoleSchema, newId, scopesFor, scopesForRoles } from '@spolu/contracts';
import { routesOf } from '@spolu/platform';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { call, startTestRuntime } from '../../packages/local/test-support/harness';
import { manifests } from '../../services/manifests';
import type { MatrixRequest, MatrixWorld } from './matrix/fixtures';
import { allMatrixFixtures } from './matrix/index';
import { createMatrixWorld, scanAll } from './matrix/world';

// Every route of six services against one runtime: minutes on a loaded 2-core machine.
jest.setTimeout(600_000);

interface Owned {
  route: AnyRoute;
  sub: string;
  token: string;
  request: MatrixRequest;
}

let rt: RegionRuntime;
let w: MatrixWorld;
const owned: Owned[] = [];

const rolesFor = (route: AnyRoute, fixtureRoles?: Role[]): Role[] =>
  fixtureRoles ??
  (route.roles
    ? [...route.roles]
    : [
        RoleSchema.options.find(
          (r) => r !== 'partner' && route.scopes.some((s) => scopesForRoles[r].includes(s)),
        )!,
      ]);

const pathOf = (route: AnyRoute, req: MatrixRequest) => {
  const path = route.path.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(req.params?.[n] ?? ''));
  return req.query && Object.keys(req.query).length ? `${path}?${new URLSearchParams(req.query)}` : path;
};

/** Audit entries of every table, keyed by table and key, with their full content. */
const auditEntries = async () => {
  const all = await scanAll(rt);
  return new Map([...all].filter(([, item]) => JSON.parse(item).entity === 'audit'));
};

beforeAll(async () => {
  rt = await startTestRuntime(manifests, { settings: { CLIENT_RETENTION_DAYS: '0' } });
  w = await createMatrixWorld(rt);
  for (const m of manifests) {
    for (const { route } of routesOf(m)) {
      const fixture = allMatrixFixtures[route.id];
      if (!route.clientData || !fixture) continue; // the matrix test fails for a missing fixture
      const request = await fixture.build(w);
      const roles = rolesFor(route, fixture.ownerRoles);
      const sub = newId();
      const token = await rt.token({
        sub,
        tenantId: w.providerA,
        roles,
        scopes: [...new Set([...scopesFor(roles), ...route.scopes])],
      });
      owned.push({ route, sub, token, request });
    }
  }
  await rt.settle();
  // Building real records for every route of every service takes longer than one test's budget.
}, 240_000);

afterAll(async () => {
  await rt?.stop();
});

describe('audit of client data', () => {
  it('writes who, what, which record and when for every client-data route, and never alters an entry', async () => {
    expect(owned.length).toBeGreaterThan(10);
    const problems: string[] = [];
    let entriesChecked = 0;
    const initial = await auditEntries();
    // Every route is called by its own caller (a fresh sub), so the entries each call wrote are
    // told apart by their actor after all calls: two scans in all instead of two per route.
    const calls: { o: Owned; where: string; items?: { id?: string }[] }[] = [];
    for (const o of owned) {
      const res = await call<{
        items?: { id?: string }[];
        entry?: { resource: { id?: string } }[];
        id?: string;
      }>(rt, o.route.method, pathOf(o.route, o.request), {
        token: o.token,
        body: o.request.body,
        headers: { ...o.request.headers },
      });
      const where = `${o.route.method} ${o.route.path} (${o.route.id})`;
      if (res.status >= 300) {
        problems.push(
          `${where}: the owner's call failed with ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
        );
        continue;
      }
      // A list is a page of `items`, or a FHIR searchset Bundle of `entry[].resource`.
      const items = Array.isArray(res.body?.items)
        ? res.body.items
        : Array.isArray(res.body?.entry)
          ? res.body.entry.map((e) => e.resource)
          : undefined;
      calls.push({ o, where, items });
    }
    const after = await auditEntries();
    const added = [...after]
      .filter(([k]) => !initial.has(k))
      .map(([, v]) => JSON.parse(v) as Record<string, unknown>);
    const callers = new Set(owned.map((o) => o.sub));
    for (const e of added)
      if (!callers.has(String(e.actor)))
        problems.push(
          `an audit entry by someone who called nothing appeared: ${JSON.stringify(e).slice(0, 200)}`,
        );
    for (const { o, where, items } of calls) {
      const mine = added.filter((e) => e.actor === o.sub);
      const expected = items ? items.filter((i) => typeof i.id === 'string').length : 1;
      if (items ? mine.length < expected : mine.length !== 1)
        problems.push(
          `${where}: ${mine.length} audit entries by the caller, expected ${items ? `at least ${expected}` : 'exactly 1'}`,
        );
      for (const e of mine) {
        entriesChecked += 1;
        for (const field of ['action', 'recordType', 'recordId', 'at', 'route', 'requestId'])
          if (typeof e[field] !== 'string' || !e[field])
            problems.push(`${where}: audit entry without ${field}`);
        if (e.route !== o.route.id) problems.push(`${where}: audit entry names route ${String(e.route)}`);
      }
    }
    // Entries are append-only: every entry that existed before is still there, unchanged.
    for (const [key, value] of initial)
      if (after.get(key) !== value) problems.push(`audit entry ${key} was altered or removed`);
    if (problems.length) throw new Error(problems.join('\n'));
    console.log(
      `audit: ${owned.length} client-data routes, ${entriesChecked} entries checked, ${after.size} entries in all`,
    );
  });
});
