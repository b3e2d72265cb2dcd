// Item 3b: from a committed write (the HTTP write returning) to the signed webhook arriving at a
// local HTTP receiver, versus one raw DynamoDB PutItem. The path: outbox item -> stream poll ->
// publisher -> local bus -> webhooks fanout consumer (enqueues the delivery) -> the scheduled
// sender (signs and POSTs). In AWS the sender runs every minute (rate(1 minute)); here it is run
// in a loop every poll interval, like the stream poller, so the figure is the path's own latency
// without the schedule's wait (which adds 0-60 s, 30 s on average, in AWS).
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { eventGroup } from './event-path';
import type { Prepared } from './fixtures/types';
import type { Result } from './lib/results';
import { notMeasured, result } from './lib/results';
import { median, now, p95, round, sleep } from './lib/stats';

const iterations = 25;
const target = { on: 'ratio', max: 3 } as const;

export const measureWebhookPath = async (
  webhook: Prepared['webhook'] | undefined,
  rawPut: () => Promise<number>,
  pollIntervalMs: number,
): Promise<Result[]> => {
  if (!webhook)
    return [notMeasured(eventGroup, 'write to webhook received', 'no fixture provides a webhook probe')];
  let waiting: ((at: number, headers: IncomingHttpHeaders) => void) | undefined;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      waiting?.(now(), req.headers);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  const times: number[] = [];
  const senderRuns: number[] = [];
  let signed = 0;
  try {
    await webhook.subscribe(url);
    for (let i = 0; i < iterations + 3; i++) {
      await sleep(Math.random() * pollIntervalMs); // do not phase-lock with the poll loop
      const write = await webhook.write(70_000 + i);
      let done = false;
      const arrived = new Promise<{ at: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no webhook within 20 s')), 20_000);
        waiting = (at, headers) => {
          clearTimeout(timer);
          waiting = undefined;
          done = true;
          resolve({ at, headers });
        };
      });
      await write();
      const returned = now();
      // The sender, polled like the stream: run it, and again after a poll interval, until the
      // webhook has arrived.
      let runs = 0;
      const polling = (async () => {
        while (!done) {
          runs += 1;
          await webhook.runSender();
          if (!done) await sleep(pollIntervalMs);
        }
      })();
      const got = await arrived;
      await polling;
      if (i < 3) continue; // warm-up: first subscription lookups, first connection to the receiver
      times.push(got.at - returned);
      senderRuns.push(runs);
      if (got.headers['webhook-signature'] && got.headers['webhook-id'] && got.headers['webhook-timestamp'])
        signed += 1;
    }
  } finally {
    waiting = undefined;
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }
  const put = await rawPut();
  const ratioOf = `one raw DynamoDB PutItem median (${round(put)} ms)`;
  return [
    result({
      group: eventGroup,
      name: 'write to webhook received median',
      value: round(median(times)),
      unit: 'ms',
      ratio: round(median(times) / put),
      ratioOf,
      targetSpec: target,
      note: `from the HTTP write (POST /workers) returning to a signed Standard Webhooks POST arriving at a local receiver (${signed}/${times.length} carried webhook-id, webhook-timestamp and webhook-signature); ${iterations} writes after 3 warm-up; the scheduled sender run in a loop every ${pollIntervalMs} ms (median ${median(senderRuns)} runs per webhook) instead of every minute as in AWS, so the schedule's wait (0-60 s, 30 s on average) is not in this figure`,
      missNote:
        'Two polls in series (the stream, then the delivery queue) plus three transactions (the write, the fanout consumer, the sender recording its attempt) and the HTTP POST; in AWS the one-minute sender schedule dominates everything else. See docs/BENCHMARKS.md.',
    }),
    result({
      group: eventGroup,
      name: 'write to webhook received p95',
      value: round(p95(times)),
      unit: 'ms',
      ratio: round(p95(times) / put),
      ratioOf,
    }),
  ];
};
