// Opaque pagination cursors. A cursor is the LastEvaluatedKey, base64url-encoded; when it comes
// back it is decoded and shape-checked against the query it is meant for: exactly that query's
// key attributes (the table's, plus the index's), all strings, the same partition, and a sort key
// inside the query's range. A forged or foreign cursor is a 400 (recorded in the security log as a
// refused cursor), never a query DynamoDB rejects (which would be a 500) and never another tenant's
// partition.
import * as z from 'zod';
import { HttpProblem } from '../errors';

/** The 400 for a cursor that does not belong to the list it was sent to. */
export class CursorRefused extends HttpProblem {
  constructor(readonly reason: string) {
    super(
      400,
      'bad-request',
      'Bad request',
      'The cursor is not valid for this list. Start again without a cursor.',
    );
  }
}

export interface CursorExpectation {
  /** `pk` for the table, `<index>pk` for a GSI. */
  partitionAttribute: string;
  /** The partition the query reads, or a test for several (a list spanning day partitions). */
  partitionValue: string | ((value: string) => boolean);
  /** Sort keys the query can return: those beginning with this prefix... */
  sortPrefix?: string;
  /** ...or those between these two, inclusive. */
  sortBetween?: readonly [string, string];
}

/** The attributes of a LastEvaluatedKey: the table's keys, and for a GSI its keys as well. */
export const cursorKeyAttributes = (partitionAttribute: string) => {
  const index = partitionAttribute === 'pk' ? undefined : partitionAttribute.replace(/pk$/, '');
  return index ? ['pk', 'sk', `${index}pk`, `${index}sk`] : ['pk', 'sk'];
};

const keyValue = z.string().min(1).max(1024);

const shapeOf = (attributes: readonly string[]) =>
  z.strictObject(Object.fromEntries(attributes.map((a) => [a, keyValue])));

export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

export const decodeCursor = (
  cursor: string | undefined,
  expected: CursorExpectation,
): Record<string, string> | undefined => {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorRefused('not base64url JSON');
  }
  const attributes = cursorKeyAttributes(expected.partitionAttribute);
  const key = shapeOf(attributes).safeParse(parsed);
  if (!key.success) throw new CursorRefused('wrong shape');
  const data = key.data as Record<string, string>;
  const partition = data[expected.partitionAttribute]!;
  const samePartition =
    typeof expected.partitionValue === 'string'
      ? partition === expected.partitionValue
      : expected.partitionValue(partition);
  if (!samePartition) throw new CursorRefused('another partition');
  const sort = data[expected.partitionAttribute.replace(/pk$/, 'sk')]!;
  if (expected.sortPrefix !== undefined && !sort.startsWith(expected.sortPrefix))
    throw new CursorRefused('sort key outside the list');
  if (expected.sortBetween && (sort < expected.sortBetween[0] || sort > expected.sortBetween[1]))
    throw new CursorRefused('sort key outside the list');
  return data;
};
