// The webhook measurement's own section of docs/BENCHMARKS.md (issue 24 item 3), between markers,
// so that `npm run bench -- webhooks` refreshes it without rewriting the rest; the full
// `npm run bench` writes it after the report (the main table leaves these rows out).
import type { Result } from './results';
import type { SectionRun } from './section';
import { resultsTable, sectionHeading, writeSection } from './section';

/** The rows this section shows (and the main table does not). */
export const isWebhookRow = (r: Result) =>
  r.group.startsWith('3 ') && (/webhook/.test(r.name) || r.name.startsWith('same writes to '));

export const writeWebhookSection = (file: string, run: SectionRun, results: readonly Result[]) => {
  const rows = results.filter(isWebhookRow);
  const hook = rows.find((r) => r.name === 'write to webhook received median');
  const consumer = rows.find((r) => r.name.startsWith('same writes to '));
  const hop = rows.find((r) => r.name === 'consumer to webhook received median');
  const verdict =
    hook?.pass === true ? 'meets' : hook?.pass === false ? 'misses' : 'was not measured against';
  writeSection(
    file,
    'webhooks',
    [
      ...sectionHeading('Webhooks pushed through a queue (issue 24 item 3)', run),
      ...resultsTable(rows),
      '',
      `Write to signed webhook received: ${hook?.value ?? '?'} ms median, ${hook?.ratio ?? '?'}× the ` +
        `same writes' way to a consumer on the bus (${consumer?.value ?? '?'} ms); this ${verdict} the ` +
        `≤ 3× target. What the webhook adds after the bus (${hop?.value ?? '?'} ms median): the fanout ` +
        "consumer's subscriptions query and transaction (delivery + inbox marker), the message on the " +
        "sender's queue (sent only after that commit, carrying the delivery), the sender claiming the " +
        'delivery (a conditional write on its version) while it reads the subscription, and the signed ' +
        'POST over loopback (the attempt is recorded after it). That is three DynamoDB round trips in series after ' +
        "the consumer's, each of which a loaded machine stretches (see Load above). Nothing waits for a " +
        'schedule: before this design the sender ran on `rate(1 minute)` in AWS, so a partner waited ' +
        '0–60 s (30 s on average) on top of this path.',
      '',
      'What would shorten it further: the fanout consumer making the first attempt itself right after ' +
        'its commit (claim, sign, POST, record: the sender’s code), with the queue carrying only retries. ' +
        'That removes the queue hop and the subscription read, but ties the fanout consumer’s duration, and its ' +
        'retries on the bus, to partners’ endpoints (a 15 s timeout per subscription of one event), so ' +
        'the queue stays the first hop (docs/DECISIONS.md "Webhooks pushed through a queue").',
      '',
      'In AWS the same hops are: the stream event source mapping (`maxBatchingWindow` 1 s) and EventBridge ' +
        'to the fanout consumer, as for any consumer, then SendMessageBatch and the SQS event source mapping ' +
        '(long polling, `maxBatchingWindowSeconds` 0 in the manifest, so a batch is invoked as soon as a ' +
        'message is received), then the POST. Retries go back on the queue with the Standard Webhooks delay ' +
        '(SQS allows up to 15 minutes); later ones wait in the due index for the 5-minute sweep ' +
        '(docs/WEBHOOKS.md §9).',
    ],
    ['synth'],
  );
};
