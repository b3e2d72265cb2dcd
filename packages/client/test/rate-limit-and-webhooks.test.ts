// 429 as a typed SpoluRateLimited carrying Retry-After, from the runtime's real per-caller limit;
// 409 as SpoluConflict; a real signed delivery of the webhooks service verified by the SDK; and
// payloads signed with the service's own signer (Standard Webhooks): rotation, tampering, age.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@spolu/contracts';
import { callerLimitSettings } from '@spolu/platform';
import type { RegionRuntime } from '../../local/src/runtime';
import { seedDirectory } from '../../local/src/seed/seed-directory';
import { actor, call, startTestRuntime } from '../../local/test-support/harness';
import { manifest as directory } from '../../../services/directory/manifest';
import { manifest as webhooks } from '../../../services/webhooks/manifest';
import type { Receiver } from '../../../services/webhooks/test/receiver';
import { startReceiver } from '../../../services/webhooks/test/receiver';
import { newSecret, signatureHeader, webhookHeaders } from '../../../services/webhooks/src/domain/signing';
import {
  SpoluConflict,
  SpoluProblem,
  SpoluRateLimited,
  WebhookVerificationError,
  clientCredentialsToken,
  createSpoluClient,
  dataOf,
  retryAfterSecondsOf,
  verifyWebhook,
} from '../src';

const partnerLimit = 2;
let rt: RegionRuntime;
let providers: Record<string, string>;
let receiver: Receiver;

beforeAll(async () => {
  rt = await startTestRuntime([directory, webhooks], {
    settings: {
      [callerLimitSettings.perPartnerClient]: String(partnerLimit),
      // The receiver below listens on 127.0.0.1.
      WEBHOOKS_ALLOW_LOOPBACK: 'true',
    },
  });
  providers = (await seedDirectory(rt)).providers;
  receiver = await startReceiver();
}, 180_000);
afterAll(async () => {
  await receiver?.close();
  await rt?.stop();
});

