// Opaque pagination cursors. A cursor is the LastEvaluatedKey, base64url-encoded; when it comes
// back it is decoded, shape-checked and must belong to the same partition the query reads, so a
// forged cursor can neither crash the query nor point it at another tenant's partition.
import * as z from 'zod';
import { badRequest } from '../errors';

const KeyShape = z
  .record(z.string().max(64), z.union([z.string().max(1024), z.number()]))
  .refine((k) => Object.keys(k).length >= 1 && Object.keys(k).length <= 6, 'bad key');

export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

export const decodeCursor = (
  cursor: string | undefined,
  expected: { partitionAttribute: string; partitionValue: string },
): Record<string, string | number> | undefined => {
  if (cursor === undefined) return undefined;
  const invalid = badRequest('The cursor is not valid for this list. Start again without a cursor.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const key = KeyShape.safeParse(parsed);
  if (!key.success || key.data[expected.partitionAttribute] !== expected.partitionValue) throw invalid;
  return key.data;
};
