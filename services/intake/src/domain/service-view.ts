import type { DataOf, directoryEvents, intake } from '@spolu/contracts';

type ServiceSnapshot = DataOf<typeof directoryEvents.ServiceUpdated>['service'];

/** What intake keeps of a directory service. */
export const serviceView = (s: ServiceSnapshot, revision: number): intake.ServiceView => ({
  id: s.id,
  providerId: s.providerId,
  type: s.type,
  targetGroups: s.targetGroups,
  districts: s.districts,
  fieldPlaces: s.fieldPlaces,
  locationDistricts: s.locations.map((l) => l.district),
  ...(s.fieldPlaceDistricts ? { fieldPlaceDistricts: s.fieldPlaceDistricts } : {}),
  anonymousMode: s.anonymousMode,
  ageMin: s.ageMin,
  ageMax: s.ageMax,
  ...(s.ageLimitsStrict ? { ageLimitsStrict: true } : {}),
  active: s.active,
  revision,
});
