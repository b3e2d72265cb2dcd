import type * as z from 'zod';
import { badRequest, validationProblem } from '../../errors';
import type { ApiMiddleware } from './state';
import { needs } from './state';

/** The route's strict zod schema applied to one part of the request (422 naming the fields). */
export const parseOrThrow = <T extends z.ZodType>(
  schema: T,
  where: 'params' | 'query' | 'body',
  value: unknown,
): z.output<T> => {
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(where, result.error);
  return result.data;
};

/** Path and query parameters through the route's schemas; a route without a query schema takes
 * no query parameters at all (400), so a misspelt filter is not silently ignored. */
export const parseParameters = (): ApiMiddleware => ({
  name: 'parseParameters',
  before: ({ event, context }) => {
    const { route } = needs(context.api.impl, 'impl', 'routeLookup');
    if (route.params) context.api.params = parseOrThrow(route.params, 'params', event.pathParameters ?? {});
    if (route.query)
      context.api.query = parseOrThrow(route.query, 'query', event.queryStringParameters ?? {});
    else if (event.queryStringParameters && Object.keys(event.queryStringParameters).length > 0)
      throw badRequest('This operation takes no query parameters.');
  },
});
