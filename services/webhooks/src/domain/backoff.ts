// Retry schedule: exponential-ish steps spread over about three days, with jitter so that many
// endpoints failing at once do not retry in lockstep. Tests compress it through settings.

/** Delay before attempt n+1 after attempt n failed (seconds); attempt 1 is immediate. Sum ~ 3 days. */
export const defaultScheduleSeconds = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];

export const parseSchedule = (text: string | undefined): number[] => {
  if (!text) return defaultScheduleSeconds;
  const steps = text.split(',').map((s) => Number(s.trim()));
  if (steps.some((s) => !Number.isFinite(s) || s < 0)) throw new Error(`bad retry schedule: ${text}`);
  return steps;
};

/** Total attempts the schedule allows (the first plus one per step). */
export const maxAttempts = (schedule: readonly number[]) => schedule.length + 1;

/** Seconds to wait after `attemptsSoFar` failed attempts, or undefined when none are left.
 * Jitter is +-20 %; a Retry-After from the receiver (429/502/504) is honoured when longer,
 * capped at one day so a hostile header cannot park a message forever. */
export const nextDelaySeconds = (
  schedule: readonly number[],
  attemptsSoFar: number,
  random: () => number,
  retryAfterSeconds?: number,
): number | undefined => {
  const step = schedule[attemptsSoFar - 1];
  if (step === undefined) return undefined;
  const jittered = step * (0.8 + 0.4 * random());
  const wanted =
    retryAfterSeconds === undefined ? jittered : Math.max(jittered, Math.min(retryAfterSeconds, 86400));
  return Math.round(wanted * 1000) / 1000;
};

/** Retry-After as seconds: either delta-seconds or an HTTP date. */
export const parseRetryAfter = (value: string | null | undefined, now: Date): number | undefined => {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now.getTime()) / 1000);
};

export type AttemptClass = 'succeeded' | 'gone' | 'retry' | 'slow-down';

/** Any 2xx succeeds; 410 means the endpoint is gone; 429/502/504 ask us to slow down. */
export const classifyStatus = (status: number): AttemptClass => {
  if (status >= 200 && status < 300) return 'succeeded';
  if (status === 410) return 'gone';
  if (status === 429 || status === 502 || status === 504) return 'slow-down';
  return 'retry';
};
