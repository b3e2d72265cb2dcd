import { OpenApiGeneratorV31, OpenAPIRegistry, zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { allScopes } from './auth';
import type { Scope } from './auth';
import type { AnyRoute } from './http';
import { Problem } from './problem';
import * as z from 'zod';

// Schemas carry their OpenAPI metadata with zod's own `.meta()` (names via `id`), which the
// generator reads; Lambda bundles never load this module or zod's OpenAPI extension.

/** A region's deployment as cdk.json `context.regions` describes it (the fields the document uses). */
export interface ApiRegion {
  code: string;
  name: string;
  /** The region's DNS name; the API answers at `api.<domain>`. */
  domain: string;
  awsRegion: string;
  /** Cognito hosted-login domain prefix: `https://<prefix>.auth.<awsRegion>.amazoncognito.com`. */
  authDomainPrefix?: string;
}

export interface OpenApiOptions {
  /** The local runtime's base URL (or wherever this copy of the document is served). */
  serverUrl: string;
  title?: string;
  /** The deployed regions: one server and one OAuth2 scheme (its own Cognito domain) each. */
  regions?: readonly ApiRegion[];
}

/** Regions from cdk.json `context.regions` (keyed by kraj code), in the file's order. */
export const apiRegionsFrom = (regions: Record<string, Omit<ApiRegion, 'code'>>): ApiRegion[] =>
  Object.entries(regions).map(([code, region]) => ({ code, ...region }));

const scopeDescriptions: Record<Scope, string> = {
  'spolu/directory.read': 'Číst adresář: poskytovatelé, služby, okresy, potřeby / Read the directory',
  'spolu/directory.write':
    'Spravovat poskytovatele, služby, pracovníky a partnerské systémy / Manage the directory',
  'spolu/clients.read':
    'Číst spisy klientů (zvláštní kategorie údajů, každé čtení se audituje) / Read client records',
  'spolu/clients.write': 'Zapisovat do spisů klientů / Write client records',
  'spolu/plans.read': 'Číst individuální plány / Read individual plans',
  'spolu/plans.write': 'Měnit individuální plány / Change individual plans',
  'spolu/referrals.read': 'Číst doporučení a sdílené balíčky / Read referrals and share packages',
  'spolu/referrals.write': 'Vytvářet a posouvat doporučení / Create and move referrals',
  'spolu/stats.read': 'Číst statistiky kraje / Read the region’s statistics',
  'spolu/webhooks.manage': 'Spravovat odběry webhooků / Manage webhook subscriptions',
  'spolu/platform.admin': 'Provoz platformy (nikdy partnerský systém) / Platform operations',
};
const scopesObject = Object.fromEntries(allScopes.map((scope) => [scope, scopeDescriptions[scope]]));

/** One tag per service; a route's first tag names it. */
const tagDescriptions: Record<string, string> = {
  directory:
    'Adresář kraje: poskytovatelé, služby, pracovníci, partnerské systémy, číselníky. / The region’s directory.',
  intake:
    'Příjem a spis klienta: kontakty, souhlasy, dohody, posouzení potřeb, schůzky, dotazníky. / Client intake and record.',
  plans: 'Individuální plány: cíle, kroky, revize, klíčový pracovník. / Individual support plans.',
  stats: 'Statistiky kraje s ochranou malých čísel. / Regional statistics with disclosure control.',
  webhooks: 'Odběry webhooků, doručení a podepsané zprávy partnerů. / Webhook subscriptions and deliveries.',
  referrals:
    'Doporučení mezi poskytovateli, sdílená péče a předávání klientů. / Referrals, shared care and handovers.',
  security: 'Bezpečnostní záznamy o odmítnutých přístupech. / The security log of refused access.',
  inbox:
    'Upozornění pracovníka: nová doporučení, odpovědi, odvolané souhlasy, předání; e-mailová upozornění bez údajů o klientech. / A worker’s notices.',
  fhir: 'Doporučení ve standardu HL7 FHIR R4 pro zdravotnické partnery (ServiceRequest, Task). / Referrals as HL7 FHIR R4 for health partners (ServiceRequest, Task).',
};

const rfc8725 =
  'Access tokens are JWTs (RS256, signature, issuer, audience/client_id, exp and scope checked by the ' +
  'gateway) following the JWT best current practices of RFC8725.';

/** The token endpoint and hosted login of a region's Cognito user pool. */
const cognitoScheme = (region: ApiRegion) => {
  const base = `https://${region.authDomainPrefix}.auth.${region.awsRegion}.amazoncognito.com`;
  return {
    type: 'oauth2' as const,
    description:
      `${region.name} (${region.code}). Partner systems: client credentials (client id and secret from ` +
      'the provider’s administrator, scopes as granted). The console: authorization code with PKCE. ' +
      rfc8725,
    flows: {
      clientCredentials: { tokenUrl: `${base}/oauth2/token`, scopes: scopesObject },
      authorizationCode: {
        authorizationUrl: `${base}/oauth2/authorize`,
        tokenUrl: `${base}/oauth2/token`,
        refreshUrl: `${base}/oauth2/token`,
        scopes: scopesObject,
      },
    },
  };
};

const localScheme = (serverUrl: string) => ({
  type: 'oauth2' as const,
  description:
    'The local runtime (`npm start`): client credentials of an app client made with ' +
    '`POST /dev/partner-app-clients`; people sign in with `POST /dev/token`. ' +
    rfc8725,
  flows: { clientCredentials: { tokenUrl: `${serverUrl}/dev/oauth2/token`, scopes: scopesObject } },
});

const problemContent = { 'application/problem+json': { schema: Problem } };

/** API Gateway's own answers (the JWT authorizer, the stage throttle, a crashed integration):
 * HTTP APIs cannot reshape them into problems (docs/DECISIONS.md, Problem language). */
const GatewayMessage = z
  .object({ message: z.enum(['Unauthorized', 'Forbidden', 'Too Many Requests', 'Internal Server Error']) })
  .meta({ id: 'GatewayMessage', description: 'API Gateway’s own answer (not problem+json)' });
const gatewayContent = { 'application/json': { schema: GatewayMessage } };

const RetryAfter = z
  .string()
  .regex(/^[0-9]{1,5}$/)
  .max(5)
  .meta({ description: 'Seconds until the caller’s one-minute window ends (per-caller limits).' });

/** Error responses (inline in each operation: the generator converts zod only there). */
const errorResponses = {
  BadRequest: {
    description: 'Malformed request: not JSON, an unknown query parameter, a body where none is taken',
    content: problemContent,
  },
  Unauthorized: {
    description: 'Missing, expired or invalid access token (the gateway’s authorizer)',
    headers: z.object({
      'WWW-Authenticate': z.string().max(512).meta({ description: 'Bearer error="invalid_token", …' }),
    }),
    content: gatewayContent,
  },
  Forbidden: {
    description:
      'The token lacks the route’s scope (the authorizer: `{"message":"Forbidden"}`), or the caller’s role or ' +
      'provider may not do this (problem+json)',
    content: { ...problemContent, ...gatewayContent },
  },
  NotFound: { description: 'Not found, or not visible to this tenant', content: problemContent },
  Conflict: {
    description: 'The rules refuse this change in the current state, or a concurrent change won',
    content: problemContent,
  },
  PreconditionFailed: {
    description: 'The ETag in If-Match is stale: reload and retry',
    content: problemContent,
  },
  UnprocessableContent: {
    description: 'Validation failed; `errors` lists the fields with stable codes',
    content: problemContent,
  },
  PreconditionRequired: { description: 'If-Match is required for this change', content: problemContent },
  TooManyRequests: {
    description:
      'Over the per-caller limit (problem+json with Retry-After) or the stage throttle (API Gateway’s JSON, no ' +
      'Retry-After). Wait, then retry.',
    headers: z.object({ 'Retry-After': RetryAfter.optional() }),
    content: { ...problemContent, ...gatewayContent },
  },
  InternalServerError: {
    description: 'An unexpected error; the problem’s `instance` names the request for support',
    content: { ...problemContent, ...gatewayContent },
  },
} satisfies Record<string, ResponseConfig>;

const errorResponseNames = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  422: 'UnprocessableContent',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
  500: 'InternalServerError',
} as const satisfies Record<number, keyof typeof errorResponses>;
type ErrorStatus = keyof typeof errorResponseNames;

