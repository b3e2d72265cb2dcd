import { describe, expect, it } from '@jest/globals';
import type { AnyEnvelope, webhooks } from '@spolu/contracts';
import { Webhook } from 'standardwebhooks';
import {
  classifyStatus,
  defaultScheduleSeconds,
  maxAttempts,
  nextDelaySeconds,
  parseRetryAfter,
} from '../src/domain/backoff';
import { afterAttempt, claimed, newDelivery, replayed } from '../src/domain/deliveries';
import { matches, payloadOf, recipientProviders } from '../src/domain/matching';
import { activeSecrets, newSecret, signatureHeader } from '../src/domain/signing';
import { classifyAddress, judgeEndpoint } from '../src/domain/ssrf';

describe('SSRF address classification', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'private'],
    ['0.0.0.0', 'private'],
    ['100.64.0.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['::', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'private'],
    ['febf::1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:a9fe:a9fe', 'private'],
    ['::ffff:192.168.0.1', 'private'],
    ['ff02::1', 'private'],
    ['fec0::1', 'private'],
    ['not-an-ip', 'private'],
    // Known bypass forms: every spelling of a non-public address stays non-public.
    ['0.0.0.0', 'private'],
    ['255.255.255.255', 'private'],
    ['169.254.169.254', 'private'], // cloud metadata
    ['::ffff:169.254.169.254', 'private'],
    ['::ffff:7f00:1', 'loopback'], // IPv4-mapped 127.0.0.1 in hex groups
    ['0:0:0:0:0:ffff:7f00:0001', 'loopback'],
    ['64:ff9b::7f00:1', 'private'], // NAT64 of 127.0.0.1
    ['2002:7f00:1::1', 'private'], // 6to4 carrying 127.0.0.1
    ['2001::1', 'private'], // Teredo
    ['2001:db8::1', 'private'], // documentation
    ['fe80::1%eth0', 'private'], // zone index
    ['2130706433', 'private'], // decimal, octal and short forms are not addresses a resolver returns
    ['0177.0.0.1', 'private'],
    ['0x7f.0.0.1', 'private'],
    ['127.1', 'private'],
  ])('%s is %s', (ip, verdict) => expect(classifyAddress(ip)).toBe(verdict));

  it.each([
    ['172.15.0.1'],
    ['172.32.0.1'],
    ['8.8.8.8'],
    ['193.165.1.1'],
    ['2001:4860:4860::8888'],
    ['::ffff:8.8.8.8'],
  ])('%s is public', (ip) => expect(classifyAddress(ip)).toBe('public'));

  const strict = { allowLoopback: false };
  const local = { allowLoopback: true };
  it('needs https and only public addresses unless loopback is allowed locally', () => {
    expect(judgeEndpoint(new URL('https://partner.example/h'), ['93.184.216.34'], strict)).toEqual({
      ok: true,
    });
    expect(judgeEndpoint(new URL('http://partner.example/h'), ['93.184.216.34'], strict).ok).toBe(false);
    expect(judgeEndpoint(new URL('https://a.example/h'), ['93.184.216.34', '10.0.0.5'], strict).ok).toBe(
      false,
    );
    expect(judgeEndpoint(new URL('https://localhost/h'), ['127.0.0.1'], strict).ok).toBe(false);
    expect(judgeEndpoint(new URL('http://127.0.0.1:8080/h'), ['127.0.0.1'], local)).toEqual({ ok: true });
    // Allowing loopback never opens private networks.
    expect(judgeEndpoint(new URL('https://intranet/h'), ['192.168.0.10'], local).ok).toBe(false);
    expect(judgeEndpoint(new URL('https://u:p@partner.example/h'), ['93.184.216.34'], strict).ok).toBe(false);
    expect(judgeEndpoint(new URL('https://nowhere.example/h'), [], strict).ok).toBe(false);
  });

  it.each([['http://2130706433/h'], ['http://0177.0.0.1/h'], ['http://0x7f.1/h'], ['http://127.1/h']])(
    '%s: the URL parser turns other IPv4 spellings into 127.0.0.1, which is judged as loopback',
    (text) => {
      const url = new URL(text);
      expect(url.hostname).toBe('127.0.0.1');
      expect(classifyAddress(url.hostname)).toBe('loopback');
      expect(judgeEndpoint(url, [url.hostname], strict).ok).toBe(false);
    },
  );
});

