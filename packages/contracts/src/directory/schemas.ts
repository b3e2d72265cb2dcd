import { Ulid } from '../ids';
import { fieldPlaceKinds } from '../value-lists';
import {
  AgeBand,
  ClockTime,
  DistrictCode,
  Email,
  IsoDateTime,
  Name,
  NeedCode,
  Phone,
  RegionCode,
  ServiceType,
  TargetGroup,
  Text,
  Weekday,
} from '../values';
import * as z from 'zod';
import { patchFields } from '../patch';
import { ContractMessages as M } from '../messages';

const Contact = z.strictObject({
  email: Email.optional(),
  phone: Phone.optional(),
  web: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .optional(),
});

const Audit = {
  version: z.number().int().min(1),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

// ---- providers (tenants) ----

export const ProviderFields = z.strictObject({
  name: Name(200),
  ico: z.string().regex(/^\d{8}$/, M.ico),
  address: Text(300),
  contact: Contact.default({}),
  /** Hours a record may wait on a worker's phone without signal before it is deleted (issue 22);
   * absent: the region's default (72). */
  offlineHours: z.number().int().min(1).max(168).optional(),
});
export const RegisterProviderBody = ProviderFields.extend({
  firstAdmin: z.strictObject({ name: Name(120), email: Email }),
}).meta({ id: 'RegisterProviderBody' });
export const UpdateProviderBody = z
  .strictObject(patchFields(ProviderFields.shape))
  .refine((b) => Object.keys(b).length > 0, M.nothingToChange)
  .meta({ id: 'UpdateProviderBody' });
export const Provider = ProviderFields.extend({ id: Ulid, region: RegionCode, ...Audit }).meta({
  id: 'Provider',
});
export type Provider = z.infer<typeof Provider>;

/** The signed-in worker's secret for the phone's outbox (issue 22 item 3): it unwraps the device's
 * private key in memory; derived, never stored, the same for the same worker every time. */
export const OfflineKey = z
  .strictObject({
    key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    offlineHours: z.number().int().min(1).max(168),
  })
  .meta({ id: 'OfflineKey' });
export type OfflineKey = z.infer<typeof OfflineKey>;

// ---- services ----

export const OpeningHours = z
  .strictObject({ day: Weekday, opens: ClockTime, closes: ClockTime })
  .refine((h) => h.opens < h.closes, { message: M.opensBeforeCloses, path: ['closes'] });

export const Location = z.strictObject({ name: Name(120), address: Text(300), district: DistrictCode });

/** What kind of place a field place is: where field workers meet people (document 003). */
export const FieldPlaceKind = z.enum(fieldPlaceKinds).meta({
  description:
    'station (nádraží), stop (zastávka), square (náměstí), park, street (ulice), client-homes (byty uživatelů), town (the town as a whole), other',
});
export type FieldPlaceKind = z.infer<typeof FieldPlaceKind>;
/** A field place described: its kind and, where it has one, the town it is in with the town's
 * district (ORP). A generic place ('parky') has a kind but no town; a town comes with its district
 * (the directory's rule field-place-town). */
export const FieldPlaceDetail = z
  .strictObject({
    kind: FieldPlaceKind,
    town: Text(120).optional(),
    district: DistrictCode.optional(),
  })
  .meta({ id: 'FieldPlaceDetail' });
export type FieldPlaceDetail = z.infer<typeof FieldPlaceDetail>;

export const AnonymousMode = z
  .enum(['not-allowed', 'allowed', 'required'])
  .meta({ description: 'Whether clients may (or must) be recorded anonymously by a client code' });

export const Availability = z.strictObject({
  capacity: z.number().int().min(0).max(100000).meta({ description: 'Clients the service can take at once' }),
  waitingDays: z.number().int().min(0).max(3650).meta({ description: 'Current waiting time in days' }),
  acceptingReferrals: z.boolean(),
});
export type Availability = z.infer<typeof Availability>;

const serviceFieldsShape = {
  registryId: z
    .string()
    .regex(/^\d{7}$/, M.registryId)
    .optional(),
  name: Name(200),
  type: ServiceType,
  description: Text(2000).optional(),
  targetGroups: z.array(TargetGroup).min(1).max(20),
  ageMin: z.number().int().min(0).max(130),
  ageMax: z.number().int().min(0).max(130),
  ageLimitsStrict: z.boolean().optional().meta({
    description:
      'When true, the age limits are a condition of the service (its registration): a client outside them cannot be registered nor make an agreement there (422 age-outside-service). Otherwise (the default) such a write succeeds and answers a warning.',
  }),
  hours: z.array(OpeningHours).max(21).default([]),
  districts: z.array(DistrictCode).min(1).max(50),
  locations: z.array(Location).max(20).default([]),
  fieldPlaces: z.array(Name(120)).max(50).default([]),
  fieldPlaceDistricts: z
    .record(Name(120), DistrictCode)
    .optional()
    .meta({
      description:
        "The district (ORP) of each field place, by its name in fieldPlaces. Contacts without a client count in their place's district; a field place not listed here counts in the district whose name it starts with (e.g. 'Liberec – nádraží'), else in the service's first district.",
      example: { 'Liberec – nádraží': 'liberec' },
    }),
  fieldPlaceDetails: z
    .record(Text(120), FieldPlaceDetail)
    .optional()
    .meta({
      description:
        "Each field place's kind and town with its district, by its name in fieldPlaces. A town's district also counts as the place's district for statistics (fieldPlaceDistricts, where given, must agree).",
      example: { 'Liberec – nádraží': { kind: 'station', town: 'Liberec', district: 'liberec' } },
    }),
  needCodes: z.array(NeedCode).max(40).default([]),
  contact: Contact.default({}),
  anonymousMode: AnonymousMode.default('not-allowed'),
  referralResponseDays: z
    .number()
    .int()
    .min(1)
    .max(90)
    .default(14)
    .meta({ description: 'Days the service takes to answer a referral before it expires' }),
};

const ageRangeOk = (s: { ageMin?: number; ageMax?: number }) =>
  s.ageMin === undefined || s.ageMax === undefined || s.ageMin <= s.ageMax;

export const RegisterServiceBody = z
  .strictObject({ ...serviceFieldsShape, availability: Availability })
  .refine(ageRangeOk, { message: M.ageRange, path: ['ageMax'] })
  .meta({ id: 'RegisterServiceBody' });
export const UpdateServiceBody = z
  .strictObject(patchFields(serviceFieldsShape))
  .refine(ageRangeOk, { message: M.ageRange, path: ['ageMax'] })
  .refine((b) => Object.keys(b).length > 0, M.nothingToChange)
  .meta({ id: 'UpdateServiceBody' });

export const Service = z
  .strictObject({
    ...serviceFieldsShape,
    id: Ulid,
    providerId: Ulid,
    providerName: z.string(),
    region: RegionCode,
    availability: Availability,
    active: z.boolean(),
    ...Audit,
  })
  .meta({ id: 'Service' });
export type Service = z.infer<typeof Service>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ServiceSearchQuery = z.strictObject({
  district: DistrictCode.optional(),
  type: ServiceType.optional(),
  targetGroup: TargetGroup.optional(),
  age: z.coerce.number().int().min(0).max(130).optional(),
  ageBand: AgeBand.optional(),
  need: NeedCode.optional(),
  openAt: IsoDateTime.optional().meta({
    description: 'Only services open at this instant (Europe/Prague)',
  }),
  acceptingReferrals: booleanQuery.optional(),
  providerId: Ulid.optional(),
  q: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .optional()
    .meta({ description: 'Name contains (case and accent insensitive)' }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
export type ServiceSearchQuery = z.infer<typeof ServiceSearchQuery>;

// ---- workers ----

export const StaffRole = z.enum(['worker', 'key-worker', 'provider-admin']);
const workerFieldsShape = {
  name: Name(120),
  email: Email,
  roles: z.array(StaffRole).min(1).max(3),
  serviceIds: z.array(Ulid).max(50).default([]),
};
export const AddWorkerBody = z.strictObject(workerFieldsShape).meta({ id: 'AddWorkerBody' });
export const UpdateWorkerBody = z
  .strictObject(patchFields({ ...workerFieldsShape, active: z.boolean() }))
  .refine((b) => Object.keys(b).length > 0, M.nothingToChange)
  .meta({ id: 'UpdateWorkerBody' });
export const Worker = z
  .strictObject({ ...workerFieldsShape, id: Ulid, providerId: Ulid, active: z.boolean(), ...Audit })
  .meta({ id: 'Worker' });
export type Worker = z.infer<typeof Worker>;

// ---- partner clients (credentials are issued by the webhooks service) ----

export const PartnerScope = z.enum([
  'spolu/directory.read',
  'spolu/clients.read',
  'spolu/clients.write',
  'spolu/referrals.read',
  'spolu/referrals.write',
  'spolu/plans.read',
  'spolu/stats.read',
]);
export const RegisterPartnerClientBody = z
  .strictObject({
    name: Name(120),
    description: Text(500).optional(),
    scopes: z.array(PartnerScope).min(1).max(7),
  })
  .meta({ id: 'RegisterPartnerClientBody' });
export const UpdatePartnerClientBody = z
  .strictObject({
    name: Name(120),
    description: Text(500),
    scopes: z.array(PartnerScope).min(1).max(7),
    status: z.enum(['active', 'revoked']),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, M.nothingToChange)
  .meta({ id: 'UpdatePartnerClientBody' });
export const PartnerClient = z
  .strictObject({
    id: Ulid,
    providerId: Ulid,
    name: z.string(),
    description: z.string().optional(),
    scopes: z.array(PartnerScope),
    status: z.enum(['active', 'revoked']),
    ...Audit,
  })
  .meta({ id: 'PartnerClient' });

// ---- reference data ----

export const District = z.object({ code: z.string(), name: z.string() }).meta({ id: 'District' });
export const NeedsTaxonomy = z
  .object({
    levels: z.array(z.object({ code: z.string(), cs: z.string(), en: z.string() })),
    domains: z.array(z.object({ code: z.string(), cs: z.string(), en: z.string() })),
    needs: z.array(
      z.object({ code: z.string(), level: z.string(), domain: z.string(), cs: z.string(), en: z.string() }),
    ),
  })
  .meta({ id: 'NeedsTaxonomy' });
export type PartnerClient = z.infer<typeof PartnerClient>;
