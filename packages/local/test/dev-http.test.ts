import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { allRoutes, Claims } from '@spolu/contracts';
import { decodeJwt } from 'jose';
import { manifest as directory } from '../../../services/directory/manifest';
import { devHttp } from '../src/dev-http';
import type { RegionRuntime } from '../src/runtime';
import type { SeededUser } from '../src/seed/seed-directory';
import { call, startTestRuntime } from '../test-support/harness';

let rt: RegionRuntime;
const users: SeededUser[] = [
  {
    key: 'ops',
    name: 'Ops',
    email: 'ops@spolu.example',
    region: 'CZ051',
    sub: 'ops-1',
    roles: ['platform-ops'],
  },
];

beforeAll(async () => {
  rt = await startTestRuntime([directory], {
    extraHttp: ({ issuer, baseUrl }) => [
      devHttp({
        issuer,
        baseUrl,
        users: () => users,
        issue: (req) => rt.token(req),
      }),
    ],
  });
});

afterAll(() => rt.stop());

describe('local-only HTTP endpoints', () => {
  it('serves an OpenAPI 3.1 document with every route of the catalogue, and the docs page', async () => {
    const doc = await call<{
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
      servers: { url: string }[];
    }>(rt, 'GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    // This runtime first, then each region of cdk.json.
    expect(doc.body.servers.map((s) => s.url)).toEqual([
      rt.url,
      'https://api.liberecky.spolu.cz',
      'https://api.vysocina.spolu.cz',
      'https://api.zlinsky.spolu.cz',
    ]);
    const operations = Object.values(doc.body.paths).flatMap((p) =>
      Object.values(p).map((o) => o.operationId),
    );
    expect(operations.sort()).toEqual(allRoutes.map((r) => r.id).sort());
    const page = await fetch(`${rt.url}/docs`);
    expect(await page.text()).toContain('SwaggerUIBundle');
    expect((await fetch(`${rt.url}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    expect((await fetch(`${rt.url}/docs/..%2Fpackage.json`)).status).toBe(404);
  });

  it('issues tokens for seeded users and for explicit claims, which the gateway then accepts', async () => {
    const byUser = await call<{ access_token: string }>(rt, 'POST', '/dev/token', {
      body: { user: 'ops@spolu.example' },
    });
    expect(byUser.status).toBe(200);
    const providers = await call(rt, 'GET', '/providers', { token: byUser.body.access_token });
    expect(providers.status).toBe(200);
    const unknown = await call(rt, 'POST', '/dev/token', { body: { user: 'nobody' } });
    expect(unknown.status).toBe(404);
    const bad = await call(rt, 'POST', '/dev/token', { body: { roles: ['emperor'] } });
    expect(bad.status).toBe(422);
  });

  it("signs a provider's worker in as Cognito would: an opaque sub and the directory id in worker_id", async () => {
    const ops = await call<{ access_token: string }>(rt, 'POST', '/dev/token', {
      body: { user: 'ops@spolu.example' },
    });
    const provider = await call<{ id: string }>(rt, 'POST', '/providers', {
      token: ops.body.access_token,
      body: {
        name: 'Poradna Jablonec',
        ico: '99051999',
        address: 'Komenského 1, 466 01 Jablonec nad Nisou',
        contact: { email: 'info@poradna.example', phone: '+420 483 000 000' },
        firstAdmin: { name: 'Jana Nová', email: 'nova@poradna.example' },
      },
    });
    expect(provider.status).toBe(201);
    const bootstrap = await rt.token({ sub: 'seed', tenantId: provider.body.id, roles: ['provider-admin'] });
    const workers = await call<{ items: { id: string }[] }>(rt, 'GET', '/workers', { token: bootstrap });
    const adminId = workers.body.items[0]!.id;
    users.push({
      key: 'poradna/admin',
      name: 'Jana Nová',
      email: 'nova@poradna.example',
      region: 'CZ051',
      sub: adminId,
      tenantId: provider.body.id,
      roles: ['provider-admin'],
    });

    const signedIn = await call<{ access_token: string }>(rt, 'POST', '/dev/token', {
      body: { user: 'nova@poradna.example' },
    });
    const claims = decodeJwt(signedIn.body.access_token);
    expect(claims[Claims.workerId]).toBe(adminId);
    expect(claims.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(claims.sub).not.toBe(adminId);
    const me = await call<{ id: string; email: string }>(rt, 'GET', `/workers/${adminId}`, {
      token: signedIn.body.access_token,
    });
    expect(me.body).toMatchObject({ id: adminId, email: 'nova@poradna.example' });
  });

  it('answers unknown paths with 404 and refuses oversize payloads before any handler runs', async () => {
    expect((await call(rt, 'GET', '/nowhere')).status).toBe(404);
    const huge = await fetch(`${rt.url}/services`, {
      method: 'POST',
      body: 'x'.repeat(11 * 1024 * 1024),
    }).catch(() => undefined);
    expect(huge === undefined || huge.status === 413).toBe(true);
  });
});
