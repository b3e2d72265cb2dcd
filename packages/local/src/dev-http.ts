// Paths the local gateway serves next to the API: OpenAPI JSON and docs (Swagger UI from the
// swagger-ui-dist package, no CDN), the JWKS, a health check, and the dev token endpoint, which
// exists only here, never in AWS.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '@spolu/contracts';
import { Role as RoleSchema, allRoutes } from '@spolu/contracts';
import { apiRegionsFrom, buildOpenApiDocument } from '@spolu/contracts/openapi';
import * as z from 'zod';
import type { ExtraHandler } from './gateway';
import type { DevIssuer } from './issuer';
import type { SeededUser } from './seed/seed-directory';

/** The deployed regions (cdk.json context): the document lists their servers and token endpoints. */
const deployedRegions = () =>
  apiRegionsFrom(
    z
      .object({
        context: z.object({
          regions: z.record(
            z.string(),
            z.object({
              name: z.string(),
              domain: z.string(),
              awsRegion: z.string(),
              authDomainPrefix: z.string().optional(),
            }),
          ),
        }),
      })
      .parse(JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8'))).context.regions,
  );

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const swaggerAssets = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
]);

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Spolu API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', persistAuthorization: true });</script>
</body></html>`;

/** Writes a JSON response; returns true so handlers can `return json(...)` to claim the path. */
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body, null, 2));
  return true;
};

const TokenRequestBody = z.union([
  z.strictObject({ user: z.string().min(1).max(200) }),
  z.strictObject({
    sub: z.string().min(1).max(64),
    tenantId: z.string().max(64).optional(),
    roles: z.array(RoleSchema).min(1),
    scopes: z.array(z.string()).optional(),
  }),
]);

export interface DevHttpOptions {
  issuer: DevIssuer;
  baseUrl: () => string;
  users: () => SeededUser[];
  issue: (req: {
    sub: string;
    workerId?: string;
    tenantId?: string;
    roles: Role[];
    scopes?: string[];
    name?: string;
  }) => Promise<string>;
}

/**
 * A seeded person's token as the region's Cognito issues it: `sub` is the user pool's own stable
 * id, and a directory worker's id arrives in the worker_id claim (the pre-token trigger adds it),
 * so the console signs in through the same claim mapping as in AWS. People without a worker
 * record (coordinators, platform ops) keep their `sub` as their id.
 */
const cognitoShaped = (user: SeededUser) => {
  if (!user.tenantId) return user;
  const hash = createHash('sha256').update(`${user.region}/${user.email}`).digest('hex');
  const sub = [
    hash.slice(0, 8),
    hash.slice(8, 12),
    hash.slice(12, 16),
    hash.slice(16, 20),
    hash.slice(20, 32),
  ];
  return { ...user, sub: sub.join('-'), workerId: user.sub };
};

export const devHttp = (opts: DevHttpOptions): ExtraHandler => {
  let openApi: string | undefined;
  return async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/openapi.json') {
      openApi ??= JSON.stringify(
        buildOpenApiDocument(allRoutes, { serverUrl: opts.baseUrl(), regions: deployedRegions() }),
        null,
        2,
      );
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(openApi);
      return true;
    }
    if (method === 'GET' && (path === '/docs' || path === '/docs/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(docsPage);
      return true;
    }
    if (method === 'GET' && path.startsWith('/docs/')) {
      const name = normalize(path.slice('/docs/'.length));
      if (!swaggerAssets.has(name)) return false;
      const type = name.endsWith('.css')
        ? 'text/css'
        : name.endsWith('.png')
          ? 'image/png'
          : 'text/javascript';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'max-age=3600' });
      res.end(await readFile(join(swaggerDir, name)));
      return true;
    }
    if (method === 'GET' && path === '/.well-known/jwks.json') return json(res, 200, opts.issuer.jwks);
    if (method === 'GET' && path === '/health') return json(res, 200, { status: 'ok' });
    if (method === 'GET' && path === '/dev/users') {
      return json(res, 200, {
        items: opts
          .users()
          .map(({ key, name, email, roles, providerName }) => ({ key, name, email, roles, providerName })),
      });
    }
    if (method === 'POST' && path === '/dev/token') {
      let parsed;
      try {
        parsed = TokenRequestBody.safeParse(JSON.parse(body.toString('utf8') || '{}'));
      } catch {
        return json(res, 400, {
          type: 'about:blank',
          title: 'Bad request',
          status: 400,
          detail: 'body is not JSON',
        });
      }
      if (!parsed.success)
        return json(res, 422, {
          type: 'about:blank',
          title: 'Validation failed',
          status: 422,
          detail: 'send {"user": "<key or e-mail>"} or {"sub", "tenantId", "roles"}',
        });
      let request: Parameters<DevHttpOptions['issue']>[0];
      if ('user' in parsed.data) {
        const wanted = parsed.data.user;
        const user = opts.users().find((u) => u.key === wanted || u.email === wanted);
        if (!user)
          return json(res, 404, {
            type: 'about:blank',
            title: 'Not found',
            status: 404,
            detail: `no seeded user ${wanted}; see GET /dev/users`,
          });
        request = cognitoShaped(user);
      } else request = parsed.data;
      const token = await opts.issue(request);
      return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }
    return false;
  };
};