/** The error responses a route can give, read from what the route declares. */
const errorStatusesOf = (route: AnyRoute): ErrorStatus[] => {
  const validates = Boolean(route.params || route.query || route.body || route.idempotent);
  return [
    400,
    401,
    403,
    ...(route.params ? [404 as const] : []),
    ...(route.method !== 'GET' ? [409 as const] : []),
    ...(route.requiresIfMatch ? [412 as const] : []),
    ...(validates ? [422 as const] : []),
    ...(route.requiresIfMatch ? [428 as const] : []),
    429,
    500,
  ];
};
const errorResponsesOf = (route: AnyRoute) =>
  Object.fromEntries(
    errorStatusesOf(route).map((status) => [status, errorResponses[errorResponseNames[status]]]),
  );

/** Every operation's error responses are the same per status: the generator writes them inline
 * (it converts zod only there), so they are moved once to components.responses and referred to,
 * which halves the document and the time partners' linters take on it. */
type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;
const shareErrorResponses = (document: OpenApiDocument) => {
  const shared: NonNullable<NonNullable<OpenApiDocument['components']>['responses']> = {};
  for (const item of Object.values(document.paths ?? {}))
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const responses = item[method]?.responses;
      if (!responses) continue;
      for (const [status, name] of Object.entries(errorResponseNames)) {
        const response = responses[status];
        if (!response) continue;
        shared[name] ??= response;
        responses[status] = { $ref: `#/components/responses/${name}` };
      }
    }
  document.components = { ...document.components, responses: shared };
};

