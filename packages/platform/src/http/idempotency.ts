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

export const requestHash = (routeKey: string, body: string | undefined) =>
  createHash('sha256')
    .update(routeKey)
    .update('\n')
    .update(body ?? '')
    .digest('base64url');

export const validIdempotencyKey = (key: string) => {
  if (!keyPattern.test(key))
    throw unprocessable('Idempotency-Key must be 8 to 128 visible ASCII characters.', [
      { path: 'headers.idempotency-key', message: 'must be 8 to 128 visible ASCII characters' },
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
  if (item.requestHash !== hash)
    throw unprocessable('This Idempotency-Key was already used for a different request.', [
      { path: 'headers.idempotency-key', message: 'reused with a different request' },
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
