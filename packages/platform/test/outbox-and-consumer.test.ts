// The outbox publisher and the idempotent consumer against real DynamoDB Local.
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { directoryEvents, newId } from '@spolu/contracts';
import type { AnyEnvelope } from '@spolu/contracts';
import type { DynamoDBRecord } from 'aws-lambda';
import { StreamPoller } from '../../local/src/stream-poller';
import { ensureTable } from '../../local/src/tables';
import { testEndpoint } from '../../local/test-support/harness';
import { applyOnce } from '../src/consumer';
import { UnitOfWork } from '../src/dynamo/tx';
import type { RuntimeEnv } from '../src/env';
import { documentClient } from '../src/env';
import { createLogger } from '../src/logger';
import { defineService } from '../src/manifest';
import { createOutboxPublisher, createOutboxSweeper, outboxKey } from '../src/outbox';
import { keepNewest } from '../src/read-models';

const local = { region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
let env: RuntimeEnv;
let streamArn: string;
let control: DynamoDBClient;
let streams: DynamoDBStreamsClient;
const log = createLogger('test');

const workerAdded = (tx: UnitOfWork, tenantId: string) =>
  tx.emit(directoryEvents.WorkerAdded, {
    tenantId,
    subject: { type: 'worker', id: newId(), revision: 1 },
    data: { worker: { id: newId(), providerId: newId(), roles: ['worker'], serviceIds: [], active: true } },
  });

beforeAll(async () => {
  const endpoint = await testEndpoint();
  control = new DynamoDBClient({ endpoint, ...local });
  streams = new DynamoDBStreamsClient({ endpoint, ...local });
  const manifest = defineService({
    name: 'webhooks',
    description: 'test',
    dir: '.',
    table: {},
    handlers: {},
  });
  const table = await ensureTable(control, `p${randomBytes(4).toString('hex')}`, manifest);
  streamArn = table.streamArn;
  env = {
    service: 'directory',
    region: 'CZ051',
    tableName: table.tableName,
    ddb: documentClient(endpoint),
    now: () => new Date(),
    validateResponses: true,
    subjectKeySecret: 'test',
    settings: {},
  };
});

afterAll(() => {
  control.destroy();
  streams.destroy();
  env.ddb.destroy();
});

const pending = async () =>
  (
    await env.ddb.send(
      new QueryCommand({
        TableName: env.tableName,
        IndexName: 'outbox',
        KeyConditionExpression: 'outboxPending = :p',
        ExpressionAttributeValues: { ':p': 'PENDING' },
      }),
    )
  ).Items ?? [];

describe('transactional outbox', () => {
  it('writes nothing at all when any item of the unit fails its condition', async () => {
    const tenant = newId();
    const tx = new UnitOfWork(env);
    tx.create({ pk: `${tenant}#X`, sk: 'A', entity: 'thing' });
    workerAdded(tx, tenant);
    await tx.commit();
    const again = new UnitOfWork(env);
    const event = workerAdded(again, tenant);
    again.create({ pk: `${tenant}#X`, sk: 'A', entity: 'thing' }); // exists: the whole unit must fail
    await expect(again.commit()).rejects.toThrow('already exists');
    const outbox = await env.ddb.send(new GetCommand({ TableName: env.tableName, Key: outboxKey(event) }));
    expect(outbox.Item).toBeUndefined();
  });

  it('publishes stream records in batches of 10, reports failures and marks only what was put', async () => {
    const tenant = newId();
    const tx = new UnitOfWork(env);
    const events: AnyEnvelope[] = [];
    for (let i = 0; i < 23; i++) events.push(workerAdded(tx, tenant));
    await tx.commit();

    const calls: PutEventsRequestEntry[][] = [];
    let callNo = 0;
    // The second PutEvents call fails entry 3 (as EventBridge reports a partial failure).
    const putEvents = async (entries: PutEventsRequestEntry[]): Promise<PutEventsResultEntry[]> => {
      calls.push(entries);
      callNo += 1;
      return entries.map((_e, i) =>
        callNo === 2 && i === 3
          ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }
          : { EventId: newId() },
      );
    };
    const publish = createOutboxPublisher({
      putEvents,
      eventBusName: 'bus',
      ddb: env.ddb,
      tableName: env.tableName,
      log,
    });
    const seen: DynamoDBRecord[] = [];
    const poller = new StreamPoller({
      client: streams,
      streamArn,
      startFrom: 'trim-horizon',
      handle: async (event) => {
        seen.push(...event.Records);
        return publish(event);
      },
    });
    await poller.poll();

    const ours = calls.flat().filter((e) => JSON.parse(e.Detail!).tenantId === tenant);
    expect(calls.every((c) => c.length <= 10)).toBe(true);
    expect(ours).toHaveLength(23);
    // The failed record stays pending for a retry; the poller keeps it and everything after it.
    expect(poller.hasPending).toBe(true);
    await poller.poll();
    expect(poller.hasPending).toBe(false);
    const remaining = (await pending()).filter((i) => String(i.pk).startsWith(tenant));
    expect(remaining).toHaveLength(0);
    const delivered = new Set(calls.flat().map((e) => JSON.parse(e.Detail!).id));
    for (const e of events) expect(delivered.has(e.id)).toBe(true);
  });

  it('the sweeper republishes items the stream path never confirmed', async () => {
    const tenant = newId();
    const tx = new UnitOfWork(env);
    const event = workerAdded(tx, tenant);
    await tx.commit();
    const put: string[] = [];
    const sweep = createOutboxSweeper({
      putEvents: async (entries) => {
        put.push(...entries.map((e) => JSON.parse(e.Detail!).id));
        return entries.map(() => ({ EventId: newId() }));
      },
      eventBusName: 'bus',
      ddb: env.ddb,
      tableName: env.tableName,
      now: () => new Date(Date.now() + 60 * 60_000),
    });
    await sweep();
    expect(put).toContain(event.id);
    expect((await pending()).filter((i) => String(i.pk).startsWith(tenant))).toHaveLength(0);
  });
});

