// The standing analysis for each measurement group, printed in docs/BENCHMARKS.md when a target of
// that group is missed. Targets are never loosened here: this says why and what design change
// would meet them. Figures quoted are taken from the run's own rows where the text depends on them.
import type { Result } from './results';

const find = (results: readonly Result[], group: string, name: string) =>
  results.find((r) => r.group.startsWith(group) && r.name === name);
const val = (r: Result | undefined, digits = 0) =>
  r?.value === null || r?.value === undefined ? '?' : r.value.toFixed(digits);

const requestOverhead = (results: readonly Result[]): string[] => {
  const overhead = results.filter((r) => r.group.startsWith('1 '));
  const missed = overhead.filter((r) => r.pass === false).map((r) => r.name);
  const writes = overhead
    .filter((r) => r.name.includes(' write ') && r.target !== null)
    .map((r) => `${r.name.split(' ')[0]} ${r.ratio ?? '?'}`)
    .join(', ');
  const reads = overhead
    .filter((r) => r.name.includes(' read ') && r.target !== null)
    .map((r) => {
      const local = overhead.find(
        (x) => x.name === r.name.replace(/ median$/, ' as run locally (fetch, response validation) median'),
      );
      return `${r.name.split(' ').slice(0, 4).join(' ')} ${r.ratio ?? '?'} (${local?.ratio ?? '?'} as run locally)`;
    })
    .join('; ');
  return [
    `Missed here: ${missed.join('; ')}.`,
    '',
    `Reads in this run, gateway against raw, and in brackets the same GET as the local runtime and the tests send`,
    `and check it (fetch, response validation on), interleaved in the same loop: ${reads}. Writes: ${writes}.`,
    '',
    'What a read pays on top of its DynamoDB call, measured (directory and webhooks GETs, 300 each, the',
    'parts timed inside the gateway and with middy’s own timing hooks, on this shared box at a load of 9–13,',
    'so every figure is inflated several times; the proportions are what counts):',
    '- the HTTP round trip over loopback and the client: about 2 ms with `fetch`. The same GET sent with',
    '  node:http and a keep-alive agent, interleaved: 17.0 against 14.8 ms, and 12.0 against 10.5 ms in a',
    '  second run, so undici’s fetch alone costs the caller 1.4–2.2 ms per request in the runtime’s process',
    '  (0.55 against 0.39 ms against a trivial server). The gateway side is now sent with node:http: the client',
    '  library is the caller’s cost (a phone, a partner), not the platform’s; the "as run locally" rows keep',
    '  the fetch figure.',
    '- the gateway before the function (body, route match, cached token, event): 0.30–0.39 ms. Caching the',
    '  verified token until `exp` (last session) removed the RS256 verification, the largest single item.',
    '- the middy stack around the handler: 0.5–0.7 ms, of which the response check (`validateResponses`, a',
    '  zod parse of the answer) is the largest middleware: 0.15–0.28 ms on a worker or a service; Powertools’',
    '  injectLambdaContext 0.06 ms, every other middleware ≤ 0.04 ms.',
    '- the handler’s own code outside its DynamoDB call: about 0.3 ms; writing the answer: 0.1 ms.',
    '',
    'The named changes, each measured:',
    '- Response validation is off in AWS (infra sets no SPOLU_VALIDATE_RESPONSES); locally and in the',
    '  tests it is the contract check that fails a handler drifting from its OpenAPI shape, for GETs too (a',
    '  stored record gains a field, a projection forgets one). So it stays on there, for every route, and',
    '  the bench measures the gateway side as deployed (validation off); the "as run locally" rows show both',
    '  costs together. "Compile each route’s response schema once" is what zod 4 already does: the first',
    '  parse of an object schema builds its parser (123 µs for a webhook subscription), later parses take 4 µs.',
    '- Appending the request id to the logger instead of injecting the Lambda context per request: 7 against',
    '  9 µs per invocation in a loop of 18 000 (none: 0), 2 µs, not worth log lines without the function',
    '  name, version and cold-start flag: kept as it is.',
    '- A CPU profile of 1 500 GETs (node:inspector’s profiler, started after setup) shows no hot spot',
    '  of ours: a quarter of the samples are the SDK’s socket writes to DynamoDB Local (both sides), the rest',
    '  spread over node:http, undici, the SDK’s middleware stack and signing, zod and Powertools at 1–2 %',
    '  each. The gateway now answers with `content-length`, as API Gateway does, instead of chunked.',
    '',
    'What is left is a fixed ~1 ms of HTTP, event and middleware work against a GetItem that takes 2–4 ms',
    'on an idle DynamoDB Local: reads land near the target and swing across it with the load of the box.',
    'In AWS the JWT check and the HTTP parsing happen in API Gateway, outside the function, and a GetItem',
    'takes several milliseconds over the network, so the same fixed cost is a smaller share there.',
  ];
};

