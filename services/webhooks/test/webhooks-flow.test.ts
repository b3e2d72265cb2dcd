// Outbound delivery end to end: directory events -> fan-out -> the sender's queue -> a real HTTP
// receiver on 127.0.0.1, verified with the standardwebhooks library. `send()` settles the runtime
// (the queue included) and runs the sweep; the retry schedule is in minutes and the queue's delays
// run on the runtime clock, so `later()` moving the clock is what makes a retry due.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@spolu/contracts';
import { Webhook } from 'standardwebhooks';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor, startTestRuntime, registerProvider } from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { manifest as directory } from '../../directory/manifest';
import { manifest as webhooks } from '../manifest';
import type { Receiver } from './receiver';
import { startReceiver } from './receiver';

type Sub = { id: string; version: number; secret: string; enabled: boolean; disabledReason?: string };
type Delivery = { id: string; status: string; attempts: number; eventType: string };

let rt: RegionRuntime;
let receiver: Receiver;
let ops: ActorClient;

beforeAll(async () => {
  rt = await startTestRuntime([directory, webhooks], {
    settings: {
      WEBHOOKS_ALLOW_LOOPBACK: 'true',
      // Minutes, not seconds: the test moves the runtime clock, so real time spent on a loaded
      // machine can never make an attempt due early.
      WEBHOOKS_RETRY_SCHEDULE_SECONDS: '100,100',
      WEBHOOKS_TIMEOUT_MS: '2000',
    },
  });
  receiver = await startReceiver();
  ops = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
});
afterAll(async () => {
  await receiver.close();
  await rt.stop();
});

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, opens: '08:00', closes: '16:00' }));
const serviceBody = (name: string) => ({
  name,
  type: 's59',
  targetGroups: ['substance-users'],
  ageMin: 15,
  ageMax: 99,
  hours: weekdays,
  districts: ['liberec'],
  availability: { capacity: 20, waitingDays: 0, acceptingReferrals: true },
});

/** A fresh provider per test, so no test sees another's events. */
const provider = async (name: string) => {
  const id = await registerProvider(ops, name);
  const admin = await actor(rt, { sub: newId(), tenantId: id, roles: ['provider-admin'] });
  return { id, admin };
};
const subscribe = async (admin: ActorClient, path: string, more: Record<string, unknown> = {}) => {
  const res = await admin.post<Sub>('/webhooks/subscriptions', {
    url: receiver.url(path),
    eventTypes: ['ServiceRegistered', 'ServiceUpdated'],
    description: 'Partner CRM',
    ...more,
  });
  expect(res.status).toBe(201);
  return res.body;
};
const registerService = async (admin: ActorClient, name = `Služba ${newId().slice(-5)}`) => {
  const res = await admin.post<{ id: string }>('/services', serviceBody(name));
  expect(res.status).toBe(201);
  await rt.settle();
  return res.body.id;
};
const send = async () => {
  await rt.runSchedule('webhooks', 'sender');
  await rt.settle();
};
const later = async (seconds = 200) => {
  rt.clock.advance(seconds * 1000);
  await send();
};
const deliveries = async (admin: ActorClient, subId: string, query = '') =>
  (await admin.get<{ items: Delivery[] }>(`/webhooks/subscriptions/${subId}/deliveries${query}`)).body.items;
const eventsOf = (type: string) =>
  rt.bus.archive
    .filter((e) => e.event['detail-type'] === type)
    .map((e) => e.event.detail as { tenantId: string; data: Record<string, unknown> });

