// The security log's recording side in the HTTP stack: a refused request (401, 403, 404 on a
// by-id route, a refused cursor, 429) leaves an AccessRefused event, written as one outbox item
// with a single PutItem into the refusing service's own table. Nothing else of the request is
// committed (the refusal is thrown before the unit of work commits), and the entry carries ids
// only. The outbox publisher puts it on the bus; the directory keeps the log. A failure to record
// is logged and never changes the answer.
import type { Logger } from '@aws-lambda-powertools/logger';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MiddlewareObj } from '@middy/core';
import type { AnyRoute, security } from '@spolu/contracts';
import { Claims, newId } from '@spolu/contracts';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CursorRefused } from '../dynamo/cursor';
import type { RuntimeEnv } from '../env';
import { HttpProblem } from '../errors';
import { accessRefusedEnvelope } from '../access-log';
import { outboxItem } from '../outbox';

type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** Path parameters that name a record (`id`, `clientId`, `serviceId`…), last one wins: the target. */
export const targetParamOf = (route: Pick<AnyRoute, 'path'>) =>
  [...route.path.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => name === 'id' || name.endsWith('Id'))
    .at(-1);

/** Whether an error answers a refusal the security log keeps, and why. A 404 counts only on a
 * by-id route: we cannot tell another tenant's id from a non-existent one without looking. */
export const refusalReason = (
  error: unknown,
  route: Pick<AnyRoute, 'path'> | undefined,
): security.RefusalReason | undefined => {
  if (!(error instanceof HttpProblem)) return undefined;
  switch (error.status) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 429:
      return 'throttled';
    case 400:
      return error instanceof CursorRefused ? 'cursor' : undefined;
    case 404:
      return route && targetParamOf(route) ? 'not-found' : undefined;
    default:
      return undefined;
  }
};

const claimText = (value: unknown, max = 128) =>
  typeof value === 'string' && value.length > 0 ? value.slice(0, max) : undefined;

/** Roles as the authorizer passes them (`[a b]`) or as an array. */
const claimWords = (value: unknown): string[] =>
  (Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : []
  )
    .filter(Boolean)
    .slice(0, 10)
    .map((r) => r.slice(0, 40));

/** Who called, from the verified token's claims as the authorizer handed them over. */
export const callerOf = (event: ApiEvent): security.RefusalCaller => {
  const claims = event.requestContext?.authorizer?.jwt?.claims ?? {};
  return {
    sub: claimText(claims.sub),
    clientId: claimText(claims.client_id),
    partnerClientId: claimText(claims[Claims.partnerClientId]),
    workerId: claimText(claims[Claims.workerId]),
    tenantId: claimText(claims[Claims.tenantId], 64),
    roles: claimWords(claims[Claims.roles]),
    sourceIp: claimText(event.requestContext?.http?.sourceIp, 64),
  };
};

/** The refusal an error answers, or undefined when the security log does not keep it. */
export const refusalOf = (
  service: RuntimeEnv['service'],
  event: ApiEvent,
  error: unknown,
  route: AnyRoute | undefined,
): security.AccessRefusal | undefined => {
  const reason = refusalReason(error, route);
  if (!reason || !(error instanceof HttpProblem)) return undefined;
  const param = route ? targetParamOf(route) : undefined;
  const problem = error.toProblem();
  return {
    refusedBy: service,
    reason,
    caller: callerOf(event),
    routeId: route?.id,
    routeKey: (event.routeKey ?? '').slice(0, 300),
    method: (event.requestContext?.http?.method ?? route?.method ?? '').slice(0, 10),
    path: (event.rawPath ?? event.requestContext?.http?.path)?.slice(0, 1024),
    targetId: param ? claimText(event.pathParameters?.[param]) : undefined,
    targetParam: param,
    status: error.status,
    problemType: problem.type,
    detail: problem.detail?.slice(0, 300),
    requestId: (event.requestContext?.requestId ?? 'unknown').slice(0, 128),
  };
};

/** Writes the AccessRefused outbox item: one PutItem, nothing else of the request. */
export const recordRefusal = async (env: RuntimeEnv, refusal: security.AccessRefusal) => {
  const envelope = accessRefusedEnvelope(refusal, { id: newId(), occurredAt: env.now(), region: env.region });
  await env.ddb.send(
    new PutCommand({
      TableName: env.tableName,
      Item: outboxItem(env.service, envelope, env.now()),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return envelope;
};

/** The middleware: runs before problemErrors turns the error into problem+json. A 429 that a
 * limiter answered as a response rather than an error is recorded too. */
export const securityLog = (
  env: RuntimeEnv,
  routeOf: (routeKey: string) => AnyRoute | undefined,
  log: Logger,
): MiddlewareObj<ApiEvent, APIGatewayProxyStructuredResultV2> => {
  const record = async (event: ApiEvent, error: unknown) => {
    try {
      const refusal = refusalOf(env.service, event, error, routeOf(event.routeKey));
      if (!refusal) return;
      const envelope = await recordRefusal(env, refusal);
      log.info('access refused', { eventId: envelope.id, reason: refusal.reason, status: refusal.status });
    } catch (err) {
      log.error('could not record a refused request in the security log', { error: err as Error });
    }
  };
  return {
    onError: (request) => record(request.event, request.error),
    after: async (request) => {
      if (request.response?.statusCode === 429)
        await record(request.event, new HttpProblem(429, 'too-many-requests', 'Too many requests'));
    },
  };
};
