// The one middleware stack every HTTP handler uses, composed in `httpApi` below: logger with
// correlation id, problem+json errors (an OperationOutcome on FHIR routes for FHIR callers), the security log, then one middleware per concern (route,
// scopes and roles, caller limits, parameters, body, If-Match, Idempotency-Key, audit, response
// check, one transactional commit per request), each in ./middlewares with its own unit test.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { AnyRoute } from '@spolu/contracts';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { z } from 'zod';
import type { AuditEntry } from '../audit';
import type { AuthContext } from '../auth';
import type { UnitOfWork } from '../dynamo/tx';
import type { RuntimeEnv } from '../env';
import type { LambdaEntry } from '../lambda-entry';
import { lambdaEntry } from '../lambda-entry';
import { createLogger } from '../logger';
import { createMetrics } from '../metrics';
import { auditTrail } from './middlewares/audit-trail';
import { authorize } from './middlewares/authorize';
import { callerLimits } from './middlewares/caller-limits';
import { correlationId } from './middlewares/correlation-id';
import { idempotentReplay } from './middlewares/idempotent-replay';
import { ifMatch } from './middlewares/if-match';
import { jsonBody } from './middlewares/json-body';
import { operationOutcomes } from './middlewares/operation-outcome';
import { parseBody } from './middlewares/parse-body';
import { parseParameters } from './middlewares/parse-parameters';
import { routeLookup } from './middlewares/route-lookup';
import { runRoute } from './middlewares/run-route';
import { serializeResponse } from './middlewares/serialize-response';
import type { ApiContext } from './middlewares/state';
import { withApiState } from './middlewares/state';
import { unitOfWork } from './middlewares/unit-of-work';
import { validateResponse } from './middlewares/validate-response';
import { problemErrors } from './problem-middleware';
import { securityLog } from './security-log';

export { maxBodyBytes } from './middlewares/json-body';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

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
): RouteImplementation =>
  // A route's run takes its own route's request; the registry keeps every route under the common
  // type, and the dispatcher only ever calls it with a request parsed by that same route.
  // eslint-disable-next-line no-restricted-syntax
  ({ route, run: run as unknown as RouteImplementation['run'] });

export const routeKeyOf = (route: Pick<AnyRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;

export type HttpHandler = LambdaEntry<[event: ApiEvent, context: Context], ApiResult>;

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
    const stack = middy<ApiEvent, ApiResult, Error, ApiContext>().use(
      injectLambdaContext(log, { resetKeys: true }),
    );
    if (metrics) stack.use(logMetrics(metrics, { captureColdStartMetric: true }));
    // The stack in order: `before` runs top to bottom, `after` and `onError` bottom to top. So a
    // refusal is recorded in the security log before problemErrors answers it, and the route's
    // answer is checked, its audit verified, remembered, committed, and only then serialized.
    stack
      .use(operationOutcomes())
      .use(problemErrors(log, metrics))
      .use(securityLog(env, (key) => impls.get(key)?.route, log))
      .use(correlationId(log))
      .use(routeLookup(impls, log))
      .use(authorize(env))
      .use(callerLimits(env))
      .use(parseParameters())
      .use(jsonBody())
      .use(parseBody())
      .use(ifMatch())
      .use(serializeResponse())
      .use(unitOfWork(env))
      .use(idempotentReplay(env))
      .use(auditTrail(env))
      .use(validateResponse(env));
    const lambda = stack.handler(runRoute(env, log));
    return (event: ApiEvent, context: Context) => lambda(event, withApiState(context));
  };
  return lambdaEntry(service, forEnv);
};
