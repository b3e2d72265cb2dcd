// Refusals in the API access log. The JWT authorizer refuses forged or expired tokens (401) and
// tokens without the route's scope (403) before any Lambda runs: in AWS those show only in the
// API's access log. A CloudWatch Logs subscription hands the log lines to a Lambda
// (lambda/access-log-refusals.ts), which turns each authorizer refusal into an AccessRefused event
// from `spolu.gateway`. The local gateway writes the same line for its own 401/403 and feeds it
// through the same functions, so the same event reaches the local bus.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { AnyEnvelope, RegionCode, security } from '@spolu/contracts';
import { eventSource, securityEvents } from '@spolu/contracts';
import type { CloudWatchLogsEvent, CloudWatchLogsDecodedData } from 'aws-lambda';
import * as z from 'zod';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { PutEvents } from './outbox';
import { toPutEventsEntry } from './outbox';

/** The AccessRefused envelope of a refusal: tenant = the caller's (or `no-tenant`), subject = the caller. */
export const accessRefusedEnvelope = (
  refusal: security.AccessRefusal,
  at: { id: string; occurredAt: Date; region: RegionCode },
): AnyEnvelope => {
  const { AccessRefused, noTenant, refusalSubjectId } = securityEvents;
  const envelope = AccessRefused.envelope.parse({
    id: at.id,
    type: AccessRefused.type,
    version: AccessRefused.version,
    occurredAt: at.occurredAt.toISOString(),
    tenantId: refusal.caller.tenantId ?? noTenant,
    region: at.region,
    subject: { type: 'caller', id: refusalSubjectId(refusal.caller, refusal.requestId), revision: 1 },
    data: refusal,
  });
  return { ...envelope, data: envelope.data };
};

/** One line of the API access log (infra/lib/region-api.ts `accessLogFields`). API Gateway writes
 * `-` for an empty variable. `path` and `integrationStatus` are read when the format has them. */
export const AccessLogLine = z.looseObject({
  requestId: z.string().min(1),
  requestTime: z.string().optional(),
  requestTimeEpoch: z.union([z.string(), z.number()]).optional(),
  ip: z.string().optional(),
  routeKey: z.string().optional(),
  status: z.union([z.string(), z.number()]),
  sub: z.string().optional(),
  // Read when the format has them (`$context.authorizer.claims.<name>`): a missing-scope 403 then
  // names the caller as fully as a service's refusal does.
  clientId: z.string().optional(),
  partnerClientId: z.string().optional(),
  workerId: z.string().optional(),
  tenantId: z.string().optional(),
  roles: z.string().optional(),
  authorizerError: z.string().optional(),
  integrationStatus: z.union([z.string(), z.number()]).optional(),
  path: z.string().optional(),
  httpMethod: z.string().optional(),
});
export type AccessLogLine = z.infer<typeof AccessLogLine>;

const present = (value: string | number | undefined) => {
  const text = value === undefined ? '' : String(value).trim();
  return text === '' || text === '-' ? undefined : text;
};

/** Whether the authorizer (not a Lambda) gave the answer. A Lambda's own 401/403 is in the access
 * log too, but its middleware already recorded it; with `integrationStatus` in the format the
 * test is exact (no integration ran), without it an authorizer error or a 401 tells. */
