import type { DataOf, directoryEvents, intake } from '@spolu/contracts';

type ServiceSnapshot = DataOf<typeof directoryEvents.ServiceUpdated>['service'];

/** A field place counts in the district fieldPlaceDistricts gives it, else in its town's district
 * (statistics count a contact without a client there). */
const fieldPlaceFacts = (s: ServiceSnapshot) => {
  const fromTowns = Object.entries(s.fieldPlaceDetails ?? {}).flatMap(([place, d]) =>
    d.district ? [[place, d.district] as const] : [],
  );
  const districts = { ...Object.fromEntries(fromTowns), ...s.fieldPlaceDistricts };
  return {
    ...(Object.keys(districts).length > 0 ? { fieldPlaceDistricts: districts } : {}),
    ...(s.fieldPlaceDetails ? { fieldPlaceDetails: s.fieldPlaceDetails } : {}),
  };
};

/** What intake keeps of a directory service. */
export const serviceView = (s: ServiceSnapshot, revision: number): intake.ServiceView => ({
  id: s.id,
  providerId: s.providerId,
  type: s.type,
  targetGroups: s.targetGroups,
  districts: s.districts,
  fieldPlaces: s.fieldPlaces,
  locationDistricts: s.locations.map((l) => l.district),
  ...fieldPlaceFacts(s),
  name: s.name,
  ...(s.locations[0] ? { address: s.locations[0].address } : {}),
  hours: s.hours.map(({ day, opens, closes }) => ({ day, opens, closes })),
  anonymousMode: s.anonymousMode,
  ageMin: s.ageMin,
  ageMax: s.ageMax,
  ...(s.ageLimitsStrict ? { ageLimitsStrict: true } : {}),
  active: s.active,
  revision,
});
