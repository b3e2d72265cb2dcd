// Item 5: recorded writes per second through the gateway at concurrency 1, 8 and 32, bounded by
// count and time, with the peak RSS of this process, which hosts the gateway, the handlers, the
// outbox publishers, the bus and its consumers (DynamoDB Local is a separate Java process, not
// counted). The timed part measures the API only: the consumers keep working in the background
// (as they do in AWS, where they are other Lambdas), and the time for the runtime to drain the
// backlog the level left (outbox published, every consumer done, stats projection included) is
// reported on its own row, bounded, so a slow consumer cannot fail or stall the measurement.
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { Timed } from './fixtures/types';
import type { Result } from './lib/results';
import { result } from './lib/results';
import { now, round } from './lib/stats';

const group = '5 throughput & memory';
const levels = [1, 8, 32];
const maxWrites = 250;
const maxMs = 8_000;
const drainBudgetMs = 120_000;

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

/** Wait for the runtime to drain; resolves with the time taken, or null when it did not finish. */
const drain = async (rt: RegionRuntime, budgetMs: number) => {
  const start = now();
  try {
    await rt.settle(budgetMs);
    return now() - start;
  } catch {
    return null;
  }
};

export const measureThroughput = async (opts: {
  rt: RegionRuntime;
  label: string;
  note: string;
  write: (i: number) => Promise<Timed>;
}): Promise<Result[]> => {
  const results: Result[] = [];
  let next = 100_000;
  for (let w = 0; w < 30; w++) await (await opts.write(next++))();
  const warmDrain = await drain(opts.rt, drainBudgetMs);
  for (const concurrency of levels) {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let done = 0;
    let failed = 0;
    let firstError: string | undefined;
    const start = now();
    const worker = async () => {
      while (done + failed < maxWrites && now() - start < maxMs) {
        const write = await opts.write(next++);
        try {
          await write();
          done += 1;
        } catch (err) {
          failed += 1;
          firstError ??= (err as Error).message.slice(0, 200);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = now() - start;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    // The backlog: drained outside the timed part, with the sampler still off.
    const drained = await drain(opts.rt, drainBudgetMs);
    results.push(
      result({
        group,
        name: `${opts.label} c=${concurrency}`,
        value: round((done / elapsed) * 1000, 1),
        unit: 'writes/s',
        ratio: null,
        note: `${done} ok, ${failed} failed${firstError ? ` (first: ${firstError})` : ''} in ${round(elapsed / 1000, 1)} s (bounded by ${maxWrites} writes or ${maxMs / 1000} s); ${opts.note}; consumers run concurrently in the same process, not waited for`,
      }),
      result({
        group,
        name: `gateway process peak RSS c=${concurrency}`,
        value: mb(peak),
        unit: 'MB',
        ratio: null,
        note: 'sampled every 20 ms during the timed part',
      }),
      result({
        group,
        name: `drain after c=${concurrency}`,
        value: drained === null ? null : round(drained / 1000, 1),
        unit: 's',
        ratio: null,
        note:
          drained === null
            ? `not drained within ${drainBudgetMs / 1000} s: the next level ran with a backlog`
            : `time after the level until every outbox item of its ${done} writes was published and every consumer (stats projection included) had finished: ${round(done / (drained / 1000 + elapsed / 1000), 1)} writes/s end to end over write + drain`,
      }),
    );
  }
  results.push(
    result({
      group,
      name: 'gateway process max RSS (whole run)',
      value: mb(process.resourceUsage().maxRSS * 1024),
      unit: 'MB',
      ratio: null,
      note: `process.resourceUsage().maxRSS; the bench driver runs in the same process${warmDrain === null ? '; the warm-up did not drain in time' : ''}`,
    }),
  );
  return results;
};
