import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../audit';
import type { RuntimeEnv } from '../env';
import type { UnitOfWork } from '../dynamo/tx';
import { conflict, unprocessable } from '../errors';

const retentionHours = 24;
const keyPattern = /^[\x21-\x7E]{8,128}$/;

export interface StoredResponse {
  status: number;
  body: unknown;
  /** What the first call audited; a replay audits the same records as reads. */
  audit?: AuditEntry[];
}

export const idempotencyKeyOf = (scope: string, key: string) => ({
  pk: `${scope}#IDEMP#${key}`,
  sk: 'IDEMP',
});

/** A JSON value written one way only: object keys sorted, no whitespace. Two bodies that parse to
 * the same value (other whitespace, other key order, `1.0` for `1`) are the same request. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
};

/** The body as the request means it: its canonical JSON; a body that is not JSON (refused later
 * with 400) as sent. */
const canonicalBody = (body: string | undefined) => {
  if (body === undefined) return '';
  try {
    return canonicalJson(JSON.parse(body));
  } catch {
    return body;
  }
};

const digest = (routeKey: string, body: string) =>
  createHash('sha256').update(routeKey).update('\n').update(body).digest('base64url');

// A request's fingerprint: the digest of its canonical body, then the digest of its raw bytes. The
// raw one only lets a key stored before canonical comparison (a bare raw digest, kept up to 24 h)
// still replay its byte-identical retry across the deploy that introduced it.
const fingerprintVersion = 'c1';

export const requestHash = (routeKey: string, body: string | undefined) =>
  `${fingerprintVersion}.${digest(routeKey, canonicalBody(body))}.${digest(routeKey, body ?? '')}`;

/** Whether a retry is the request the key was first used for. */
const sameRequest = (stored: unknown, hash: string) => {
  const [, canonical, raw] = hash.split('.');
  if (typeof stored !== 'string') return false;
  if (stored.startsWith(`${fingerprintVersion}.`)) return stored.split('.')[1] === canonical;
  return stored === raw;
};

export const validIdempotencyKey = (key: string) => {
  if (!keyPattern.test(key))
    throw unprocessable({ code: 'idempotency-key-format' }, [
      {
        path: 'headers.idempotency-key',
        message: 'must be 8 to 128 visible ASCII characters',
        code: 'idempotency-key-format',
      },
    ]);
  return key;
};

/** A stored response for this key, or undefined if the key is new. */
export const findStoredResponse = async (
  env: RuntimeEnv,
  scope: string,
  key: string,
  hash: string,
): Promise<StoredResponse | undefined> => {
  const found = await env.ddb.send(
    new GetCommand({ TableName: env.tableName, Key: idempotencyKeyOf(scope, key), ConsistentRead: true }),
  );
  const item = found.Item;
  if (!item || (typeof item.expiresAt === 'number' && item.expiresAt * 1000 < env.now().getTime()))
    return undefined;
  // A stable code beside the words: a client tells "my retry differs" from invalid input by it.
  if (!sameRequest(item.requestHash, hash))
    throw unprocessable({ code: 'idempotency-key-reused' }, [
      {
        path: 'headers.idempotency-key',
        message: 'reused with a different request',
        code: 'idempotency-key-reused',
      },
    ]);
  return item.response as StoredResponse;
};

export const rememberResponse = (
  tx: UnitOfWork,
  env: RuntimeEnv,
  scope: string,
  key: string,
  hash: string,
  response: StoredResponse,
) =>
  tx.create(
    {
      ...idempotencyKeyOf(scope, key),
      entity: 'idempotency',
      requestHash: hash,
      response,
      expiresAt: Math.floor(env.now().getTime() / 1000) + retentionHours * 3600,
    },
    // Two concurrent requests with one key: the second loses and is told to retry (it will replay).
    () => conflict('A request with this Idempotency-Key is being processed. Retry shortly.'),
  );
