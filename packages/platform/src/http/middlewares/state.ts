// What the HTTP stack's middlewares learn about one request and hand on to the next: each
// middleware fills its part of `context.api`, and reads the parts earlier ones filled through
// `needs`, which names the missing middleware instead of failing on `undefined` later.
import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { AuditEntry } from '../../audit';
import type { AuthContext } from '../../auth';
import type { UnitOfWork } from '../../dynamo/tx';
import type { ApiEvent, ApiResult, RouteImplementation } from '../api';

/** The route's answer before it is serialized: after-middlewares check and store the object. */
interface RouteOutcome {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ApiState {
  impl?: RouteImplementation;
  auth?: AuthContext;
  params?: unknown;
  query?: unknown;
  /** The request body as text, decoded from base64 once when API Gateway encoded it. */
  bodyText?: string;
  /** The body as parsed JSON, before the route's schema. */
  json?: unknown;
  body?: unknown;
  ifMatch?: number;
  tx?: UnitOfWork;
  audit?: { entries: AuditEntry[]; record: (entry: AuditEntry) => void };
  /** Set on routes that remember their response under the caller's Idempotency-Key. */
  idempotency?: { scope: string; key: string; hash: string };
  outcome?: RouteOutcome;
}

/** Lambda's context plus the request's state; a fresh object per request (see `withApiState`). */
export type ApiContext = Context & { readonly api: ApiState };
export type ApiMiddleware = MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext>;
export type ApiMiddyRequest = Request<ApiEvent, ApiResult, Error, ApiContext>;

/** Lambda's context is not ours to change (the local runtime may share one): copy it. */
export const withApiState = (context: Context): ApiContext => ({ ...context, api: {} });

/** A value an earlier middleware must have set; a wrongly ordered stack fails loudly. */
export const needs = <T>(value: T | undefined, what: keyof ApiState, setBy: string): T => {
  if (value === undefined)
    throw new Error(`HTTP stack: ${String(what)} is set by ${setBy}, which has not run`);
  return value;
};
