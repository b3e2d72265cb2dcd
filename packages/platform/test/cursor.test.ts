import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor } from '../src/dynamo/cursor';
import { HttpProblem } from '../src/errors';

const expected = { partitionAttribute: 'pk', partitionValue: 'tenant-a' };

describe('pagination cursors', () => {
  it('round-trips a key of the expected partition', () => {
    const key = { pk: 'tenant-a', sk: 'SERVICE#1' };
    expect(decodeCursor(encodeCursor(key), expected)).toEqual(key);
  });

  it.each([
    ['not base64 json', 'not-a-cursor!!'],
    ['another tenant', encodeCursor({ pk: 'tenant-b', sk: 'x' })!],
    ['nested objects', Buffer.from(JSON.stringify({ pk: 'tenant-a', sk: { S: 'x' } })).toString('base64url')],
    [
      'too many attributes',
      encodeCursor(Object.fromEntries([...Array(8).keys()].map((i) => [`a${i}`, 'x'])))!,
    ],
    ['a JSON array', Buffer.from('["tenant-a"]').toString('base64url')],
  ])('refuses a forged cursor (%s) with 400', (_name, cursor) => {
    expect(() => decodeCursor(cursor, expected)).toThrow(HttpProblem);
    try {
      decodeCursor(cursor, expected);
    } catch (err) {
      expect((err as HttpProblem).status).toBe(400);
    }
  });
});
