// The AWS redrive (`npm run redrive -- --aws`) without AWS: this machine has no account, so the
// on-failure queue and the function are in-memory fakes of the SQS and Lambda *calls* behind the
// OnFailureQueueOps interface (receive with visibility timeouts, delete, change visibility,
// invoke). No data store is faked: what is under test is the record handling — parsing with the
// FailedInvocationRecord schema, one delivery per record, delete only on success, what stays —
// which is the same loop the local runtime's redrive runs (test/e2e/redrive.test.ts, for real).
import { describe, expect, it } from '@jest/globals';
import type { FailedInvocationRecord } from '@spolu/platform';
import { failedInvocationRecord, parseFailedInvocation } from '@spolu/platform';
import type { InvokeResult, OnFailureQueueOps, QueueMessage } from '../src/redrive-aws';
import { parseQueueArn, redriveOnFailureQueue } from '../src/redrive-aws';

const fnArn = 'arn:aws:lambda:eu-central-1:111122223333:function:Spolu-CZ051-StatsEvents4F2A';
const queueArn = 'arn:aws:sqs:eu-central-1:111122223333:Spolu-CZ051-StatsFailedInvocations';
const queueUrl = 'https://sqs.eu-central-1.amazonaws.com/111122223333/Spolu-CZ051-StatsFailedInvocations';

const event = (id: string, type = 'ClientRegistered') => ({
  version: '0',
  id,
  'detail-type': type,
  source: 'spolu.intake',
  account: '111122223333',
  time: '2026-12-06T08:00:00Z',
  region: 'eu-central-1',
  resources: [],
  detail: { id: `env-${id}`, type, version: 1, tenantId: 't1', region: 'CZ051', data: {} },
});

/** A record as Lambda writes it to the on-failure queue (the shape from the Lambda docs). */
const awsRecord = (eventId: string, functionArn = `${fnArn}:$LATEST`): FailedInvocationRecord => ({
  version: '1.0',
  timestamp: '2026-12-06T08:03:12.512Z',
  requestContext: {
    requestId: `req-${eventId}`,
    functionArn,
    condition: 'RetriesExhausted',
    approximateInvokeCount: 3,
  },
  requestPayload: event(eventId),
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  responsePayload: {
    errorType: 'TransactionCanceledException',
    errorMessage: 'Transaction cancelled',
    trace: [
      'TransactionCanceledException: Transaction cancelled',
      '    at handler (/var/task/index.mjs:1:1)',
    ],
  },
});

/** SQS's visibility model, in memory: a received message is hidden until deleted, released
 * (visibility 0) or `expire()` (its timeout ran out); each receive hands out a new receipt handle. */
class FakeQueue {
  private seq = 0;
  readonly messages: { id: string; body: string; handle?: string; hidden: boolean }[] = [];
  receives = 0;

  send(body: string) {
    this.messages.push({ id: `m${++this.seq}`, body, hidden: false });
  }

  receive(max: number, visibility: number): QueueMessage[] {
    this.receives += 1;
    if (max < 1 || max > 10) throw new Error(`MaxNumberOfMessages ${max}`);
    return this.messages
      .filter((m) => !m.hidden)
      .slice(0, max)
      .map((m) => {
        m.handle = `rh-${m.id}-${++this.seq}`;
        m.hidden = visibility > 0;
        return { MessageId: m.id, ReceiptHandle: m.handle, Body: m.body };
      });
  }

  private byHandle(handle: string) {
    const m = this.messages.find((x) => x.handle === handle);
    if (!m) throw new Error(`ReceiptHandleIsInvalid ${handle}`);
    return m;
  }

  delete(handle: string) {
    this.messages.splice(this.messages.indexOf(this.byHandle(handle)), 1);
  }

  release(handle: string, seconds: number) {
    this.byHandle(handle).hidden = seconds > 0;
  }

  expire() {
    for (const m of this.messages) m.hidden = false;
  }

  get visible() {
    return this.messages.filter((m) => !m.hidden).length;
  }
}

const idOf = (payload: unknown) =>
  payload && typeof payload === 'object' && 'id' in payload ? String(payload.id) : '';

