import { describe, expect, it } from '@jest/globals';
import { directory, isDistrictInRegion, RegionCode } from '@spolu/contracts';
import { coordinatorsOf, platformOps, regionalCoordinators, seedRegions } from './directory-data';

const providers = seedRegions.flatMap((r) => r.providers.map((p) => ({ region: r.region, ...p })));
const services = providers.flatMap((p) =>
  p.services.map((s) => ({ region: p.region, providerKey: p.key, ...s })),
);
const workers = providers.flatMap((p) => p.workers.map((w) => ({ providerKey: p.key, ...w })));

/** Czech IČO check digit (mod 11, weights 8..2). */
const icoChecksumOk = (ico: string) => {
  const digits = [...ico].map(Number);
  const sum = digits.slice(0, 7).reduce((acc, d, i) => acc + d * (8 - i), 0);
  return (11 - (sum % 11)) % 10 === digits[7];
};

const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

describe('directory seed data', () => {
  it('covers the three seeded regions once each, with at least 3 providers each', () => {
    // The other kraje of the reference data start empty (their coordinator and the ops user).
    expect(seedRegions.map((r) => r.region)).toEqual(['CZ051', 'CZ063', 'CZ072']);
    for (const r of seedRegions) expect(r.providers.length).toBeGreaterThanOrEqual(3);
  });

  it.each(providers.map((p) => [p.key, p] as const))(
    'provider %s is a valid RegisterProviderBody',
    (_key, p) => {
      const parsed = directory.RegisterProviderBody.safeParse(p.provider);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(icoChecksumOk(p.provider.ico)).toBe(true);
      expect(p.services.length).toBeGreaterThanOrEqual(1);
    },
  );

  it.each(services.map((s) => [s.key, s] as const))(
    'service %s is a valid RegisterServiceBody in its region',
    (_key, s) => {
      const parsed = directory.RegisterServiceBody.safeParse(s.body);
      expect(parsed.error?.issues ?? []).toEqual([]);
      const outside = [...s.body.districts, ...(s.body.locations ?? []).map((l) => l.district)].filter(
        (d) => !isDistrictInRegion(d, s.region),
      );
      expect(outside).toEqual([]);
      expect(s.key.startsWith(`${s.providerKey}/`)).toBe(true);
    },
  );

  it('describes every seeded field place: its kind, and a town with its district in the region', () => {
    const withPlaces = services.filter((s) => (s.body.fieldPlaces ?? []).length > 0);
    expect(withPlaces.length).toBeGreaterThan(0);
    for (const s of withPlaces) {
      const details = s.body.fieldPlaceDetails ?? {};
      expect([s.key, Object.keys(details).sort()]).toEqual([s.key, [...(s.body.fieldPlaces ?? [])].sort()]);
      for (const d of Object.values(details)) {
        expect(d.town === undefined).toBe(d.district === undefined);
        if (d.district)
          expect([s.key, d.district, isDistrictInRegion(d.district, s.region)]).toEqual([
            s.key,
            d.district,
            true,
          ]);
      }
    }
  });

  it.each(workers.map((w) => [w.key, w] as const))('worker %s is a valid AddWorkerBody', (_key, w) => {
    const parsed = directory.AddWorkerBody.safeParse(w.body);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect('serviceIds' in w.body).toBe(false);
    const own = services.filter((s) => s.providerKey === w.providerKey).map((s) => s.key);
    expect(w.serviceKeys.filter((k) => !own.includes(k))).toEqual([]);
  });

  it('gives every provider 2-4 workers besides its first admin', () => {
    for (const p of providers) {
      expect(p.workers.length).toBeGreaterThanOrEqual(2);
      expect(p.workers.length).toBeLessThanOrEqual(4);
    }
  });

  it('uses unique keys, IČOs, registry ids and e-mails', () => {
    const keys = [
      ...providers.map((p) => p.key),
      ...services.map((s) => s.key),
      ...workers.map((w) => w.key),
      ...regionalCoordinators.map((c) => c.key),
      platformOps.key,
    ];
    expect(duplicates(keys)).toEqual([]);
    expect(duplicates(providers.map((p) => p.provider.ico))).toEqual([]);
    expect(duplicates(services.flatMap((s) => (s.body.registryId ? [s.body.registryId] : [])))).toEqual([]);
    const emails = [
      ...providers.map((p) => p.provider.firstAdmin.email),
      ...workers.map((w) => w.body.email),
      ...regionalCoordinators.map((c) => c.email),
      platformOps.email,
    ].map((e) => e.toLowerCase());
    expect(duplicates(emails)).toEqual([]);
    for (const e of emails) expect(e).toMatch(/@[a-z0-9.-]+\.example$/);
  });

  it('has one regional coordinator per seeded region, and one for every other kraj', () => {
    expect(regionalCoordinators.map((c) => c.region)).toEqual(seedRegions.map((r) => r.region));
    for (const region of RegionCode.options)
      expect([region, coordinatorsOf(region).length]).toEqual([region, 1]);
    expect(coordinatorsOf('CZ051')).toEqual(regionalCoordinators.filter((c) => c.region === 'CZ051'));
    expect(coordinatorsOf('CZ064')).toEqual([
      {
        key: 'coordinator-cz064',
        name: 'Koordinace – Jihomoravský kraj',
        email: 'koordinace.cz064@spolu.example',
        region: 'CZ064',
      },
    ]);
    const emails = RegionCode.options.flatMap((r) => coordinatorsOf(r).map((c) => c.email));
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('gives referral matching candidates in the follow-up network', () => {
    const types = (region: string) => services.filter((s) => s.region === region).map((s) => s.body.type);
    expect(types('CZ051')).toEqual(
      expect.arrayContaining(['s59', 's60', 's67', 's70', 's68', 'health-detox']),
    );
    expect(types('CZ063')).toEqual(
      expect.arrayContaining(['s59', 's69', 'probation-mediation', 'legal-advice']),
    );
    expect(types('CZ072')).toEqual(expect.arrayContaining(['s49']));
    const childPsychiatry = services.find((s) => s.key === 'psychiatrie-liberec/detska-psychiatrie');
    expect(childPsychiatry?.body.availability.waitingDays).toBeGreaterThanOrEqual(120);
  });
});
