// The security log's rules, without AWS: which day partition and 5-minute window a refusal falls
// in, who "the caller" is for burst counting and the caller filter, when a caller crosses the
// burst threshold, and which day partitions a query window spans.
import type { security } from '@spolu/contracts';
import { securityEvents } from '@spolu/contracts';

/** The metric infra alarms on: one data point each time a caller crosses the threshold. */
export const { refusedAccessBurstMetric } = securityEvents;
/** Refusals per caller in one window before it counts as a burst (env SECURITY_BURST_THRESHOLD). */
export const defaultBurstThreshold = 20;
export const burstWindowMinutes = 5;
/** How long entries are kept (env SECURITY_LOG_RETENTION_DAYS). */
export const defaultRetentionDays = 400;

export const positiveInt = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** `2026-12-06` (UTC) of an ISO instant. */
export const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10);

/** Start of the 5-minute window an instant falls in, ISO. */
export const windowOf = (iso: string, minutes = burstWindowMinutes) => {
  const ms = minutes * 60_000;
  return new Date(Math.floor(new Date(iso).getTime() / ms) * ms).toISOString();
};

/** The one key a caller is counted under: the most specific id the refusal has. Not `client_id`
 * first: every console user's token names the console's app client (a partner's names its own,
 * and its `sub` is that same id). */
export const callerKey = (caller: security.RefusalCaller) =>
  caller.partnerClientId ??
  caller.workerId ??
  caller.sub ??
  caller.clientId ??
  caller.sourceIp ??
  'anonymous';

/** Whether a refusal's caller is the one asked for (any of its ids or its source IP). */
export const callerMatches = (caller: security.RefusalCaller, wanted: string) =>
  [
    caller.sub,
    caller.clientId,
    caller.partnerClientId,
    caller.workerId,
    caller.sourceIp,
    caller.tenantId,
  ].includes(wanted);

/** UTC days from `to` back to `from` (inclusive), newest first. */
export const daysNewestFirst = (fromIso: string, toIso: string): string[] => {
  const days: string[] = [];
  const first = Date.parse(`${dayOf(fromIso)}T00:00:00.000Z`);
  for (let t = Date.parse(`${dayOf(toIso)}T00:00:00.000Z`); t >= first; t -= 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

/** The query window: defaults to the 24 hours before now; at most `maxDays` long. */
export const queryWindow = (
  q: { from?: string; to?: string },
  now: Date,
  maxDays: number,
): { from: string; to: string } | { error: string } => {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 86_400_000);
  if (from.getTime() > to.getTime()) return { error: '`from` must not be after `to`.' };
  if (to.getTime() - from.getTime() > maxDays * 86_400_000)
    return { error: `The window may span at most ${maxDays} days.` };
  return { from: from.toISOString(), to: to.toISOString() };
};
