// Directory events carry the public snapshot of the changed record (directory data is not client
// data), so other services can keep a read model without reading the directory's table.
import { StaffRole } from './schemas';
import { defineEvent } from '../events/envelope';
import { Ulid } from '../ids';
import * as z from 'zod';
import { PartnerScope, Provider, Service } from './schemas';

const ProviderSnapshot = Provider.omit({ createdAt: true, updatedAt: true });
const ServiceSnapshot = Service.omit({ createdAt: true, updatedAt: true });
// Workers are staff: events carry ids and roles, never names or e-mails.
const WorkerSnapshot = z.strictObject({
  id: Ulid,
  providerId: Ulid,
  roles: z.array(StaffRole),
  serviceIds: z.array(Ulid),
  active: z.boolean(),
});

export const ProviderRegistered = defineEvent({
  type: 'ProviderRegistered',
  version: 1,
  source: 'directory',
  description: 'A provider (tenant) joined the region.',
  data: z.strictObject({ provider: ProviderSnapshot }),
});
export const ProviderUpdated = defineEvent({
  type: 'ProviderUpdated',
  version: 1,
  source: 'directory',
  description: "A provider's name, address or contact changed.",
  data: z.strictObject({ provider: ProviderSnapshot }),
});
export const ServiceRegistered = defineEvent({
  type: 'ServiceRegistered',
  version: 1,
  source: 'directory',
  description: 'A provider registered a service.',
  data: z.strictObject({ service: ServiceSnapshot }),
});
export const ServiceUpdated = defineEvent({
  type: 'ServiceUpdated',
  version: 1,
  source: 'directory',
  description: "A service's description, hours, districts, target groups or settings changed.",
  data: z.strictObject({ service: ServiceSnapshot }),
});
export const CapacityChanged = defineEvent({
  type: 'CapacityChanged',
  version: 1,
  source: 'directory',
  description: "A service's capacity, waiting time or acceptance of referrals changed.",
  data: z.strictObject({ service: ServiceSnapshot }),
});
export const WorkerAdded = defineEvent({
  type: 'WorkerAdded',
  version: 1,
  source: 'directory',
  description: 'A worker joined a provider.',
  data: z.strictObject({ worker: WorkerSnapshot }),
});
export const WorkerUpdated = defineEvent({
  type: 'WorkerUpdated',
  version: 1,
  source: 'directory',
  description: "A worker's roles, services or active flag changed.",
  data: z.strictObject({ worker: WorkerSnapshot }),
});
export const PartnerClientRegistered = defineEvent({
  type: 'PartnerClientRegistered',
  version: 1,
  source: 'directory',
  description: 'A provider registered a partner system.',
  data: z.strictObject({
    partnerClient: z.strictObject({
      id: Ulid,
      providerId: Ulid,
      scopes: z.array(PartnerScope),
      status: z.enum(['active', 'revoked']),
    }),
  }),
});
export const PartnerClientUpdated = defineEvent({
  type: 'PartnerClientUpdated',
  version: 1,
  source: 'directory',
  description: "A partner system's scopes or status changed (revoked partners lose access).",
  data: PartnerClientRegistered.data,
});

export const directoryEvents = [
  ProviderRegistered,
  ProviderUpdated,
  ServiceRegistered,
  ServiceUpdated,
  CapacityChanged,
  WorkerAdded,
  WorkerUpdated,
  PartnerClientRegistered,
  PartnerClientUpdated,
] as const;
