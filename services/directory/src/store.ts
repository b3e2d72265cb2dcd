// The directory's only DynamoDB access. Records live in their provider's (tenant's) partition;
// gsi1 lists the region's providers and services for the region-wide search.
import type { directory, RegionCode } from '@spolu/contracts';
import type { RuntimeEnv, UnitOfWork } from '@spolu/platform';
import { entityItem, getData, queryPage } from '@spolu/platform';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';

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
};

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
});

export type DirectoryStore = ReturnType<typeof createStore>;
