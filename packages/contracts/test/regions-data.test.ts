// The reference data of the whole country (../data/districts.json): the fourteen kraje and every
// ORP district, as ČSÚ lists them (docs/DECISIONS.md 'All fourteen kraje as data').
import { describe, expect, it } from '@jest/globals';
import districtsData from '../data/districts.json' with { type: 'json' };
import { DistrictCode, RegionCode } from '../src/values';
import { districtsOf, isDistrictInRegion, regions } from '../src/value-lists';

describe('kraje and ORP districts', () => {
  it('has the fourteen kraje with their names, in code order', () => {
    expect(regions.map((r) => [r.code, r.name])).toEqual([
      ['CZ010', 'Hlavní město Praha'],
      ['CZ020', 'Středočeský kraj'],
      ['CZ031', 'Jihočeský kraj'],
      ['CZ032', 'Plzeňský kraj'],
      ['CZ041', 'Karlovarský kraj'],
      ['CZ042', 'Ústecký kraj'],
      ['CZ051', 'Liberecký kraj'],
      ['CZ052', 'Královéhradecký kraj'],
      ['CZ053', 'Pardubický kraj'],
      ['CZ063', 'Kraj Vysočina'],
      ['CZ064', 'Jihomoravský kraj'],
      ['CZ071', 'Olomoucký kraj'],
      ['CZ072', 'Zlínský kraj'],
      ['CZ080', 'Moravskoslezský kraj'],
    ]);
    expect(RegionCode.options).toEqual(regions.map((r) => r.code));
    expect(RegionCode.safeParse('CZ064').success).toBe(true);
    expect(RegionCode.safeParse('CZ099').success).toBe(false);
  });

  it('has 206 ORP districts, as many in each kraj as ČSÚ lists (Praha is one)', () => {
    expect(Object.fromEntries(regions.map((r) => [r.code, r.districts.length]))).toEqual({
      CZ010: 1,
      CZ020: 26,
      CZ031: 17,
      CZ032: 15,
      CZ041: 7,
      CZ042: 16,
      CZ051: 10,
      CZ052: 15,
      CZ053: 15,
      CZ063: 15,
      CZ064: 21,
      CZ071: 13,
      CZ072: 13,
      CZ080: 22,
    });
    expect(regions.flatMap((r) => r.districts)).toHaveLength(206);
    expect(districtsOf('CZ010')).toEqual([{ code: 'praha', name: 'Hlavní město Praha' }]);
  });

  it('gives every district a unique ASCII slug, a Czech name and its ČSÚ code', () => {
    const all = districtsData.regions.flatMap((r) => r.districts);
    expect(new Set(all.map((d) => d.code)).size).toBe(all.length);
    expect(new Set(all.map((d) => d.csu)).size).toBe(all.length);
    for (const d of all) {
      expect(d.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.csu).toMatch(/^\d{4}$/);
      // The slug is the name without diacritics (Praha's ORP is the whole city).
      const folded = d.name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-');
      expect([d.code, folded === d.code || d.code === 'praha']).toEqual([d.code, true]);
    }
    // ČSÚ's SO ORP codes start with the kraj's number (CZ031 → 31xx; where NUTS counts differently:
    // Středočeský 21xx, Vysočina 61xx, Jihomoravský 62xx, Moravskoslezský 81xx, Praha 1000).
    const prefix: Record<string, string> = {
      CZ010: '10',
      CZ020: '21',
      CZ063: '61',
      CZ064: '62',
      CZ080: '81',
    };
    for (const r of districtsData.regions)
      for (const d of r.districts)
        expect([d.code, d.csu.slice(0, 2)]).toEqual([d.code, prefix[r.code] ?? r.code.slice(3, 5)]);
  });

  it('keeps the district slugs that seed data and stored records use', () => {
    expect(districtsOf('CZ051').map((d) => d.code)).toEqual([
      'ceska-lipa',
      'frydlant',
      'jablonec-nad-nisou',
      'jilemnice',
      'liberec',
      'novy-bor',
      'semily',
      'tanvald',
      'turnov',
      'zelezny-brod',
    ]);
    for (const [district, region] of [
      ['semily', 'CZ051'],
      ['jihlava', 'CZ063'],
      ['otrokovice', 'CZ072'],
      ['brno', 'CZ064'],
      ['frydlant-nad-ostravici', 'CZ080'],
    ] as const)
      expect([district, isDistrictInRegion(district, region)]).toEqual([district, true]);
    expect(isDistrictInRegion('brno', 'CZ051')).toBe(false);
    expect(DistrictCode.safeParse('brno').success).toBe(true);
    expect(DistrictCode.safeParse('atlantis').success).toBe(false);
  });
});