describe('retry schedule', () => {
  it('spans about three days', () => {
    const total = defaultScheduleSeconds.reduce((a, b) => a + b, 0);
    expect(total / 86400).toBeGreaterThan(2.5);
    expect(total / 86400).toBeLessThan(3.5);
    expect(maxAttempts(defaultScheduleSeconds)).toBe(10);
  });
  it('jitters within 20 % and ends after the last step', () => {
    expect(nextDelaySeconds([10, 100], 1, () => 0)).toBe(8);
    expect(nextDelaySeconds([10, 100], 2, () => 1)).toBe(120);
    expect(nextDelaySeconds([10, 100], 3, () => 0.5)).toBeUndefined();
  });
  it('honours a longer Retry-After, capped at a day', () => {
    expect(nextDelaySeconds([10], 1, () => 0.5, 60)).toBe(60);
    expect(nextDelaySeconds([10], 1, () => 0.5, 5)).toBe(10);
    expect(nextDelaySeconds([10], 1, () => 0.5, 10 ** 9)).toBe(86400);
    const now = new Date('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
  it('classifies receiver answers', () => {
    expect(classifyStatus(200)).toBe('succeeded');
    expect(classifyStatus(204)).toBe('succeeded');
    expect(classifyStatus(410)).toBe('gone');
    expect(classifyStatus(429)).toBe('slow-down');
    expect(classifyStatus(502)).toBe('slow-down');
    expect(classifyStatus(504)).toBe('slow-down');
    expect(classifyStatus(500)).toBe('retry');
    expect(classifyStatus(301)).toBe('retry');
  });
});

const A = '01JD0000000000000000000AAA';
const B = '01JD0000000000000000000BBB';
const envelope = (tenantId: string, data: Record<string, unknown> = {}): AnyEnvelope => ({
  id: '01JD00000000000000000000EV',
  type: 'ReferralSent',
  version: 1,
  occurredAt: '2026-11-23T10:00:00.000Z',
  tenantId,
  region: 'CZ051',
  subject: { type: 'referral', id: '01JD00000000000000000000RF', revision: 1 },
  data,
});
const sub = (providerId: string, more: Partial<webhooks.Subscription> = {}): webhooks.Subscription => ({
  id: '01JD0000000000000000000SUB',
  providerId,
  url: 'https://p.example',
  eventTypes: ['ReferralSent'],
  enabled: true,
  version: 1,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  ...more,
});

describe('matching', () => {
  it('delivers own-tenant events and events addressed to the provider, nothing else', () => {
    expect(recipientProviders(envelope(A, { toProviderId: B }))).toEqual([A, B]);
    expect(recipientProviders(envelope(A, { senderProviderId: A, receiverProviderId: B }))).toEqual([A, B]);
    expect(recipientProviders(envelope(A, { providerIds: [A, B] }))).toEqual([A, B]);
    expect(matches(sub(A), envelope(A))).toBe(true);
    expect(matches(sub(B), envelope(A))).toBe(false);
    expect(matches(sub(B), envelope(A, { toProviderId: B }))).toBe(true);
    expect(matches(sub(A, { eventTypes: ['Other'] }), envelope(A))).toBe(false);
    expect(matches(sub(A, { enabled: false }), envelope(A))).toBe(false);
  });
  it('the addressed-to filter keeps only events sent to the provider', () => {
    const onlyAddressed = { filter: { addressedToProvider: true } };
    expect(matches(sub(A, onlyAddressed), envelope(A))).toBe(false);
    expect(matches(sub(B, onlyAddressed), envelope(A, { toProviderId: B }))).toBe(true);
  });
  it('builds a { type, timestamp, data } payload with the envelope ids', () => {
    const p = payloadOf(envelope(A, { count: 2 }));
    expect(p).toMatchObject({ type: 'ReferralSent', timestamp: '2026-11-23T10:00:00.000Z' });
    expect(p.data).toMatchObject({ eventId: '01JD00000000000000000000EV', providerId: A, count: 2 });
  });
  it('gives a FHIR subscription the referral as a FHIR Task, and keeps other events in Spolu form', () => {
    const facts = {
      referralId: '01JD0000000000000000000REF',
      senderProviderId: A,
      receiverProviderId: B,
      status: 'declined',
      reason: 'no-capacity',
      at: '2026-11-23T10:00:00.000Z',
      subjectKey: 'sk_1',
    };
    const referralEvent = {
      ...envelope(A, facts),
      subject: { type: 'referral', id: facts.referralId, revision: 4 },
    };
    expect(payloadOf(referralEvent, 'fhir').data).toMatchObject({
      resourceType: 'Task',
      id: facts.referralId,
      status: 'rejected',
      meta: { versionId: '4' },
      statusReason: { coding: [{ code: 'no-capacity' }] },
      for: { identifier: { value: 'sk_1' } },
    });
    expect(payloadOf(referralEvent).data).toMatchObject({ eventId: referralEvent.id, status: 'declined' });
    const other = envelope(A, { count: 2 });
    expect(payloadOf(other, 'fhir')).toEqual(payloadOf(other));
  });
});

describe('signing', () => {
  it('signs with every active secret; each verifies with the library', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const current = newSecret();
    const old = newSecret();
    const expired = newSecret();
    const secrets = activeSecrets(
      [
        { secret: current },
        { secret: old, validUntil: '2026-11-24T10:00:00Z' },
        { secret: expired, validUntil: '2026-11-22T10:00:00Z' },
      ],
      now,
    );
    expect(secrets).toHaveLength(2);
    const at = new Date();
    const header = signatureHeader(secrets, 'msg_1', at, '{"a":1}');
    expect(header.split(' ')).toHaveLength(2);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': header,
    };
    expect(new Webhook(current).verify('{"a":1}', headers)).toEqual({ a: 1 });
    expect(new Webhook(old).verify('{"a":1}', headers)).toEqual({ a: 1 });
    expect(() => new Webhook(expired).verify('{"a":1}', headers)).toThrow();
  });
});

describe('delivery life', () => {
  const sub0 = { id: '01JD0000000000000000000SUB', providerId: A };
  const fresh = () =>
    newDelivery('01JD00000000000000000000MS', sub0, 'ReferralSent', { a: 1 }, '2026-11-23T10:00:00.000Z');
  it('reschedules a failure, delivers a success, dead-letters when no retry is left', () => {
    const failed = afterAttempt(
      fresh(),
      { at: 't1', outcome: 'failed', statusCode: 500 },
      { retryAt: '2026-11-23T10:00:05.000Z' },
    );
    expect(failed.delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
      nextAttemptAt: '2026-11-23T10:00:05.000Z',
    });
    expect(failed.runAttempts).toBe(1);
    const ok = afterAttempt(failed, { at: 't2', outcome: 'succeeded', statusCode: 204 }, {});
    expect(ok.delivery).toMatchObject({ status: 'delivered', attempts: 2, deliveredAt: 't2' });
    expect(ok.delivery.nextAttemptAt).toBeUndefined();
    const dead = afterAttempt(failed, { at: 't2', outcome: 'failed', error: 'timed out' }, {});
    expect(dead.delivery).toMatchObject({
      status: 'dead-lettered',
      deadLetteredAt: 't2',
      lastError: 'timed out',
    });
    expect(dead.delivery.lastStatusCode).toBeUndefined();
    const gone = afterAttempt(fresh(), { at: 't1', outcome: 'gone', statusCode: 410 }, { retryAt: 'x' });
    expect(gone.delivery.status).toBe('dead-lettered');
  });
  it('a replay keeps the id, restarts the schedule and counts the replay', () => {
    const dead = afterAttempt(fresh(), { at: 't1', outcome: 'gone', statusCode: 410 }, {});
    const again = replayed(dead, 't3');
    expect(again.delivery).toMatchObject({
      id: dead.delivery.id,
      status: 'pending',
      nextAttemptAt: 't3',
      replays: 1,
      attempts: 1,
    });
    expect(again.delivery.deadLetteredAt).toBeUndefined();
    expect(again.runAttempts).toBe(0);
    expect(claimed(again, 't9').delivery).toMatchObject({
      nextAttemptAt: 't9',
      version: again.delivery.version + 1,
    });
  });
});
