// The shared world of the e2e suites: two providers (A and B) and tenant A's actors on one
// runtime, and a full scan of every service table to prove that refused calls store nothing.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '@spolu/contracts';
import { outboxEntity, outboxIndex } from '@spolu/platform';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { actor, registerProvider } from '../../../packages/local/test-support/harness';
import type { MatrixWorld } from './fixtures';
import { serviceBody } from './fixtures';

const stable = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(stable).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

/** The security log's own items: a refused call leaves an AccessRefused outbox item in the
 * refusing service's table, and the directory keeps the entry, its burst counter and the inbox
 * marker. These are what a refusal is meant to write (security-log.test.ts checks them). */
export const isSecurityLogItem = (item: Record<string, unknown>) => {
  const pk = String(item.pk);
  if (pk.startsWith('SECLOG#') || pk.startsWith('SECBURST#')) return true;
  if (item.entity === 'inbox') return item.type === 'AccessRefused';
  if (item.entity === outboxEntity && typeof item.event === 'string')
    return (JSON.parse(item.event) as { type?: string }).type === 'AccessRefused';
  return false;
};

/** How many entries the security log holds. */
export const securityLogSize = async (rt: RegionRuntime) => {
  const env = rt.envs.get('directory')!;
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await env.ddb.send(
      new ScanCommand({ TableName: env.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    count += (page.Items ?? []).filter((i) => String(i.pk).startsWith('SECLOG#')).length;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
};

/** Settles the world, then lets the webhook deliveries it started run their first retry: the
 * webhooks fixtures' partner URLs never answer, and since the sender is pushed through its queue
 * (not only run by a schedule) a failed first attempt comes back after 5 s and writes its
 * attempt — in the middle of a check that refused calls write nothing, unless it ran before. The
 * retry after that waits 5 minutes on the runtime's clock, longer than any such check. */
export const settleWorld = async (rt: RegionRuntime) => {
  await rt.settle();
  rt.clock.advance(10_000);
  await rt.settle();
};

/** Every item of every service table but the security log's; outbox items without their
 * published markers. */
export const scanAll = async (rt: RegionRuntime) => {
  const items = new Map<string, string>();
  for (const [service, env] of rt.envs) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await env.ddb.send(
        new ScanCommand({ TableName: env.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) {
        if (isSecurityLogItem(item)) continue;
        const copy = { ...item };
        if (copy.entity === outboxEntity) {
          delete copy.publishedAt;
          delete copy[outboxIndex.pk];
          delete copy[outboxIndex.sk];
        }
        items.set(`${service} ${String(item.pk)} ${String(item.sk)}`, stable(copy));
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
};

export const createMatrixWorld = async (rt: RegionRuntime): Promise<MatrixWorld> => {
  const ops = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
  const provider = (name: string) => registerProvider(ops, name);
  const providerA = await provider('Matrix Poskytovatel A');
  const providerB = await provider('Matrix Poskytovatel B');
  const adminA = await actor(rt, { sub: newId(), tenantId: providerA, roles: ['provider-admin'] });
  const service = await adminA.post<{ id: string }>('/services', serviceBody('Matrix Kontaktní centrum A'));
  if (service.status !== 201) throw new Error(`service: ${service.status} ${JSON.stringify(service.body)}`);
  const w: MatrixWorld = {
    rt,
    region: rt.region,
    providerA,
    providerB,
    serviceA: service.body.id,
    ops,
    adminA,
    workerA: await actor(rt, { sub: newId(), tenantId: providerA, roles: ['worker'] }),
    keyWorkerA: await actor(rt, { sub: newId(), tenantId: providerA, roles: ['key-worker'] }),
    secretsA: new Set([providerA, 'Matrix Poskytovatel A', service.body.id, 'Matrix Kontaktní centrum A']),
    clientSecretsA: new Set(),
  };
  await rt.settle(); // intake learns tenant A's service from the directory's events
  return w;
};
