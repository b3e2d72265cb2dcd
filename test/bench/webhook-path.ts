// Item 3b: from a committed write (the HTTP write returning) to the signed webhook arriving at a
// local HTTP receiver, over the path AWS runs: outbox item -> stream poll -> publisher -> bus ->
// webhooks fanout consumer (writes the delivery, then queues it) -> the sender's queue -> the
// sender as its queue consumer (claims, signs, POSTs, records). No schedule is run and the clock
// does not move. The same writes are timed at a probe consumer on the bus, so the ratio is
// "write -> webhook received" over "write -> consumer", measured together (issue 24: <= 3x).
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { eventGroup } from './event-path';
import type { Prepared } from './fixtures/types';
import type { Result } from './lib/results';
import { notMeasured, result } from './lib/results';
import { median, now, p95, round, sleep } from './lib/stats';

const iterations = 30;
const warmUp = 3;
const target = { on: 'ratio', max: 3 } as const;

/** One timed event: resolves at the first call of `arrive`, rejects after `ms`. */
const arrival = <T>(what: string, ms: number) => {
  let arrive: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms / 1000} s`)), ms);
    arrive = (value) => {
      clearTimeout(timer);
      resolve(value);
    };
  });
  return { promise, arrive: (value: T) => arrive(value) };
};

export const measureWebhookPath = async (
  rt: RegionRuntime,
  webhook: Prepared['webhook'] | undefined,
  pollIntervalMs: number,
): Promise<Result[]> => {
  if (!webhook)
    return [notMeasured(eventGroup, 'write to webhook received', 'no fixture provides a webhook probe')];
  let hook: ((headers: IncomingHttpHeaders) => void) | undefined;
  let consumed: (() => void) | undefined;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hook?.(req.headers);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  rt.bus.subscribe({
    name: 'bench.webhook-probe',
    source: webhook.emits.source,
    types: [webhook.emits.type],
    invoke: async () => consumed?.(),
  });
  const toHook: number[] = [];
  const toConsumer: number[] = [];
  const queueHop: number[] = [];
  let signed = 0;
  const senderQueue = rt.queues.get('webhooks-sender');
  const clockBefore = rt.clock.now().getTime() - Date.now();
  try {
    await webhook.subscribe(url);
    await rt.settle(10_000);
    for (let i = 0; i < iterations + warmUp; i++) {
      await sleep(Math.random() * pollIntervalMs); // do not phase-lock with the poll loop
      const write = await webhook.write(70_000 + i);
      const atHook = arrival<{ at: number; headers: IncomingHttpHeaders }>('webhook', 20_000);
      const atConsumer = arrival<number>(`${webhook.emits.type} at the probe consumer`, 20_000);
      hook = (headers) => atHook.arrive({ at: now(), headers });
      consumed = () => atConsumer.arrive(now());
      await write();
      const returned = now();
      const [got, consumerAt] = await Promise.all([atHook.promise, atConsumer.promise]);
      hook = undefined;
      consumed = undefined;
      await rt.settle(10_000); // the sender records its attempt before the next write
      if (i < warmUp) continue; // first subscription lookups, first connection to the receiver
      toHook.push(got.at - returned);
      toConsumer.push(consumerAt - returned);
      queueHop.push(got.at - consumerAt);
      if (got.headers['webhook-signature'] && got.headers['webhook-id'] && got.headers['webhook-timestamp'])
        signed += 1;
    }
  } finally {
    hook = undefined;
    consumed = undefined;
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }
  const clockMovedMs = Math.abs(rt.clock.now().getTime() - Date.now() - clockBefore);
  const consumerMedian = median(toConsumer);
  const ratioOf = `write to the ${webhook.emits.type} consumer median of the same writes (${round(consumerMedian)} ms)`;
  const path =
    'outbox -> stream poll -> publisher -> bus -> fanout consumer (delivery written, then queued) -> ' +
    'the sender queue -> the sender as queue consumer -> signed POST';
  return [
    result({
      group: eventGroup,
      name: 'write to webhook received median',
      value: round(median(toHook)),
      unit: 'ms',
      ratio: round(median(toHook) / consumerMedian),
      ratioOf,
      targetSpec: target,
      note: `from the HTTP write (POST /workers) returning to a signed Standard Webhooks POST arriving at a local receiver (${signed}/${toHook.length} carried webhook-id, webhook-timestamp and webhook-signature); ${iterations} writes after ${warmUp} warm-up; path: ${path}; no schedule run, runtime clock moved ${round(clockMovedMs, 0)} ms (${senderQueue ? 'sender queue present' : 'NO sender queue'}); the ratio is against the same writes timed at a probe consumer on the bus.`,
      missNote:
        'The webhook path is the consumer path plus the fanout transaction, the queue hop, the sender’s claim and subscription read, and the signed POST; see the analysis below.',
    }),
    result({
      group: eventGroup,
      name: 'write to webhook received p95',
      value: round(p95(toHook)),
      unit: 'ms',
      ratio: round(p95(toHook) / p95(toConsumer)),
      ratioOf: `the consumer p95 of the same writes (${round(p95(toConsumer))} ms)`,
    }),
    result({
      group: eventGroup,
      name: `same writes to ${webhook.emits.type} consumer median`,
      value: round(consumerMedian),
      unit: 'ms',
      ratio: null,
      note: 'a probe consumer on the bus, invoked for the same event the webhooks fanout consumer gets',
    }),
    result({
      group: eventGroup,
      name: 'consumer to webhook received median',
      value: round(median(queueHop)),
      unit: 'ms',
      ratio: null,
      note: "what the webhook adds after the bus: the fanout consumer's query and transaction, the queue hop, the sender's claim and subscription read (at once), the signed POST over loopback",
    }),
  ];
};
