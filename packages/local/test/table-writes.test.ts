// The write hints that tell the runtime's stream pollers which streams to read: every kind of
// write names its tables, reads name none (a read-only call must not wake a poller).
import { describe, expect, it } from '@jest/globals';
import { tablesWritten } from '../src/table-writes';

describe('tablesWritten', () => {
  it('names the table of a single-item write', () => {
    expect(tablesWritten('PutItemCommand', { TableName: 't-intake', Item: {} })).toEqual(['t-intake']);
    expect(tablesWritten('UpdateItemCommand', { TableName: 't-plans', Key: {} })).toEqual(['t-plans']);
    expect(tablesWritten('DeleteItemCommand', { TableName: 't-plans', Key: {} })).toEqual(['t-plans']);
  });

  it('names every table of a transaction and of a batch write, once each', () => {
    expect(
      tablesWritten('TransactWriteItemsCommand', {
        TransactItems: [
          { Put: { TableName: 't-intake', Item: {} } },
          { Update: { TableName: 't-intake', Key: {} } },
          { ConditionCheck: { TableName: 't-stats', Key: {} } },
        ],
      }),
    ).toEqual(['t-intake', 't-stats']);
    expect(tablesWritten('BatchWriteItemCommand', { RequestItems: { 't-a': [], 't-b': [] } })).toEqual([
      't-a',
      't-b',
    ]);
  });

  it('names nothing for reads', () => {
    for (const name of [
      'GetItemCommand',
      'BatchGetItemCommand',
      'TransactGetItemsCommand',
      'QueryCommand',
      'ScanCommand',
      'DescribeTableCommand',
    ])
      expect(tablesWritten(name, { TableName: 't-intake' })).toEqual([]);
  });
});
