// Read models of another service's records, kept from its events only (never its table). Events
// can arrive twice or out of order, so a row is replaced only by a newer revision of the same
// record (the envelope's subject revision); an older one is logged and skipped.
import type { AnyEnvelope, DataOf } from '@spolu/contracts';
import { directoryEvents } from '@spolu/contracts';
import type { ConsumerContext, EventHandler } from './consumer';
import type { UnitOfWork } from './dynamo/tx';

/** Replaces the row unless the stored one is as new or newer; answers whether it wrote. */
export const keepNewest = (
  { tx, log }: ConsumerContext,
  stored: { revision: number } | undefined,
  revision: number,
  write: (tx: UnitOfWork) => void,
  what: Record<string, string | number>,
): boolean => {
  if (stored && stored.revision >= revision) {
    log.info('stale event skipped', { ...what, revision });
    return false;
  }
  write(tx);
  return true;
};

export type DirectoryService = DataOf<typeof directoryEvents.ServiceUpdated>['service'];

/** A service's own view of the directory's services, from the three events that carry one. */
export const directoryServiceHandlers = (rows: {
  stored: (service: DirectoryService) => Promise<{ revision: number } | undefined>;
  put: (tx: UnitOfWork, service: DirectoryService, revision: number) => void;
}): Record<'ServiceRegistered' | 'ServiceUpdated' | 'CapacityChanged', EventHandler> => {
  const apply = async (event: AnyEnvelope, ctx: ConsumerContext) => {
    const { service } = directoryEvents.ServiceUpdated.data.parse(event.data);
    const revision = event.subject.revision;
    keepNewest(ctx, await rows.stored(service), revision, (tx) => rows.put(tx, service, revision), {
      serviceId: service.id,
    });
  };
  return { ServiceRegistered: apply, ServiceUpdated: apply, CapacityChanged: apply };
};
