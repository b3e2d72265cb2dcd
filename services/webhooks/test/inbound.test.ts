// Signed inbound status updates from partner systems, and the non-local SSRF rules (this runtime
// does not allow loopback, like AWS).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Scopes, newId } from '@spolu/contracts';
import { Webhook } from 'standardwebhooks';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import {
  actor,
  call,
  startTestRuntime,
  registerProvider,
} from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { manifest as directory } from '../../directory/manifest';
import { manifest as webhooks } from '../manifest';

let rt: RegionRuntime;
let admin: ActorClient;
let providerId: string;
let partnerId: string;
let secret: string;
let partnerToken: string;

beforeAll(async () => {
  rt = await startTestRuntime([directory, webhooks]);
  const ops = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
  providerId = await registerProvider(ops, 'Spektrum');
  admin = await actor(rt, { sub: newId(), tenantId: providerId, roles: ['provider-admin'] });
  const partner = await admin.post<{ id: string }>('/partner-clients', {
    name: 'Nemocnice Liberec – CRM',
    scopes: ['spolu/clients.write'],
  });
  expect(partner.status).toBe(201);
  partnerId = partner.body.id;
  await rt.settle();
  const issued = await admin.post<{ secret: string }>(
    `/webhooks/partner-clients/${partnerId}/inbound-secrets`,
  );
  expect(issued.status).toBe(201);
  secret = issued.body.secret;
  // In AWS the partner gets this token from Cognito (client credentials, its app client's scopes).
  partnerToken = await rt.token({
    sub: partnerId,
    tenantId: providerId,
    roles: ['partner'],
    scopes: [Scopes.clientsWrite],
  });
});
afterAll(async () => {
  await rt.stop();
});

const update = () => ({
  type: 'appointment.attended',
  timestamp: new Date().toISOString(),
  data: { subjectType: 'appointment', subjectId: newId(), occurredAt: rt.clock.now().toISOString() },
});
const signed = (body: unknown, opts: { key?: string; at?: Date; id?: string } = {}) => {
  const raw = JSON.stringify(body);
  const id = opts.id ?? `msg_${newId()}`;
  const at = opts.at ?? new Date();
  return {
    raw,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(opts.key ?? secret).sign(id, at, raw),
    },
  };
};
const post = (req: { raw: string; headers: Record<string, string> }, extra: Record<string, string> = {}) =>
  call<{ type?: string; id?: string }>(rt, 'POST', `/webhooks/inbound/${partnerId}`, {
    token: partnerToken,
    rawBody: req.raw,
    headers: { ...req.headers, ...extra },
  });
const reported = () => rt.bus.archive.filter((e) => e.event['detail-type'] === 'PartnerStatusReported');

describe('inbound status updates', () => {
  it('accepts a correctly signed update once and announces it without personal data', async () => {
    const before = reported().length;
    const req = signed(update());
    const res = await post(req);
    expect(res.status).toBe(202);
    await rt.settle();
    expect(reported()).toHaveLength(before + 1);
    const replay = await post(req);
    expect(replay.status).toBe(409);
    expect(replay.headers.get('content-type')).toMatch(/problem\+json/);
    await rt.settle();
    expect(reported()).toHaveLength(before + 1);
  });

  it('verifies the exact bytes: pretty-printed JSON signed as sent is fine', async () => {
    const body = update();
    const raw = JSON.stringify(body, null, 2);
    const id = `msg_${newId()}`;
    const at = new Date();
    const res = await post({
      raw,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, at, raw),
      },
    });
    expect(res.status).toBe(202);
  });

  it('rejects forged, tampered, stale and unsigned requests with problem+json and stores nothing', async () => {
    await rt.settle();
    const before = reported().length;
    const forged = signed(update(), { key: `whsec_${Buffer.alloc(32, 1).toString('base64')}` });
    const stale = signed(update(), { at: new Date(Date.now() - 10 * 60_000) });
    const good = signed(update());
    const tampered = { ...good, raw: good.raw.replace('attended', 'missed') };
    const unsigned = { raw: good.raw, headers: { 'content-type': 'application/json' } };
    for (const req of [forged, stale, tampered, unsigned]) {
      const res = await post(req);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    await rt.settle();
    expect(reported()).toHaveLength(before);
  });

  it('a retried POST with the same Idempotency-Key records one update', async () => {
    await rt.settle();
    const before = reported().length;
    const req = signed(update());
    const first = await post(req, { 'idempotency-key': 'partner-retry-1' });
    const retry = await post(req, { 'idempotency-key': 'partner-retry-1' });
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    await rt.settle();
    expect(reported()).toHaveLength(before + 1);
  });

  it("refuses another provider's partner and a revoked partner", async () => {
    const other = await rt.token({
      sub: partnerId,
      tenantId: newId(),
      roles: ['partner'],
      scopes: [Scopes.clientsWrite],
    });
    const res = await call(rt, 'POST', `/webhooks/inbound/${partnerId}`, {
      token: other,
      ...(() => {
        const s = signed(update());
        return { rawBody: s.raw, headers: s.headers };
      })(),
    });
    expect(res.status).toBe(404);
    const current = await admin.get<{ items: { id: string; version: number }[] }>('/partner-clients');
    const p = current.body.items.find((i) => i.id === partnerId)!;
    const revoked = await admin.patch(
      `/partner-clients/${partnerId}`,
      { status: 'revoked' },
      { headers: { 'if-match': `"${p.version}"` } },
    );
    expect(revoked.status).toBe(200);
    await rt.settle();
    expect((await post(signed(update()))).status).toBe(403);
  });
});

describe('endpoint URLs outside the local runtime', () => {
  it('refuses loopback, private and plain-http targets when loopback is not allowed', async () => {
    for (const url of [
      'http://127.0.0.1:8080/h',
      'https://127.0.0.1/h',
      'https://localhost/h',
      'https://[::1]/h',
      'https://10.0.0.8/h',
      'https://192.168.1.1/h',
      'http://93.184.216.34/h',
      'https://203.0.113.10/h', // documentation range: not on the internet
      'https://[::ffff:127.0.0.1]/h',
      'https://2130706433/h',
      'https://169.254.169.254/latest/meta-data',
    ]) {
      const res = await admin.post('/webhooks/subscriptions', { url, eventTypes: ['ServiceRegistered'] });
      expect([url, res.status]).toEqual([url, 422]);
    }
    const ok = await admin.post('/webhooks/subscriptions', {
      url: 'https://93.184.216.34/h',
      eventTypes: ['ServiceRegistered'],
    });
    expect(ok.status).toBe(201);
  });
});
