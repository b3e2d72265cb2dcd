import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AnyRoute } from './http';
import { Problem } from './problem';
import * as z from 'zod';

// Schemas carry their OpenAPI metadata with zod's own `.meta()` (names via `id`), which the
// generator reads; Lambda bundles never load this module or zod's OpenAPI extension.

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** OpenAPI 3.1 document generated from the route contracts (never hand-written). */
export const buildOpenApiDocument = (routes: AnyRoute[], opts: { serverUrl: string; title?: string }) => {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'jwt', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'OIDC access token (Cognito in AWS, the dev issuer locally: POST /dev/token)',
  });

  for (const route of routes) {
    const headers: z.ZodObject[] = [];
    if (route.idempotent)
      headers.push(z.object({ 'idempotency-key': z.string().min(8).max(128).optional() }));
    if (route.requiresIfMatch) headers.push(z.object({ 'if-match': z.string() }));
    const status = route.status ?? 200;
    registry.registerPath({
      operationId: route.id,
      method: route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete',
      path: route.path,
      summary: route.summary,
      description: [
        route.description,
        `Scopes (any): ${route.scopes.join(', ')}.`,
        route.roles ? `Roles (any): ${route.roles.join(', ')}.` : undefined,
        route.clientData ? 'Client data: every call is audited.' : undefined,
      ]
        .filter(Boolean)
        .join('\n\n'),
      tags: [...route.tags],
      security: [{ jwt: [...route.scopes] }],
      request: {
        params: route.params as z.ZodObject | undefined,
        query: route.query as z.ZodObject | undefined,
        headers: headers.length ? headers.reduce((a, b) => a.extend(b.shape)) : undefined,
        body: route.body ? { content: { 'application/json': { schema: route.body } } } : undefined,
      },
      responses: {
        [status]:
          status === 204
            ? { description: 'Done' }
            : {
                description: 'OK',
                content: { [route.responseMediaType ?? 'application/json']: { schema: route.response } },
              },
        400: problemResponse('Malformed request'),
        401: problemResponse('Missing or invalid token'),
        403: problemResponse('Token lacks the scope or role'),
        404: problemResponse('Not found (or not visible to this tenant)'),
        ...(route.requiresIfMatch
          ? {
              412: problemResponse('ETag is stale: reload and retry'),
              428: problemResponse('If-Match required'),
            }
          : {}),
        422: problemResponse('Validation failed; `errors` lists the fields'),
      },
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: opts.title ?? 'Spolu API',
      version: '1',
      description:
        'Region-wide platform for social-service providers. Czech domain terms in docs/. ' +
        'Problems (application/problem+json) are worded in Czech when Accept-Language prefers cs ' +
        '(content-language says which), in English otherwise; type and errors[].code do not change.',
    },
    servers: [{ url: opts.serverUrl }],
  });
};
