import { directoryEvents as ev, directoryRoutes as r, newId } from '@spolu/contracts';
import { httpApi, implement, notFound, subjectOf } from '@spolu/platform';
import { changeAvailability, changeService, newService } from '../domain/records';
import { matchesSearch } from '../domain/search';
import { serviceSnapshot } from '../domain/snapshots';
import { createStore } from '../store';

export const handler = httpApi('directory', (env) => {
  const store = createStore(env);

  const ownService = async (providerId: string, serviceId: string) => {
    const service = await store.getService(providerId, serviceId);
    if (!service) throw notFound('service');
    return service;
  };

  return [
    implement(r.searchServices, async ({ query }) => {
      const { limit, cursor, ...filters } = query;
      return {
        body: await store.searchServices(env.region, { limit, cursor }, (s) => matchesSearch(s, filters)),
      };
    }),

    implement(r.registerService, async ({ body, tenant, tx }) => {
      const provider = await store.getProvider(tenant());
      if (!provider) throw notFound('provider');
      const service = newService(body, provider, { id: newId(), now: env.now() });
      store.createService(tx, service);
      tx.emit(ev.ServiceRegistered, {
        tenantId: provider.id,
        subject: subjectOf('service', service),
        data: { service: serviceSnapshot(service) },
      });
      return { status: 201, body: service };
    }),

    implement(r.getService, async ({ params }) => {
      const service = await store.findServiceInRegion(env.region, params.serviceId);
      if (!service) throw notFound('service');
      return { body: service };
    }),

    implement(r.updateService, async ({ params, body, tenant, ifMatch, tx }) => {
      const current = await ownService(tenant(), params.serviceId);
      const service = changeService(current, body, env.now());
      store.replaceService(tx, service, ifMatch);
      tx.emit(ev.ServiceUpdated, {
        tenantId: service.providerId,
        subject: subjectOf('service', service),
        data: { service: serviceSnapshot(service) },
      });
      return { body: service };
    }),

    implement(r.setAvailability, async ({ params, body, tenant, ifMatch, tx }) => {
      const current = await ownService(tenant(), params.serviceId);
      const service = changeAvailability(current, body, env.now());
      store.replaceService(tx, service, ifMatch);
      tx.emit(ev.CapacityChanged, {
        tenantId: service.providerId,
        subject: subjectOf('service', service),
        data: { service: serviceSnapshot(service) },
      });
      return { body: service };
    }),
  ];
});
