// The signed-in worker's secret for records waiting on their phone (issue 22 item 3). The console
// keeps an ECDH key pair per worker on the device: the public key in the clear (a record saved
// without signal is sealed with it), the private key only wrapped with a key derived from this
// secret. The secret is an HMAC of the region's secret (the one subject keys use), the provider
// and the worker: stored nowhere, the same for the same worker every time, another for anyone else.
// A worker the provider has deactivated gets none: what waits on their phone stays closed.
import { createHmac } from 'node:crypto';
import { directoryRoutes as r } from '@spolu/contracts';
import { forbidden, httpApi, implement } from '@spolu/platform';
import { createStore } from '../store';

/** The region's default when the provider has not set its own (1-168 hours). */
export const defaultOfflineHours = 72;

export const offlineKey = (secret: string, tenantId: string, workerId: string) => {
  if (!secret) throw new Error('subject key secret is not configured');
  return createHmac('sha256', secret).update(`offline|${tenantId}|${workerId}`).digest('base64url');
};

export const handler = httpApi('directory', (env) => {
  const store = createStore(env);
  return [
    implement(r.getOfflineKey, async ({ tenant, auth, audit }) => {
      const tenantId = tenant();
      const [worker, provider] = await Promise.all([
        store.getWorker(tenantId, auth.userId),
        store.getProvider(tenantId),
      ]);
      if (worker && !worker.active) throw forbidden('this worker is no longer active');
      audit({ action: 'read', recordType: 'offline-key', recordId: auth.userId });
      return {
        body: {
          key: offlineKey(env.subjectKeySecret, tenantId, auth.userId),
          offlineHours: provider?.offlineHours ?? defaultOfflineHours,
        },
      };
    }),
  ];
});
