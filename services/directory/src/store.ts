// The directory's only DynamoDB access. Records live in their provider's (tenant's) partition;
// gsi1 lists the region's providers and services for the region-wide search.
import type { directory, RegionCode, security } from '@spolu/contracts';
import type { RuntimeEnv, UnitOfWork } from '@spolu/platform';
import { decodeCursor, encodeCursor, entityItem, getData, queryPage } from '@spolu/platform';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { daysNewestFirst, dayOf } from './domain/security-log';

type Provider = directory.Provider;
type Service = directory.Service;
type Worker = directory.Worker;
type PartnerClient = directory.PartnerClient;

export const keys = {
  provider: (providerId: string) => ({ pk: providerId, sk: 'PROVIDER' }),
  service: (providerId: string, serviceId: string) => ({ pk: providerId, sk: `SERVICE#${serviceId}` }),
  worker: (providerId: string, workerId: string) => ({ pk: providerId, sk: `WORKER#${workerId}` }),
  partnerClient: (providerId: string, id: string) => ({ pk: providerId, sk: `PARTNER#${id}` }),
  regionProviders: (region: RegionCode) => `REGION#${region}#PROVIDERS`,
  regionServices: (region: RegionCode) => `REGION#${region}#SERVICES`,
  // The security log is the region's, not a provider's: one partition per UTC day, newest last.
  securityDay: (day: string) => `SECLOG#${day}`,
  securityEntry: (e: Pick<security.SecurityLogEntry, 'occurredAt' | 'id'>) => ({
    pk: `SECLOG#${dayOf(e.occurredAt)}`,
    sk: `${e.occurredAt}#${e.id}`,
  }),
  refusalCounter: (caller: string, window: string) => ({ pk: `SECBURST#${caller}`, sk: window }),
};

const daySeconds = 86_400;

const providerItem = (p: Provider) =>
  entityItem(
    { ...keys.provider(p.id), gsi1pk: keys.regionProviders(p.region), gsi1sk: `PROVIDER#${p.id}` },
    'provider',
    p,
  );
const serviceItem = (s: Service) =>
  entityItem(
    { ...keys.service(s.providerId, s.id), gsi1pk: keys.regionServices(s.region), gsi1sk: `SERVICE#${s.id}` },
    'service',
    s,
  );
const workerItem = (w: Worker) => entityItem(keys.worker(w.providerId, w.id), 'worker', w);
const partnerItem = (p: PartnerClient) =>
  entityItem(keys.partnerClient(p.providerId, p.id), 'partner-client', p);

export const createStore = (env: RuntimeEnv) => ({
  getProvider: (providerId: string) => getData<Provider>(env, keys.provider(providerId)),
  listProviders: (region: RegionCode, page: { limit: number; cursor?: string }) =>
    queryPage<Provider>(env, { index: 'gsi1', partition: keys.regionProviders(region), ...page }),
  createProvider: (tx: UnitOfWork, p: Provider) => tx.create(providerItem(p)),
  replaceProvider: (tx: UnitOfWork, p: Provider, expectedVersion: number) =>
    tx.replace(providerItem(p), expectedVersion),

  getService: (providerId: string, serviceId: string) =>
    getData<Service>(env, keys.service(providerId, serviceId)),
  /** A service of any provider in the region (directory data is region-wide). */
  findServiceInRegion: async (region: RegionCode, serviceId: string) => {
    const out = await env.ddb.send(
      new QueryCommand({
        TableName: env.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
        ExpressionAttributeValues: { ':pk': keys.regionServices(region), ':sk': `SERVICE#${serviceId}` },
      }),
    );
    return out.Items?.[0]?.data as Service | undefined;
  },
  searchServices: (
    region: RegionCode,
    page: { limit: number; cursor?: string },
    matches: (s: Service) => boolean,
  ) => queryPage<Service>(env, { index: 'gsi1', partition: keys.regionServices(region), ...page }, matches),
  listOwnServices: (providerId: string) =>
    queryPage<Service>(env, { partition: providerId, skPrefix: 'SERVICE#', limit: 1000 }),
  createService: (tx: UnitOfWork, s: Service) => tx.create(serviceItem(s)),
  replaceService: (tx: UnitOfWork, s: Service, expectedVersion: number) =>
    tx.replace(serviceItem(s), expectedVersion),

  getWorker: (providerId: string, workerId: string) =>
    getData<Worker>(env, keys.worker(providerId, workerId)),
  listWorkers: (providerId: string, page: { limit: number; cursor?: string }) =>
    queryPage<Worker>(env, { partition: providerId, skPrefix: 'WORKER#', ...page }),
  createWorker: (tx: UnitOfWork, w: Worker) => tx.create(workerItem(w)),
  replaceWorker: (tx: UnitOfWork, w: Worker, expectedVersion: number) =>
    tx.replace(workerItem(w), expectedVersion),

  getPartnerClient: (providerId: string, id: string) =>
    getData<PartnerClient>(env, keys.partnerClient(providerId, id)),
  listPartnerClients: (providerId: string, page: { limit: number; cursor?: string }) =>
    queryPage<PartnerClient>(env, { partition: providerId, skPrefix: 'PARTNER#', ...page }),
  createPartnerClient: (tx: UnitOfWork, p: PartnerClient) => tx.create(partnerItem(p)),
  replacePartnerClient: (tx: UnitOfWork, p: PartnerClient, expectedVersion: number) =>
    tx.replace(partnerItem(p), expectedVersion),

  ...securityLogStore(env),
});

