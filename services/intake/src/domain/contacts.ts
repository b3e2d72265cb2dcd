// Contacts and interventions (výkony), harm reduction as in document 003.
import type { intake, Role } from '@spolu/contracts';
import { regions } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';
import type { Stamp } from './clients';
import { created } from './clients';
import { assertNotInFuture } from './in-future';

type Contact = intake.Contact;
type Intervention = intake.Intervention;

/** Roles that may read HIV/HCV/syphilis results. Everyone else sees that a test was performed. */
export const testResultRoles: readonly Role[] = ['key-worker'];

export const assertPlaceAllowed = (place: Contact['place'], service: intake.ServiceView) => {
  if (place.kind === 'field' && !service.fieldPlaces.includes(place.fieldPlace!))
    throw new DomainRuleViolation(
      'unknown-field-place',
      `not one of the service's field places (${service.fieldPlaces.join(', ') || 'none listed'})`,
      'body.place.fieldPlace',
    );
};

export const newContact = (
  body: z.output<typeof intake.RecordContactBody>,
  service: intake.ServiceView,
  tenantId: string,
  stamp: Stamp,
): Contact => {
  assertPlaceAllowed(body.place, service);
  assertNotInFuture('contact', body.occurredAt, stamp.now, 'body.occurredAt');
  const exchanges = body.interventions.filter((i) => i.type === 'needle-exchange');
  if (exchanges.length > 1)
    throw new DomainRuleViolation(
      'needle-exchange-once',
      'record one needle exchange per contact',
      'body.interventions',
    );
  return { ...body, id: stamp.id, providerId: tenantId, workerId: stamp.by, ...created(stamp) };
};

/** A contact as the caller may see it: test results removed unless the role allows them or the
 * caller recorded the contact. */
export const visibleContact = (
  contact: Contact,
  viewer: { userId: string; roles: readonly Role[] },
): Contact => {
  const allowed = viewer.userId === contact.workerId || viewer.roles.some((r) => testResultRoles.includes(r));
  const hasResults = contact.interventions.some((i) => i.type === 'test' && i.result !== undefined);
  if (allowed || !hasResults) return contact;
  return {
    ...contact,
    interventions: contact.interventions.map((i) => (i.type === 'test' ? { type: 'test', test: i.test } : i)),
    testResultsHidden: true,
  };
};

const districtNames = new Map(regions.flatMap((r) => r.districts.map((d) => [d.code, d.name] as const)));
const folded = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('cs');

/** The district (ORP) a contact counts in for statistics. A client's contact: the client's
 * district. A contact without a client (unnamed person, close person): its place's district —
 * a field place's district as the directory lists it, else the service district whose name the
 * field place starts with ('Liberec – nádraží'); the centre, phone or a home visit: the
 * service's first location; failing all that the service's first district. So every contact
 * has a district and district rows add up to the region total. */
export const contactDistrict = (
  place: Contact['place'],
  service: intake.ServiceView,
  clientDistrict?: string,
): string | undefined => {
  if (clientDistrict) return clientDistrict;
  if (place.kind === 'field' && place.fieldPlace) {
    const listed = service.fieldPlaceDistricts?.[place.fieldPlace];
    if (listed) return listed;
    const name = folded(place.fieldPlace);
    const byName = service.districts.find((d) => {
      const n = districtNames.get(d);
      // The town's whole name: 'Liberec – nádraží' is in Liberec, 'Liberecká' is not.
      return n !== undefined && name.startsWith(folded(n)) && !/^\p{L}/u.test(name.slice(folded(n).length));
    });
    if (byName) return byName;
    // A field place without a district of its own: the one district the service serves, or its first.
    return service.districts[0];
  }
  return service.locationDistricts?.[0] ?? service.districts[0];
};

/** Intervention counts for statistics: no results, no notes. */
export const interventionFacts = (interventions: Intervention[]) =>
  interventions.map((i) => {
    switch (i.type) {
      case 'needle-exchange':
        return { type: i.type, count: i.given, given: i.given, returned: i.returned };
      case 'material':
        return { type: i.type, count: i.items.reduce((n, x) => n + x.count, 0) };
      case 'test':
        return { type: i.type, count: 1, test: i.test };
      default:
        return { type: i.type, count: 1 };
    }
  });
