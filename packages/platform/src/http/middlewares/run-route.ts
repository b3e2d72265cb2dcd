import type { Logger } from '@aws-lambda-powertools/logger';
import { tenantOf } from '../../auth';
import type { RuntimeEnv } from '../../env';
import type { ApiEvent, ApiRequest, ApiResult } from '../api';
import type { ApiContext } from './state';
import { needs } from './state';

/** The stack's handler: the route's own code, given what the middlewares established. Its answer
 * goes to `context.api.outcome` for the after-middlewares to check, store and serialize (as an
 * object, never parsed back from JSON); what it returns here is only the status. */
export const runRoute =
  (env: RuntimeEnv, log: Logger) =>
  async (event: ApiEvent, context: ApiContext): Promise<ApiResult> => {
    const { api } = context;
    const { route, run } = needs(api.impl, 'impl', 'routeLookup');
    const auth = needs(api.auth, 'auth', 'authorize');
    const request: ApiRequest<typeof route> = {
      params: api.params,
      query: api.query,
      body: api.body,
      auth,
      tenant: () => tenantOf(auth),
      ifMatch: needs(api.ifMatch, 'ifMatch', 'ifMatch'),
      env,
      tx: needs(api.tx, 'tx', 'unitOfWork'),
      log,
      requestId: event.requestContext.requestId,
      audit: needs(api.audit, 'audit', 'auditTrail').record,
      headers: event.headers ?? {},
      rawBody: api.bodyText,
    };
    const result = await run(request);
    const status = result.status ?? route.status ?? 200;
    api.outcome = { status, body: result.body, headers: result.headers };
    return { statusCode: status };
  };
