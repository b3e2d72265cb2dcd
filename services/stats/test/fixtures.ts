// A small region for stats tests: services registered through the directory, clients and their
// work recorded through intake, so stats sees only the events a real region would produce.
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '@spolu/contracts';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor, startTestRuntime, registerProvider } from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { manifest as directory } from '../../directory/manifest';
import { manifest as intake } from '../../intake/manifest';
import { manifest as stats } from '../manifest';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, opens: '08:00', closes: '16:00' }));

export const serviceBody = (overrides: Record<string, unknown>) => ({
  name: 'Služba',
  type: 's59',
  targetGroups: ['substance-users'],
  ageMin: 6,
  ageMax: 99,
  hours: weekdays,
  districts: ['liberec'],
  availability: { capacity: 20, waitingDays: 0, acceptingReferrals: true },
  ...overrides,
});

export interface StatsWorld {
  rt: RegionRuntime;
  providers: { spektrum: string; fokus: string; nzdm: string; psych: string };
  services: { kontakt: string; std: string; nzdm: string; psych: string };
  spektrum: ActorClient;
  spektrumAdmin: ActorClient;
  fokus: ActorClient;
  nzdm: ActorClient;
  coordinator: ActorClient;
  ops: ActorClient;
}

export const startStatsWorld = async (
  extra: Parameters<typeof startTestRuntime>[0] = [],
  opts: Parameters<typeof startTestRuntime>[1] = {},
): Promise<StatsWorld> => {
  const rt = await startTestRuntime([directory, intake, stats, ...extra], opts);
  const ops = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
  const provider = (name: string) => registerProvider(ops, name);
  const providers = {
    spektrum: await provider('Spektrum'),
    fokus: await provider('FOKUS Semily'),
    nzdm: await provider('Klub Mládí'),
    psych: await provider('Dětská psychiatrie Liberec'),
  };
  const admin = (tenantId: string) => actor(rt, { sub: newId(), tenantId, roles: ['provider-admin'] });
  const service = async (a: ActorClient, body: Record<string, unknown>) => {
    const res = await a.post<{ id: string }>('/services', serviceBody(body));
    if (res.status !== 201) throw new Error(`service: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  const spektrumAdmin = await admin(providers.spektrum);
  const services = {
    kontakt: await service(spektrumAdmin, {
      name: 'Kontaktní centrum',
      anonymousMode: 'allowed',
      targetGroups: ['substance-users', 'close-persons'],
      needCodes: ['harm-reduction', 'addiction-treatment'],
    }),
    std: await service(await admin(providers.fokus), {
      name: 'Sociálně terapeutické dílny',
      type: 's67',
      targetGroups: ['chronic-mental-illness'],
      districts: ['semily'],
      needCodes: ['work-habits'],
    }),
    nzdm: await service(await admin(providers.nzdm), {
      name: 'Nízkoprahový klub',
      type: 's62',
      targetGroups: ['children-and-youth'],
      needCodes: ['leisure-social-contact'],
    }),
    // Child psychiatry: four months' wait (document 001).
    psych: await service(await admin(providers.psych), {
      name: 'Dětská psychiatrická ambulance',
      type: 'health-psychiatry',
      targetGroups: ['children-and-youth'],
      needCodes: ['mental-health'],
      availability: { capacity: 30, waitingDays: 120, acceptingReferrals: true },
    }),
  };
  await rt.settle();
  const worker = (tenantId: string) => actor(rt, { sub: newId(), tenantId, roles: ['worker'] });
  return {
    rt,
    providers,
    services,
    spektrum: await worker(providers.spektrum),
    spektrumAdmin,
    fokus: await worker(providers.fokus),
    nzdm: await worker(providers.nzdm),
    coordinator: await actor(rt, { sub: newId(), roles: ['regional-coordinator'] }),
    ops,
  };
};

export const minutesAgo = (rt: RegionRuntime, m: number) =>
  new Date(rt.clock.now().getTime() - m * 60_000).toISOString();

/** Deletes every item of the stats table: the start of a rebuild from the event archive. */
export const emptyStatsTable = async (rt: RegionRuntime) => {
  const env = rt.envs.get('stats')!;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await env.ddb.send(new ScanCommand({ TableName: env.tableName, ExclusiveStartKey: start }));
    const keys = (page.Items ?? []).map((i) => ({ DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } }));
    for (let i = 0; i < keys.length; i += 25)
      await env.ddb.send(new BatchWriteCommand({ RequestItems: { [env.tableName]: keys.slice(i, i + 25) } }));
    start = page.LastEvaluatedKey;
  } while (start);
};

/** Counts the items of every TransactWriteItems the stats table's client sends while `work` runs
 * (the real calls, only counted, through the SDK's own middleware stack). */
export const countTransactItems = async (rt: RegionRuntime, work: () => Promise<void>) => {
  const env = rt.envs.get('stats')!;
  let written = 0;
  const name = 'countTransactItems';
  env.ddb.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { TransactItems?: unknown[] };
      const out = await next(args);
      written += input.TransactItems?.length ?? 0;
      return out;
    },
    { step: 'initialize', name },
  );
  try {
    await work();
  } finally {
    env.ddb.middlewareStack.remove(name);
  }
  return written;
};
