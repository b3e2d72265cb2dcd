// The referrals read model of the directory's services, learned from directory events only
// (never the directory's table): everything matching and expiry need.
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
  return { ServiceRegistered: apply, ServiceUpdated: apply, CapacityChanged: apply };
});
