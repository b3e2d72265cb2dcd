// Idempotency-Key over real HTTP (issue 18): a retry whose JSON was re-serialised (other
// whitespace, other key order) replays the first answer; a different body gets 422 with the stable
// code `idempotency-key-reused`, worded in Czech on request, and stores nothing; a key stored
// before bodies were compared canonically still replays its byte-identical retry.
import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Problem } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import { idempotencyKeyOf } from '@spolu/platform';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { call, startTestRuntime } from '../../packages/local/test-support/harness';
import { manifests } from '../../services/manifests';
import type { MatrixWorld } from './matrix/fixtures';
import { createMatrixWorld, scanAll } from './matrix/world';

let rt: RegionRuntime;
let w: MatrixWorld;

beforeAll(async () => {
  rt = await startTestRuntime(manifests);
  w = await createMatrixWorld(rt);
}, 240_000);

afterAll(async () => {
  await rt?.stop();
});

const postWorker = (rawBody: string, key: string, headers: Record<string, string> = {}) =>
  call<{ id: string } & Problem>(rt, 'POST', '/workers', {
    token: w.adminA.token,
    rawBody,
    headers: { 'content-type': 'application/json', 'idempotency-key': key, ...headers },
  });

describe('Idempotency-Key compares the parsed body', () => {
  it('replays the first answer for a retry with other whitespace and key order', async () => {
    const key = `canonical-${newId()}`;
    const first = await postWorker(
      JSON.stringify({ name: 'Petr Novák', email: 'petr.n@a.example', roles: ['key-worker'] }),
      key,
    );
    expect(first.status).toBe(201);
    const retry = await postWorker(
      JSON.stringify({ roles: ['key-worker'], email: 'petr.n@a.example', name: 'Petr Novák' }, null, 2),
      key,
    );
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const workers = await w.adminA.get<{ items: { name: string }[] }>('/workers?limit=100');
    expect(workers.body.items.filter((x) => x.name === 'Petr Novák')).toHaveLength(1);
  });

  it('answers a different body with 422 idempotency-key-reused (Czech on request) and stores nothing', async () => {
    const key = `reused-${newId()}`;
    const first = await postWorker(
      JSON.stringify({ name: 'Eva Malá', email: 'eva.m@a.example', roles: ['worker'] }),
      key,
    );
    expect(first.status).toBe(201);
    await rt.settle();
    const before = await scanAll(rt);
    const other = JSON.stringify({ name: 'Eva Malá', email: 'eva.m@a.example', roles: ['key-worker'] });

    const english = await postWorker(other, key);
    expect(english.status).toBe(422);
    expect(english.headers.get('content-type')).toBe('application/problem+json');
    expect(english.body.detail).toBe('This Idempotency-Key was already used for a different request.');
    expect(english.body.errors).toEqual([
      {
        path: 'headers.idempotency-key',
        message: 'reused with a different request',
        code: 'idempotency-key-reused',
      },
    ]);

    const czech = await postWorker(other, key, { 'accept-language': 'cs' });
    expect(czech.status).toBe(422);
    expect(czech.body.type).toBe(english.body.type);
    expect(czech.body.title).toBe('Údaje nejsou v pořádku');
    expect(czech.body.detail).toBe('Tento Idempotency-Key už byl použit pro jiný požadavek.');
    expect(czech.body.errors).toEqual([
      {
        path: 'headers.idempotency-key',
        message: 'Už použit pro jiný požadavek.',
        code: 'idempotency-key-reused',
      },
    ]);

    await rt.settle();
    expect(await scanAll(rt)).toEqual(before);
  });

  it('a malformed key carries the code idempotency-key-format', async () => {
    const res = await postWorker(
      JSON.stringify({ name: 'Jan Krátký', email: 'jan.k@a.example', roles: ['worker'] }),
      'short',
    );
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.code).toBe('idempotency-key-format');
  });

  it('a key stored before canonical comparison (a bare digest of the bytes) still replays its byte-identical retry', async () => {
    const key = `legacy-${newId()}`;
    const raw = JSON.stringify({ name: 'Old Retry', email: 'old.r@a.example', roles: ['worker'] });
    const legacyDigest = createHash('sha256')
      .update('POST /workers')
      .update('\n')
      .update(raw)
      .digest('base64url');
    const env = rt.envs.get('directory')!;
    const storedBody = { id: newId(), name: 'Old Retry' };
    await env.ddb.send(
      new PutCommand({
        TableName: env.tableName,
        Item: {
          ...idempotencyKeyOf(`${w.providerA}#${w.adminA.sub}`, key),
          entity: 'idempotency',
          requestHash: legacyDigest,
          response: { status: 201, body: storedBody },
          expiresAt: Math.floor(rt.clock.now().getTime() / 1000) + 3600,
        },
      }),
    );
    const retry = await postWorker(raw, key);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(storedBody);
    const changed = await postWorker(raw.replace('Old Retry', 'New Name'), key);
    expect(changed.status).toBe(422);
    expect(changed.body.errors?.[0]?.code).toBe('idempotency-key-reused');
  });
});
