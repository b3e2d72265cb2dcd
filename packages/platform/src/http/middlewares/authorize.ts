import { authFromClaims, hasAnyRole } from '../../auth';
import type { RuntimeEnv } from '../../env';
import { forbidden } from '../../errors';
import type { ApiMiddleware } from './state';
import { needs } from './state';

/** Who calls, from the JWT authorizer's verified claims, and whether the route lets them:
 * one of its scopes, and one of its roles when it names any (403 otherwise). */
export const authorize = (env: RuntimeEnv): ApiMiddleware => ({
  name: 'authorize',
  before: ({ event, context }) => {
    const { route } = needs(context.api.impl, 'impl', 'routeLookup');
    const jwt = event.requestContext.authorizer?.jwt;
    const auth = authFromClaims(jwt?.claims, jwt?.scopes, env.region);
    if (!route.scopes.some((s) => auth.scopes.includes(s)))
      throw forbidden(`needs scope ${route.scopes.join(' or ')}`);
    if (route.roles && !hasAnyRole(auth, route.roles))
      throw forbidden(`needs role ${route.roles.join(' or ')}`);
    context.api.auth = auth;
  },
});
