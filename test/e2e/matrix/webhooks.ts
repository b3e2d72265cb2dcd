// Matrix fixtures for the webhooks service. Endpoint URLs are public IP literals (TEST-NET-3):
// they pass the SSRF check without DNS and never answer; the tests that check what refused calls
// write let the deliveries' first retries run before they look (settleWorld in world.ts).
import { Scopes, newId } from '@spolu/contracts';
import { Webhook } from 'standardwebhooks';
import type { MatrixWorld, RouteFixture } from './fixtures';
import { created, hoursAgo, ifMatch, newPartnerClient } from './fixtures';

const ownCreate = "creates a subscription in the caller's own tenant; nothing of tenant A is referenced";
const ownList = "a tenant-scoped list: the caller sees only its own provider's subscriptions";

const newSubscription = (w: MatrixWorld) =>
  created(
    'a webhook subscription',
    w.adminA.post('/webhooks/subscriptions', {
      url: `https://93.184.216.34/hooks/${newId()}`,
      eventTypes: ['ServiceRegistered'],
      description: 'Matrix partner CRM',
    }),
    w,
  );
const newPing = async (w: MatrixWorld) => {
  const sub = await newSubscription(w);
  return created('a webhook ping', w.adminA.post(`/webhooks/subscriptions/${sub.id}/pings`), w);
};

export const webhooksFixtures: Record<string, RouteFixture> = {
  'webhooks.createSubscription': {
    build: async () => ({
      body: { url: 'https://93.184.216.34/hooks/new', eventTypes: ['ServiceRegistered'] },
    }),
    allow: { tenantB: ownCreate },
  },
  'webhooks.listSubscriptions': {
    build: async (w) => {
      await newSubscription(w);
      return { query: { limit: '100' } };
    },
    allow: { tenantB: ownList },
  },
  'webhooks.getSubscription': {
    build: async (w) => ({ params: { subscriptionId: (await newSubscription(w)).id } }),
  },
  'webhooks.updateSubscription': {
    build: async (w) => ({
      params: { subscriptionId: (await newSubscription(w)).id },
      body: { description: 'Matrix změna' },
      headers: ifMatch(1),
    }),
  },
  'webhooks.rotateSecret': {
    build: async (w) => ({
      params: { subscriptionId: (await newSubscription(w)).id },
      body: { overlapHours: 1 },
    }),
  },
  'webhooks.pingSubscription': {
    build: async (w) => ({ params: { subscriptionId: (await newSubscription(w)).id } }),
  },
  'webhooks.listDeliveries': {
    build: async (w) => ({ params: { subscriptionId: (await newSubscription(w)).id } }),
  },
  'webhooks.replaySince': {
    build: async (w) => ({
      params: { subscriptionId: (await newSubscription(w)).id },
      body: { since: hoursAgo(w, 1) },
    }),
  },
  'webhooks.listAttempts': {
    build: async (w) => ({ params: { deliveryId: (await newPing(w)).id } }),
  },
  'webhooks.redeliver': {
    build: async (w) => ({ params: { deliveryId: (await newPing(w)).id } }),
  },
  'webhooks.createInboundSecret': {
    build: async (w) => {
      const partner = await newPartnerClient(w);
      await w.rt.settle(); // the webhooks service learns partner clients from directory events
      return { params: { partnerClientId: partner.id } };
    },
  },
  'webhooks.receiveInbound': {
    build: async (w) => {
      const partner = await newPartnerClient(w);
      await w.rt.settle();
      const issued = await w.adminA.post<{ secret: string }>(
        `/webhooks/partner-clients/${partner.id}/inbound-secrets`,
      );
      if (issued.status !== 201) throw new Error(`matrix fixture: inbound secret ${issued.status}`);
      const body = {
        type: 'appointment.attended',
        timestamp: new Date().toISOString(),
        data: { subjectType: 'appointment', subjectId: newId(), occurredAt: hoursAgo(w, 1) },
      };
      const msgId = `msg_${newId()}`;
      // Signed at build time; the matrix finishes well inside the 5-minute tolerance.
      const at = new Date();
      return {
        params: { partnerClientId: partner.id },
        body,
        headers: {
          'webhook-id': msgId,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': new Webhook(issued.body.secret).sign(msgId, at, JSON.stringify(body)),
        },
      };
    },
    // A partner system's token: role partner with the write scopes its grant holds.
    ownerRoles: ['partner'],
    ownerScopes: [Scopes.clientsWrite, Scopes.referralsWrite],
  },
};
