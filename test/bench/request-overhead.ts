// Item 1: each registered read/write through the gateway over real HTTP (JWT verification, middy,
// zod, handler, response validation) versus the raw DynamoDB calls that handler makes, on the
// handler's own DocumentClient, interleaved so noise hits both alike.
import type { RuntimeEnv } from '@spolu/platform';
import { useTransport } from '../../packages/local/src/api-client';
import type { OperationPair, Timed } from './fixtures/types';
import { recordCalls } from './lib/recorder';
import type { Result } from './lib/results';
import { result } from './lib/results';
import { median, p95, round, timed } from './lib/stats';

const group = '1 request overhead';
const target = { on: 'ratio', max: 1.5 } as const;
const warmup = 15;
const iterations = { read: 120, write: 80 };

// Each side is prepared (untimed) right before it runs, so a write that depends on the current
// version (If-Match) sees the other side's last write. The gateway side sends with node:http and a
// keep-alive agent (the leanest client Node has): the client library is the caller's cost, not the
// platform's. Reads are also sent with `fetch`, reported on their own rows, to show what the
// client library adds.
// A write's events are consumed in the same process (stream poller, bus, the services' consumers,
// all on the one DynamoDB Local): each side of a write starts once the previous write's consumers are
// done (untimed), so neither side pays for the other's consumers, which made a write's median swing
// between 1.3x and 3.3x from run to run (intake POST /contacts, whose ContactRecorded the stats
// consumer turns into a transaction of its own).
const sample = async (pair: OperationPair, i: number, env: RuntimeEnv, quiesce: () => Promise<void>) => {
  const ready = async (prepared: Timed) => {
    if (pair.kind === 'write') await quiesce();
    return prepared;
  };
  const gateway = async () => timed(await ready(await pair.gateway(i)));
  const raw = async () => timed(await ready(await pair.raw(i)));
  /** As the local runtime and the tests run: fetch, and every response checked against its schema. */
  const asLocal = async () => {
    if (pair.kind !== 'read') return undefined;
    const prepared = await pair.gateway(i);
    useTransport('fetch');
    env.validateResponses = true;
    try {
      return await timed(prepared);
    } finally {
      useTransport('node-http');
      env.validateResponses = false;
    }
  };
  // Alternate which side goes first.
  if (i % 2 === 0) return { gateway: await gateway(), raw: await raw(), fetch: await asLocal() };
  const f = await asLocal();
  const r = await raw();
  return { gateway: await gateway(), raw: r, fetch: f };
};

export const measureRequestOverhead = async (
  service: string,
  env: RuntimeEnv,
  pairs: readonly OperationPair[],
  /** Wait for background work (event consumers share the DocumentClient) before recording. */
  quiesce: () => Promise<void> = async () => undefined,
) => {
  // As a function runs in AWS, where infra sets no SPOLU_VALIDATE_RESPONSES: the response schema
  // check is a contract test of the local runtime and the test suites, not part of a deployed
  // request (it stays on there; `asLocal` measures it).
  const validating = env.validateResponses;
  useTransport('node-http');
  env.validateResponses = false;
  try {
    return await measure(service, env, pairs, quiesce);
  } finally {
    useTransport('fetch');
    env.validateResponses = validating;
  }
};

const measure = async (
  service: string,
  env: RuntimeEnv,
  pairs: readonly OperationPair[],
  quiesce: () => Promise<void>,
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

    for (let w = 0; w < warmup; w++) await sample(pair, i++, env, quiesce);
    const g: number[] = [];
    const r: number[] = [];
    const f: number[] = [];
    for (let n = 0; n < iterations[pair.kind]; n++) {
      const s = await sample(pair, i++, env, quiesce);
      g.push(s.gateway);
      r.push(s.raw);
      if (s.fetch !== undefined) f.push(s.fetch);
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
        note: `${iterations[pair.kind]} iterations after ${warmup} warm-up; sent with node:http (keep-alive), response validation off as in AWS${pair.kind === 'write' ? "; each side starts once the previous write's events are consumed (untimed)" : ''}; raw = ${pair.rawCalls}; ${mirror}`,
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
      ...(f.length > 0
        ? [
            result({
              group,
              name: `${name} ${via} as run locally (fetch, response validation) median`,
              value: round(median(f)),
              unit: 'ms',
              ratio: round(median(f) / median(r)),
              ratioOf,
              note: 'the same GET as the local runtime and the tests send and check it: with fetch (undici) instead of node:http, and the response parsed through its zod schema (validateResponses on); interleaved with the other two sides; no target (neither is part of a deployed request)',
            }),
          ]
        : []),
      result({ group, name: `${name} raw median`, value: round(median(r)), unit: 'ms', ratio: null }),
      result({ group, name: `${name} raw p95`, value: round(p95(r)), unit: 'ms', ratio: null }),
    );
  }
  return results;
};
