// The contacts day log (issue 21 item 2): a day's contacts on the Prague clock, its tally, and
// corrections and voids within the correction window. Statistics following them:
// services/stats/test/contact-corrections.test.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { intake } from '@spolu/contracts';
import type { z } from 'zod';
import { DomainRuleViolation } from '@spolu/platform';
import {
  contactCorrectionWindowDays,
  contactDays,
  correctContact,
  pragueDayStart,
  tallyOf,
  voidContact,
} from '../src/domain/contacts';
import type { World } from './fixtures';
import { hoursAgo, startWorld } from './fixtures';

type Contact = intake.Contact;
type Problem = { status: number; errors: { code: string; message: string }[] };
const ruleOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainRuleViolation) return e.rule;
    throw e;
  }
  return undefined;
};

describe('days on the Prague clock', () => {
  it('begins a day at Prague midnight, in winter and summer and on the days the clocks change', () => {
    expect(pragueDayStart('2026-12-06').toISOString()).toBe('2026-12-05T23:00:00.000Z');
    expect(pragueDayStart('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // 29 March 2026: 23 hours long; 25 October 2026: 25 hours long.
    expect(pragueDayStart('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(pragueDayStart('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(pragueDayStart('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(pragueDayStart('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('takes from..to inclusive, one of them alone as that day, at most 31 days', () => {
    expect(contactDays({})).toBeUndefined();
    const day = contactDays({ from: '2026-03-29' })!;
    expect([day.start.toISOString(), day.end.toISOString()]).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ]);
    expect(contactDays({ to: '2026-03-29' })).toEqual(day);
    expect(contactDays({ from: '2026-12-01', to: '2026-12-31' })!.end.toISOString()).toBe(
      '2026-12-31T23:00:00.000Z',
    );
    expect(ruleOf(() => contactDays({ from: '2026-12-02', to: '2026-12-01' }))).toBe('contact-days');
    expect(ruleOf(() => contactDays({ from: '2026-01-01', to: '2026-03-01' }))).toBe('contact-days');
  });
});

const service: intake.ServiceView = {
  id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
  providerId: '01JBBBBBBBBBBBBBBBBBBBBBBB',
  type: 's69',
  targetGroups: ['substance-users'],
  districts: ['liberec'],
  fieldPlaces: ['Liberec – nádraží', 'Semily park'],
  fieldPlaceDistricts: { 'Semily park': 'semily' },
  anonymousMode: 'allowed',
  active: true,
  revision: 1,
};
const now = new Date('2026-12-06T12:00:00Z');
const contact = (over: Partial<Contact> = {}): Contact => ({
  id: 'c1',
  providerId: 'p1',
  serviceId: 's1',
  kind: 'unnamed',
  occurredAt: '2026-12-05T18:00:00Z',
  durationMinutes: 10,
  place: { kind: 'field', fieldPlace: 'Liberec – nádraží' },
  interventions: [
    { type: 'needle-exchange', given: 10, returned: 6 },
    { type: 'test', test: 'hcv' },
    { type: 'information', topic: 'safer-use' },
  ],
  workerId: 'w1',
  counted: { district: 'liberec' },
  recordedBy: 'w1',
  version: 1,
  createdAt: '2026-12-05T18:05:00Z',
  updatedAt: '2026-12-05T18:05:00Z',
  ...over,
});
const by = { now, by: 'w2' };

describe('correction and void deciders', () => {
  it('corrects the changed fields with the reason and reports before and after counts', () => {
    const {
      contact: c,
      event,
      changedFields,
    } = correctContact(
      contact(),
      { place: { kind: 'field', fieldPlace: 'Semily park' }, durationMinutes: 10, reason: 'Jiné místo.' },
      service,
      by,
    );
    expect(changedFields).toEqual(['place']);
    expect(c).toMatchObject({
      version: 2,
      place: { fieldPlace: 'Semily park' },
      counted: { district: 'semily' },
      corrections: [{ at: now.toISOString(), by: 'w2', reason: 'Jiné místo.' }],
    });
    expect(event.before.district).toBe('liberec');
    expect(event.after.district).toBe('semily');
    expect(event.after.interventions).toEqual(event.before.interventions);
  });

  it('refuses a correction that changes nothing, a second needle exchange, an unknown place, a future time', () => {
    const fix = (body: Partial<z.output<typeof intake.CorrectContactBody>>) => () =>
      correctContact(contact(), { reason: 'r', ...body }, service, by);
    expect(ruleOf(fix({ durationMinutes: 10 }))).toBe('contact-nothing-to-correct');
    expect(
      ruleOf(
        fix({
          interventions: [
            { type: 'needle-exchange', given: 1, returned: 0 },
            { type: 'needle-exchange', given: 2, returned: 0 },
          ],
        }),
      ),
    ).toBe('needle-exchange-once');
    expect(ruleOf(fix({ place: { kind: 'field', fieldPlace: 'Jinde' } }))).toBe('unknown-field-place');
    expect(ruleOf(fix({ occurredAt: '2026-12-07T10:00:00Z' }))).toBe('in-future');
  });

  it(`corrects and voids only within ${contactCorrectionWindowDays} days of the contact's time`, () => {
    const old = contact({ occurredAt: '2026-11-29T11:59:00Z' });
    expect(ruleOf(() => correctContact(old, { durationMinutes: 5, reason: 'r' }, service, by))).toBe(
      'contact-correction-window',
    );
    expect(ruleOf(() => voidContact(old, { reason: 'r' }, service, by))).toBe('contact-correction-window');
    const lastMinute = contact({ occurredAt: '2026-11-29T12:00:00Z' });
    expect(voidContact(lastMinute, { reason: 'r' }, service, by).contact.voided).toBeDefined();
    // Nor may a correction move the time out of the window.
    expect(
      ruleOf(() =>
        correctContact(contact(), { occurredAt: '2026-11-20T10:00:00Z', reason: 'r' }, service, by),
      ),
    ).toBe('contact-correction-window');
  });

  it('voids with the reason; a voided contact cannot be corrected or voided again', () => {
    const { contact: v, event } = voidContact(contact(), { reason: 'Omylem.' }, service, by);
    expect(v.voided).toEqual({ at: now.toISOString(), by: 'w2', reason: 'Omylem.' });
    expect(event).toMatchObject({ district: 'liberec', voidedAt: now.toISOString() });
    expect(ruleOf(() => voidContact(v, { reason: 'r' }, service, by))).toBe('contact-voided');
    expect(ruleOf(() => correctContact(v, { durationMinutes: 5, reason: 'r' }, service, by))).toBe(
      'contact-voided',
    );
  });

  it('tallies contacts, needles, tests and interventions, leaving voided contacts out', () => {
    const t = tallyOf([
      contact(),
      contact({ interventions: [{ type: 'needle-exchange', given: 5, returned: 5 }] }),
      contact({ voided: { at: now.toISOString(), by: 'w', reason: 'r' } }),
    ]);
    expect(t).toMatchObject({ contacts: 2, needlesGiven: 15, needlesReturned: 11, tests: 1, voided: 1 });
    expect(t.interventions).toMatchObject({ 'needle-exchange': 2, test: 1, information: 1, counselling: 0 });
  });
});

// ---- through the API ----

let w: World;
const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });
const unnamed = (occurredAt: string, given = 1, serviceId = w.services.teren) => ({
  serviceId,
  kind: 'unnamed',
  occurredAt,
  durationMinutes: 10,
  place:
    serviceId === w.services.teren
      ? { kind: 'field', fieldPlace: 'Havlíčkův Brod – park' }
      : { kind: 'centre' },
  interventions: [{ type: 'needle-exchange', given, returned: 0 }],
});
const record = async (body: Record<string, unknown>) => {
  const res = await w.spektrum.post<Contact>('/contacts', body);
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => w?.rt.stop());

describe('the day log through the API', () => {
  it('keeps a test result its corrector was not shown', async () => {
    const res = await w.spektrumKey.post<Contact>('/contacts', {
      ...unnamed(hoursAgo(w.rt, 2), 4),
      interventions: [
        { type: 'needle-exchange', given: 4, returned: 0 },
        { type: 'test', test: 'hcv', result: 'negative' },
      ],
    });
    expect(res.status).toBe(201);
    // A worker who did not record it sees that a test was done, not its result.
    const seen = (await w.spektrum.get<Contact>(`/contacts/${res.body.id}`)).body;
    expect(seen.testResultsHidden).toBe(true);
    const fixed = await w.spektrum.patch<Contact>(
      `/contacts/${res.body.id}`,
      {
        interventions: seen.interventions.map((i) => (i.type === 'needle-exchange' ? { ...i, given: 6 } : i)),
        reason: 'Vydáno 6.',
      },
      ifMatch(seen.version),
    );
    expect(fixed.status).toBe(200);
    const stored = (await w.spektrumKey.get<Contact>(`/contacts/${res.body.id}`)).body;
    expect(stored.interventions).toEqual([
      { type: 'needle-exchange', given: 6, returned: 0 },
      { type: 'test', test: 'hcv', result: 'negative' },
    ]);
  });

  it("lists a Prague day's contacts, paged, by service, and tallies them", async () => {
    // 29 March 2026, the day summer time begins: 00:00 CET is 23:00Z the day before, 24:00 CEST 22:00Z.
    const inDay = [
      await record(unnamed('2026-03-28T23:00:00Z', 1)),
      await record(unnamed('2026-03-29T21:59:00Z', 2)),
      // Written with another offset: its text sorts after the day's last UTC instant, it happened in it.
      await record(unnamed('2026-03-30T08:00:00+14:00', 4)),
      await record(unnamed('2026-03-29T10:00:00+02:00', 8, w.services.kontakt)),
    ];
    await record(unnamed('2026-03-28T22:59:00Z', 16)); // 23:59 on the 28th
    await record(unnamed('2026-03-29T22:00:00Z', 32)); // 00:00 on the 30th
    await record(unnamed('2026-03-29T12:00:00+14:00', 64)); // 23:00 on the 28th in Prague

    const first = await w.spektrum.get<{ items: Contact[]; nextCursor?: string }>(
      '/contacts?from=2026-03-29&limit=3',
    );
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(3);
    const second = await w.spektrum.get<{ items: Contact[]; nextCursor?: string }>(
      `/contacts?from=2026-03-29&limit=3&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
    );
    const ids = [...first.body.items, ...second.body.items].map((c) => c.id);
    expect(ids.sort()).toEqual(inDay.map((c) => c.id).sort());
    expect(second.body.nextCursor).toBeUndefined();

    const field = await w.spektrum.get<{ items: Contact[] }>(
      `/contacts?from=2026-03-29&to=2026-03-29&serviceId=${w.services.teren}`,
    );
    expect(field.body.items.map((c) => c.id).sort()).toEqual(
      inDay
        .slice(0, 3)
        .map((c) => c.id)
        .sort(),
    );

    const tally = await w.spektrum.get<intake.ContactTally>('/contacts/tally?from=2026-03-29');
    expect(tally.status).toBe(200);
    expect(tally.body).toMatchObject({ from: '2026-03-29', to: '2026-03-29', contacts: 4, needlesGiven: 15 });
    const ofField = await w.spektrum.get<intake.ContactTally>(
      `/contacts/tally?from=2026-03-28&to=2026-03-29&serviceId=${w.services.teren}`,
    );
    expect(ofField.body).toMatchObject({ contacts: 5, needlesGiven: 1 + 2 + 4 + 16 + 64 });

    // Another provider's day log and tally are its own.
    expect((await w.fokus.get<intake.ContactTally>('/contacts/tally?from=2026-03-29')).body.contacts).toBe(0);
    const bad = await w.spektrum.get<Problem>('/contacts/tally?from=2026-03-29&to=2026-03-01', {
      headers: { 'accept-language': 'cs' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ code: 'contact-days' });
  });

  it('corrects and voids with If-Match and a reason, within the window, only its own provider', async () => {
    const c = await record(unnamed(hoursAgo(w.rt, 1), 3));
    expect(Date.parse(c.correctableUntil!) - Date.parse(c.occurredAt)).toBe(7 * 86_400_000);
    const path = `/contacts/${c.id}`;
    const change = {
      interventions: [{ type: 'needle-exchange', given: 5, returned: 1 }],
      reason: 'Překlep.',
    };

    // The reason is required.
    expect((await w.spektrum.patch(path, { durationMinutes: 12 }, ifMatch(1))).status).toBe(422);
    expect((await w.spektrum.patch(path, change, ifMatch(7))).status).toBe(412);
    expect((await w.fokus.patch(path, change, ifMatch(1))).status).toBe(404);
    const same = await w.spektrum.patch<Problem>(path, { durationMinutes: 10, reason: 'Nic.' }, ifMatch(1));
    expect(same.status).toBe(422);
    expect(same.body.errors[0]!.code).toBe('contact-nothing-to-correct');

    const fixed = await w.spektrum.patch<Contact>(path, change, ifMatch(1));
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ version: 2, interventions: change.interventions });
    expect(fixed.body.corrections).toHaveLength(1);

    expect((await w.fokus.post(`${path}/void`, { reason: 'x' }, ifMatch(2))).status).toBe(404);
    const voided = await w.spektrum.post<Contact>(`${path}/void`, { reason: 'Zapsáno omylem.' }, ifMatch(2));
    expect(voided.status).toBe(200);
    expect(voided.body.voided).toMatchObject({ reason: 'Zapsáno omylem.' });
    expect(voided.body.correctableUntil).toBeUndefined();
    const again = await w.spektrum.patch<Problem>(path, change, ifMatch(3));
    expect(again.body.errors[0]!.code).toBe('contact-voided');
    // Still readable, marked voided.
    expect((await w.spektrum.get<Contact>(path)).body.voided).toBeDefined();

    const old = await record(unnamed(hoursAgo(w.rt, 24 * 8), 3));
    const late = await w.spektrum.post<Problem>(
      `/contacts/${old.id}/void`,
      { reason: 'Pozdě.' },
      { headers: { 'if-match': '"1"', 'accept-language': 'cs' } },
    );
    expect(late.status).toBe(422);
    expect(late.body.errors[0]).toMatchObject({
      code: 'contact-correction-window',
      message: 'Kontakt lze opravit nebo zrušit jen do 7 dnů od jeho času.',
    });

    await w.rt.settle();
    const types = w.rt.bus.archive
      .filter((e) => (e.event.detail as { data?: { contactId?: string } }).data?.contactId === c.id)
      .map((e) => e.event['detail-type']);
    expect(types).toEqual(['ContactRecorded', 'ContactCorrected', 'ContactVoided']);
  });
});