describe('idempotent consumer', () => {
  it('applies an event once however often it is delivered, and retries after a crash', async () => {
    const tenant = newId();
    const envelope: AnyEnvelope = {
      id: newId(),
      type: 'WorkerAdded',
      version: 1,
      occurredAt: new Date().toISOString(),
      tenantId: tenant,
      region: 'CZ051',
      subject: { type: 'worker', id: newId(), revision: 1 },
      data: {},
    };
    let attempts = 0;
    const handle = async (_e: AnyEnvelope, ctx: { tx: UnitOfWork }) => {
      attempts += 1;
      if (attempts === 1) throw new Error('crash before writing');
      ctx.tx.update({ pk: `${tenant}#COUNTER`, sk: 'C' }, 'ADD applied :one', { values: { ':one': 1 } });
    };
    await expect(applyOnce(env, envelope, handle, log)).rejects.toThrow('crash');
    const results = await Promise.all(
      [1, 2, 3].map(() => applyOnce(env, envelope, handle, log).catch((e) => e)),
    );
    expect(results.filter((r) => r.applied === true)).toHaveLength(1);
    await applyOnce(env, envelope, handle, log);
    const counter = await env.ddb.send(
      new GetCommand({ TableName: env.tableName, Key: { pk: `${tenant}#COUNTER`, sk: 'C' } }),
    );
    expect(counter.Item?.applied).toBe(1);
  });
});

describe('a read model row from events that arrive out of order', () => {
  it('keeps the newest revision: an older event is skipped, a newer one replaces the row', async () => {
    const recordId = newId();
    const key = { pk: `VIEW#${recordId}`, sk: 'VIEW' };
    const row = async () =>
      (await env.ddb.send(new GetCommand({ TableName: env.tableName, Key: key }))).Item as
        { revision: number; name: string } | undefined;
    const deliver = (revision: number, name: string) => {
      const envelope: AnyEnvelope = {
        id: newId(),
        type: 'ServiceUpdated',
        version: 1,
        occurredAt: new Date().toISOString(),
        tenantId: newId(),
        region: 'CZ051',
        subject: { type: 'service', id: recordId, revision },
        data: {},
      };
      return applyOnce(
        env,
        envelope,
        async (e, ctx) => {
          keepNewest(ctx, await row(), e.subject.revision, (tx) => tx.put({ ...key, revision, name }), {
            recordId,
          });
        },
        log,
      );
    };
    await deliver(3, 'third');
    await deliver(2, 'second, late');
    expect(await row()).toMatchObject({ revision: 3, name: 'third' });
    await deliver(3, 'third again');
    expect(await row()).toMatchObject({ revision: 3, name: 'third' });
    await deliver(4, 'fourth');
    expect(await row()).toMatchObject({ revision: 4, name: 'fourth' });
  });
});
