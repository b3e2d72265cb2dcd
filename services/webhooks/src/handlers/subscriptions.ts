import { newId, webhooksRoutes as r } from '@spolu/contracts';
import type { webhooks } from '@spolu/contracts';
import { DomainRuleViolation, conflict, forbidden, httpApi, implement, notFound } from '@spolu/platform';
import { newDelivery, pingPayload } from '../domain/deliveries';
import type { StoredSecret } from '../domain/signing';
import { newSecret } from '../domain/signing';
import { createStore } from '../store';
import { assertEndpointAllowed, assertKnownTypes, maxSubscriptionsPerProvider } from './common';
import { enqueueDeliveries, messageOf } from './queue';

export const handler = httpApi('webhooks', (env) => {
  const store = createStore(env);
  const now = () => env.now().toISOString();
  const own = async (t: string, id: string) => {
    const found = await store.getSubscriptionWithSecrets(t, id);
    if (!found) throw notFound('subscription');
    return found;
  };

  return [
    implement(r.createSubscription, async ({ body, tenant, tx }) => {
      const t = tenant();
      assertKnownTypes(body.eventTypes);
      await assertEndpointAllowed(env, body.url);
      if ((await store.allSubscriptions(t)).length >= maxSubscriptionsPerProvider)
        throw new DomainRuleViolation(
          'too-many-subscriptions',
          `a provider has at most ${maxSubscriptionsPerProvider} subscriptions`,
        );
      const at = now();
      const sub: webhooks.Subscription = {
        id: newId(),
        providerId: t,
        url: body.url,
        eventTypes: [...new Set(body.eventTypes)],
        ...(body.description ? { description: body.description } : {}),
        ...(body.filter ? { filter: body.filter } : {}),
        ...(body.payload ? { payload: body.payload } : {}),
        enabled: body.enabled,
        ...(body.enabled ? {} : { disabledReason: 'manual' as const, disabledAt: at }),
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      const secret = newSecret();
      store.createSubscription(tx, sub, [{ secret }]);
      return { status: 201, body: { ...sub, secret } };
    }),

    implement(r.listSubscriptions, async ({ query, tenant }) => ({
      body: await store.listSubscriptions(tenant(), query),
    })),

    implement(r.getSubscription, async ({ params, tenant }) => ({
      body: (await own(tenant(), params.subscriptionId)).subscription,
    })),

    implement(r.updateSubscription, async ({ params, body, tenant, tx, ifMatch }) => {
      const { subscription: current, secrets } = await own(tenant(), params.subscriptionId);
      if (body.eventTypes) assertKnownTypes(body.eventTypes);
      if (body.url && body.url !== current.url) await assertEndpointAllowed(env, body.url);
      const at = now();
      const { disabledReason: _r, disabledAt: _a, ...rest } = current;
      const enabled = body.enabled ?? current.enabled;
      const next: webhooks.Subscription = {
        ...rest,
        ...(body.url ? { url: body.url } : {}),
        ...(body.eventTypes ? { eventTypes: [...new Set(body.eventTypes)] } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.filter ? { filter: body.filter } : {}),
        ...(body.payload ? { payload: body.payload } : {}),
        enabled,
        // Re-enabling clears why it was off; switching off by hand records 'manual'.
        ...(enabled
          ? {}
          : body.enabled === false && current.enabled
            ? { disabledReason: 'manual' as const, disabledAt: at }
            : { disabledReason: current.disabledReason, disabledAt: current.disabledAt }),
        version: current.version + 1,
        updatedAt: at,
      };
      store.replaceSubscription(tx, next, secrets, ifMatch);
      return { body: next };
    }),

    implement(r.rotateSecret, async ({ params, body, tenant, tx }) => {
      const { subscription: current, secrets } = await own(tenant(), params.subscriptionId);
      const at = env.now();
      const secret = newSecret();
      const old = secrets.find((s) => !s.validUntil);
      const validUntil = new Date(at.getTime() + body.overlapHours * 3_600_000).toISOString();
      // One overlap at a time: a second rotation ends the older overlap at once.
      const kept: StoredSecret[] = old && body.overlapHours > 0 ? [{ secret: old.secret, validUntil }] : [];
      const { previousSecretValidUntil: _p, ...rest } = current;
      const next: webhooks.Subscription = {
        ...rest,
        ...(kept.length > 0 ? { previousSecretValidUntil: validUntil } : {}),
        secretRotatedAt: at.toISOString(),
        version: current.version + 1,
        updatedAt: at.toISOString(),
      };
      store.replaceSubscription(tx, next, [{ secret }, ...kept], current.version);
      return { status: 201, body: { ...next, secret } };
    }),

    implement(r.pingSubscription, async ({ params, tenant, tx }) => {
      const { subscription } = await own(tenant(), params.subscriptionId);
      if (!subscription.enabled) throw conflict('the subscription is disabled; enable it first');
      const at = now();
      const row = newDelivery(newId(), subscription, 'webhook.ping', pingPayload(subscription.id, at), at);
      store.createDelivery(tx, row);
      tx.afterCommit(() => enqueueDeliveries(env, [messageOf(row)]));
      return { status: 201, body: row.delivery };
    }),

    implement(r.createInboundSecret, async ({ params, tenant, tx }) => {
      const t = tenant();
      const found = await store.getPartner(t, params.partnerClientId);
      if (!found) throw notFound('partner client');
      if (found.partner.status !== 'active') throw forbidden('the partner client is revoked');
      const secret = newSecret();
      // Rotation: the previous inbound secret stays valid for a day so the partner can switch.
      const current = found.inboundSecrets.find((s) => !s.validUntil);
      const validUntil = new Date(env.now().getTime() + 24 * 3_600_000).toISOString();
      store.putPartner(tx, found.partner, [
        { secret },
        ...(current ? [{ secret: current.secret, validUntil }] : []),
      ]);
      return { status: 201, body: { partnerClientId: found.partner.id, secret, createdAt: now() } };
    }),
  ];
});
