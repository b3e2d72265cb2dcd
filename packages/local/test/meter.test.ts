// The runtime's opt-in meter (the capacity bench): DynamoDB capacity units per call as AWS bills
// them, on real DynamoDB Local, and handler invocations with the function they ran in.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '@spolu/platform';
import type { DynamoCall } from '../src/meter';
import { meterDynamo, metered } from '../src/meter';
import { testEndpoint } from '../test-support/harness';

let endpoint: string;
let plain: DynamoDBClient;
const TableName = `meter${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  endpoint = await testEndpoint();
  plain = new DynamoDBClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await plain.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
});
afterAll(() => plain.destroy());

describe('meterDynamo', () => {
  it('reports the units of each call, and computes a transaction’s from its items as AWS bills them', async () => {
    const ddb = documentClient(endpoint);
    const calls: DynamoCall[] = [];
    meterDynamo(ddb, (c) => calls.push(c), plain);
    const record = metered({}, 'intake-contacts', 'http', async () => {
      await ddb.send(new PutCommand({ TableName, Item: { pk: 'a', sk: '1', text: 'x'.repeat(2500) } }));
      await ddb.send(new GetCommand({ TableName, Key: { pk: 'a', sk: '1' }, ConsistentRead: true }));
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { pk: 'b', sk: '1', text: 'y'.repeat(1500) } } },
            {
              Update: {
                TableName,
                Key: { pk: 'a', sk: '1' },
                UpdateExpression: 'ADD n :one',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ],
        }),
      );
    });
    await record();
    ddb.destroy();
    expect(calls.map((c) => [c.command, c.kind, c.units, Boolean(c.computed), c.functionName])).toEqual([
      ['PutItemCommand', 'write', 3, false, undefined],
      ['GetItemCommand', 'read', 1, false, undefined],
      // 2 × (2 KB put + 3 KB item after the update); DynamoDB Local itself reports only the put.
      ['TransactWriteItemsCommand', 'write', 10, true, undefined],
    ]);
  });

  it('attributes calls to the metered invocation they run in, and reports the invocation', async () => {
    const ddb = documentClient(endpoint);
    const calls: DynamoCall[] = [];
    const invocations: string[] = [];
    meterDynamo(ddb, (c) => calls.push(c));
    const fn = metered(
      { invocation: (name, trigger) => invocations.push(`${name}:${trigger}`) },
      'stats-events',
      'event',
      async () => ddb.send(new GetCommand({ TableName, Key: { pk: 'a', sk: '1' } })),
    );
    await fn();
    ddb.destroy();
    expect(calls.map((c) => [c.functionName, c.units])).toEqual([['stats-events', 0.5]]);
    expect(invocations).toEqual(['stats-events:event']);
  });
});
