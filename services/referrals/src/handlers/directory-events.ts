// The referrals read model of the directory's services and partner clients, learned from directory
// events only (never the directory's table): everything matching and expiry need, and whether a
// partner system may still act for its provider.
import type { AnyEnvelope } from '@spolu/contracts';
import { directoryEvents } from '@spolu/contracts';
import type { ConsumerContext } from '@spolu/platform';
import { directoryServiceHandlers, eventConsumer, keepNewest } from '@spolu/platform';
import { serviceView } from '../domain/service-view';
import { createStore } from '../store';

export const handler = eventConsumer('referrals', (env) => {
  const store = createStore(env);
  const applyPartner = async (event: AnyEnvelope, ctx: ConsumerContext) => {
    const { partnerClient } = directoryEvents.PartnerClientUpdated.data.parse(event.data);
    const revision = event.subject.revision;
    const stored = await store.getPartnerClient(partnerClient.providerId, partnerClient.id);
    const { id, providerId, status } = partnerClient;
    keepNewest(
      ctx,
      stored,
      revision,
      (tx) => store.putPartnerClient(tx, { id, providerId, status, revision }),
      {
        partnerClientId: id,
      },
    );
  };
  return {
    ...directoryServiceHandlers({
      stored: (service) => store.getService(service.providerId, service.id),
      put: (tx, service, revision) => store.putService(tx, serviceView(service, revision)),
    }),
    PartnerClientRegistered: applyPartner,
    PartnerClientUpdated: applyPartner,
  };
});
