import { directoryEvents as ev, directoryRoutes as r, newId } from '@spolu/contracts';
import { forbidden, httpApi, implement, notFound, subjectOf } from '@spolu/platform';
import { changeProvider, newProvider, newWorker } from '../domain/records';
import { providerSnapshot, serviceSnapshot, workerSnapshot } from '../domain/snapshots';
import { createStore } from '../store';

export const handler = httpApi('directory', (env) => {
  const store = createStore(env);
  return [
    implement(r.listProviders, async ({ query }) => ({ body: await store.listProviders(env.region, query) })),

    implement(r.registerProvider, async ({ body, tx }) => {
      const now = env.now();
      const { firstAdmin, ...fields } = body;
      const provider = newProvider(fields, env.region, { id: newId(), now });
      const admin = newWorker({ ...firstAdmin, roles: ['provider-admin'], serviceIds: [] }, provider.id, {
        id: newId(),
        now,
      });
      store.createProvider(tx, provider);
      store.createWorker(tx, admin);
      tx.emit(ev.ProviderRegistered, {
        tenantId: provider.id,
        subject: subjectOf('provider', provider),
        data: { provider: providerSnapshot(provider) },
      });
      tx.emit(ev.WorkerAdded, {
        tenantId: provider.id,
        subject: subjectOf('worker', admin),
        data: { worker: workerSnapshot(admin) },
      });
      return { status: 201, body: provider };
    }),

    implement(r.getProvider, async ({ params }) => {
      const provider = await store.getProvider(params.providerId);
      if (!provider) throw notFound('provider');
      return { body: provider };
    }),

    implement(r.updateProvider, async ({ params, body, tenant, ifMatch, tx }) => {
      if (params.providerId !== tenant()) throw forbidden('you can change only your own provider');
      const current = await store.getProvider(params.providerId);
      if (!current) throw notFound('provider');
      const provider = changeProvider(current, body, env.now());
      store.replaceProvider(tx, provider, ifMatch);
      tx.emit(ev.ProviderUpdated, {
        tenantId: provider.id,
        subject: subjectOf('provider', provider),
        data: { provider: providerSnapshot(provider) },
      });
      // Services show their provider's name; keep it in step in the same transaction.
      if (provider.name !== current.name) {
        const { items: services } = await store.listOwnServices(provider.id);
        for (const service of services) {
          const renamed = { ...service, providerName: provider.name, version: service.version + 1 };
          store.replaceService(tx, renamed, service.version);
          tx.emit(ev.ServiceUpdated, {
            tenantId: provider.id,
            subject: subjectOf('service', renamed),
            data: { service: serviceSnapshot(renamed) },
          });
        }
      }
      return { body: provider };
    }),
  ];
});
