// Item 3b: from a committed write to a signed webhook received by a local HTTP receiver.
// Runs only when a service fixture provides `webhook` (the webhooks service); else one row says so.
import { createServer } from 'node:http';
import type { Prepared } from './fixtures/types';
import { eventGroup } from './event-path';
import type { Result } from './lib/results';
import { notMeasured, result } from './lib/results';
import { median, now, p95, round } from './lib/stats';

const iterations = 20;

export const measureWebhookPath = async (
  webhook: Prepared['webhook'] | undefined,
  rawPut: number,
): Promise<Result[]> => {
  if (!webhook) return [notMeasured(eventGroup, 'write to webhook received', 'service missing: webhooks')];
  let waiting: ((at: number) => void) | undefined;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      waiting?.(now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  const times: number[] = [];
  try {
    await webhook.subscribe(url);
    for (let i = 0; i < iterations; i++) {
      const write = await webhook.write(70_000 + i);
      const arrived = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no webhook within 15 s')), 15_000);
        waiting = (at) => {
          clearTimeout(timer);
          waiting = undefined;
          resolve(at);
        };
      });
      await write();
      const returned = now();
      times.push((await arrived) - returned);
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return [
    result({
      group: eventGroup,
      name: 'write to webhook received median',
      value: round(median(times)),
      unit: 'ms',
      ratio: round(median(times) / rawPut),
      ratioOf: 'one raw PutItem median',
    }),
    result({
      group: eventGroup,
      name: 'write to webhook received p95',
      value: round(p95(times)),
      unit: 'ms',
      ratio: null,
    }),
  ];
};