/** The API's checks on these headers (packages/platform/src/http): an Idempotency-Key of 8 to 128
 * visible ASCII characters, and If-Match holding an ETag the API sent (`"<version>"`). */
const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7E]{8,128}$/)
  .min(8)
  .max(128)
  .meta({ description: 'A retry with the same key returns the first answer (24 h)' });
const IfMatch = z
  .string()
  .regex(/^(W\/)?"[0-9]{1,16}"$/)
  .max(20)
  .meta({ description: 'The ETag of the version this change is based on' });

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null;

/** zod's `.int()` accepts safe integers only; the generator writes neither that range nor a
 * format, so every integer schema gets the range zod enforces and the format that holds it. */
const boundIntegers = (node: unknown): void => {
  if (Array.isArray(node)) return node.forEach(boundIntegers);
  if (!isObject(node)) return;
  const type = node.type;
  if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) {
    if (node.minimum === undefined && node.exclusiveMinimum === undefined)
      node.minimum = Number.MIN_SAFE_INTEGER;
    if (node.maximum === undefined && node.exclusiveMaximum === undefined)
      node.maximum = Number.MAX_SAFE_INTEGER;
    const low = Number(node.minimum ?? node.exclusiveMinimum);
    const high = Number(node.maximum ?? node.exclusiveMaximum);
    node.format ??= low >= -(2 ** 31) && high <= 2 ** 31 - 1 ? 'int32' : 'int64';
  }
  Object.values(node).forEach(boundIntegers);
};

/**
 * The longest string an anchored pattern admits, or undefined when it admits any length (`*`, `+`,
 * `{n,}`) or uses syntax this reader does not follow (lookarounds, backreferences).
 */
export const longestMatch = (pattern: string): number | undefined => {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return undefined;
  const source = pattern.slice(0, -1);
  let at = 1;
  const atom = (): number | undefined => {
    const char = source[at];
    if (char === '(') {
      at += 1;
      if (source[at] === '?') {
        if (source[at + 1] !== ':') return undefined;
        at += 2;
      }
      const inner = alternatives();
      if (inner === undefined || source[at] !== ')') return undefined;
      at += 1;
      return inner;
    }
    if (char === '[') {
      at += 1;
      while (at < source.length && source[at] !== ']') at += source[at] === '\\' ? 2 : 1;
      if (source[at] !== ']') return undefined;
      at += 1;
      return 1;
    }
    if (char === '\\') {
      const escaped = source[at + 1] ?? '';
      if (/[1-9bBk]/.test(escaped)) return undefined;
      at += escaped === 'x' ? 4 : escaped === 'u' ? 6 : 2;
      return 1;
    }
    if (char === '^' || char === '$' || char === undefined) return undefined;
    at += 1;
    return 1;
  };
  const repeats = (): number | undefined => {
    const char = source[at];
    let times = 1;
    if (char === '*' || char === '+') return undefined;
    if (char === '?') {
      at += 1;
    } else if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
      if (!match) return undefined;
      if (match[2] !== undefined && match[3] === '') return undefined;
      times = Number(match[3] ?? match[1]);
      at += match[0].length;
    } else return 1;
    if (source[at] === '?') at += 1;
    return times;
  };
  const sequence = (): number | undefined => {
    let total = 0;
    while (at < source.length && source[at] !== '|' && source[at] !== ')') {
      const length = atom();
      const times = length === undefined ? undefined : repeats();
      if (length === undefined || times === undefined) return undefined;
      total += length * times;
    }
    return total;
  };
  const alternatives = (): number | undefined => {
    let longest = 0;
    for (;;) {
      const length = sequence();
      if (length === undefined) return undefined;
      longest = Math.max(longest, length);
      if (source[at] !== '|') return longest;
      at += 1;
    }
  };
  const length = alternatives();
  return at === source.length ? length : undefined;
};

/** A pattern such as a ULID's or a phone number's caps the length, but the generator writes only
 * the pattern: the cap it enforces goes in as maxLength. */
