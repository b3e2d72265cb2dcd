// Small helpers every service store uses. Entity items keep the API-shaped record under `data`
// and the keys, entity name and version beside it.
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RuntimeEnv } from '../env';
import { decodeCursor, encodeCursor } from './cursor';

type Item = Record<string, NativeAttributeValue>;

export interface Key {
  pk: string;
  sk: string;
}

export interface Versioned {
  version: number;
}

export const entityItem = <T extends Versioned>(
  key: Key & Record<string, string | undefined>,
  entity: string,
  data: T,
) => ({
  ...key,
  entity,
  version: data.version,
  data,
});

export const getData = async <T>(env: RuntimeEnv, key: Key): Promise<T | undefined> => {
  const out = await env.ddb.send(
    new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }),
  );
  return out.Item?.data as T | undefined;
};

export interface PageRequest {
  /** GSI name; omit for the table's primary key. */
  index?: string;
  partition: string;
  /** Only sort keys beginning with this. */
  skPrefix?: string;
  /** Only sort keys between these two, inclusive (a time window); not with skPrefix. */
  skBetween?: readonly [string, string];
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
}

const keyAttributes = (index?: string) =>
  index ? { pk: `${index}pk`, sk: `${index}sk` } : { pk: 'pk', sk: 'sk' };

const keyCondition = (
  req: PageRequest,
  names: { pk: string; sk: string },
): {
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Item;
} => {
  if (req.skBetween)
    return {
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': names.pk, '#sk': names.sk },
      ExpressionAttributeValues: { ':pk': req.partition, ':from': req.skBetween[0], ':to': req.skBetween[1] },
    };
  if (req.skPrefix)
    return {
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeNames: { '#pk': names.pk, '#sk': names.sk },
      ExpressionAttributeValues: { ':pk': req.partition, ':sk': req.skPrefix },
    };
  return {
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': names.pk },
    ExpressionAttributeValues: { ':pk': req.partition },
  };
};

/** One page of a partition, with an opaque cursor that is checked to belong to this partition. */
export const queryPage = async <T>(
  env: RuntimeEnv,
  req: PageRequest,
  filter?: (data: T) => boolean,
): Promise<{ items: T[]; nextCursor?: string }> => {
  const names = keyAttributes(req.index);
  let startKey: Item | undefined = decodeCursor(req.cursor, {
    partitionAttribute: names.pk,
    partitionValue: req.partition,
    sortPrefix: req.skPrefix,
    sortBetween: req.skBetween,
  });
  const items: T[] = [];
  let lastKey: Item | undefined;
  // With a filter, keep reading until the page is full, and resume exactly after the last item
  // returned (not after the last item read) so nothing is skipped.
  for (;;) {
    const out = await env.ddb.send(
      new QueryCommand({
        TableName: env.tableName,
        IndexName: req.index,
        ...keyCondition(req, names),
        ExclusiveStartKey: startKey,
        Limit: filter ? Math.max(req.limit * 2, 50) : req.limit + 1,
        ScanIndexForward: !req.newestFirst,
      }),
    );
    const rows = out.Items ?? [];
    for (const row of rows) {
      const data = row.data as T;
      if (filter && !filter(data)) continue;
      if (items.length === req.limit) {
        return { items, nextCursor: encodeCursor(lastKey) };
      }
      items.push(data);
      lastKey = pickKey(row, names, req.index);
    }
    if (!out.LastEvaluatedKey) return { items };
    startKey = out.LastEvaluatedKey;
  }
};

const pickKey = (row: Item, names: { pk: string; sk: string }, index?: string): Item => {
  const key: Item = { pk: row.pk, sk: row.sk };
  if (index) {
    key[names.pk] = row[names.pk];
    key[names.sk] = row[names.sk];
  }
  return key;
};