/** The consumer: applies each event once (its inbox marker), fails for the ids in `failing`. */
class FakeConsumer {
  readonly applied = new Map<string, number>();
  readonly invocations: { functionName: string; payload: unknown }[] = [];
  readonly failing = new Set<string>();

  invoke(functionName: string, payload: string): InvokeResult {
    const parsed: unknown = JSON.parse(payload);
    this.invocations.push({ functionName, payload: parsed });
    const id = idOf(parsed);
    if (this.failing.has(id))
      return {
        StatusCode: 200,
        FunctionError: 'Unhandled',
        Payload: JSON.stringify({ errorType: 'Error', errorMessage: `still broken for ${id}`, trace: [] }),
      };
    if (!this.applied.has(id)) this.applied.set(id, 1);
    return { StatusCode: 200, Payload: JSON.stringify({ applied: true }) };
  }
}

/** `destination: null`: the function has no on-failure destination. */
const world = (destination: string | null = queueArn) => {
  const queue = new FakeQueue();
  const consumer = new FakeConsumer();
  const lookups: string[] = [];
  const ops: OnFailureQueueOps = {
    onFailureDestination: async (name) => {
      lookups.push(name);
      return destination ?? undefined;
    },
    queueUrl: async (arn) => {
      const { region, account, name } = parseQueueArn(arn);
      return `https://sqs.${region}.amazonaws.com/${account}/${name}`;
    },
    receive: async (url, max, visibility) => {
      expect(url).toBe(queueUrl);
      return queue.receive(max, visibility);
    },
    deleteMessage: async (_url, handle) => queue.delete(handle),
    changeVisibility: async (_url, handle, seconds) => queue.release(handle, seconds),
    invoke: async (name, payload) => consumer.invoke(name, payload),
  };
  return { queue, consumer, ops, lookups };
};

describe('the invocation record schema', () => {
  it('reads the record Lambda writes (JSON text, unknown extra fields kept) and the one the local bus writes', () => {
    const text = JSON.stringify({ ...awsRecord('e1'), extraField: 'kept' });
    const parsed = parseFailedInvocation(text);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.record.requestPayload).toEqual(event('e1'));
    expect(parsed.record.requestContext.approximateInvokeCount).toBe(3);
    expect(parsed.record).toHaveProperty('extraField', 'kept');

    const local = failedInvocationRecord({
      functionArn: 'arn:aws:lambda:local:000000000000:function:stats-events',
      requestId: 'r1',
      payload: event('e2'),
      error: new Error('boom'),
      attempts: 3,
      at: new Date('2026-12-06T08:00:00Z'),
    });
    expect(local).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      responseContext: { functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'boom' },
    });
    expect(parseFailedInvocation(JSON.parse(JSON.stringify(local))).success).toBe(true);
  });

  it('refuses what is not an invocation record: not JSON, a bare event (a rule DLQ message), no payload', () => {
    expect(parseFailedInvocation('{oops')).toEqual({ success: false, error: 'body is not JSON' });
    expect(parseFailedInvocation(JSON.stringify(event('e1'))).success).toBe(false);
    const { requestPayload: _dropped, ...noPayload } = awsRecord('e1');
    const missing = parseFailedInvocation(noPayload);
    expect(missing.success).toBe(false);
    if (!missing.success) expect(missing.error).toContain('requestPayload');
  });
});

