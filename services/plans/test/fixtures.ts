// A small region for plans tests: FOKUS (workshops) and the crisis centre, registered through the
// directory's API; clients and agreements made through intake's API, so plans are opened from
// intake's real AgreementMade events.
import { newId } from '@spolu/contracts';
import type { ServiceManifest } from '@spolu/platform';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor, startTestRuntime, registerProvider } from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { manifest as directory } from '../../directory/manifest';
import { manifest as intake } from '../../intake/manifest';
import { manifest as plans } from '../manifest';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, opens: '07:30', closes: '15:30' }));

export type Rec = { id: string; version: number; [k: string]: unknown };
export type PlanBody = {
  id: string;
  version: number;
  clientId: string;
  overallGoal: string | null;
  status: string;
  cycle: number;
  keyWorkerId: string | null;
  goals: {
    id: string;
    text: string;
    status: string;
    cycle: number;
    needCodes: string[];
    changedInVersion?: number;
  }[];
  steps: { id: string; done: boolean; doneAt?: string; text: string }[];
  sessions: { id: string; focus: string; goalId?: string; outcome?: string }[];
  reviews: { id: string; final: boolean }[];
  reviewDates: string[];
  supportNetwork: { id: string; involvement: string; name: string }[];
  recoveryPhase: string | null;
  phaseHistory: { phase: string; relapse: boolean }[];
  handovers: { from: string; to: string; note: string }[];
  anonymised: boolean;
  [k: string]: unknown;
};

export interface World {
  rt: RegionRuntime;
  providers: { fokus: string; kc: string };
  services: { std: string; rehab: string; krize: string };
  fokus: ActorClient;
  fokusKey: ActorClient;
  fokusKey2: ActorClient;
  kc: ActorClient;
  kcKey: ActorClient;
  coordinator: ActorClient;
  ops: ActorClient;
}

/** `more`: further services for tests across them (e.g. referrals for an internal handover). */
export const startWorld = async (
  settings: Record<string, string> = {},
  more: ServiceManifest[] = [],
): Promise<World> => {
  const rt = await startTestRuntime([directory, intake, plans, ...more], { settings });
  const ops = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
  const provider = (name: string) => registerProvider(ops, name, { address: 'Nádražní 1, Semily' });
  const providers = { fokus: await provider('FOKUS Semily'), kc: await provider('Krizové centrum') };
  const service = async (tenantId: string, body: Record<string, unknown>) => {
    const admin = await actor(rt, { sub: newId(), tenantId, roles: ['provider-admin'] });
    const res = await admin.post<{ id: string }>('/services', {
      ageMin: 15,
      ageMax: 75,
      hours: weekdays,
      districts: ['semily'],
      availability: { capacity: 20, waitingDays: 0, acceptingReferrals: true },
      anonymousMode: 'not-allowed',
      ...body,
    });
    if (res.status !== 201) throw new Error(`service: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  const services = {
    std: await service(providers.fokus, {
      name: 'Sociálně terapeutické dílny',
      type: 's67',
      targetGroups: ['chronic-mental-illness'],
    }),
    rehab: await service(providers.fokus, {
      name: 'Sociální rehabilitace',
      type: 's70',
      targetGroups: ['chronic-mental-illness'],
    }),
    krize: await service(providers.kc, {
      name: 'Krizová pomoc',
      type: 's60',
      targetGroups: ['people-in-crisis'],
      districts: ['liberec'],
    }),
  };
  await rt.settle();
  const worker = (tenantId: string, roles: ('worker' | 'key-worker')[] = ['worker']) =>
    actor(rt, { sub: newId(), tenantId, roles });
  return {
    rt,
    providers,
    services,
    fokus: await worker(providers.fokus),
    fokusKey: await worker(providers.fokus, ['key-worker']),
    fokusKey2: await worker(providers.fokus, ['key-worker']),
    kc: await worker(providers.kc),
    kcKey: await worker(providers.kc, ['key-worker']),
    coordinator: await actor(rt, { sub: newId(), roles: ['regional-coordinator'] }),
    ops,
  };
};

export const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });
export const day = (rt: RegionRuntime, offsetDays: number) =>
  new Date(rt.clock.now().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
export const hoursAgo = (rt: RegionRuntime, h: number) =>
  new Date(rt.clock.now().getTime() - h * 3_600_000).toISOString();

export const namedClient = (serviceId: string, name: string, district = 'semily') => ({
  serviceId,
  identity: {
    kind: 'named',
    name,
    birthDate: '1988-04-12',
    sex: 'female',
    contact: { phone: '+420 777 123 456', address: 'Husova 12, Semily' },
    district,
  },
});

/** Register a client, make an agreement in intake and return the plan plans opened from it. */
export const clientWithPlan = async (
  w: World,
  by: ActorClient,
  serviceId: string,
  opts: { name?: string; keyWorkerId?: string; district?: string } = {},
) => {
  const client = await by.post<Rec>(
    '/clients',
    namedClient(serviceId, opts.name ?? 'Jana Nováková', opts.district),
  );
  if (client.status !== 201) throw new Error(`client: ${client.status} ${JSON.stringify(client.body)}`);
  const agreement = await by.post<Rec>(`/clients/${client.body.id}/agreements`, {
    serviceId,
    form: 'oral',
    goal: 'Zvládnout běžný den.',
    ...(opts.keyWorkerId ? { keyWorkerId: opts.keyWorkerId } : {}),
  });
  if (agreement.status !== 201)
    throw new Error(`agreement: ${agreement.status} ${JSON.stringify(agreement.body)}`);
  await w.rt.settle();
  const list = await by.get<{ items: PlanBody[] }>(`/plans?clientId=${client.body.id}`);
  const plan = list.body.items[0];
  if (!plan) throw new Error(`no plan opened: ${list.status} ${JSON.stringify(list.body)}`);
  return { clientId: client.body.id, agreementId: agreement.body.id, plan };
};
