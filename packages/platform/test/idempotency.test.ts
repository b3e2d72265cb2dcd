// What makes two requests with one Idempotency-Key the same request: the parsed, canonical body
// (key order and whitespace do not count), not its bytes. The API round trip (a replay, the
// `idempotency-key-reused` code, Czech words) is in test/e2e/idempotency-canonical.test.ts.
import { describe, expect, it } from '@jest/globals';
import { requestHash } from '../src/http/idempotency';

const route = 'POST /workers';
const body = { name: 'Petr Novák', email: 'petr@fokus.example', roles: ['key-worker'], age: 1 };
const canonicalPart = (hash: string) => hash.split('.')[1];

describe('requestHash', () => {
  it('is the same for a body re-serialised with other whitespace and key order', () => {
    const compact = JSON.stringify(body);
    const pretty = JSON.stringify(
      { roles: ['key-worker'], age: 1.0, email: 'petr@fokus.example', name: 'Petr Novák' },
      null,
      2,
    );
    expect(pretty).not.toBe(compact);
    expect(canonicalPart(requestHash(route, pretty))).toBe(canonicalPart(requestHash(route, compact)));
    // Nested objects are canonical too.
    expect(canonicalPart(requestHash(route, '{"a":{"x":1,"y":[{"q":1,"p":2}]}}'))).toBe(
      canonicalPart(requestHash(route, '{ "a": { "y": [ { "p": 2, "q": 1 } ], "x": 1 } }')),
    );
  });

  it('differs for a different value, a different array order or another route', () => {
    const base = requestHash(route, JSON.stringify(body));
    for (const other of [
      requestHash(route, JSON.stringify({ ...body, name: 'Petra Nováková' })),
      requestHash(route, JSON.stringify({ ...body, roles: ['key-worker', 'worker'] })),
      requestHash(route, '{"a":[1,2]}'),
      requestHash('POST /services', JSON.stringify(body)),
      requestHash(route, undefined),
    ])
      expect(canonicalPart(other)).not.toBe(canonicalPart(base));
    expect(canonicalPart(requestHash(route, '{"a":[1,2]}'))).not.toBe(
      canonicalPart(requestHash(route, '{"a":[2,1]}')),
    );
  });

  it('fingerprints a body that is not JSON by its bytes', () => {
    expect(requestHash(route, '{"a":')).toBe(requestHash(route, '{"a":'));
    expect(canonicalPart(requestHash(route, '{"a":'))).not.toBe(canonicalPart(requestHash(route, '{"a": ')));
  });
});