const coldStart = (results: readonly Result[]): string[] => {
  const share = (name: string) => find(results, '2 ', `module load share: ${name}`);
  const empty = find(results, '2 ', 'empty node process');
  const init = find(results, '2 ', 'handler init (first invocation), median over functions');
  const sdk = share('aws-sdk');
  const pt = share('powertools');
  const middy = share('middy');
  const zod = share('zod');
  const contracts = share('contracts');
  const pct = (r: Result | undefined) =>
    /(\d+)% of the median handler's module load \(([\d.]+) ms\)/.exec(r?.note ?? '');
  const whole = pct(sdk)?.[2] ?? '?';
  return [
    `Why: a handler's cold start here is the empty Node process (${val(empty)} ms) plus module load`,
    `(median ${whole} ms over the functions) plus the first invocation (median ${val(init, 1)} ms, mostly`,
    'the first DynamoDB round trip). The module load, measured part by part in fresh processes in this run:',
    `- AWS SDK v3 DynamoDB client + lib-dynamodb from node_modules: ${val(sdk)} ms (${pct(sdk)?.[1] ?? '?'}%)`,
    `- zod 4 classic on its own: ${val(zod)} ms (${pct(zod)?.[1] ?? '?'}%); the whole @spolu/contracts barrel`,
    `  (zod + every schema of all six services built at import): ${val(contracts)} ms (${pct(contracts)?.[1] ?? '?'}%)`,
    `- Powertools logger + metrics: ${val(pt)} ms (${pct(pt)?.[1] ?? '?'}%); @middy/core: ${val(middy)} ms`,
    'Each part alone also pays the module loader’s start-up, and the barrel holds every service’s',
    'schemas where a handler bundle keeps only its own, so the shares are upper bounds and add up to',
    'more than 100%; relative to each other they are clear: the SDK and the schemas are the bulk,',
    'Powertools and middy are small, and the handler code itself is smaller still. The bundles are within',
    'their 250 KB target since the `import * as z` fix, so size is no longer the problem: evaluation is.',
    'In Lambda the SDK comes from the runtime’s own copy (same cost class), and `--enable-source-maps`',
    '(set by infra) adds a little on top. A 2× target against an empty Node means a module load of',
    'about one empty Node start (~80–100 ms here), which none of the functions comes near.',
    '',
    'What would meet it, in order of effect:',
    '1. Bundle `@aws-sdk/client-dynamodb` + `lib-dynamodb` into each function (drop `@aws-sdk/*` from',
    '   `externalModules` in infra/lib/service-function.ts): one minified, tree-shaken file instead of',
    '   hundreds of node_modules files resolved and evaluated at start. Measure the "aws-sdk" row bundled',
    '   against external before switching.',
    '2. Per-service contract entry points (`@spolu/contracts/directory`, …) so a handler evaluates only its',
    '   own routes and events, and build the schemas lazily per route on first use (a route table of',
    '   thunks): the contracts row minus the zod row is what a handler pays for other services’ schemas.',
    '3. zod/mini for the Lambda-side schemas (same validation, functional API, much less to evaluate),',
    '   with the `.meta()` OpenAPI metadata kept in a module only the OpenAPI generator imports.',
    '4. Powertools: the logger alone (metrics only where a handler emits metrics).',
    'Provisioned concurrency or SnapStart-style snapshots hide the cost rather than remove it; consider',
    'them only for the HTTP handlers if 1–3 are not enough.',
  ];
};

const eventPath = (results: readonly Result[]): string[] => {
  const consumer = results.find((r) => r.group.startsWith('3 ') && / to consumer median$/.test(r.name));
  return [
    `Why (write to consumer, ${val(consumer, 1)} ms): the event does not travel with the write. The`,
    'outbox item is read back from the table stream by a poller (locally every 50 ms, so ~25 ms of',
    'waiting on average plus a GetRecords round trip), put on the bus, and delivered. One PutItem takes',
    'a few milliseconds, so 3× that is below even one poll interval. In AWS it is worse, not better: the',
    'stream event source mapping polls about 4 times a second, infra sets `maxBatchingWindow` to 1 s, and',
    'EventBridge adds its own delivery latency.',
    '',
    'What would meet it: after `TransactWriteItems` commits, the request itself publishes the events it',
    'just committed (PutEvents, best effort, off the response path) and marks them published; the stream',
    'publisher and the sweeper stay as the safety net (they skip items already marked, and consumers are',
    'idempotent by event id); locally a shorter poll interval narrows the gap but cannot close it.',
    '',
    'Write to signed webhook received (pushed through the sender’s queue, measured against the same',
    'writes’ way to a consumer): its own section below, "Webhooks pushed through a queue".',
  ];
};

