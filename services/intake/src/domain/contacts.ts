// Contacts and interventions (výkony), harm reduction as in document 003.
import type { Role } from '@spolu/contracts';
import { intake, regions } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';
import type { Stamp } from './clients';
import { bumped, created } from './clients';
import { assertNotInFuture } from './in-future';
import { pragueWallClock } from './prague-time';

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
  client?: { district?: string; ageBand?: intake.Client['ageBand'] },
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
  const district = contactDistrict(body.place, service, client?.district);
  return {
    ...body,
    id: stamp.id,
    providerId: tenantId,
    workerId: stamp.by,
    counted: {
      ...(district ? { district } : {}),
      ...(client?.ageBand ? { ageBand: client.ageBand } : {}),
    },
    ...created(stamp),
  };
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

// ---- the day log: days, corrections, voids, the tally ----

/** How long after its time a contact may be corrected or voided: a week covers the field worker's
 * next shift and the weekly check of the day logs, and keeps statistics of a closed month settled
 * soon after it ends (docs/DECISIONS.md "Contacts day log"). */
export const contactCorrectionWindowDays = 7;
const dayMs = 86_400_000;

/** Until when a contact may be corrected or voided; none once voided. */
export const correctableUntil = (c: Pick<Contact, 'occurredAt' | 'voided'>): Date | undefined =>
  c.voided ? undefined : new Date(Date.parse(c.occurredAt) + contactCorrectionWindowDays * dayMs);

/** The instant a calendar day begins in Prague (midnight is never skipped or repeated there: the
 * clocks change at 2 and 3 a.m.). */
export const pragueDayStart = (date: string): Date => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const asIfUtc = Date.UTC(y, m - 1, d);
  const guess = asIfUtc - pragueWallClock(new Date(asIfUtc)).offsetMinutes * 60_000;
  return new Date(asIfUtc - pragueWallClock(new Date(guess)).offsetMinutes * 60_000);
};
const nextDate = (date: string) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + dayMs).toISOString().slice(0, 10);

export interface ContactDays {
  from: string;
  to: string;
  /** [start, end): from the first day's midnight to the midnight after the last day, Prague time. */
  start: Date;
  end: Date;
}

/** The days of a day log or tally: `from`..`to` inclusive (one of them alone: that day), at most
 * 31 days; none when neither is given. */
export const contactDays = (q: { from?: string; to?: string }): ContactDays | undefined => {
  if (!q.from && !q.to) return undefined;
  const from = q.from ?? q.to!;
  const to = q.to ?? from;
  const span = (Date.parse(to) - Date.parse(from)) / dayMs;
  if (span < 0 || span > 31)
    throw new DomainRuleViolation(
      'contact-days',
      'to must not be before from, at most 31 days later',
      'query.to',
    );
  return { from, to, start: pragueDayStart(from), end: pragueDayStart(nextDate(to)) };
};

export const inDays = (c: Pick<Contact, 'occurredAt'>, days: ContactDays) => {
  const at = Date.parse(c.occurredAt);
  return at >= days.start.getTime() && at < days.end.getTime();
};

/** What a contact counts for in statistics (the counts of its events). */
export const contactCounts = (c: Contact, service: intake.ServiceView) => {
  const district = c.counted?.district ?? contactDistrict(c.place, service);
  return {
    ...(district ? { district } : {}),
    occurredAt: c.occurredAt,
    durationMinutes: c.durationMinutes,
    placeKind: c.place.kind,
    interventions: interventionFacts(c.interventions),
  };
};