describe('outbound delivery', () => {
  it('signs every message so the library verifier accepts it; the payload is { type, timestamp, data }', async () => {
    const { id, admin } = await provider('Podpis');
    const sub = await subscribe(admin, '/verify');
    expect(sub.secret).toMatch(/^whsec_/);
    expect(
      (await admin.get<Record<string, unknown>>(`/webhooks/subscriptions/${sub.id}`)).body.secret,
    ).toBeUndefined();
    const serviceId = await registerService(admin, 'Kontaktní centrum');
    await send();
    const [msg] = receiver.got('/verify');
    expect(msg).toBeDefined();
    const payload = new Webhook(sub.secret).verify(msg!.body, msg!.headers as Record<string, string>) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };
    expect(payload.type).toBe('ServiceRegistered');
    expect(payload.data).toMatchObject({ providerId: id, subject: { id: serviceId } });
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(
        msg!.body,
        msg!.headers as Record<string, string>,
      ),
    ).toThrow();
    const [d] = await deliveries(admin, sub.id);
    expect(d).toMatchObject({ id: msg!.headers['webhook-id'], status: 'delivered', attempts: 1 });
    const attempts = await admin.get<{ items: { statusCode: number; latencyMs: number; outcome: string }[] }>(
      `/webhooks/deliveries/${d!.id}/attempts`,
    );
    expect(attempts.body.items).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, outcome: 'succeeded' }),
    ]);
  });

  it('retries a receiver that fails twice, once per attempt with the same webhook-id, and ends delivered', async () => {
    const { admin } = await provider('Opakování');
    const sub = await subscribe(admin, '/flaky');
    receiver.script('/flaky', [500, { status: 429, headers: { 'retry-after': '1' } }, 200]);
    await registerService(admin);
    await send();
    expect(receiver.got('/flaky')).toHaveLength(1);
    await send(); // not due yet: nothing is sent early
    expect(receiver.got('/flaky')).toHaveLength(1);
    await later();
    expect(receiver.got('/flaky')).toHaveLength(2);
    await later();
    expect(receiver.got('/flaky')).toHaveLength(3);
    await later(6000);
    expect(receiver.got('/flaky')).toHaveLength(3);
    const ids = new Set(receiver.got('/flaky').map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const [d] = await deliveries(admin, sub.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3 });
    const attempts = await admin.get<{ items: { statusCode: number }[] }>(
      `/webhooks/deliveries/${d!.id}/attempts`,
    );
    expect(attempts.body.items.map((a) => a.statusCode)).toEqual([500, 429, 200]);
  });

  it('disables the endpoint on 410 and tells the admin', async () => {
    const { id, admin } = await provider('Zmizelý');
    const sub = await subscribe(admin, '/gone');
    receiver.script('/gone', [410]);
    await registerService(admin);
    await send();
    const current = await admin.get<Sub>(`/webhooks/subscriptions/${sub.id}`);
    expect(current.body).toMatchObject({ enabled: false, disabledReason: 'gone' });
    expect(eventsOf('WebhookEndpointDisabled').filter((e) => e.tenantId === id)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ subscriptionId: sub.id, reason: 'gone' }) }),
    ]);
    await registerService(admin);
    await later(6000);
    expect(receiver.got('/gone')).toHaveLength(1);
  });

  it('dead-letters after the last attempt to a dead receiver and disables the endpoint', async () => {
    const { id, admin } = await provider('Mrtvý');
    const sub = await subscribe(admin, '/dead', { url: 'http://127.0.0.1:1/dead' });
    await registerService(admin);
    await send();
    await later();
    await later();
    const [d] = await deliveries(admin, sub.id, '?status=dead-lettered');
    expect(d).toMatchObject({ status: 'dead-lettered', attempts: 3 });
    const attempts = await admin.get<{ items: { error?: string; outcome: string }[] }>(
      `/webhooks/deliveries/${d!.id}/attempts`,
    );
    expect(attempts.body.items).toHaveLength(3);
    expect(attempts.body.items[0]!.error).toMatch(/network error/);
    expect((await admin.get<Sub>(`/webhooks/subscriptions/${sub.id}`)).body).toMatchObject({
      enabled: false,
      disabledReason: 'failing',
    });
    expect(eventsOf('WebhookMessageDeadLettered').filter((e) => e.tenantId === id)).toHaveLength(1);
    expect(eventsOf('WebhookEndpointDisabled').filter((e) => e.tenantId === id)).toHaveLength(1);
  });

  it('signs with both secrets during a rotation overlap, then only with the new one', async () => {
    const { admin } = await provider('Rotace');
    const sub = await subscribe(admin, '/rotate');
    const rotated = await admin.post<Sub & { previousSecretValidUntil: string }>(
      `/webhooks/subscriptions/${sub.id}/secrets`,
      { overlapHours: 1 },
    );
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).not.toBe(sub.secret);
    await registerService(admin);
    await send();
    const [msg] = receiver.got('/rotate');
    const headers = msg!.headers as Record<string, string>;
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(sub.secret).verify(msg!.body, headers)).toBeTruthy();
    expect(new Webhook(rotated.body.secret).verify(msg!.body, headers)).toBeTruthy();

    rt.clock.advance(2 * 3_600_000);
    await registerService(admin);
    await send();
    const second = receiver.got('/rotate')[1]!;
    const h2 = second.headers as Record<string, string>;
    expect(h2['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(new Webhook(rotated.body.secret).verify(second.body, h2)).toBeTruthy();
    expect(() => new Webhook(sub.secret).verify(second.body, h2)).toThrow();
  });

  it('replays one message and all messages since a time, with the same webhook-id', async () => {
    const { admin } = await provider('Replay');
    const sub = await subscribe(admin, '/replay');
    const since = rt.clock.now().toISOString();
    await registerService(admin);
    await registerService(admin);
    await send();
    expect(receiver.got('/replay')).toHaveLength(2);
    const [newest] = await deliveries(admin, sub.id);
    const again = await admin.post<Delivery>(`/webhooks/deliveries/${newest!.id}/redeliveries`);
    expect(again.status).toBe(202);
    await send();
    expect(receiver.got('/replay')).toHaveLength(3);
    expect(receiver.got('/replay')[2]!.headers['webhook-id']).toBe(newest!.id);

    const all = await admin.post<{ replayed: number }>(`/webhooks/subscriptions/${sub.id}/replays`, {
      since,
    });
    expect(all.body).toEqual({ replayed: 2 });
    await send();
    expect(receiver.got('/replay')).toHaveLength(5);
  });

  it('sends a test ping', async () => {
    const { admin } = await provider('Ping');
    const sub = await subscribe(admin, '/ping');
    const ping = await admin.post<Delivery>(`/webhooks/subscriptions/${sub.id}/pings`);
    expect(ping.status).toBe(201);
    await send();
    const [msg] = receiver.got('/ping');
    expect(new Webhook(sub.secret).verify(msg!.body, msg!.headers as Record<string, string>)).toMatchObject({
      type: 'webhook.ping',
      data: { subscriptionId: sub.id },
    });
  });

  it("never delivers tenant A's events to tenant B's subscription", async () => {
    const a = await provider('Tenant A');
    const b = await provider('Tenant B');
    await subscribe(a.admin, '/tenant-a');
    const subB = await subscribe(b.admin, '/tenant-b');
    await registerService(a.admin);
    await send();
    expect(receiver.got('/tenant-a')).toHaveLength(1);
    expect(receiver.got('/tenant-b')).toHaveLength(0);
    expect(await deliveries(b.admin, subB.id)).toHaveLength(0);
    // B cannot see or touch A's subscription or its messages.
    const subA = (await a.admin.get<{ items: Sub[] }>('/webhooks/subscriptions')).body.items[0]!;
    expect((await b.admin.get(`/webhooks/subscriptions/${subA.id}`)).status).toBe(404);
    expect((await b.admin.get(`/webhooks/subscriptions/${subA.id}/deliveries`)).status).toBe(404);
  });

  it('refuses private, link-local and unknown targets, and unknown event types, storing nothing', async () => {
    const { admin } = await provider('SSRF');
    for (const url of [
      'https://10.1.2.3/hook',
      'https://169.254.169.254/latest',
      'https://[::ffff:192.168.1.1]/x',
      'https://[fd00::1]/x',
      'ftp://127.0.0.1/x',
    ]) {
      const res = await admin.post<{ type: string }>('/webhooks/subscriptions', {
        url,
        eventTypes: ['ServiceRegistered'],
      });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const unknown = await admin.post('/webhooks/subscriptions', {
      url: receiver.url('/x'),
      eventTypes: ['NoSuchEvent'],
    });
    expect(unknown.status).toBe(422);
    expect((await admin.get<{ items: unknown[] }>('/webhooks/subscriptions')).body.items).toHaveLength(0);
  });
});
