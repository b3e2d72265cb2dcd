import { cleanupMiddlewares } from '@aws-lambda-powertools/commons';
import type { RuntimeEnv } from '../../env';
import { findStoredResponse, rememberResponse, requestHash, validIdempotencyKey } from '../idempotency';
import { auditReplay } from './audit-trail';
import { routeResponse } from './serialize-response';
import type { ApiMiddleware } from './state';
import { needs } from './state';

/** Idempotency-Key on the routes that accept it: a key seen before with the same request answers
 * the stored response again (early, marked `idempotent-replayed`, nothing runs twice); a new key
 * remembers this response in the request's transaction. Keys belong to one caller: another user
 * of the same provider reusing a key gets nothing back. */
export const idempotentReplay = (env: RuntimeEnv): ApiMiddleware => ({
  name: 'idempotentReplay',
  before: async (request) => {
    const { event, context } = request;
    const { route } = needs(context.api.impl, 'impl', 'routeLookup');
    const header = route.idempotent ? event.headers?.['idempotency-key'] : undefined;
    if (header === undefined) return;
    const auth = needs(context.api.auth, 'auth', 'authorize');
    const scope = `${auth.tenantId ?? 'no-tenant'}#${auth.userId}`;
    const hash = requestHash(event.routeKey, event.body ?? undefined);
    const stored = await findStoredResponse(env, scope, validIdempotencyKey(header), hash);
    if (!stored) {
      context.api.idempotency = { scope, key: header, hash };
      return;
    }
    const where = { routeId: route.id, requestId: event.requestContext.requestId };
    await auditReplay(env, auth, stored.audit ?? [], where);
    // Answering early skips every `after`: Powertools' logger and metrics clean up here instead.
    await cleanupMiddlewares(request);
    return routeResponse(route, stored.status, stored.body, { 'idempotent-replayed': 'true' });
  },
  after: ({ context }) => {
    const remember = context.api.idempotency;
    if (!remember) return;
    const { status, body } = needs(context.api.outcome, 'outcome', 'the route handler');
    const { entries } = needs(context.api.audit, 'audit', 'auditTrail');
    const tx = needs(context.api.tx, 'tx', 'unitOfWork');
    rememberResponse(tx, env, remember.scope, remember.key, remember.hash, { status, body, audit: entries });
  },
});