describe('redrive from the on-failure queue', () => {
  it('finds the queue from the function, redelivers each payload once, deletes only what succeeded', async () => {
    const { queue, consumer, ops, lookups } = world();
    for (const id of ['e1', 'e2', 'e3', 'e4']) queue.send(JSON.stringify(awsRecord(id)));
    queue.send('not a record');
    queue.send(JSON.stringify(awsRecord('x1', 'arn:aws:lambda:eu-central-1:111122223333:function:Other')));
    consumer.failing.add('e3');

    const report = await redriveOnFailureQueue(ops, { functionName: fnArn });

    expect(lookups).toEqual([fnArn]);
    expect(report).toMatchObject({
      queueUrl,
      functionName: 'Spolu-CZ051-StatsEvents4F2A',
      seen: 6,
      redriven: 3,
      stillFailing: 1,
      unreadable: 1,
      otherFunction: 1,
      listed: 0,
    });
    // Exactly the stored event, to the named function, once per record.
    expect(consumer.invocations.map((i) => i.functionName)).toEqual(Array(4).fill(fnArn));
    expect(consumer.invocations.map((i) => i.payload)).toEqual(
      ['e1', 'e2', 'e3', 'e4'].map((id) => event(id)),
    );
    expect(report.items.find((i) => i.eventId === 'e3')).toMatchObject({
      outcome: 'still-failing',
      eventType: 'ClientRegistered',
      attempts: 3,
      error: 'TransactionCanceledException: Transaction cancelled',
      redriveError: 'Error: still broken for e3',
    });
    // What stays is visible again at once: the failing record, the unreadable one, the other function's.
    expect(queue.messages.map((m) => m.body)).toEqual([
      JSON.stringify(awsRecord('e3')),
      'not a record',
      JSON.stringify(awsRecord('x1', 'arn:aws:lambda:eu-central-1:111122223333:function:Other')),
    ]);
    expect(queue.visible).toBe(3);

    // Fixed: the next run redrives the rest; a third finds nothing new to deliver.
    consumer.failing.clear();
    const second = await redriveOnFailureQueue(ops, { functionName: fnArn });
    expect(second).toMatchObject({ redriven: 1, stillFailing: 0, unreadable: 1, otherFunction: 1 });
    expect([...consumer.applied.keys()].sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    const third = await redriveOnFailureQueue(ops, { functionName: fnArn });
    expect(third).toMatchObject({ redriven: 0, stillFailing: 0 });
    expect(consumer.invocations).toHaveLength(5);
  });

  it('a dry run lists every record and sends nothing; --max bounds a run', async () => {
    const { queue, consumer, ops } = world();
    for (let i = 0; i < 23; i++) queue.send(JSON.stringify(awsRecord(`e${i}`)));

    const dry = await redriveOnFailureQueue(ops, { functionName: fnArn, dryRun: true });
    expect(dry).toMatchObject({ seen: 23, listed: 23, redriven: 0 });
    expect(dry.items.every((i) => i.outcome === 'listed')).toBe(true);
    expect(consumer.invocations).toHaveLength(0);
    expect(queue.messages).toHaveLength(23);
    expect(queue.visible).toBe(23);
    expect(queue.receives).toBe(4); // 10 + 10 + 3, then an empty receive ends the run

    const some = await redriveOnFailureQueue(ops, { functionName: fnArn, max: 12 });
    expect(some).toMatchObject({ seen: 12, redriven: 12 });
    expect(queue.messages).toHaveLength(11);
    expect(queue.visible).toBe(11);
  });

  it('a message whose visibility ran out mid-run is not delivered twice in the run', async () => {
    const { queue, consumer, ops } = world();
    for (let i = 0; i < 5; i++) queue.send(JSON.stringify(awsRecord(`e${i}`)));
    consumer.failing.add('e0');
    const slow: OnFailureQueueOps = {
      ...ops,
      // The first receive's messages become visible again before the second receive.
      receive: async (url, max, visibility) => {
        const batch = await ops.receive(url, Math.min(max, 2), visibility);
        queue.expire();
        return batch;
      },
    };
    const report = await redriveOnFailureQueue(slow, { functionName: fnArn });
    expect(report).toMatchObject({ seen: 5, redriven: 4, stillFailing: 1 });
    expect(consumer.invocations.map((i) => idOf(i.payload)).sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(queue.messages.map((m) => m.id)).toHaveLength(1);
  });

  it('says so when the function keeps no failed invocations, or its destination is not a queue', async () => {
    await expect(redriveOnFailureQueue(world(null).ops, { functionName: 'StatsEvents' })).rejects.toThrow(
      'has no on-failure destination',
    );
    await expect(
      redriveOnFailureQueue(world('arn:aws:sns:eu-central-1:111122223333:topic').ops, {
        functionName: 'StatsEvents',
      }),
    ).rejects.toThrow('is not an SQS queue');
  });
});