/** Security log entries and burst counters (region-wide, not in a provider's partition). */
const securityLogStore = (env: RuntimeEnv) => ({
  putSecurityLogEntry: (tx: UnitOfWork, entry: security.SecurityLogEntry, retentionDays: number) =>
    tx.create({
      ...keys.securityEntry(entry),
      entity: 'security-log',
      data: entry,
      expiresAt: Math.floor(Date.parse(entry.occurredAt) / 1000) + retentionDays * daySeconds,
    }),
  /**
   * Count a refusal in its caller's window and tell whether it is the one that reached the
   * threshold. One atomic UpdateItem outside the entry's transaction, so concurrent deliveries
   * never make each other fail: the counter stops at the threshold, keeps the ids it counted (a
   * redelivered event is not counted twice) and names the event that crossed (a retry of that
   * event still learns it was the one).
   */
  countRefusal: async (caller: string, window: string, eventId: string, threshold: number) => {
    const Key = keys.refusalCounter(caller, window);
    try {
      const out = await env.ddb.send(
        new UpdateCommand({
          TableName: env.tableName,
          Key,
          UpdateExpression: 'ADD n :one, seen :ids SET entity = :entity, expiresAt = :exp',
          ConditionExpression: '(attribute_not_exists(n) OR n < :threshold) AND NOT contains(seen, :id)',
          ExpressionAttributeValues: {
            ':one': 1,
            ':ids': new Set([eventId]),
            ':id': eventId,
            ':threshold': threshold,
            ':entity': 'refusal-counter',
            ':exp': Math.floor(Date.parse(window) / 1000) + daySeconds,
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      if (out.Attributes?.n !== threshold) return { crossed: false };
      await env.ddb.send(
        new UpdateCommand({
          TableName: env.tableName,
          Key,
          UpdateExpression: 'SET crossedBy = :id',
          ExpressionAttributeValues: { ':id': eventId },
        }),
      );
      return { crossed: true };
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      const out = await env.ddb.send(new GetCommand({ TableName: env.tableName, Key, ConsistentRead: true }));
      return { crossed: out.Item?.crossedBy === eventId };
    }
  },
  /** One page of the log between `from` and `to`, newest first, across the day partitions. The
   * cursor is the platform cursor of the day being read; past a day's end, one pointing at the
   * top of the next (older) day. */
  securityLogPage: async (
    window: { from: string; to: string },
    page: { limit: number; cursor?: string },
    matches: (e: security.SecurityLogEntry) => boolean,
  ): Promise<{ items: security.SecurityLogEntry[]; nextCursor?: string }> => {
    const days = daysNewestFirst(window.from, window.to).map(keys.securityDay);
    const skBetween = [window.from, `${window.to}~`] as const;
    const start = decodeCursor(page.cursor, {
      partitionAttribute: 'pk',
      partitionValue: (pk) => days.includes(pk),
      sortBetween: skBetween,
    });
    const items: security.SecurityLogEntry[] = [];
    let cursor = page.cursor;
    for (let i = start ? days.indexOf(start.pk!) : 0; i < days.length; i += 1) {
      const out = await queryPage<security.SecurityLogEntry>(
        env,
        { partition: days[i]!, skBetween, limit: page.limit - items.length, cursor, newestFirst: true },
        matches,
      );
      items.push(...out.items);
      if (out.nextCursor) return { items, nextCursor: out.nextCursor };
      cursor = undefined;
      if (items.length === page.limit && i + 1 < days.length)
        return { items, nextCursor: encodeCursor({ pk: days[i + 1], sk: skBetween[1] }) };
    }
    return { items };
  },
});
