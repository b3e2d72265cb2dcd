import { directoryEvents as ev, directoryRoutes as r, newId } from '@spolu/contracts';
import { httpApi, implement, notFound, subjectOf } from '@spolu/platform';
import { assertWorkerServicesBelong, changeWorker, newWorker } from '../domain/records';
import { partnerClientSnapshot, workerSnapshot } from '../domain/snapshots';
import { createStore } from '../store';

export const handler = httpApi('directory', (env) => {
  const store = createStore(env);

  const checkServices = async (providerId: string, serviceIds: string[] | undefined) => {
    if (!serviceIds?.length) return;
    const { items } = await store.listOwnServices(providerId);
    assertWorkerServicesBelong(serviceIds, new Set(items.map((s) => s.id)));
  };

  return [
    implement(r.listWorkers, async ({ query, tenant }) => ({
      body: await store.listWorkers(tenant(), query),
    })),

    implement(r.addWorker, async ({ body, tenant, tx }) => {
      await checkServices(tenant(), body.serviceIds);
      const worker = newWorker(body, tenant(), { id: newId(), now: env.now() });
      store.createWorker(tx, worker);
      tx.emit(ev.WorkerAdded, {
        tenantId: worker.providerId,
        subject: subjectOf('worker', worker),
        data: { worker: workerSnapshot(worker) },
      });
      return { status: 201, body: worker };
    }),

    implement(r.getWorker, async ({ params, tenant }) => {
      const worker = await store.getWorker(tenant(), params.workerId);
      if (!worker) throw notFound('worker');
      return { body: worker };
    }),

    implement(r.updateWorker, async ({ params, body, tenant, ifMatch, tx }) => {
      const current = await store.getWorker(tenant(), params.workerId);
      if (!current) throw notFound('worker');
      await checkServices(tenant(), body.serviceIds);
      const worker = changeWorker(current, body, env.now());
      store.replaceWorker(tx, worker, ifMatch);
      tx.emit(ev.WorkerUpdated, {
        tenantId: worker.providerId,
        subject: subjectOf('worker', worker),
        data: { worker: workerSnapshot(worker) },
      });
      return { body: worker };
    }),

    implement(r.listPartnerClients, async ({ query, tenant }) => ({
      body: await store.listPartnerClients(tenant(), query),
    })),

    implement(r.registerPartnerClient, async ({ body, tenant, tx }) => {
      const now = env.now().toISOString();
      const partner = {
        ...body,
        id: newId(),
        providerId: tenant(),
        status: 'active' as const,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      store.createPartnerClient(tx, partner);
      tx.emit(ev.PartnerClientRegistered, {
        tenantId: partner.providerId,
        subject: subjectOf('partner-client', partner),
        data: { partnerClient: partnerClientSnapshot(partner) },
      });
      return { status: 201, body: partner };
    }),

    implement(r.updatePartnerClient, async ({ params, body, tenant, ifMatch, tx }) => {
      const current = await store.getPartnerClient(tenant(), params.partnerClientId);
      if (!current) throw notFound('partner client');
      const partner = {
        ...current,
        ...body,
        version: current.version + 1,
        updatedAt: env.now().toISOString(),
      };
      store.replacePartnerClient(tx, partner, ifMatch);
      tx.emit(ev.PartnerClientUpdated, {
        tenantId: partner.providerId,
        subject: subjectOf('partner-client', partner),
        data: { partnerClient: partnerClientSnapshot(partner) },
      });
      return { body: partner };
    }),
  ];
});