const boundPatternedStrings = (node: unknown): void => {
  if (Array.isArray(node)) return node.forEach(boundPatternedStrings);
  if (!isObject(node)) return;
  const type = node.type;
  const isString = type === 'string' || (Array.isArray(type) && type.includes('string'));
  if (isString && typeof node.pattern === 'string' && node.maxLength === undefined) {
    const longest = longestMatch(node.pattern);
    if (longest !== undefined) node.maxLength = longest;
  }
  Object.values(node).forEach(boundPatternedStrings);
};

const isZodSchema = (value: unknown): value is z.ZodType =>
  typeof value === 'object' && value !== null && '_zod' in value;

/** The schemas a schema is built from: its definition's schemas, lists and shapes (not lazy ones). */
const partsOf = (schema: z.ZodType): z.ZodType[] =>
  Object.values(schema._zod.def).flatMap((value: unknown) => {
    if (isZodSchema(value)) return [value];
    if (Array.isArray(value)) return value.filter(isZodSchema);
    if (isObject(value)) return Object.values(value).filter(isZodSchema);
    return [];
  });

/** zod-to-openapi writes a string's first pattern only, but a Name is checked against three
 * (control characters, invisible characters, line breaks): the others go in as `allOf` patterns,
 * through the generator's own metadata registry (zod's `.meta()` of the schema stays as it is). */
const recordEveryPattern = (schema: z.ZodType, seen: Set<z.ZodType>): void => {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = schema._zod.def;
  if (def.type === 'string') {
    const patterns = (def.checks ?? []).flatMap((check) => {
      const checkDef: unknown = check._zod.def;
      return isObject(checkDef) && checkDef.format === 'regex' && checkDef.pattern instanceof RegExp
        ? [checkDef.pattern.source]
        : [];
    });
    if (patterns.length > 1)
      zodToOpenAPIRegistry.add(schema, {
        ...zodToOpenAPIRegistry.get(schema),
        allOf: patterns.slice(1).map((pattern) => ({ pattern })),
      });
  }
  partsOf(schema).forEach((part) => recordEveryPattern(part, seen));
};

/** OpenAPI 3.1 document generated from the route contracts (never hand-written). */
export const buildOpenApiDocument = (routes: AnyRoute[], opts: OpenApiOptions) => {
  const regions = opts.regions ?? [];
  const registry = new OpenAPIRegistry();
  const schemeNames = ['local', ...regions.filter((r) => r.authDomainPrefix).map((r) => `cognito-${r.code}`)];
  registry.registerComponent('securitySchemes', 'local', localScheme(opts.serverUrl));
  for (const region of regions)
    if (region.authDomainPrefix)
      registry.registerComponent('securitySchemes', `cognito-${region.code}`, cognitoScheme(region));

  const seen = new Set<z.ZodType>();
  for (const route of routes)
    for (const schema of [route.params, route.query, route.body, route.response])
      if (schema) recordEveryPattern(schema, seen);

  for (const route of routes) {
    const headers: z.ZodObject[] = [];
    if (route.idempotent) headers.push(z.object({ 'idempotency-key': IdempotencyKey.optional() }));
    if (route.requiresIfMatch) headers.push(z.object({ 'if-match': IfMatch }));
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
      // Any one scheme (the region the partner is registered in), holding any one of the scopes.
      security: schemeNames.map((name) => ({ [name]: [...route.scopes] })),
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
        ...errorResponsesOf(route),
      },
    });
  }

  const usedTags = [...new Set(routes.flatMap((route) => route.tags))];
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: opts.title ?? 'Spolu API',
      version: '1',
      description:
        'Region-wide platform for social-service providers. Czech domain terms in docs/. ' +
        'Problems (application/problem+json) are worded in Czech when Accept-Language prefers cs ' +
        '(content-language says which), in English otherwise; type and errors[].code do not change. ' +
        'Partner guide: docs/PARTNERS.md.',
      contact: { name: 'Spolu – provoz platformy', url: 'https://spolu.cz/partneri' },
      license: { name: 'Proprietary', url: 'https://spolu.cz/podminky-api' },
    },
    servers: [
      { url: opts.serverUrl, description: 'local runtime (npm start)', 'x-internal': true },
      ...regions.map((region) => ({
        url: `https://api.${region.domain}`,
        description: `${region.name} (${region.code}), production`,
        'x-internal': false,
      })),
    ],
    tags: usedTags.map((name) => ({ name, description: tagDescriptions[name] ?? name })),
  });
  shareErrorResponses(document);
  boundIntegers(document.paths);
  boundIntegers(document.components);
  boundPatternedStrings(document.paths);
  boundPatternedStrings(document.components);
  return document;
};
