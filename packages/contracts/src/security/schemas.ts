// The security log: refused requests (401, 403, 404 on a by-id route, a refused cursor, 429),
// kept apart from the client-data audit. Entries carry ids only, never client data: who called
// (token subject, client id, worker id, tenant, roles), what they tried (route, method, path,
// target id from the path) and the answer.
import * as z from 'zod';
import { IsoDateTime } from '../values';
import { PageQuery } from '../pagination';
import { EventSourceName } from '../events/envelope';

/** Why a request was refused, from the answer's status (and, for 400, the cursor check). */
export const RefusalReason = z.enum(['unauthenticated', 'forbidden', 'not-found', 'cursor', 'throttled']);
export type RefusalReason = z.infer<typeof RefusalReason>;

/** Where the request was refused: in a service's handler, or by the API's JWT authorizer. */
export const RefusedBy = EventSourceName;

const id = z.string().min(1).max(128);

export const RefusalCaller = z.strictObject({
  /** The token's `sub` (absent when the token was missing, forged or expired). */
  sub: id.optional(),
  /** The OAuth client: a partner system's app client (console users' tokens name the console's). */
  clientId: id.optional(),
  /** The partner system (directory partner-client id) a partner token acts as. */
  partnerClientId: id.optional(),
  workerId: id.optional(),
  tenantId: id.optional(),
  roles: z.array(z.string().max(40)).max(10).default([]),
  sourceIp: z.string().max(64).optional(),
});
export type RefusalCaller = z.infer<typeof RefusalCaller>;

export const AccessRefusal = z.strictObject({
  refusedBy: RefusedBy,
  reason: RefusalReason,
  caller: RefusalCaller,
  /** The route's operation id (absent for authorizer refusals, which only know the route key). */
  routeId: z.string().max(80).optional(),
  /** `GET /clients/{clientId}` */
  routeKey: z.string().max(300),
  method: z.string().max(10),
  /** The path as requested (ids only; the query string is never recorded). */
  path: z.string().max(1024).optional(),
  /** The id the caller named in the path, and the path parameter it came in. */
  targetId: id.optional(),
  targetParam: z.string().max(40).optional(),
  status: z.number().int().min(400).max(599),
  /** The problem type of the answer, or the authorizer's error. */
  problemType: z.string().max(200).optional(),
  detail: z.string().max(300).optional(),
  requestId: z.string().max(128),
});
export type AccessRefusal = z.infer<typeof AccessRefusal>;

export const SecurityLogEntry = AccessRefusal.extend({
  /** The AccessRefused event's id. */
  id: id,
  occurredAt: IsoDateTime,
  /** Set on the refusal that took its caller over the burst threshold in a 5-minute window. */
  burst: z.boolean().optional(),
});
export type SecurityLogEntry = z.infer<typeof SecurityLogEntry>;

/** The longest window one query may span. */
export const maxSecurityLogDays = 31;

export const SecurityLogQuery = PageQuery.extend({
  from: IsoDateTime.optional().meta({ description: 'Default: 24 hours before `to`' }),
  to: IsoDateTime.optional().meta({ description: 'Default: now' }),
  caller: id.optional().meta({ description: 'Token subject, client id, worker id or source IP' }),
  status: z.coerce.number().int().min(400).max(599).optional(),
}).refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
  message: '`from` must not be after `to`',
  path: ['from'],
});
