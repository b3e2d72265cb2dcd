// Push delivery (issue 24 item 3): a write reaches the partner's receiver through the same path as
// in AWS — outbox stream, bus, fanout consumer, the sender's queue, the queue consumer, a signed
// POST — within seconds, with no schedule run and no clock moved; a failed attempt comes back on
// the queue after the Standard Webhooks delay with the same webhook-id. The queue duplicates every
// message (SQS is at-least-once): each attempt still reaches the receiver once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@spolu/contracts';
import { Webhook } from 'standardwebhooks';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor, startTestRuntime, registerProvider } from '../../../packages/local/test-support/harness';
import { FaultInjector } from '../../../packages/local/src/faults';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { manifest as directory } from '../../directory/manifest';
import { manifest as webhooks } from '../manifest';
import type { Receiver } from './receiver';
import { startReceiver } from './receiver';

let rt: RegionRuntime;
let receiver: Receiver;
let ops: ActorClient;
const faults = new FaultInjector({ seed: 24, queueDuplicateMessage: 1 });

beforeAll(async () => {
  rt = await startTestRuntime([directory, webhooks], {
    // The default retry schedule (5 s, 5 min, …): no WEBHOOKS_RETRY_SCHEDULE_SECONDS.
    settings: { WEBHOOKS_ALLOW_LOOPBACK: 'true', WEBHOOKS_TIMEOUT_MS: '2000' },
    faults,
  });
  receiver = await startReceiver();
  ops = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
});
afterAll(async () => {
  await receiver.close();
  await rt.stop();
});

const provider = async (name: string) => {
  const id = await registerProvider(ops, name);
  await rt.settle();
  return actor(rt, { sub: newId(), tenantId: id, roles: ['provider-admin'] });
};

const subscribe = async (admin: ActorClient, path: string) => {
  const res = await admin.post<{ id: string; secret: string }>('/webhooks/subscriptions', {
    url: receiver.url(path),
    eventTypes: ['ServiceRegistered'],
  });
  expect(res.status).toBe(201);
  return res.body;
};

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, opens: '08:00', closes: '16:00' }));
const registerService = (admin: ActorClient) =>
  admin.post<{ id: string }>('/services', {
    name: `Služba ${newId().slice(-5)}`,
    type: 's59',
    targetGroups: ['substance-users'],
    ageMin: 15,
    ageMax: 99,
    hours: weekdays,
    districts: ['liberec'],
    availability: { capacity: 20, waitingDays: 0, acceptingReferrals: true },
  });

/** Real time until the receiver has `count` requests on `path` (no settle, no schedule, no clock). */
const waitFor = async (path: string, count: number, timeoutMs: number) => {
  const started = Date.now();
  while (receiver.got(path).length < count) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`${path}: ${receiver.got(path).length} of ${count} requests after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - started;
};

describe('push delivery through the sender queue', () => {
  it('delivers a signed webhook within seconds of the write, with no schedule run and the clock not moved', async () => {
    const admin = await provider('Okamžitě');
    const sub = await subscribe(admin, '/push');
    const clockOffset = rt.clock.now().getTime() - Date.now();

    const written = await registerService(admin);
    expect(written.status).toBe(201);
    const waited = await waitFor('/push', 1, 5_000);
    expect(waited).toBeLessThan(2_000);

    const [msg] = receiver.got('/push');
    const payload = new Webhook(sub.secret).verify(msg!.body, msg!.headers as Record<string, string>) as {
      type: string;
      data: { subject: { id: string } };
    };
    expect(payload).toMatchObject({ type: 'ServiceRegistered', data: { subject: { id: written.body.id } } });
    // Nothing moved time: the runtime clock is still the machine's.
    expect(Math.abs(rt.clock.now().getTime() - Date.now() - clockOffset)).toBeLessThan(50);
    await rt.settle();
    // The queue handed the message over twice; the delivery was attempted once.
    expect(faults.injected.get('queue-duplicate-message') ?? 0).toBeGreaterThan(0);
    expect(receiver.got('/push')).toHaveLength(1);
    const deliveries = await admin.get<{ items: { status: string; attempts: number }[] }>(
      `/webhooks/subscriptions/${sub.id}/deliveries`,
    );
    expect(deliveries.body.items).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);
  });

  it('retries a receiver that failed once after the schedule’s first delay, with the same webhook-id, delivering once', async () => {
    const admin = await provider('Napodruhé');
    const sub = await subscribe(admin, '/once-failing');
    receiver.script('/once-failing', [503, 200]);

    expect((await registerService(admin)).status).toBe(201);
    await waitFor('/once-failing', 1, 5_000);
    const first = Date.now();
    // The first step of the Standard Webhooks schedule: 5 s ± 20 %, through the queue's delay.
    await waitFor('/once-failing', 2, 15_000);
    const gap = Date.now() - first;
    expect(gap).toBeGreaterThanOrEqual(3_900);
    expect(gap).toBeLessThan(10_000);

    const [a, b] = receiver.got('/once-failing');
    expect(b!.headers['webhook-id']).toBe(a!.headers['webhook-id']);
    // Each attempt is signed at its own sending time; both verify with the subscription's secret.
    for (const m of [a!, b!])
      expect(() => new Webhook(sub.secret).verify(m.body, m.headers as Record<string, string>)).not.toThrow();

    // Exactly one effective delivery: nothing more arrives, the log says delivered after 2 attempts.
    await rt.settle();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(receiver.got('/once-failing')).toHaveLength(2);
    const [d] = (
      await admin.get<{ items: { id: string; status: string; attempts: number }[] }>(
        `/webhooks/subscriptions/${sub.id}/deliveries`,
      )
    ).body.items;
    expect(d).toMatchObject({ id: a!.headers['webhook-id'], status: 'delivered', attempts: 2 });
    const attempts = await admin.get<{ items: { statusCode: number; outcome: string }[] }>(
      `/webhooks/deliveries/${d!.id}/attempts`,
    );
    expect(attempts.body.items.map((x) => [x.statusCode, x.outcome])).toEqual([
      [503, 'failed'],
      [200, 'succeeded'],
    ]);
  });
});
