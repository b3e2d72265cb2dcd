// Directory seed data for the local runtime (`npm start`) and for tests that want a realistic
// directory, kept as data in packages/local/data/directory.json and validated here when the module
// loads by the directory's own request schemas (a service the API would refuse stops `npm start`
// with the path of the bad field). Drawn from the provider documents in ../shared/seeds:
//   000 crisis centre (Krizové centrum), 001 community planning Liberec (K-centrum, gaps such as
//   the ~4-month child psychiatry wait), 002 FOKUS workshops and social rehabilitation,
//   003 Spektrum contact centre and field programme, 004 Otrokovice providers' workshop.
//
// FICTITIOUS DATA: every IČO (8 digits, with a valid mod-11 check digit so a stricter validator
// would still accept them; they are in the 99xxxxxx range but may still collide with a real one by
// chance), every registry id (identifikátor služby, 7 digits, 9xxxxxx), every person's name,
// e-mail (example domains only), phone number, capacity, waiting time and opening hours not stated in
// a document, and every street address except SENIOR Otrokovice (tř. Spojenců 1840, quoted in 004)
// is invented (opening hours are the documents' where they state any, otherwise invented; a
// service with no upper age limit has ageMax 130, the highest the schema allows). Organisation names come from the documents where they name one; the follow-up
// partners (detox, psychiatry, therapeutic community, probation, legal advice, family services,
// shelter) are made up. The only real web addresses are FOKUS's pages cited in 002.
//
// Seeding contract: register each provider with `provider` (the platform creates the first
// provider-admin from `firstAdmin`), then each of its `services`, then each of its `workers` with
// `serviceIds` filled in from `serviceKeys` (the ids the service registrations returned).
import * as z from 'zod';
import { RegionCode, directory, regions } from '@spolu/contracts';
import directoryJson from '../../data/directory.json' with { type: 'json' };

const Key = z.string().regex(/^[a-z0-9-]+(\/[a-z0-9-]+)?$/);

const SeedService = z.strictObject({
  /** Stable key, unique across all seed data. */
  key: Key,
  body: directory.RegisterServiceBody,
});
export type SeedService = z.infer<typeof SeedService>;

const SeedWorker = z.strictObject({
  /** Stable key, unique across all seed data. */
  key: Key,
  /** serviceIds are filled in at seeding time from serviceKeys. */
  body: directory.AddWorkerBody.omit({ serviceIds: true }),
  /** Keys of this provider's services the worker works in. */
  serviceKeys: z.array(Key),
});

const SeedProvider = z.strictObject({
  /** Stable key, unique across all seed data. */
  key: Key,
  provider: directory.RegisterProviderBody,
  services: z.array(SeedService),
  workers: z.array(SeedWorker),
});

const Person = z.strictObject({ key: Key, name: z.string().min(1), email: z.email() });

const SeedDirectory = z.strictObject({
  regions: z.array(z.strictObject({ region: RegionCode, providers: z.array(SeedProvider) })),
  /** One regional coordinator per region (role regional-coordinator; fictitious people). */
  coordinators: z.array(Person.extend({ region: RegionCode })),
  /** The platform operations user (role platform-ops; fictitious). */
  ops: Person,
});

const seed = SeedDirectory.parse(directoryJson);
export const seedRegions = seed.regions;
export const regionalCoordinators = seed.coordinators;
export const platformOps = seed.ops;

/** A kraj's regional coordinators: the seed's people where it has any, otherwise one fictitious
 * coordinator (a kraj without seed providers starts empty: its coordinator and the ops user). */
export const coordinatorsOf = (region: RegionCode) => {
  const seeded = regionalCoordinators.filter((c) => c.region === region);
  if (seeded.length > 0) return seeded;
  const name = regions.find((r) => r.code === region)?.name ?? region;
  const code = region.toLowerCase();
  return [
    {
      key: `coordinator-${code}`,
      name: `Koordinace – ${name}`,
      email: `koordinace.${code}@spolu.example`,
      region,
    },
  ];
};
