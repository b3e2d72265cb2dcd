// The local queue keeps SQS's semantics a queue consumer relies on: DelaySeconds, batches,
// partial batch failures received again after the visibility timeout, a thrown invocation failing
// its whole batch, and the dead-letter queue after maxReceiveCount — on the runtime's clock.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LocalQueue } from '../src/queue';
import type { QueueDeadLetter } from '../src/queue';

let offset = 0;
const now = () => new Date(Date.now() + offset);
const queues: LocalQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
  offset = 0;
});

const spec = { batchSize: 10, maxBatchingWindowSeconds: 0, visibilityTimeoutSeconds: 30, maxReceiveCount: 3 };

const queue = (invoke: (event: SQSEvent) => Promise<unknown>, deadLetters: QueueDeadLetter[] = []) => {
  const q = new LocalQueue({
    name: 'svc-consumer',
    spec,
    now,
    invoke,
    pollMs: 5,
    onDeadLetter: (d) => deadLetters.push(d),
  });
  queues.push(q);
  return q;
};

describe('local queue', () => {
  it('hands messages over at once, in batches, and holds a delayed one until its time on the runtime clock', async () => {
    const seen: string[][] = [];
    const q = queue(async (event) => void seen.push(event.Records.map((r) => r.body)));
    await q.send([{ body: 'a' }, { body: 'b' }, { body: 'later', delaySeconds: 600 }]);
    await q.idle();
    expect(seen).toEqual([['a', 'b']]);
    expect(q.depth).toBe(1);
    offset += 600_000;
    await q.idle();
    expect(seen).toEqual([['a', 'b'], ['later']]);
    expect(q.depth).toBe(0);
  });

  it('receives only the failed items again after the visibility timeout, then dead-letters them after maxReceiveCount', async () => {
    const received: { body: string; count: string }[] = [];
    const deadLetters: QueueDeadLetter[] = [];
    const q = queue(async (event): Promise<SQSBatchResponse> => {
      for (const r of event.Records)
        received.push({ body: r.body, count: r.attributes.ApproximateReceiveCount });
      return {
        batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({
          itemIdentifier: r.messageId,
        })),
      };
    }, deadLetters);
    await q.send([{ body: 'good' }, { body: 'bad' }]);
    await q.idle();
    expect(received).toEqual([
      { body: 'good', count: '1' },
      { body: 'bad', count: '1' },
    ]);
    // Invisible until the visibility timeout ends.
    offset += 29_000;
    await q.idle();
    expect(received).toHaveLength(2);
    for (const count of ['2', '3']) {
      offset += 31_000;
      await q.idle();
      expect(received.at(-1)).toEqual({ body: 'bad', count });
    }
    expect(q.depth).toBe(0);
    expect(deadLetters).toEqual([expect.objectContaining({ body: 'bad', receiveCount: 3 })]);
  });

  it('fails the whole batch when the invocation throws', async () => {
    let calls = 0;
    const q = queue(async (event) => {
      calls += 1;
      if (calls === 1) throw new Error('DynamoDB unavailable');
      return { batchItemFailures: [], records: event.Records.length };
    });
    await q.send([{ body: 'x' }, { body: 'y' }]);
    await q.idle();
    expect(q.depth).toBe(2);
    offset += 31_000;
    await q.idle();
    expect([calls, q.depth]).toEqual([2, 0]);
  });
});
