// Item 5: recorded writes per second through the gateway at concurrency 1, 8 and 32, bounded by
// count and time, with the peak RSS of this process, which hosts the gateway, the handlers, the
// outbox publisher and the bus (DynamoDB Local is a separate Java process, not counted).
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { Timed } from './fixtures/types';
import type { Result } from './lib/results';
import { result } from './lib/results';
import { now, round } from './lib/stats';

const group = '5 throughput & memory';
const levels = [1, 8, 32];
const maxWrites = 1_500;
const maxMs = 15_000;

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

export const measureThroughput = async (opts: {
  rt: RegionRuntime;
  label: string;
  note: string;
  write: (i: number) => Promise<Timed>;
}): Promise<Result[]> => {
  const results: Result[] = [];
  let next = 100_000;
  for (let w = 0; w < 50; w++) await (await opts.write(next++))();
  await opts.rt.settle();
  for (const concurrency of levels) {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let done = 0;
    let failed = 0;
    const start = now();
    const worker = async () => {
      while (done + failed < maxWrites && now() - start < maxMs) {
        const write = await opts.write(next++);
        try {
          await write();
          done += 1;
        } catch {
          failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = now() - start;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    results.push(
      result({
        group,
        name: `${opts.label} c=${concurrency}`,
        value: round((done / elapsed) * 1000, 1),
        unit: 'writes/s',
        ratio: null,
        note: `${done} ok, ${failed} failed in ${round(elapsed / 1000, 1)} s (bounded by ${maxWrites} writes or ${maxMs / 1000} s); ${opts.note}`,
      }),
      result({
        group,
        name: `gateway process peak RSS c=${concurrency}`,
        value: mb(peak),
        unit: 'MB',
        ratio: null,
      }),
    );
    await opts.rt.settle(60_000);
  }
  results.push(
    result({
      group,
      name: 'gateway process max RSS (whole run)',
      value: mb(process.resourceUsage().maxRSS * 1024),
      unit: 'MB',
      ratio: null,
      note: 'process.resourceUsage().maxRSS; the bench driver runs in the same process',
    }),
  );
  return results;
};
