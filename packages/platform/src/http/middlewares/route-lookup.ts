import type { Logger } from '@aws-lambda-powertools/logger';
import { notFound } from '../../errors';
import type { RouteImplementation } from '../api';
import type { ApiMiddleware } from './state';

/** The implementation of the route API Gateway matched (`GET /clients/{clientId}`), or 404. */
export const routeLookup = (impls: ReadonlyMap<string, RouteImplementation>, log: Logger): ApiMiddleware => ({
  name: 'routeLookup',
  before: ({ event, context }) => {
    const impl = impls.get(event.routeKey);
    if (!impl) throw notFound(`route ${event.routeKey}`);
    context.api.impl = impl;
    log.appendKeys({ route: impl.route.id });
  },
});