/** The stats-scale figures a run's notes carry (stats-scale.ts writes them). */
const statsFigures = (r: Result | undefined) => {
  const note = r?.note ?? '';
  const num = (re: RegExp) => re.exec(note)?.[1] ?? '?';
  return {
    items: num(/read (\d+) items per round/),
    rcu: num(/consumed ([\d.]+) RCU per round/),
    perGet: num(/\(([\d.]+) per GET/),
    calls: num(/per GET, ([\d.]+) DynamoDB calls/),
    kb: num(/and ([\d.]+) KB of items/),
    tableItems: num(/the table holds (\d+) items/),
  };
};

const pct = (a: string, b: string) =>
  a === '?' || b === '?' ? '?' : `${Math.round((Number(b) / Number(a) - 1) * 100)} %`;

/** When the items read are larger at 100 000: what the units and bytes say, and what they do not. */
const grew = (
  small: Result | undefined,
  large: Result | undefined,
  s: ReturnType<typeof statsFigures>,
  l: ReturnType<typeof statsFigures>,
) =>
  `The calls (${s.calls} and ${l.calls} per round) and the items read (${s.items} and ${l.items}) are the same ` +
  `at both sizes, but the items are larger at 100 000: ${l.rcu} RCU against ${s.rcu} per round ` +
  `(+${pct(s.rcu, l.rcu)}) and ${l.kb} KB against ${s.kb} KB returned (+${pct(s.kb, l.kb)}). A packed cell ` +
  'item holds every indicator’s counters of its event type for each month, quarter and year and each ' +
  'histogram bucket seen; with a hundred times the contacts more of those counters exist, so each cell ' +
  'read carries more attributes. The number of items in the table is not the cause (the 100 000 table holds ' +
  `${l.tableItems} items, the 1 000 one ${s.tableItems}, including the loader check’s sample). The time grows ` +
  `${large?.ratio ?? '?'}× while the bytes grow +${pct(s.kb, l.kb)}: the rest is per-attribute work on many small ` +
  'number attributes (DynamoDB Local’s JSON handling and the SDK’s unmarshalling) and DynamoDB Local’s own ' +
  'speed under load, not more calls. In AWS the read bill of these tables grows by the RCU ratio ' +
  `(+${pct(s.rcu, l.rcu)}), and the latency by the transfer of the extra bytes, which is small.`;

export const statsScale = (results: readonly Result[]): string[] => {
  const small = find(results, '4 ', 'indicator queries at 1 000 contacts median');
  const large = find(results, '4 ', 'indicator queries at 100 000 contacts median');
  const s = statsFigures(small);
  const l = statsFigures(large);
  const same = s.rcu !== '?' && s.rcu === l.rcu && s.items === l.items && s.calls === l.calls;
  return [
    `Measured: ${val(small, 1)} ms at 1 000 contacts and ${val(large, 1)} ms at 100 000 (${large?.ratio ?? '?'}×) for the`,
    'same five GETs through the gateway, rounds alternating between the two tables. What the handler',
    'asks of DynamoDB, per round, from the responses (ReturnConsumedCapacity TOTAL on the runtime’s',
    'client, the same middleware as the capacity section):',
    '',
    '| | 1 000 contacts | 100 000 contacts |',
    '| --- | --- | --- |',
    `| DynamoDB calls | ${s.calls} | ${l.calls} |`,
    `| items read | ${s.items} | ${l.items} |`,
    `| read units consumed (RCU) | ${s.rcu} (${s.perGet} per GET) | ${l.rcu} (${l.perGet} per GET) |`,
    `| item bytes returned (JSON) | ${s.kb} KB | ${l.kb} KB |`,
    `| items in the table | ${s.tableItems} | ${l.tableItems} |`,
    '',
    same
      ? 'The calls, the items read and the capacity consumed are the same at both sizes: every indicator ' +
        'is read from precomputed cells, one Query per feeding event type and dimension set, and neither ' +
        'the number of calls nor the bytes read grow with the events recorded (the cells are bounded by ' +
        'the dimension values; the bytes differ only by the counters’ digits, within one 4 KB read unit). ' +
        'In AWS these reads therefore cost the same and, DynamoDB’s latency for a key-condition Query ' +
        'being independent of the table’s size, take the same time. The growth is DynamoDB Local’s own: ' +
        'it keeps a table in SQLite (here in memory) and does its own per-item and per-attribute work on ' +
        'every Query. Larger cell items are ruled out by the equal units.'
      : grew(small, large, s, l),
    '',
    same
      ? 'What would meet the ≤ 1.3× target locally: nothing in the service, since its calls are already ' +
        'flat; the measurement above is the documented answer to issue 24 item 4.'
      : 'What would meet it: give the cell Query a ProjectionExpression of the requested indicator and ' +
        'period’s attributes only (`#ind.y` and its histogram buckets), so the bytes and attributes read per ' +
        'cell stay constant whatever else the item accumulates; then measure again (this section shows ' +
        'the RCU and bytes per round, so the effect is visible at once).',
  ];
};

const byGroup: Record<string, (results: readonly Result[]) => string[]> = {
  '1 request overhead': requestOverhead,
  '2 lambda package & cold start': coldStart,
  '3 event path': eventPath,
  '4 stats scale': statsScale,
};

export const analysisFor = (results: readonly Result[]): string[] => {
  const missedGroups = [...new Set(results.filter((r) => r.pass === false).map((r) => r.group))];
  return missedGroups.flatMap((g) => [
    `### ${g}`,
    '',
    ...(byGroup[g]?.(results) ?? ['(no analysis written yet)']),
    '',
  ]);
};
