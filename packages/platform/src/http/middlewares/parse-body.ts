import { badRequest } from '../../errors';
import { parseOrThrow } from './parse-parameters';
import type { ApiMiddleware } from './state';
import { needs } from './state';

/** The JSON body through the route's schema (422); a route without one takes no body (400). */
export const parseBody = (): ApiMiddleware => ({
  name: 'parseBody',
  before: ({ context }) => {
    const { route } = needs(context.api.impl, 'impl', 'routeLookup');
    const { json } = context.api;
    if (!route.body && json !== undefined) throw badRequest('This operation takes no body.');
    if (route.body) context.api.body = parseOrThrow(route.body, 'body', json ?? {});
  },
});
