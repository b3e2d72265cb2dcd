// A realistic Liberecký kraj for referral tests: the seeded directory (registered through the
// directory's API, so referrals learns it from directory events), intake and referrals.
import { newId } from '@spolu/contracts';
import type { ServiceManifest } from '@spolu/platform';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor, startTestRuntime } from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import type { SeededDirectory } from '../../../packages/local/src/seed/seed-directory';
import { seedDirectory } from '../../../packages/local/src/seed/seed-directory';
import { manifest as directory } from '../../directory/manifest';
import { manifest as intake } from '../../intake/manifest';
import { manifest as referrals } from '../manifest';

export interface World {
  rt: RegionRuntime;
  dir: SeededDirectory;
  as: (userKey: string) => Promise<ActorClient>;
  outsider: ActorClient;
  provider: (key: string) => string;
  service: (key: string) => string;
}

/** `also`: further services (e.g. webhooks for an end-to-end test), with runtime settings. */
export const startWorld = async (
  also: { manifests?: ServiceManifest[]; settings?: Record<string, string> } = {},
): Promise<World> => {
  const rt = await startTestRuntime([directory, intake, referrals, ...(also.manifests ?? [])], {
    ...(also.settings ? { settings: also.settings } : {}),
  });
  const dir = await seedDirectory(rt);
  const as = async (key: string) => {
    const u = dir.users.find((x) => x.key === key);
    if (!u) throw new Error(`no seeded user ${key}`);
    return actor(rt, {
      sub: u.sub,
      tenantId: u.tenantId,
      roles: u.roles.filter((r) => r !== 'provider-admin'),
    });
  };
  const provider = (key: string) =>
    dir.providers[key] ??
    (() => {
      throw new Error(`no provider ${key}`);
    })();
  const service = (key: string) =>
    dir.services[key] ??
    (() => {
      throw new Error(`no service ${key}`);
    })();
  // FOKUS's worker: a provider that is neither sender nor receiver in the K-centrum flows.
  const outsider = await actor(rt, { sub: newId(), tenantId: provider('fokus-semily'), roles: ['worker'] });
  return { rt, dir, as, outsider, provider, service };
};

export const hoursAgo = (rt: RegionRuntime, h: number) =>
  new Date(rt.clock.now().getTime() - h * 3_600_000).toISOString();
export const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });

/** Register a named client at a service and record a referral-share consent towards `recipient`. */
export const clientWithConsent = async (
  w: World,
  worker: ActorClient,
  serviceId: string,
  recipients: string[],
  sharedFields: string[],
  identity: Record<string, unknown> = {},
) => {
  const client = await worker.post<{ id: string }>('/clients', {
    serviceId,
    identity: {
      kind: 'named',
      name: 'Jana Nováková',
      birthDate: '1988-04-12',
      sex: 'female',
      contact: { phone: '+420 777 123 456', address: 'Husova 12, Liberec' },
      district: 'liberec',
      ...identity,
    },
  });
  if (client.status !== 201) throw new Error(`client: ${client.status} ${JSON.stringify(client.body)}`);
  const consents: { id: string; version: number }[] = [];
  for (const recipientProviderId of recipients) {
    const c = await worker.post<{ id: string; version: number }>(`/clients/${client.body.id}/consents`, {
      purpose: 'referral-share',
      serviceId,
      recipientProviderId,
      sharedFields,
      givenAt: hoursAgo(w.rt, 1),
    });
    if (c.status !== 201) throw new Error(`consent: ${c.status} ${JSON.stringify(c.body)}`);
    consents.push(c.body);
  }
  await w.rt.settle();
  return { clientId: client.body.id, consents };
};
