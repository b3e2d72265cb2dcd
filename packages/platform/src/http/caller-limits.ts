// Per-caller request limits: one partner system's loop, or one provider's runaway script, must not
// use up a region's API. An HTTP API can only throttle per stage and route (no usage plans, no
// WAF), so the API counts requests itself: a fixed one-minute window per partner client and per
// provider, one atomic ADD on a counter item in the service's own table (each service counts the
// calls it serves). Beyond the limit: 429 problem+json with Retry-After until the window ends.
// Limits come from the region config (cdk.json `callerLimits`) through the function environment;
// unset means unlimited (regional coordinators and platform ops have no tenant and no limit).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuthContext } from '../auth';
import type { RuntimeEnv } from '../env';
import { HttpProblem } from '../errors';

export const callerLimitSettings = {
  perPartnerClient: 'SPOLU_LIMIT_PARTNER_CLIENT_PER_MINUTE',
  perProvider: 'SPOLU_LIMIT_PROVIDER_PER_MINUTE',
} as const;

const windowMs = 60_000;

export const tooManyRequests = (who: string, limit: number, retryAfterSeconds: number) =>
  new HttpProblem(
    429,
    'too-many-requests',
    'Too many requests',
    `${who} may make ${limit} requests a minute; try again in ${retryAfterSeconds} s.`,
    undefined,
    { 'retry-after': String(retryAfterSeconds) },
  );

const limitOf = (env: RuntimeEnv, name: string) => {
  const value = Number(env.settings[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
};

interface Counter {
  who: string;
  /** Counter partition; starts with the tenant id like every key. */
  pk: string;
  limit: number;
}

/** The counters a request counts against (pure, so the choice is unit tested). */
export const countersFor = (env: RuntimeEnv, auth: AuthContext): Counter[] => {
  if (!auth.tenantId) return [];
  const counters: Counter[] = [];
  const partnerLimit = limitOf(env, callerLimitSettings.perPartnerClient);
  if (auth.partnerClientId && partnerLimit)
    counters.push({
      who: 'This partner system',
      pk: `${auth.tenantId}#RATE#partner#${auth.partnerClientId}`,
      limit: partnerLimit,
    });
  const providerLimit = limitOf(env, callerLimitSettings.perProvider);
  if (providerLimit)
    counters.push({ who: 'This provider', pk: `${auth.tenantId}#RATE#provider`, limit: providerLimit });
  return counters;
};

/** Counts the request; throws 429 when a counter is past its limit for this minute. */
export const enforceCallerLimits = async (env: RuntimeEnv, auth: AuthContext) => {
  const counters = countersFor(env, auth);
  if (counters.length === 0) return;
  const now = env.now().getTime();
  const windowStart = now - (now % windowMs);
  const counts = await Promise.all(
    counters.map(async (counter) => {
      const out = await env.ddb.send(
        new UpdateCommand({
          TableName: env.tableName,
          Key: { pk: counter.pk, sk: `WINDOW#${new Date(windowStart).toISOString()}` },
          UpdateExpression: 'ADD #hits :one SET #expiresAt = if_not_exists(#expiresAt, :expires)',
          ExpressionAttributeNames: { '#hits': 'hits', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':expires': Math.ceil((windowStart + 2 * windowMs) / 1000),
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { counter, hits: Number(out.Attributes?.hits ?? 0) };
    }),
  );
  const over = counts.find(({ counter, hits }) => hits > counter.limit);
  if (over) {
    const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    throw tooManyRequests(over.counter.who, over.counter.limit, retryAfter);
  }
};
