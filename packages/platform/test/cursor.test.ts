import { describe, expect, it } from '@jest/globals';
import { problemDetailOf } from '@spolu/contracts';
import { CursorRefused, decodeCursor, encodeCursor } from '../src/dynamo/cursor';
import { HttpProblem } from '../src/errors';

const expected = { partitionAttribute: 'pk', partitionValue: 'tenant-a' };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('the cursor was accepted');
};

describe('pagination cursors', () => {
  it('round-trips a key of the expected partition', () => {
    const key = { pk: 'tenant-a', sk: 'SERVICE#1' };
    expect(decodeCursor(encodeCursor(key), expected)).toEqual(key);
  });

  it('round-trips an index key (table keys and the index keys)', () => {
    const key = { pk: 'tenant-a', sk: 'CLIENT#1', gsi1pk: 'tenant-a#TIMELINE#1', gsi1sk: '2026-01-01' };
    expect(
      decodeCursor(encodeCursor(key), {
        partitionAttribute: 'gsi1pk',
        partitionValue: 'tenant-a#TIMELINE#1',
      }),
    ).toEqual(key);
  });

  it('accepts a partition test for lists spanning partitions', () => {
    const key = { pk: 'LOG#2026-01-02', sk: 'x' };
    expect(
      decodeCursor(encodeCursor(key), {
        partitionAttribute: 'pk',
        partitionValue: (v) => v.startsWith('LOG#'),
      }),
    ).toEqual(key);
  });

  it.each([
    ['not base64 json', 'not-a-cursor!!'],
    ['another tenant', encodeCursor({ pk: 'tenant-b', sk: 'x' })!],
    ['nested objects', b64({ pk: 'tenant-a', sk: { S: 'x' } })],
    [
      'too many attributes',
      encodeCursor(Object.fromEntries([...Array(8).keys()].map((i) => [`a${i}`, 'x'])))!,
    ],
    ['a JSON array', Buffer.from('["tenant-a"]').toString('base64url')],
    // The right partition, the wrong shape: these used to reach DynamoDB and answer 500.
    ['no sort key', b64({ pk: 'tenant-a' })],
    ['a numeric sort key', b64({ pk: 'tenant-a', sk: 7 })],
    ['an empty sort key', b64({ pk: 'tenant-a', sk: '' })],
    ['a stray attribute', b64({ pk: 'tenant-a', sk: 'SERVICE#1', data: 'x' })],
    ['index keys on a table query', b64({ pk: 'tenant-a', sk: 'S#1', gsi1pk: 'tenant-a', gsi1sk: 'x' })],
    ['JSON null', b64(null)],
    ['a JSON string', b64('tenant-a')],
    ['an over-long key', b64({ pk: 'tenant-a', sk: 'x'.repeat(2000) })],
  ])('refuses a forged cursor (%s) with 400', (_name, cursor) => {
    const err = refusal(() => decodeCursor(cursor, expected));
    expect(err).toBeInstanceOf(HttpProblem);
    expect(err).toBeInstanceOf(CursorRefused);
    expect((err as HttpProblem).status).toBe(400);
    expect((err as HttpProblem).toProblem().type).toMatch(/bad-request$/);
  });

  it('words the refusal from the problem catalogue (Czech on request)', () => {
    expect(problemDetailOf(new CursorRefused('wrong shape').detail!)?.code).toBe('invalid-cursor');
  });

  it('refuses an index cursor without the table keys', () => {
    const cursor = b64({ gsi1pk: 'REGION#CZ051', gsi1sk: 'SERVICE#1' });
    const err = refusal(() =>
      decodeCursor(cursor, { partitionAttribute: 'gsi1pk', partitionValue: 'REGION#CZ051' }),
    );
    expect((err as HttpProblem).status).toBe(400);
  });

  it('refuses a sort key outside the list (prefix or window)', () => {
    const worker = encodeCursor({ pk: 'tenant-a', sk: 'WORKER#1' });
    expect(
      (refusal(() => decodeCursor(worker, { ...expected, sortPrefix: 'SERVICE#' })) as HttpProblem).status,
    ).toBe(400);
    const late = encodeCursor({ pk: 'tenant-a', sk: '2026-03-01T00:00:00.000Z' });
    const window = ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'] as const;
    expect(
      (refusal(() => decodeCursor(late, { ...expected, sortBetween: window })) as HttpProblem).status,
    ).toBe(400);
    const inside = { pk: 'tenant-a', sk: '2026-01-15T00:00:00.000Z' };
    expect(decodeCursor(encodeCursor(inside), { ...expected, sortBetween: window })).toEqual(inside);
  });
});
