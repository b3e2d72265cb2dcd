import type { DataOf, directoryEvents, referrals } from '@spolu/contracts';

type ServiceSnapshot = DataOf<typeof directoryEvents.ServiceUpdated>['service'];

/** What referrals keeps of a directory service: everything matching and expiry need. */
export const serviceView = (s: ServiceSnapshot, revision: number): referrals.ServiceView => ({
  id: s.id,
  providerId: s.providerId,
  providerName: s.providerName,
  region: s.region,
  name: s.name,
  type: s.type,
  targetGroups: s.targetGroups,
  ageMin: s.ageMin,
  ageMax: s.ageMax,
  districts: s.districts,
  needCodes: s.needCodes ?? [],
  hours: (s.hours ?? []).map((h) => ({ day: h.day, opens: h.opens, closes: h.closes })),
  capacity: s.availability.capacity,
  waitingDays: s.availability.waitingDays,
  acceptingReferrals: s.availability.acceptingReferrals,
  referralResponseDays: s.referralResponseDays ?? 14,
  active: s.active,
  revision,
});
