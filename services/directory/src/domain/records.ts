// Pure construction and change of directory records. No AWS imports: the handlers load and
// store, these functions decide.
import type { directory, RegionCode } from '@spolu/contracts';
import { isDistrictInRegion } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';

type Service = directory.Service;
type Provider = directory.Provider;
type Worker = directory.Worker;

interface Stamp {
  id: string;
  now: Date;
}

const created = ({ now }: Stamp) => ({
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});
const bumped = <T extends { version: number }>(record: T, now: Date) => ({
  version: record.version + 1,
  updatedAt: now.toISOString(),
});

/** Services may only serve districts of the region the platform runs for. */
export const assertDistrictsInRegion = (
  fields: {
    districts?: string[];
    locations?: { district: string }[];
    fieldPlaceDistricts?: Record<string, string>;
    fieldPlaceDetails?: Record<string, { district?: string }>;
  },
  region: RegionCode,
) => {
  const outside = [
    ...(fields.districts ?? []),
    ...(fields.locations ?? []).map((l) => l.district),
    ...Object.values(fields.fieldPlaceDistricts ?? {}),
    ...Object.values(fields.fieldPlaceDetails ?? {}).flatMap((d) => (d.district ? [d.district] : [])),
  ].filter((d) => !isDistrictInRegion(d, region));
  if (outside.length > 0)
    throw new DomainRuleViolation(
      'district-outside-region',
      `districts outside region ${region}: ${[...new Set(outside)].join(', ')}`,
      'body.districts',
    );
};

/** A field place's district is given for one of the service's own field places. */
const assertFieldPlaceDistricts = (s: {
  fieldPlaces: string[];
  fieldPlaceDistricts?: Record<string, string>;
  fieldPlaceDetails?: Record<string, directory.FieldPlaceDetail>;
}) => {
  const unknown = Object.keys(s.fieldPlaceDistricts ?? {}).filter((p) => !s.fieldPlaces.includes(p));
  if (unknown.length > 0)
    throw new DomainRuleViolation(
      'unknown-field-place',
      `not among the service's field places: ${unknown.join(', ')}`,
      'body.fieldPlaceDistricts',
    );
  assertFieldPlaceDetails(s);
};

/** A described field place is one of the service's own; a town comes with its district (statistics
 * count a contact without a client in its place's district), and the district agrees with the
 * one fieldPlaceDistricts gives the same place. */
const assertFieldPlaceDetails = (s: {
  fieldPlaces: string[];
  fieldPlaceDistricts?: Record<string, string>;
  fieldPlaceDetails?: Record<string, directory.FieldPlaceDetail>;
}) => {
  for (const [place, detail] of Object.entries(s.fieldPlaceDetails ?? {})) {
    if (!s.fieldPlaces.includes(place))
      throw new DomainRuleViolation(
        'unknown-field-place',
        `not among the service's field places: ${place}`,
        'body.fieldPlaceDetails',
      );
    if ((detail.town === undefined) !== (detail.district === undefined))
      throw new DomainRuleViolation(
        'field-place-town',
        `a field place's town comes with its district (${place})`,
        'body.fieldPlaceDetails',
      );
    const listed = s.fieldPlaceDistricts?.[place];
    if (listed && detail.district && listed !== detail.district)
      throw new DomainRuleViolation(
        'field-place-district-mismatch',
        `${place}: the town's district ${detail.district} differs from fieldPlaceDistricts (${listed})`,
        'body.fieldPlaceDetails',
      );
  }
};

export const newProvider = (
  body: Omit<z.output<typeof directory.RegisterProviderBody>, 'firstAdmin'>,
  region: RegionCode,
  stamp: Stamp,
): Provider => ({ ...body, id: stamp.id, region, ...created(stamp) });

export const changeProvider = (
  provider: Provider,
  patch: z.output<typeof directory.UpdateProviderBody>,
  now: Date,
): Provider => ({ ...provider, ...patch, ...bumped(provider, now) });

export const newService = (
  body: z.output<typeof directory.RegisterServiceBody>,
  provider: Provider,
  stamp: Stamp,
): Service => {
  assertDistrictsInRegion(body, provider.region);
  assertFieldPlaceDistricts(body);
  return {
    ...body,
    id: stamp.id,
    providerId: provider.id,
    providerName: provider.name,
    region: provider.region,
    active: true,
    ...created(stamp),
  };
};

export const changeService = (
  service: Service,
  patch: z.output<typeof directory.UpdateServiceBody>,
  now: Date,
): Service => {
  assertDistrictsInRegion(patch, service.region);
  const next = { ...service, ...patch };
  if (next.ageMin > next.ageMax)
    throw new DomainRuleViolation('age-range', 'ageMin must not exceed ageMax', 'body.ageMax');
  assertFieldPlaceDistricts(next);
  return { ...next, ...bumped(service, now) };
};

export const changeAvailability = (
  service: Service,
  availability: directory.Availability,
  now: Date,
): Service => ({
  ...service,
  availability,
  ...bumped(service, now),
});

export const newWorker = (
  body: z.output<typeof directory.AddWorkerBody>,
  providerId: string,
  stamp: Stamp,
): Worker => ({ ...body, id: stamp.id, providerId, active: true, ...created(stamp) });

export const changeWorker = (
  worker: Worker,
  patch: z.output<typeof directory.UpdateWorkerBody>,
  now: Date,
): Worker => ({ ...worker, ...patch, ...bumped(worker, now) });

export const assertWorkerServicesBelong = (serviceIds: string[], ownServiceIds: Set<string>) => {
  const foreign = serviceIds.filter((id) => !ownServiceIds.has(id));
  if (foreign.length > 0)
    throw new DomainRuleViolation(
      'service-not-own',
      `services not registered by this provider: ${foreign.join(', ')}`,
      'body.serviceIds',
    );
};
