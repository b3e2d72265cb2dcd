// The capacity section of docs/BENCHMARKS.md (issue 24 item 6), between markers, so that
// `npm run bench -- capacity` refreshes it without rewriting the rest; the full `npm run bench`
// writes it after the report. docs/COSTS.md takes its units from bench/capacity-results.json.
import type { ActionMeasurement } from '../capacity';
import type { SectionRun } from './section';
import { sectionHeading, writeSection } from './section';

export const writeCapacitySection = (
  file: string,
  run: SectionRun,
  actions: readonly ActionMeasurement[],
) => {
  const rows = actions.map((a) => {
    const inv = a.perRun.invocations;
    const lambdas = inv.http + inv.event + inv.queue + inv.schedule + inv.stream;
    const http = Object.entries(a.durationsMs)
      .filter(([f]) => !f.startsWith('platform-'))
      .map(([f, ms]) => `${f} ${ms}`)
      .join(', ');
    return `| ${a.action} | ${a.wcu.mean} | ${a.rcu.mean} | ${a.perRun.writeCalls} / ${a.perRun.readCalls} (${a.perRun.computedCalls}) | ${lambdas} (${inv.http} HTTP, ${inv.event} bus, ${inv.queue} queue, ${inv.stream} stream) | ${a.perRun.streamRecords} (${a.perRun.outboxRecords}) | ${a.perRun.busEvents} | ${a.perRun.bytesStored} B / ${a.perRun.itemsStored} | ${http} |`;
  });
  const byFunction = actions.map(
    (a) =>
      `- **${a.action}** (${a.via}; ${a.runs} runs, WCU ${a.wcu.min === a.wcu.max ? 'the same in each' : `${a.wcu.min}–${a.wcu.max}`}, RCU ${a.rcu.min === a.rcu.max ? 'the same in each' : `${a.rcu.min}–${a.rcu.max}`}): ` +
      Object.entries(a.byFunction)
        .map(([f, u]) => `${f} ${u.wcu} W / ${u.rcu} R`)
        .join('; '),
  );
  const lines = [
    ...sectionHeading(
      'Capacity units per business action (issue 24 item 6)',
      run,
      '; machine-readable: bench/capacity-results.json; the cost model built on it: [docs/COSTS.md](COSTS.md)',
    ),
    'Each action is done through the API over HTTP as a worker does it; the counters are reset after `rt.settle()` and read after the next one, so they hold the API call and everything it triggered (outbox publisher on the table stream, every consumer on the bus, queue consumers). The runtime adds ReturnConsumedCapacity TOTAL to every data call of its DynamoDB client when started with its meter (packages/local/src/meter.ts; tests and `npm start` do not).',
    '',
    `Where the units come from: GetItem, Query, BatchGetItem, PutItem, UpdateItem, DeleteItem and BatchWriteItem report ConsumedCapacity from DynamoDB Local computed the AWS way (checked against hand-made items: PutItem of 3 KB = 3, GetItem 1 strongly / 0.5 eventually consistent, Query 0.5 per 4 KB read, BatchWriteItem per item). **TransactWriteItems does not**: DynamoDB Local counts only its Put items (a Put and three Updates reported 2 units, AWS bills 8), so for every transaction the meter computes the units as AWS bills them, 2 WCU per 1 KB (rounded up, at least 1 KB) of each Put and Update (the item as stored after the call, read back on an unmetered client) and Delete (the item before it), and 2 RCU per 4 KB of each ConditionCheck’s item. That is the "tx computed" count below; everything else is as reported. A write that fails its condition reports nothing locally but is billed in AWS (failed calls in this run, all actions: ${actions.reduce((n, x) => n + x.perRun.failedCalls, 0)} per run of each; calls that came back without ConsumedCapacity: ${actions.reduce((n, x) => n + x.perRun.callsWithoutCapacity, 0)}). Stream reads are not DynamoDB request units (a Lambda event source mapping’s GetRecords is free); the stream count is every record the tables wrote, the outbox count the ones the publisher’s filter lets through. Stored bytes: every table scanned before and after, attribute names + values + 100 bytes per item, as DynamoDB bills storage (base table only; the GSIs’ projected copies come on top).`,
    '',
    '| action | WCU | RCU | write / read calls (tx computed) | Lambda invocations | stream records (outbox) | bus events | stored (bytes / items) | handler median ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Units by function (mean per action; `platform-outbox-publisher-<service>` is the stream publisher, `(outside a handler)` none here unless listed):',
    '',
    ...byFunction,
  ];
  writeSection(file, 'capacity', lines, ['webhooks', 'synth']);
};