export const refusedByAuthorizer = (line: AccessLogLine) => {
  const status = Number(line.status);
  if (status !== 401 && status !== 403) return false;
  if ('integrationStatus' in line) return present(line.integrationStatus) === undefined;
  return present(line.authorizerError) !== undefined || status === 401;
};

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$context.requestTime` is CLF: `06/Dec/2026:07:51:04 +0000`. */
export const parseRequestTime = (line: AccessLogLine, fallback: Date): Date => {
  const epoch = Number(present(line.requestTimeEpoch));
  if (Number.isFinite(epoch) && epoch > 0) return new Date(epoch);
  const m = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(
    line.requestTime ?? '',
  );
  const month = m ? months.indexOf(m[2]!) : -1;
  if (!m || month < 0) return fallback;
  const offsetMin = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  return new Date(
    Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) -
      offsetMin * 60_000,
  );
};

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID that is the same for the same request: a redelivered log batch gives the same event id,
 * and the directory's idempotent consumer keeps one entry. */
export const refusalEventId = (requestId: string, at: Date) => {
  let time = '';
  for (let t = at.getTime(), i = 0; i < 10; i += 1, t = Math.floor(t / 32)) time = crockford[t % 32] + time;
  const hash = createHash('sha256').update(requestId).digest();
  let rest = '';
  for (let i = 0; i < 16; i += 1) rest += crockford[hash[i]! % 32];
  return time + rest;
};

/** The refusal one access-log line records, or undefined when the authorizer did not refuse it. */
export const refusalFromAccessLog = (line: AccessLogLine): security.AccessRefusal | undefined => {
  if (!refusedByAuthorizer(line)) return undefined;
  const routeKey = present(line.routeKey) ?? '$default';
  const method = present(line.httpMethod) ?? routeKey.split(' ')[0] ?? '';
  const path = present(line.path);
  const target = path ? targetFromPath(routeKey, path) : undefined;
  const error = present(line.authorizerError);
  const status = Number(line.status);
  return {
    refusedBy: 'gateway',
    reason: status === 401 ? 'unauthenticated' : 'forbidden',
    caller: {
      sub: present(line.sub)?.slice(0, 128),
      clientId: present(line.clientId)?.slice(0, 128),
      partnerClientId: present(line.partnerClientId)?.slice(0, 128),
      workerId: present(line.workerId)?.slice(0, 128),
      tenantId: present(line.tenantId)?.slice(0, 64),
      roles: (present(line.roles) ?? '')
        .replace(/^\[|\]$/g, '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .slice(0, 10)
        .map((r) => r.slice(0, 40)),
      sourceIp: present(line.ip)?.slice(0, 64),
    },
    routeKey: routeKey.slice(0, 300),
    method: method.slice(0, 10),
    path: path?.slice(0, 1024),
    ...target,
    status,
    problemType: (error ?? (status === 401 ? 'Unauthorized' : 'Forbidden')).slice(0, 200),
    requestId: line.requestId.slice(0, 128),
  };
};

/** The last `{…Id}`/`{id}` parameter of the route key, read off the requested path. */
const targetFromPath = (routeKey: string, path: string) => {
  const template = routeKey.split(' ')[1] ?? '';
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const pattern = new RegExp(
    `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '([^/]+)')}$`,
  );
  const values = pattern.exec(path)?.slice(1) ?? [];
  for (let i = names.length - 1; i >= 0; i -= 1) {
    const name = names[i]!;
    if ((name === 'id' || name.endsWith('Id')) && values[i])
      return { targetId: decodeURIComponent(values[i]!).slice(0, 128), targetParam: name };
  }
  return {};
};

/** The EventBridge entry for an access-log line that records an authorizer refusal. */
export const accessLogRefusalEntry = (
  line: AccessLogLine,
  ctx: { region: RegionCode; eventBusName: string; receivedAt: Date },
): PutEventsRequestEntry | undefined => {
  const refusal = refusalFromAccessLog(line);
  if (!refusal) return undefined;
  const occurredAt = parseRequestTime(line, ctx.receivedAt);
  const envelope = accessRefusedEnvelope(refusal, {
    id: refusalEventId(line.requestId, occurredAt),
    occurredAt,
    region: ctx.region,
  });
  return toPutEventsEntry(eventSource('gateway'), envelope, ctx.eventBusName);
};

/** The log lines of a CloudWatch Logs subscription event (gzip + base64 `awslogs.data`). Lines
 * that are not JSON access-log lines are skipped. */
export const accessLogLines = (event: CloudWatchLogsEvent): { line: AccessLogLine; timestamp: number }[] => {
  const decoded = JSON.parse(
    gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
  ) as CloudWatchLogsDecodedData;
  if (decoded.messageType !== 'DATA_MESSAGE') return [];
  return decoded.logEvents.flatMap((logEvent) => {
    try {
      const parsed = AccessLogLine.safeParse(JSON.parse(logEvent.message));
      return parsed.success ? [{ line: parsed.data, timestamp: logEvent.timestamp }] : [];
    } catch {
      return [];
    }
  });
};

const eventBridgeBatch = 10;

/** The subscription handler's body: decode, keep the authorizer refusals, put them on the bus in
 * batches of 10. An entry EventBridge refused fails the invocation, so the subscription retries
 * the batch (the event ids are the same, the consumer keeps one entry). */
export const createAccessLogRefusals =
  (deps: {
    putEvents: PutEvents;
    eventBusName: string;
    region: RegionCode;
    log?: Pick<Logger, 'warn' | 'info'>;
  }) =>
  async (event: CloudWatchLogsEvent): Promise<{ refusals: number }> => {
    const entries = accessLogLines(event).flatMap(({ line, timestamp }) => {
      const entry = accessLogRefusalEntry(line, {
        region: deps.region,
        eventBusName: deps.eventBusName,
        receivedAt: new Date(timestamp),
      });
      return entry ? [entry] : [];
    });
    let failed = 0;
    for (let i = 0; i < entries.length; i += eventBridgeBatch) {
      const results = await deps.putEvents(entries.slice(i, i + eventBridgeBatch));
      failed += results.filter((r) => r.ErrorCode || !r.EventId).length;
    }
    if (failed > 0)
      throw new Error(`EventBridge refused ${failed} of ${entries.length} AccessRefused events`);
    if (entries.length > 0) deps.log?.info('authorizer refusals put on the bus', { count: entries.length });
    return { refusals: entries.length };
  };
