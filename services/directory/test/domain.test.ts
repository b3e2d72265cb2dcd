import { describe, expect, it } from '@jest/globals';
import type { directory } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import { isOpenAt, pragueWallClock } from '../src/domain/opening-hours';
import { changeService, newService } from '../src/domain/records';
import { fold, matchesSearch } from '../src/domain/search';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const workshopHours = weekdays.map((day) => ({ day, opens: '07:30', closes: '15:30' }));

const provider: directory.Provider = {
  id: '01JCZ0000000000000000000KC',
  name: 'FOKUS Semily',
  ico: '12345678',
  address: 'Semily',
  contact: {},
  region: 'CZ051',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const workshop = newService(
  {
    name: 'Sociálně terapeutické dílny',
    type: 's67',
    targetGroups: ['chronic-mental-illness'],
    ageMin: 15,
    ageMax: 65,
    hours: workshopHours,
    districts: ['jilemnice', 'semily'],
    locations: [],
    fieldPlaces: [],
    needCodes: ['work-habits'],
    contact: {},
    anonymousMode: 'not-allowed',
    referralResponseDays: 14,
    availability: { capacity: 20, waitingDays: 14, acceptingReferrals: true },
  },
  provider,
  { id: '01JCZ0000000000000000000SV', now: new Date('2026-01-01T00:00:00Z') },
);

describe('opening hours in Prague time', () => {
  it('reads the wall clock in Prague across daylight-saving time', () => {
    // Winter: UTC+1; summer: UTC+2.
    expect(pragueWallClock(new Date('2026-01-12T06:30:00Z'))).toEqual({ day: 'mon', time: '07:30' });
    expect(pragueWallClock(new Date('2026-07-13T05:30:00Z'))).toEqual({ day: 'mon', time: '07:30' });
  });

  it('is open from the opening minute until (not including) the closing minute', () => {
    expect(isOpenAt(workshopHours, new Date('2026-01-12T06:29:00Z'))).toBe(false);
    expect(isOpenAt(workshopHours, new Date('2026-01-12T06:30:00Z'))).toBe(true);
    expect(isOpenAt(workshopHours, new Date('2026-01-12T14:29:00Z'))).toBe(true);
    expect(isOpenAt(workshopHours, new Date('2026-01-12T14:30:00Z'))).toBe(false);
    expect(isOpenAt(workshopHours, new Date('2026-01-11T09:00:00Z'))).toBe(false); // Sunday
  });
});

describe('search', () => {
  it('folds case and diacritics', () => {
    expect(fold('Žďár nad Sázavou')).toBe('zdar nad sazavou');
  });

  it('combines filters with AND and respects the age range both ways', () => {
    expect(matchesSearch(workshop, { district: 'semily', age: 15 })).toBe(true);
    expect(matchesSearch(workshop, { age: 14 })).toBe(false);
    expect(matchesSearch(workshop, { age: 66 })).toBe(false);
    expect(matchesSearch(workshop, { ageBand: '11-15' })).toBe(true); // overlaps at 15
    expect(matchesSearch(workshop, { ageBand: '0-10' })).toBe(false);
    expect(matchesSearch(workshop, { district: 'liberec' })).toBe(false);
    expect(matchesSearch(workshop, { need: 'work-habits', targetGroup: 'chronic-mental-illness' })).toBe(
      true,
    );
    expect(matchesSearch(workshop, { need: 'detox' })).toBe(false);
    expect(matchesSearch(workshop, { acceptingReferrals: false })).toBe(false);
    expect(matchesSearch({ ...workshop, active: false }, {})).toBe(false);
  });
});

describe('service records', () => {
  it('refuses districts outside the provider region', () => {
    expect(() => changeService(workshop, { districts: ['zlin'] }, new Date())).toThrow(DomainRuleViolation);
  });

  it("gives districts only to the service's own field places, inside the region", () => {
    const outreach = changeService(
      workshop,
      { fieldPlaces: ['Semily – nádraží', 'parky'], fieldPlaceDistricts: { parky: 'jilemnice' } },
      new Date(),
    );
    expect(outreach.fieldPlaceDistricts).toEqual({ parky: 'jilemnice' });
    expect(() => changeService(outreach, { fieldPlaces: ['Semily – nádraží'] }, new Date())).toThrow(
      "not among the service's field places: parky",
    );
    expect(() => changeService(outreach, { fieldPlaceDistricts: { parky: 'zlin' } }, new Date())).toThrow(
      DomainRuleViolation,
    );
  });

  it('checks the age range against the stored values on a partial change', () => {
    expect(() => changeService(workshop, { ageMin: 70 }, new Date())).toThrow(
      'ageMin must not exceed ageMax',
    );
  });

  it('bumps the version and keeps what was not changed', () => {
    const changed = changeService(workshop, { name: 'Dílny' }, new Date('2026-02-01T00:00:00Z'));
    expect(changed).toMatchObject({ name: 'Dílny', version: 2, ageMax: 65, createdAt: workshop.createdAt });
  });
});