const assertCorrectable = (c: Contact, now: Date) => {
  if (c.voided) throw new DomainRuleViolation('contact-voided', 'the contact was voided', 'params.contactId');
  if (now > correctableUntil(c)!)
    throw new DomainRuleViolation(
      'contact-correction-window',
      `a contact can be corrected or voided only within ${contactCorrectionWindowDays} days of its time`,
      'params.contactId',
    );
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Interventions sent back by a caller who was not shown the test results (`visibleContact`): a
 * test of a kind the contact had keeps its stored result, so a correction of the needle count does
 * not erase a result its sender never saw. */
export const keepHiddenResults = (current: Contact, interventions: Intervention[]): Intervention[] =>
  interventions.map((i) => {
    if (i.type !== 'test' || i.result !== undefined) return i;
    const stored = current.interventions.find((x) => x.type === 'test' && x.test === i.test);
    return stored ?? i;
  });

/** Correct a contact: the changed fields and the reason. The contact and its new time must lie in
 * the correction window; the rules of recording apply again. Returns the corrected contact and
 * the ContactCorrected data (before and after counts) for the given parties. */
export const correctContact = (
  current: Contact,
  body: z.output<typeof intake.CorrectContactBody>,
  service: intake.ServiceView,
  stamp: Omit<Stamp, 'id'>,
) => {
  assertCorrectable(current, stamp.now);
  const { reason, ...changes } = body;
  const changed = Object.entries(changes).filter(
    ([k, v]) => v !== undefined && !same(v, current[k as keyof Contact]),
  );
  if (changed.length === 0)
    throw new DomainRuleViolation('contact-nothing-to-correct', 'the correction changes nothing', 'body');
  const next: Contact = { ...current, ...Object.fromEntries(changed) };
  if (changes.occurredAt !== undefined) {
    assertNotInFuture('contact', next.occurredAt, stamp.now, 'body.occurredAt');
    if (stamp.now > correctableUntil(next)!)
      throw new DomainRuleViolation(
        'contact-correction-window',
        `the corrected time must lie within the last ${contactCorrectionWindowDays} days`,
        'body.occurredAt',
      );
  }
  if (changes.place !== undefined) assertPlaceAllowed(next.place, service);
  if (next.interventions.filter((i) => i.type === 'needle-exchange').length > 1)
    throw new DomainRuleViolation(
      'needle-exchange-once',
      'record one needle exchange per contact',
      'body.interventions',
    );
  // A contact without a client counts in its place's district, which a new place may change.
  const district = current.clientId ? current.counted?.district : contactDistrict(next.place, service);
  const contact: Contact = {
    ...next,
    counted: { ...current.counted, ...(district ? { district } : {}) },
    corrections: [...(current.corrections ?? []), { at: stamp.now.toISOString(), by: stamp.by, reason }],
    ...bumped(current, stamp.now),
  };
  return {
    contact,
    changedFields: changed.map(([k]) => k),
    event: {
      correctedAt: stamp.now.toISOString(),
      before: contactCounts(current, service),
      after: contactCounts(contact, service),
    },
  };
};

/** Void a contact recorded in error: it stays readable, marked, and counts nowhere. Returns the
 * voided contact and the ContactVoided data (the counts taken back). */
export const voidContact = (
  current: Contact,
  body: z.output<typeof intake.VoidContactBody>,
  service: intake.ServiceView,
  stamp: Omit<Stamp, 'id'>,
) => {
  assertCorrectable(current, stamp.now);
  const at = stamp.now.toISOString();
  const contact: Contact = {
    ...current,
    voided: { at, by: stamp.by, reason: body.reason },
    ...bumped(current, stamp.now),
  };
  return { contact, event: { ...contactCounts(current, service), voidedAt: at } };
};

/** The tally of a day log: voided contacts are counted apart and nowhere else. */
export const tallyOf = (contacts: readonly Contact[]) => {
  const interventions = Object.fromEntries(intake.InterventionType.options.map((t) => [t, 0])) as Record<
    Intervention['type'],
    number
  >;
  const tally = { contacts: 0, needlesGiven: 0, needlesReturned: 0, tests: 0, interventions, voided: 0 };
  for (const c of contacts) {
    if (c.voided) {
      tally.voided += 1;
      continue;
    }
    tally.contacts += 1;
    for (const i of c.interventions) {
      interventions[i.type] += 1;
      if (i.type === 'needle-exchange') {
        tally.needlesGiven += i.given;
        tally.needlesReturned += i.returned;
      }
      if (i.type === 'test') tally.tests += 1;
    }
  }
  return tally;
};
