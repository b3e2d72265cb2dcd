import type { AnyRoute } from '@spolu/contracts';
import { isJsonMediaType } from '@spolu/contracts';
import type { ApiResult } from '../api';
import type { ApiMiddleware } from './state';
import { needs } from './state';

export const etagOf = (version: number) => `"${version}"`;

/** A versioned record's ETag, so the caller can send it back as If-Match. */
const etagHeader = (body: unknown): Record<string, string> =>
  body && typeof body === 'object' && 'version' in body && typeof body.version === 'number'
    ? { etag: etagOf(body.version) }
    : {};

const jsonResponse = (
  status: number,
  body: unknown,
  headers: Record<string, string>,
  mediaType = 'application/json',
): ApiResult => ({
  statusCode: status,
  headers: { 'content-type': mediaType, 'cache-control': 'no-store', ...headers },
  body: status === 204 ? '' : JSON.stringify(body),
});

/** The success response in the route's media type: JSON, or the handler's text as is (CSV). */
export const routeResponse = (
  route: AnyRoute,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiResult => {
  if (isJsonMediaType(route.responseMediaType) || status === 204)
    return jsonResponse(status, body, { ...etagHeader(body), ...headers }, route.responseMediaType);
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

/** The checked answer becomes the HTTP response: the last `after`, once everything committed. */
export const serializeResponse = (): ApiMiddleware => ({
  name: 'serializeResponse',
  after: (request) => {
    const { route } = needs(request.context.api.impl, 'impl', 'routeLookup');
    const { status, body, headers } = needs(request.context.api.outcome, 'outcome', 'the route handler');
    request.response = routeResponse(route, status, body, headers);
  },
});