describe('a partner past its per-minute limit', () => {
  it('gets a SpoluRateLimited with the seconds from Retry-After', async () => {
    const tenantId = providers['k-centrum-liberec']!;
    const admin = await actor(rt, { sub: newId(), tenantId, roles: ['provider-admin'] });
    const registered = await admin.post<{ id: string }>('/partner-clients', {
      name: 'Evidence (SDK)',
      scopes: ['spolu/directory.read'],
    });
    expect(registered.status).toBe(201);
    const app = await call<{ clientId: string; clientSecret: string }>(
      rt,
      'POST',
      '/dev/partner-app-clients',
      {
        body: { partnerClientId: registered.body.id, tenantId, scopes: ['spolu/directory.read'] },
      },
    );
    const { api } = createSpoluClient({
      baseUrl: rt.url,
      language: 'en',
      token: clientCredentialsToken({ tokenUrl: `${rt.url}/dev/oauth2/token`, ...app.body }),
    });
    // One second into a fresh minute, so every request falls in one window.
    const now = rt.clock.now().getTime();
    rt.clock.advance(60_000 - (now % 60_000) + 1_000);

    for (let i = 0; i < partnerLimit; i++)
      expect(dataOf(await api.GET('/districts', {})).items.length).toBeGreaterThan(0);
    const refused = await api.GET('/districts', {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SpoluRateLimited);
    expect(refused).toBeInstanceOf(SpoluProblem);
    const limited = refused as SpoluRateLimited;
    expect(limited).toMatchObject({ status: 429, code: 'too-many-requests' });
    expect(limited.retryAfterSeconds).toBe(Number(limited.response.headers.get('retry-after')));
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(retryAfterSecondsOf('17', now)).toBe(17);
    expect(retryAfterSecondsOf('Sun, 06 Dec 2026 12:00:30 GMT', now)).toBe(30);
    expect(retryAfterSecondsOf('Sun, 06 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterSecondsOf(null, now)).toBeUndefined();
    expect(retryAfterSecondsOf('soon', now)).toBeUndefined();
  });
});

describe('a provider admin through the SDK: webhook subscription', () => {
  it('verifies a real signed delivery, and pinging a disabled subscription is a SpoluConflict (409)', async () => {
    const tenantId = providers['k-centrum-liberec']!;
    const token = await rt.token({ sub: newId(), tenantId, roles: ['provider-admin'] });
    const { api, etags } = createSpoluClient({ baseUrl: rt.url, token });
    const subscription = dataOf(
      await api.POST('/webhooks/subscriptions', {
        body: {
          url: receiver.url('/sdk'),
          eventTypes: ['ServiceUpdated'],
          description: 'Evidence (SDK)',
          // The document lists `enabled` (zod default true) as required in the request body.
          enabled: true,
        },
      }),
    );
    const ping = await api.POST('/webhooks/subscriptions/{subscriptionId}/pings', {
      params: { path: { subscriptionId: subscription.id } },
    });
    expect(ping.response.status).toBe(201);
    await rt.runSchedule('webhooks', 'sender');
    await rt.settle();
    const [delivery] = receiver.got('/sdk');
    expect(delivery).toBeDefined();
    expect(verifyWebhook(subscription.secret, delivery!.body, delivery!.headers)).toMatchObject({
      type: 'webhook.ping',
      data: { subscriptionId: subscription.id },
    });
    expect(() => verifyWebhook(newSecret(), delivery!.body, delivery!.headers)).toThrow(
      WebhookVerificationError,
    );

    const path = `/webhooks/subscriptions/${subscription.id}`;
    await api.PATCH('/webhooks/subscriptions/{subscriptionId}', {
      params: { path: { subscriptionId: subscription.id }, header: etags.ifMatchFor(path) },
      body: { enabled: false },
    });
    const refused = await api
      .POST('/webhooks/subscriptions/{subscriptionId}/pings', {
        params: { path: { subscriptionId: subscription.id } },
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SpoluConflict);
    expect(refused).toMatchObject({ status: 409, code: 'conflict' });
  });
});

describe('webhook signature verification', () => {
  const payload = JSON.stringify({ type: 'referral.accepted', data: { referralId: newId() } });
  const at = new Date();
  const msgId = `msg_${newId()}`;

  it('accepts a delivery signed by the webhooks service and returns its payload', () => {
    const secret = newSecret();
    const headers = webhookHeaders(msgId, at, signatureHeader([{ secret }], msgId, at, payload));
    expect(verifyWebhook(secret, payload, headers)).toEqual(JSON.parse(payload));
    // The same from a Fetch API Headers object and a Buffer body (what HTTP servers hand over).
    expect(verifyWebhook(secret, Buffer.from(payload), new Headers(headers))).toEqual(JSON.parse(payload));
  });

  it('accepts the old secret while a rotation overlaps (one signature per active secret)', () => {
    const old = newSecret();
    const current = newSecret();
    const headers = webhookHeaders(
      msgId,
      at,
      signatureHeader(
        [{ secret: current }, { secret: old, validUntil: '2099-01-01T00:00:00Z' }],
        msgId,
        at,
        payload,
      ),
    );
    expect(verifyWebhook(old, payload, headers)).toEqual(JSON.parse(payload));
    expect(verifyWebhook(current, payload, headers)).toEqual(JSON.parse(payload));
  });

  it('refuses a tampered body, a foreign secret and an old timestamp', () => {
    const secret = newSecret();
    const headers = webhookHeaders(msgId, at, signatureHeader([{ secret }], msgId, at, payload));
    expect(() => verifyWebhook(secret, payload.replace('accepted', 'rejected'), headers)).toThrow(
      WebhookVerificationError,
    );
    expect(() => verifyWebhook(newSecret(), payload, headers)).toThrow(WebhookVerificationError);
    const anHourAgo = new Date(at.getTime() - 3_600_000);
    const replayed = webhookHeaders(
      msgId,
      anHourAgo,
      signatureHeader([{ secret }], msgId, anHourAgo, payload),
    );
    expect(() => verifyWebhook(secret, payload, replayed)).toThrow(WebhookVerificationError);
  });
});
