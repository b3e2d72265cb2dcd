// A small region for intake tests: providers and services registered through the directory's API
// (so intake learns them from directory events), and worker tokens.
import { newId } from '@spolu/contracts';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor, startTestRuntime, registerProvider } from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { manifest as directory } from '../../directory/manifest';
import { manifest as intake } from '../manifest';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, opens: '08:00', closes: '16:00' }));

export const serviceBody = (overrides: Record<string, unknown>) => ({
  name: 'Služba',
  type: 's59',
  targetGroups: ['substance-users'],
  ageMin: 15,
  ageMax: 99,
  hours: weekdays,
  districts: ['liberec'],
  availability: { capacity: 20, waitingDays: 0, acceptingReferrals: true },
  ...overrides,
});

export interface World {
  rt: RegionRuntime;
  ops: ActorClient;
  providers: { spektrum: string; fokus: string; kc: string };
  services: { kontakt: string; teren: string; std: string; krize: string; anonOnly: string };
  spektrum: ActorClient;
  spektrumKey: ActorClient;
  fokus: ActorClient;
  fokusKey: ActorClient;
  kc: ActorClient;
  kcAdmin: ActorClient;
  coordinator: ActorClient;
  platformOps: ActorClient;
}

export const startWorld = async (settings: Record<string, string> = {}): Promise<World> => {
  const rt = await startTestRuntime([directory, intake], { settings });
  const ops = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
  const provider = (name: string) => registerProvider(ops, name);
  const providers = {
    spektrum: await provider('Spektrum'),
    fokus: await provider('FOKUS Semily'),
    kc: await provider('Krizové centrum Liberec'),
  };
  const admin = (tenantId: string) => actor(rt, { sub: newId(), tenantId, roles: ['provider-admin'] });
  const service = async (a: ActorClient, body: Record<string, unknown>) => {
    const res = await a.post<{ id: string }>('/services', serviceBody(body));
    if (res.status !== 201) throw new Error(`service: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  const spektrumAdmin = await admin(providers.spektrum);
  const fokusAdmin = await admin(providers.fokus);
  const kcAdmin = await admin(providers.kc);
  const services = {
    kontakt: await service(spektrumAdmin, {
      name: 'Kontaktní centrum Spektrum',
      anonymousMode: 'allowed',
      targetGroups: ['substance-users', 'close-persons'],
    }),
    teren: await service(spektrumAdmin, {
      name: 'Terénní program Spektrum',
      type: 's69',
      anonymousMode: 'allowed',
      fieldPlaces: ['Žďár nad Sázavou – nádraží', 'Havlíčkův Brod – park'],
    }),
    anonOnly: await service(spektrumAdmin, {
      name: 'Anonymní poradna',
      type: 's37',
      anonymousMode: 'required',
    }),
    std: await service(fokusAdmin, {
      name: 'Sociálně terapeutické dílny',
      type: 's67',
      targetGroups: ['chronic-mental-illness'],
      districts: ['semily'],
      anonymousMode: 'not-allowed',
    }),
    krize: await service(kcAdmin, {
      name: 'Krizová pomoc',
      type: 's60',
      targetGroups: ['people-in-crisis'],
      anonymousMode: 'not-allowed',
    }),
  };
  await rt.settle();
  const worker = (tenantId: string, roles: ('worker' | 'key-worker')[] = ['worker']) =>
    actor(rt, { sub: newId(), tenantId, roles });
  return {
    rt,
    ops,
    providers,
    services,
    spektrum: await worker(providers.spektrum),
    spektrumKey: await worker(providers.spektrum, ['key-worker']),
    fokus: await worker(providers.fokus),
    fokusKey: await worker(providers.fokus, ['key-worker']),
    kc: await worker(providers.kc),
    kcAdmin,
    coordinator: await actor(rt, { sub: newId(), roles: ['regional-coordinator'] }),
    platformOps: ops,
  };
};

export const hoursAgo = (rt: RegionRuntime, h: number) =>
  new Date(rt.clock.now().getTime() - h * 3600_000).toISOString();
export const hoursAhead = (rt: RegionRuntime, h: number) =>
  new Date(rt.clock.now().getTime() + h * 3600_000).toISOString();

export const anonymousClient = (serviceId: string, code = `AB${Math.floor(Math.random() * 1e6)}`) => ({
  serviceId,
  identity: {
    kind: 'anonymous',
    clientCode: code,
    birthYear: 1995,
    sex: 'male',
    district: 'zdar-nad-sazavou',
  },
});
export const namedClient = (serviceId: string, overrides: Record<string, unknown> = {}) => ({
  serviceId,
  identity: {
    kind: 'named',
    name: 'Jana Nováková',
    birthDate: '1988-04-12',
    sex: 'female',
    contact: { phone: '+420 777 123 456', address: 'Husova 12, Semily' },
    district: 'semily',
    ...overrides,
  },
});

export const completeChecklist = {
  everyonePresentInformed: true,
  timeAndFormAgreed: true,
  prohibitedActivitiesAcknowledged: true,
  expectationsClear: true,
  workerWillIntroduce: true,
};
