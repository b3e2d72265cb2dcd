// Intake follows the plans service's key worker: when a plan names a key worker (or hands the
// client over to another), the client file and the agreement the plan serves name them too. Each
// event is applied once (the consumer's inbox), and an older event arriving after a newer one for
// the same plan changes nothing. No AgreementChanged is emitted: the change came from plans, and
// KeyWorkerAssigned already told everyone who listens.
import { plansEvents } from '@spolu/contracts';
import type { intake } from '@spolu/contracts';
import { eventConsumer } from '@spolu/platform';
import { followKeyWorker, isNewer } from '../domain/key-worker';
import { createStore } from '../store';

export const handler = eventConsumer('intake', (env) => {
  const store = createStore(env);
  return {
    KeyWorkerAssigned: async (event, { tx, log }) => {
      const data = plansEvents.KeyWorkerAssigned.data.parse(event.data);
      const t = event.tenantId;
      const revision = event.subject.revision;
      if (!isNewer(revision, await store.keyWorkerRevision(t, data.planId))) {
        log.info('older key worker event skipped', { planId: data.planId, revision });
        return;
      }
      const client = await store.getClient(t, data.clientId);
      if (!client) {
        log.info('key worker for an unknown client', { clientId: data.clientId });
        return;
      }
      // The plan's agreement; events from before plans named it: the active one at the service.
      const agreement = data.agreementId
        ? await store.getChild<intake.Agreement>(t, client.id, 'agreement', data.agreementId)
        : (await store.listChildren<intake.Agreement>(t, client.id, 'agreement', { limit: 1000 })).items.find(
            (a) => a.serviceId === data.serviceId && a.status === 'active',
          );
      const next = followKeyWorker(client, agreement, data.keyWorkerId, env.now());
      if (next.client) store.replaceClient(tx, next.client, client.version);
      if (next.agreement && agreement)
        store.replaceChild(
          tx,
          t,
          client.id,
          'agreement',
          agreement.madeAt,
          next.agreement,
          agreement.version,
        );
      store.putKeyWorkerRevision(tx, t, data.planId, revision);
    },
  };
});
