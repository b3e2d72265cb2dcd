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
  },
  region: RegionCode,
) => {
  const outside = [
    ...(fields.districts ?? []),
    ...(fields.locations ?? []).map((l) => l.district),
    ...Object.values(fields.fieldPlaceDistricts ?? {}),
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
}) => {
  const unknown = Object.keys(s.fieldPlaceDistricts ?? {}).filter((p) => !s.fieldPlaces.includes(p));
  if (unknown.length > 0)
    throw new DomainRuleViolation(
      'unknown-field-place',
      `not among the service's field places: ${unknown.join(', ')}`,
      'body.fieldPlaceDistricts',
    );
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
