// Item 3: from a committed write (the HTTP write returning) to the event reaching a consumer on
// the local bus, versus one raw DynamoDB PutItem. Locally the stream poll interval dominates.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '@spolu/contracts';
import type { RuntimeEnv } from '@spolu/platform';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { EventProbe } from './fixtures/types';
import type { Result } from './lib/results';
import { result } from './lib/results';
import { median, now, p95, round, sleep, timed } from './lib/stats';

export const eventGroup = '3 event path';
const target = { on: 'ratio', max: 3 } as const;
const iterations = 30;
const putIterations = 150;

export const rawPutMedian = async (env: RuntimeEnv) => {
  const times: number[] = [];
  for (let i = 0; i < putIterations + 20; i++) {
    const item = {
      pk: `BENCH#${newId()}`,
      sk: 'PUT',
      entity: 'bench',
      version: 1,
      data: { name: `Bench ${i}`, roles: ['worker'] },
    };
    const t = await timed(() => env.ddb.send(new PutCommand({ TableName: env.tableName, Item: item })));
    if (i >= 20) times.push(t);
  }
  return median(times);
};

export const measureEventPath = async (opts: {
  rt: RegionRuntime;
  service: string;
  env: RuntimeEnv;
  probe: EventProbe;
  pollIntervalMs: number;
}): Promise<Result[]> => {
  const { rt, probe } = opts;
  let waiting: ((at: number) => void) | undefined;
  rt.bus.subscribe({
    name: 'bench.probe',
    source: probe.source,
    types: [probe.type],
    invoke: async () => waiting?.(now()),
  });
  await rt.settle(10_000);
  const fromReturn: number[] = [];
  const fromStart: number[] = [];
  for (let i = 0; i < iterations; i++) {
    // A random pause so writes do not phase-lock with the poll loop.
    await sleep(Math.random() * opts.pollIntervalMs);
    const write = await probe.write(50_000 + i);
    const arrived = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${probe.type} within 10 s`)), 10_000);
      waiting = (at) => {
        clearTimeout(timer);
        waiting = undefined;
        resolve(at);
      };
    });
    const started = now();
    await write();
    const returned = now();
    const at = await arrived;
    fromReturn.push(at - returned);
    fromStart.push(at - started);
    await rt.settle(10_000);
  }
  const put = await rawPutMedian(opts.env);
  const name = `${opts.service} ${probe.type} to consumer`;
  const ratioOf = `one raw DynamoDB PutItem median (${round(put)} ms)`;
  return [
    result({
      group: eventGroup,
      name: `${name} median`,
      value: round(median(fromReturn)),
      unit: 'ms',
      ratio: round(median(fromReturn) / put),
      ratioOf,
      targetSpec: target,
      note: `from the HTTP write returning (commit already done) to the probe consumer's invocation on the local bus; ${iterations} events; stream poll interval ${opts.pollIntervalMs} ms (runtime default)`,
      missNote: `Expected locally: the publisher polls the stream every ${opts.pollIntervalMs} ms, so the mean wait alone is ~${opts.pollIntervalMs / 2} ms plus GetRecords; in AWS the event source mapping (maxBatchingWindow 1 s) + EventBridge add more. See docs/BENCHMARKS.md.`,
    }),
    result({
      group: eventGroup,
      name: `${name} p95`,
      value: round(p95(fromReturn)),
      unit: 'ms',
      ratio: round(p95(fromReturn) / put),
      ratioOf,
    }),
    result({
      group: eventGroup,
      name: `${name} median incl. the write`,
      value: round(median(fromStart)),
      unit: 'ms',
      ratio: null,
      note: 'from sending the HTTP write',
    }),
    result({
      group: eventGroup,
      name: 'raw PutItem median',
      value: round(put),
      unit: 'ms',
      ratio: null,
      note: `${putIterations} puts of a small item on the ${opts.service} table`,
    }),
  ];
};
