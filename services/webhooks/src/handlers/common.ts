// Settings and checks shared by the webhooks handlers.
import { lookup } from 'node:dns/promises';
import { eventTypeCatalogue } from '@spolu/contracts';
import type { RuntimeEnv } from '@spolu/platform';
import { DomainRuleViolation } from '@spolu/platform';
import { parseSchedule } from '../domain/backoff';
import type { UrlVerdict } from '../domain/ssrf';
import { judgeEndpoint } from '../domain/ssrf';

/** Event types partners can subscribe to: every event of every other service (names only: the
 * catalogue as data, so these functions do not build every event's schema). */
export const deliverableEvents = () => eventTypeCatalogue.filter((e) => e.source !== 'webhooks');
export const deliverableTypes = () => new Set(deliverableEvents().map((e) => e.type));

/** At most this many subscriptions per provider: one event fans out in one transaction. */
export const maxSubscriptionsPerProvider = 25;

export const settingsOf = (env: RuntimeEnv) => ({
  /** Only the local runtime sets this (its `settings` option); never set in AWS. */
  allowLoopback: env.settings.WEBHOOKS_ALLOW_LOOPBACK === 'true',
  schedule: parseSchedule(env.settings.WEBHOOKS_RETRY_SCHEDULE_SECONDS),
  timeoutMs: Number(env.settings.WEBHOOKS_TIMEOUT_MS ?? 15_000),
  batchSize: Number(env.settings.WEBHOOKS_SENDER_BATCH ?? 50),
});

export const resolveHost = async (url: URL): Promise<string[]> => {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return [];
  }
};

/** The verdict on a URL and, when allowed, the addresses judged (to connect to exactly those). */
export type JudgedUrl = { ok: true; addresses: string[] } | { ok: false; reason: string };

export const judgeUrl = async (env: RuntimeEnv, text: string): Promise<JudgedUrl> => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  const addresses = await resolveHost(url);
  const verdict: UrlVerdict = judgeEndpoint(url, addresses, { allowLoopback: settingsOf(env).allowLoopback });
  return verdict.ok ? { ok: true, addresses } : verdict;
};

export const assertEndpointAllowed = async (env: RuntimeEnv, url: string) => {
  const verdict = await judgeUrl(env, url);
  if (!verdict.ok) throw new DomainRuleViolation('webhook-url-not-allowed', verdict.reason, 'url');
};

export const assertKnownTypes = (types: readonly string[]) => {
  const known = deliverableTypes();
  const unknown = types.filter((t) => !known.has(t));
  if (unknown.length > 0)
    throw new DomainRuleViolation(
      'unknown-event-type',
      `unknown event types: ${unknown.join(', ')}`,
      'eventTypes',
    );
};
