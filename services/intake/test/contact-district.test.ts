// The district a contact counts in for statistics (docs/STATISTICS.md "Districts").
import { describe, expect, it } from '@jest/globals';
import type { intake } from '@spolu/contracts';
import { contactDistrict } from '../src/domain/contacts';

const service = (over: Partial<intake.ServiceView> = {}): intake.ServiceView => ({
  id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
  providerId: '01JBBBBBBBBBBBBBBBBBBBBBBB',
  type: 's69',
  targetGroups: ['substance-users'],
  districts: ['liberec', 'semily', 'jilemnice'],
  fieldPlaces: ['parky', 'Semily – nádraží', 'SEMILY park', 'ulice'],
  locationDistricts: ['jilemnice'],
  fieldPlaceDistricts: { parky: 'jilemnice' },
  anonymousMode: 'allowed',
  active: true,
  revision: 1,
  ...over,
});
const field = (fieldPlace: string) => ({ kind: 'field' as const, fieldPlace });

describe('contact district', () => {
  it("a client's contact counts in the client's district wherever it happened", () => {
    expect(contactDistrict(field('parky'), service(), 'frydlant')).toBe('frydlant');
  });

  it("a field contact without a client: the place's listed district, else the district it is named after, else the service's first", () => {
    expect(contactDistrict(field('parky'), service())).toBe('jilemnice');
    expect(contactDistrict(field('Semily – nádraží'), service())).toBe('semily');
    expect(contactDistrict(field('SEMILY park'), service())).toBe('semily');
    expect(contactDistrict(field('ulice'), service())).toBe('liberec');
    expect(contactDistrict(field('Semilská ulice'), service({ districts: ['jilemnice', 'semily'] }))).toBe(
      'jilemnice',
    );
  });

  it("at the centre, on the phone or at home: the service's first location, else its first district", () => {
    for (const kind of ['centre', 'phone', 'client-home'] as const)
      expect(contactDistrict({ kind }, service())).toBe('jilemnice');
    // A view stored before locations were kept.
    expect(contactDistrict({ kind: 'centre' }, service({ locationDistricts: undefined }))).toBe('liberec');
  });
});
