// The one middleware stack every HTTP handler uses: logger with correlation id, problem+json
// errors, auth context from the JWT authorizer's claims, scope/role checks, strict zod parsing of
// params/query/body, If-Match, Idempotency-Key, audit, and one transactional commit per request.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { AnyRoute } from '@spolu/contracts';
import { isJsonMediaType } from '@spolu/contracts';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { z } from 'zod';
import type { AuditEntry } from '../audit';
import { writeAudit } from '../audit';
import type { AuthContext } from '../auth';
import { authFromClaims, hasAnyRole, tenantOf } from '../auth';
import { UnitOfWork } from '../dynamo/tx';
import type { RuntimeEnv } from '../env';
import { envFromProcess } from '../env';
import { createLogger } from '../logger';
import { createMetrics } from '../metrics';
import {
  badRequest,
  forbidden,
  notFound,
  payloadTooLarge,
  preconditionFailed,
  preconditionRequired,
  unsupportedMediaType,
  validationProblem,
} from '../errors';
import { findStoredResponse, rememberResponse, requestHash, validIdempotencyKey } from './idempotency';
import { problemErrors } from './problem-middleware';
import { enforceCallerLimits } from './caller-limits';
import { securityLog } from './security-log';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** Bodies above this are refused before parsing (API Gateway's own cap is 10 MB). */
export const maxBodyBytes = 256 * 1024;

/** A route's optional schema makes `R['params']` a `Schema | undefined` union: infer from the
 * schema itself, not per union member (which would add `| undefined` to every parsed input). */
type Infer<T> = [NonNullable<T>] extends [z.ZodType] ? z.output<NonNullable<T>> : undefined;

export interface ApiRequest<R extends AnyRoute> {
  params: Infer<R['params']>;
  query: Infer<R['query']>;
  body: Infer<R['body']>;
  auth: AuthContext;
  /** The caller's tenant; throws 403 when the token has none. */
  tenant: () => string;
  /** The version the caller loaded (from If-Match) on routes that require it. */
  ifMatch: number;
  env: RuntimeEnv;
  tx: UnitOfWork;
  log: Logger;
  requestId: string;
  /** Record an audit entry (committed with the request's writes). */
  audit: (entry: AuditEntry) => void;
  /** Request headers (lower-case names) and the exact body bytes as text: signature checks
   * (signed inbound webhooks) must verify what was sent, not a re-serialisation. */
  headers: Record<string, string | undefined>;
  rawBody?: string;
}

export interface ApiResponse<R extends AnyRoute> {
  status?: number;
  body: R['response'] extends z.ZodType ? z.input<R['response']> : never;
  headers?: Record<string, string>;
}

export interface RouteImplementation {
  route: AnyRoute;
  run: (req: ApiRequest<AnyRoute>) => Promise<ApiResponse<AnyRoute>>;
}

export const implement = <R extends AnyRoute>(
  route: R,
  run: (req: ApiRequest<R>) => Promise<ApiResponse<R>>,
): RouteImplementation => ({ route, run: run as unknown as RouteImplementation['run'] });

export const routeKeyOf = (route: Pick<AnyRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;

const parseEtag = (value: string) => {
  const match = /^(?:W\/)?"(\d+)"$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
};
export const etagOf = (version: number) => `"${version}"`;

const parseOrThrow = <T extends z.ZodType>(schema: T, where: 'params' | 'query' | 'body', value: unknown) => {
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(where, result.error);
  return result.data as z.output<T>;
};

const parseJsonBody = (event: ApiEvent): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) throw unsupportedMediaType();
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
};

const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({
  statusCode: status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: status === 204 ? '' : JSON.stringify(body),
});

