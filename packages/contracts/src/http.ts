// Route contracts: one object per HTTP operation. Service manifests group them into Lambda
// handlers; the gateway, CDK, OpenAPI and the web console all read the same object.
import type { Role, Scope } from './auth';
import type * as z from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Media type of a success body. JSON unless a route says otherwise (FHIR JSON is JSON too); a
 * text type (a CSV export) is sent as the raw text the handler returns, with `; charset=utf-8`. */
export type ResponseMediaType = 'application/json' | 'application/fhir+json' | `text/${string}`;
export const isJsonMediaType = (type: ResponseMediaType | undefined) =>
  type === undefined || type === 'application/json' || type === 'application/fhir+json';

export interface RouteContract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  /** operationId, `<service>.<verbNoun>` */
  id: string;
  method: HttpMethod;
  /** API Gateway style path: `/services/{serviceId}` */
  path: string;
  summary: string;
  description?: string;
  /** The token must hold at least one (the JWT authorizer's rule). */
  scopes: readonly Scope[];
  /** When set, the caller must hold at least one of these roles. */
  roles?: readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Media type of the success body (default application/json). For a text type, `response`
   * describes the text (a `z.string()`), which the handler returns as the body. */
  responseMediaType?: ResponseMediaType;
  /** Success status; 204 means no body. */
  status?: 200 | 201 | 202 | 204;
  /** Creates accept an Idempotency-Key header: a retry with the same key returns the first result. */
  idempotent?: boolean;
  /** Updates require If-Match with the current ETag (412 when stale, 428 when missing). */
  requiresIfMatch?: boolean;
  /** Reads or writes special-category client data: every call is audited. */
  clientData?: boolean;
  tags: readonly string[];
}

export const defineRoute = <
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
>(
  route: RouteContract<P, Q, B, R>,
) => route;

export type AnyRoute = RouteContract<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;
