// Seeds a partner integration for the first provider that has an admin: a registered partner
// system (directory), its inbound signing secret, and a webhook subscription to contact and
// service events. The endpoint is a loopback port nothing listens on: the sender's queue attempts
// each delivery as its event arrives, and the delivery log shows the failed attempts and retries.
import { call, expectStatus } from '../api-client';
import type { RegionRuntime } from '../runtime';
import type { SeededDirectory } from './seed-directory';

export interface SeededWebhooks {
  partnerClientId?: string;
  subscriptionId?: string;
}

export const seedWebhooks = async (rt: RegionRuntime, seeded: SeededDirectory): Promise<SeededWebhooks> => {
  const admin = seeded.users.find((u) => u.tenantId && u.roles.includes('provider-admin'));
  if (!admin) return {};
  const token = await rt.token(admin);
  const api = <T>(path: string, body: unknown, what: string) =>
    call<T>(rt, 'POST', path, { token, body }).then((res) => expectStatus(res, 201, what));

  const partner = await api<{ id: string }>(
    '/partner-clients',
    {
      name: 'Krajská nemocnice – ambulance adiktologie',
      description: 'Objednávky a potvrzení návštěv z nemocničního systému',
      scopes: ['spolu/clients.write', 'spolu/referrals.write'],
    },
    'partner client',
  );
  await rt.settle(); // the webhooks service learns partner clients from directory events
  await api(`/webhooks/partner-clients/${partner.id}/inbound-secrets`, undefined, 'inbound secret');
  const subscription = await api<{ id: string }>(
    '/webhooks/subscriptions',
    {
      // A loopback port nothing listens on (the local runtime allows loopback receivers): the demo
      // shows failing deliveries without sending the seeded caseload's events off this machine.
      url: 'http://127.0.0.1:9/spolu/webhooks',
      eventTypes: ['ContactRecorded', 'ServiceUpdated', 'CapacityChanged'],
      description: 'Nemocniční CRM: kontakty a volná kapacita',
    },
    'webhook subscription',
  );
  return { partnerClientId: partner.id, subscriptionId: subscription.id };
};