/** The success response in the route's media type: JSON, or the handler's text as is (CSV). */
const routeResponse = (
  route: AnyRoute,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiResult => {
  if (isJsonMediaType(route.responseMediaType) || status === 204)
    return jsonResponse(status, body, { ...etagHeader(body), ...headers });
  if (typeof body !== 'string')
    throw new Error(`route ${route.id} declares ${route.responseMediaType} but returned a non-text body`);
  return {
    statusCode: status,
    headers: {
      'content-type': `${route.responseMediaType}; charset=utf-8`,
      'cache-control': 'no-store',
      ...headers,
    },
    body,
  };
};

const dispatch = async (
  env: RuntimeEnv,
  impls: Map<string, RouteImplementation>,
  event: ApiEvent,
  log: Logger,
): Promise<ApiResult> => {
  const impl = impls.get(event.routeKey);
  if (!impl) throw notFound(`route ${event.routeKey}`);
  const { route } = impl;
  const requestId = event.requestContext.requestId;
  log.appendKeys({ route: route.id });

  const jwt = event.requestContext.authorizer?.jwt;
  const auth = authFromClaims(jwt?.claims, jwt?.scopes, env.region);
  if (!route.scopes.some((s) => auth.scopes.includes(s)))
    throw forbidden(`needs scope ${route.scopes.join(' or ')}`);
  if (route.roles && !hasAnyRole(auth, route.roles))
    throw forbidden(`needs role ${route.roles.join(' or ')}`);
  await enforceCallerLimits(env, auth);

  const params = route.params ? parseOrThrow(route.params, 'params', event.pathParameters ?? {}) : undefined;
  const query = route.query
    ? parseOrThrow(route.query, 'query', event.queryStringParameters ?? {})
    : undefined;
  if (!route.query && event.queryStringParameters && Object.keys(event.queryStringParameters).length > 0)
    throw badRequest('This operation takes no query parameters.');
  const rawBody = parseJsonBody(event);
  if (!route.body && rawBody !== undefined) throw badRequest('This operation takes no body.');
  const body = route.body ? parseOrThrow(route.body, 'body', rawBody ?? {}) : undefined;

  let ifMatch = 0;
  if (route.requiresIfMatch) {
    const header = event.headers?.['if-match'];
    if (!header) throw preconditionRequired();
    const version = parseEtag(header);
    if (version === undefined) throw preconditionFailed();
    ifMatch = version;
  }

  const idempotencyHeader = route.idempotent ? event.headers?.['idempotency-key'] : undefined;
  // Keys belong to one caller: another user of the same provider reusing a key gets nothing back.
  const idempotencyScope = `${auth.tenantId ?? 'no-tenant'}#${auth.userId}`;
  const hash = requestHash(event.routeKey, event.body ?? undefined);
  if (idempotencyHeader !== undefined) {
    const stored = await findStoredResponse(
      env,
      idempotencyScope,
      validIdempotencyKey(idempotencyHeader),
      hash,
    );
    if (stored) {
      // A replayed client-data response is a read of the same records: audit it like one.
      if (stored.audit?.length) {
        const replayAudit = new UnitOfWork(env);
        for (const entry of stored.audit)
          writeAudit(
            replayAudit,
            env,
            tenantOf(auth),
            auth,
            { ...entry, action: 'read', reason: 'idempotent replay' },
            {
              routeId: route.id,
              requestId,
            },
          );
        await replayAudit.commit();
      }
      return routeResponse(route, stored.status, stored.body, { 'idempotent-replayed': 'true' });
    }
  }

  const tx = new UnitOfWork(env);
  const audited: AuditEntry[] = [];
  const req: ApiRequest<AnyRoute> = {
    params,
    query,
    body,
    auth,
    tenant: () => tenantOf(auth),
    ifMatch,
    env,
    tx,
    log,
    requestId,
    headers: event.headers ?? {},
    rawBody:
      event.body && event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : (event.body ?? undefined),
    audit: (entry) => {
      audited.push(entry);
      writeAudit(tx, env, tenantOf(auth), auth, entry, { routeId: route.id, requestId });
    },
  };
  const result = await impl.run(req);
  const status = result.status ?? route.status ?? 200;
  const responseBody =
    env.validateResponses && status !== 204 ? route.response.parse(result.body) : result.body;
  if (route.clientData && audited.length === 0)
    throw new Error(`route ${route.id} touched client data without an audit entry`);
  if (idempotencyHeader !== undefined)
    rememberResponse(tx, env, idempotencyScope, idempotencyHeader, hash, {
      status,
      body: responseBody,
      audit: audited,
    });
  await tx.commit();
  return routeResponse(route, status, responseBody, result.headers);
};

const etagHeader = (body: unknown): Record<string, string> =>
  body && typeof body === 'object' && typeof (body as { version?: unknown }).version === 'number'
    ? { etag: etagOf((body as { version: number }).version) }
    : {};

export type HttpHandler = ((event: ApiEvent, context: Context) => Promise<ApiResult>) & {
  forEnv: (env: RuntimeEnv) => (event: ApiEvent, context: Context) => Promise<ApiResult>;
};

/** Build a route-group Lambda handler. In AWS the env comes from process variables on first call;
 * the local runtime calls `forEnv` with its own. */
export const httpApi = (
  service: RuntimeEnv['service'],
  build: (env: RuntimeEnv) => RouteImplementation[],
): HttpHandler => {
  const forEnv = (env: RuntimeEnv) => {
    const impls = new Map(build(env).map((impl) => [routeKeyOf(impl.route), impl]));
    const log = createLogger(service);
    const metrics = createMetrics(service);
    const stack = middy<ApiEvent, ApiResult>().use(injectLambdaContext(log, { resetKeys: true }));
    if (metrics) stack.use(logMetrics(metrics, { captureColdStartMetric: true }));
    // Refusals are recorded in the security log before problemErrors answers them.
    stack.use(problemErrors(log, metrics)).use(securityLog(env, (key) => impls.get(key)?.route, log));
    return stack.handler(async (event) => {
      log.setCorrelationId(event.requestContext.requestId);
      return dispatch(env, impls, event, log);
    });
  };
  let lambda: ReturnType<typeof forEnv> | undefined;
  const handler = (async (event: ApiEvent, context: Context) => {
    lambda ??= forEnv(await envFromProcess(service));
    return lambda(event, context);
  }) as HttpHandler;
  handler.forEnv = forEnv;
  return handler;
};
