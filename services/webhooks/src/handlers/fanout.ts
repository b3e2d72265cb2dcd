// Every event of every other service becomes one delivery per matching subscription, written in
// the consumer's transaction (with its inbox marker), so an event is fanned out exactly once even
// when the bus delivers it twice. Once that transaction commits, each delivery is put on the
// sender's queue, which sends it at once (push; no schedule to wait for).
import type { AnyEnvelope } from '@spolu/contracts';
import { directoryEvents, newId } from '@spolu/contracts';
import type { ConsumerContext, EventHandler } from '@spolu/platform';
import { eventConsumer } from '@spolu/platform';
import { newDelivery } from '../domain/deliveries';
import { matches, payloadOf, recipientProviders } from '../domain/matching';
import type { DeliveryRow } from '../store';
import { createStore } from '../store';
import { deliverableEvents } from './common';
import { enqueueDeliveries, messageOf } from './queue';

export const handler = eventConsumer('webhooks', (env) => {
  const store = createStore(env);

  const fanOut: EventHandler = async (event: AnyEnvelope, { tx, log }: ConsumerContext) => {
    const at = env.now().toISOString();
    const created: DeliveryRow[] = [];
    for (const provider of recipientProviders(event)) {
      for (const sub of await store.allSubscriptions(provider)) {
        if (!matches(sub, event)) continue;
        const row = newDelivery(newId(), sub, event.type, payloadOf(event, sub.payload), at, event.id);
        store.createDelivery(tx, row);
        created.push(row);
      }
    }
    // Only after the commit: a message never names a delivery that is not there. A redelivered
    // event finds its inbox marker, fails the commit and queues nothing twice.
    if (created.length > 0)
      tx.afterCommit(() =>
        enqueueDeliveries(
          env,
          created.map((row) => messageOf(row)),
        ),
      );
    log.debug('fanned out', { type: event.type, deliveries: created.length });
  };

  // The partner-client read model: inbound requests are checked against it (tenant, status).
  const partnerClient: EventHandler = async (event, ctx) => {
    await fanOut(event, ctx);
    const { partnerClient: p } = directoryEvents.PartnerClientUpdated.data.parse(event.data);
    const current = await store.getPartner(p.providerId, p.id);
    if (current && current.partner.revision >= event.subject.revision) return;
    store.putPartner(
      ctx.tx,
      {
        id: p.id,
        providerId: p.providerId,
        scopes: p.scopes,
        status: p.status,
        revision: event.subject.revision,
      },
      current?.inboundSecrets ?? [],
    );
  };

  const handlers: Record<string, EventHandler> = {};
  for (const contract of deliverableEvents()) handlers[contract.type] = fanOut;
  handlers.PartnerClientRegistered = partnerClient;
  handlers.PartnerClientUpdated = partnerClient;
  return handlers;
});
