// Referrals tells the sender when a receiving provider opens a share package about one of its
// clients: kept with the client so the data-subject export lists who read what was shared.
import { referralsEvents } from '@spolu/contracts';
import { eventConsumer } from '@spolu/platform';
import { createStore } from '../store';

export const handler = eventConsumer('intake', (env) => {
  const store = createStore(env);
  return {
    SharePackageRead: async (event, { tx }) => {
      const d = referralsEvents.SharePackageRead.data.parse(event.data);
      // Only the sender's own client: the envelope's tenant is the sender.
      if (d.senderProviderId !== event.tenantId) return;
      store.putPackageRead(tx, event.tenantId, d.clientId, {
        at: d.at,
        referralId: d.referralId,
        readerProviderId: d.readerProviderId,
        readerUserId: d.readerUserId,
        sharedFields: d.sharedFields,
      });
    },
  };
});
