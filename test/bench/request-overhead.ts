// Item 1: each registered read/write through the gateway over real HTTP (JWT verification, middy,
// zod, handler, response validation) versus the raw DynamoDB calls that handler makes, on the
// handler's own DocumentClient, interleaved so noise hits both alike.
import type { RuntimeEnv } from '@spolu/platform';
import type { OperationPair } from './fixtures/types';
import { recordCalls } from './lib/recorder';
import type { Result } from './lib/results';
import { result } from './lib/results';
import { median, p95, round, timed } from './lib/stats';

const group = '1 request overhead';
const target = { on: 'ratio', max: 1.5 } as const;
const warmup = 15;
const iterations = { read: 120, write: 80 };

// Each side is prepared (untimed) right before it runs, so a write that depends on the current
// version (If-Match) sees the other side's last write.
const sample = async (pair: OperationPair, i: number) => {
  const gateway = async () => timed(await pair.gateway(i));
  const raw = async () => timed(await pair.raw(i));
  // Alternate which side goes first.
  if (i % 2 === 0) return { gateway: await gateway(), raw: await raw() };
  const r = await raw();
  return { gateway: await gateway(), raw: r };
};

export const measureRequestOverhead = async (
  service: string,
  env: RuntimeEnv,
  pairs: readonly OperationPair[],
  /** Wait for background work (event consumers share the DocumentClient) before recording. */
  quiesce: () => Promise<void> = async () => undefined,
) => {
  const results: Result[] = [];
  let i = 1_000;
  for (const pair of pairs) {
    // Check the raw side mirrors the handler: the same DynamoDB commands, the same item counts.
    await quiesce();
    const handlerCalls = await recordCalls(env, await pair.gateway(i++));
    await quiesce();
    const rawCalls = await recordCalls(env, await pair.raw(i++));
    const mirror =
      handlerCalls.join(',') === rawCalls.join(',')
        ? `raw mirrors the handler: ${rawCalls.join(' + ')}`
        : `MISMATCH: handler issued ${handlerCalls.join(' + ')}, raw issued ${rawCalls.join(' + ')}`;

    for (let w = 0; w < warmup; w++) await sample(pair, i++);
    const g: number[] = [];
    const r: number[] = [];
    for (let n = 0; n < iterations[pair.kind]; n++) {
      const s = await sample(pair, i++);
      g.push(s.gateway);
      r.push(s.raw);
    }
    const name = `${service} ${pair.kind} ${pair.route}`;
    const via = pair.via ?? 'gateway';
    const ratioOf = 'raw DynamoDB, same statistic';
    results.push(
      result({
        group,
        name: `${name} ${via} median`,
        value: round(median(g)),
        unit: 'ms',
        ratio: round(median(g) / median(r)),
        ratioOf,
        targetSpec: target,
        note: `${iterations[pair.kind]} iterations after ${warmup} warm-up; raw = ${pair.rawCalls}; ${mirror}`,
        missNote:
          'The fixed per-request cost (HTTP parse + JWT RS256 verify + event building + middy/powertools + zod parse of params/body and of the response) is large relative to a sub-millisecond local DynamoDB call; see docs/BENCHMARKS.md.',
      }),
      result({
        group,
        name: `${name} ${via} p95`,
        value: round(p95(g)),
        unit: 'ms',
        ratio: round(p95(g) / p95(r)),
        ratioOf,
      }),
      result({ group, name: `${name} raw median`, value: round(median(r)), unit: 'ms', ratio: null }),
      result({ group, name: `${name} raw p95`, value: round(p95(r)), unit: 'ms', ratio: null }),
    );
  }
  return results;
};
