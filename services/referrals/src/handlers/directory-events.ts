// The referrals read model of the directory's services and partner clients, learned from directory
// events only (never the directory's table): everything matching and expiry need, and whether a
// partner system may still act for its provider.
import type { AnyEnvelope } from '@spolu/contracts';
import { directoryEvents } from '@spolu/contracts';
import type { ConsumerContext } from '@spolu/platform';
import { eventConsumer } from '@spolu/platform';
import { serviceView } from '../domain/service-view';
import { createStore } from '../store';

export const handler = eventConsumer('referrals', (env) => {
  const store = createStore(env);
  const apply = async (event: AnyEnvelope, { tx, log }: ConsumerContext) => {
    const { service } = directoryEvents.ServiceUpdated.data.parse(event.data);
    const current = await store.getService(service.providerId, service.id);
    const next = serviceView(service, event.subject.revision);
    if (current && current.revision >= next.revision) {
      log.info('stale service event skipped', { serviceId: service.id, revision: next.revision });
      return;
    }
    store.putService(tx, next);
  };
  const applyPartner = async (event: AnyEnvelope, { tx, log }: ConsumerContext) => {
    const { partnerClient } = directoryEvents.PartnerClientUpdated.data.parse(event.data);
    const current = await store.getPartnerClient(partnerClient.providerId, partnerClient.id);
    if (current && current.revision >= event.subject.revision) {
      log.info('stale partner client event skipped', { partnerClientId: partnerClient.id });
      return;
    }
    store.putPartnerClient(tx, {
      id: partnerClient.id,
      providerId: partnerClient.providerId,
      status: partnerClient.status,
      revision: event.subject.revision,
    });
  };
  return {
    ServiceRegistered: apply,
    ServiceUpdated: apply,
    CapacityChanged: apply,
    PartnerClientRegistered: applyPartner,
    PartnerClientUpdated: applyPartner,
  };
});
