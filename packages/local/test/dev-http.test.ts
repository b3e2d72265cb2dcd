import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { allRoutes } from '@spolu/contracts';
import { manifest as directory } from '../../../services/directory/manifest';
import { devHttp } from '../src/dev-http';
import type { RegionRuntime } from '../src/runtime';
import { call, startTestRuntime } from '../test-support/harness';

let rt: RegionRuntime;

beforeAll(async () => {
  rt = await startTestRuntime([directory], {
    extraHttp: ({ issuer, baseUrl }) => [
      devHttp({
        issuer,
        baseUrl,
        users: () => [
          {
            key: 'ops',
            name: 'Ops',
            email: 'ops@spolu.example',
            region: 'CZ051',
            sub: 'ops-1',
            roles: ['platform-ops'],
          },
        ],
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
    }>(rt, 'GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
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

  it('answers unknown paths with 404 and refuses oversize payloads before any handler runs', async () => {
    expect((await call(rt, 'GET', '/nowhere')).status).toBe(404);
    const huge = await fetch(`${rt.url}/services`, {
      method: 'POST',
      body: 'x'.repeat(11 * 1024 * 1024),
    }).catch(() => undefined);
    expect(huge === undefined || huge.status === 413).toBe(true);
  });
});
