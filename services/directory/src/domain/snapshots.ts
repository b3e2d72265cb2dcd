// Event payloads: the record without timestamps (the envelope has occurredAt) and, for staff,
// without names or e-mails.
import type { directory } from '@spolu/contracts';

export const serviceSnapshot = ({ createdAt: _c, updatedAt: _u, ...rest }: directory.Service) => rest;
export const providerSnapshot = ({ createdAt: _c, updatedAt: _u, ...rest }: directory.Provider) => rest;
export const workerSnapshot = (w: directory.Worker) => ({
  id: w.id,
  providerId: w.providerId,
  roles: w.roles,
  serviceIds: w.serviceIds,
  active: w.active,
});
export const partnerClientSnapshot = (p: directory.PartnerClient) => ({
  id: p.id,
  providerId: p.providerId,
  scopes: p.scopes,
  status: p.status,
});
