// The day log's corrections and voids reach statistics (issue 21 item 2): a contact recorded,
// corrected and voided through intake's API moves the provider's exact cells and the day tally
// the same way; redelivered events change nothing. The projection itself, in any order: below.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { AnyEnvelope, intake, stats } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import { expand } from '../src/domain/cells';
import { intakeIncrements } from '../src/domain/project';
import { periodsOf } from '../src/domain/periods';
import type { StatsWorld } from './fixtures';
import { minutesAgo, startStatsWorld } from './fixtures';

jest.setTimeout(120_000);

// ---- the projection, pure ----

const envelope = (type: string, data: Record<string, unknown>): AnyEnvelope => ({
  id: newId(),
  type,
  region: 'CZ051',
  version: 1,
  tenantId: 'p1',
  occurredAt: '2026-11-10T12:00:00Z',
  subject: { type: 'contact', id: 'c1', revision: 1 },
  data,
});
const parties = {
  contactId: newId(),
  serviceId: newId(),
  serviceType: 's69',
  contactKind: 'unnamed',
};
const counts = (given: number, at = '2026-11-10T09:00:00Z', district = 'liberec') => ({
  district,
  occurredAt: at,
  durationMinutes: 10,
  placeKind: 'field',
  interventions: [
    { type: 'needle-exchange', count: given, given, returned: 2 },
    { type: 'test', count: 1, test: 'hcv' },
  ],
});
/** Every counter an event stream leaves: indicator, period and cell -> sum (zeros dropped). */
const totals = (events: AnyEnvelope[]) => {
  const out = new Map<string, number>();
  for (const e of events)
    for (const w of expand(intakeIncrements[e.type]!(e))) {
      const k = `${w.indicator} ${w.period} ${w.cell}`;
      out.set(k, (out.get(k) ?? 0) + w.add);
    }
  return Object.fromEntries([...out].filter(([, n]) => n !== 0).sort());
};

const recorded = envelope('ContactRecorded', { ...parties, ...counts(10) });
const corrected = envelope('ContactCorrected', {
  ...parties,
  correctedAt: '2026-11-11T08:00:00Z',
  before: counts(10),
  // The correction moves the contact to another district and day, with more needles.
  after: counts(12, '2026-11-09T09:00:00Z', 'semily'),
});
const corrected2 = envelope('ContactCorrected', {
  ...parties,
  correctedAt: '2026-11-11T09:00:00Z',
  before: counts(12, '2026-11-09T09:00:00Z', 'semily'),
  after: counts(8, '2026-11-09T09:00:00Z', 'semily'),
});
const voided = envelope('ContactVoided', {
  ...parties,
  ...counts(8, '2026-11-09T09:00:00Z', 'semily'),
  voidedAt: '2026-11-12T08:00:00Z',
});

describe('contact corrections in the projection', () => {
  it('a correction takes back the old counts and adds the new ones', () => {
    const t = totals([recorded, corrected]);
    expect(t['needles-given 2026-11 region#-']).toBe(12);
    expect(t['needles-given 2026-11 district#liberec']).toBeUndefined();
    expect(t['needles-given 2026-11 district#semily']).toBe(12);
    expect(t['contacts 2026-11 district#semily']).toBe(1);
    expect(t['contacts 2026-11 district#liberec']).toBeUndefined();
    expect(t['tests-performed 2026-11 test#hcv']).toBe(1);
    expect(t).toEqual(
      totals([envelope('ContactRecorded', { ...parties, ...counts(12, '2026-11-09T09:00:00Z', 'semily') })]),
    );
  });

  it('a void takes everything back, whatever order the events arrive in', () => {
    const stream = [recorded, corrected, corrected2, voided];
    expect(totals(stream)).toEqual({});
    expect(totals([...stream].reverse())).toEqual({});
    expect(totals([corrected2, recorded, voided, corrected])).toEqual({});
    // Without the void, any order leaves the last correction's counts.
    expect(totals([corrected2, corrected, recorded])).toEqual(totals([recorded, corrected, corrected2]));
    expect(totals([recorded, corrected, corrected2])['needles-given 2026-11 region#-']).toBe(8);
  });

  it('does not take a client back out of the clients served', () => {
    const client = { ...parties, contactKind: 'client', subjectKey: 'k'.repeat(32), ageBand: '19-26' };
    const t = totals([
      envelope('ContactRecorded', { ...client, ...counts(1) }),
      envelope('ContactVoided', { ...client, ...counts(1), voidedAt: '2026-11-12T08:00:00Z' }),
    ]);
    expect(t['contacts 2026-11 region#-']).toBeUndefined();
    expect(t['clients 2026-11 region#-']).toBe(1);
  });
});

// ---- through the API ----

type Table = stats.StatsTable;
let w: StatsWorld;
let month: string;
const qs = (query: Record<string, string>) => `?${new URLSearchParams(query).toString()}`;
const own = async (indicator: string) => {
  const res = await w.spektrum.get<Table>(
    `/stats/indicators/${indicator}/table${qs({ period: month, rows: 'serviceType', view: 'own' })}`,
  );
  if (res.status !== 200) throw new Error(`${indicator}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.total.value;
};
const figures = async () => ({
  contacts: await own('contacts'),
  needlesGiven: await own('needles-given'),
  needlesReturned: await own('needles-returned'),
});
const pragueDate = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Prague' }).format(ms);
const now = () => w.rt.clock.now().getTime();
// The contacts are from the last hour: yesterday and today, should the test run just after midnight.
const tally = async () => {
  const res = await w.spektrum.get<intake.ContactTally>(
    `/contacts/tally?from=${pragueDate(now() - 3_600_000)}&to=${pragueDate(now())}`,
  );
  expect(res.status).toBe(200);
  return res.body;
};
const exchange = (given: number, returned: number, minutes: number) => ({
  serviceId: w.services.kontakt,
  kind: 'unnamed',
  occurredAt: minutesAgo(w.rt, minutes),
  durationMinutes: 10,
  place: { kind: 'centre' },
  interventions: [{ type: 'needle-exchange', given, returned }],
});

beforeAll(async () => {
  w = await startStatsWorld([], { settings: { STATS_DISCLOSURE: 'per-table' } });
  month = periodsOf(w.rt.clock.now().toISOString())[0]!;
});
afterAll(async () => w?.rt.stop());

describe('corrections and voids through the API', () => {
  it('statistics and the day tally follow a correction and a void', async () => {
    const a = (await w.spektrum.post<intake.Contact>('/contacts', exchange(10, 4, 30))).body;
    const b = (await w.spektrum.post<intake.Contact>('/contacts', exchange(5, 5, 20))).body;
    await w.rt.settle();
    expect(await figures()).toEqual({ contacts: 2, needlesGiven: 15, needlesReturned: 9 });
    expect(await tally()).toMatchObject({ contacts: 2, needlesGiven: 15, needlesReturned: 9, voided: 0 });

    const fixed = await w.spektrum.patch<intake.Contact>(
      `/contacts/${a.id}`,
      { interventions: [{ type: 'needle-exchange', given: 20, returned: 4 }], reason: 'Překlep: 20, ne 10.' },
      { headers: { 'if-match': `"${a.version}"` } },
    );
    expect(fixed.status).toBe(200);
    expect(fixed.body.corrections).toEqual([
      expect.objectContaining({ reason: 'Překlep: 20, ne 10.', by: expect.any(String) }),
    ]);
    const gone = await w.spektrum.post<intake.Contact>(
      `/contacts/${b.id}/void`,
      { reason: 'Zapsáno dvakrát.' },
      { headers: { 'if-match': `"${b.version}"` } },
    );
    expect(gone.status).toBe(200);
    expect(gone.body.voided).toMatchObject({ reason: 'Zapsáno dvakrát.' });
    await w.rt.settle();
    expect(await figures()).toEqual({ contacts: 1, needlesGiven: 20, needlesReturned: 4 });
    expect(await tally()).toMatchObject({ contacts: 1, needlesGiven: 20, needlesReturned: 4, voided: 1 });

    // Redelivered events are applied once.
    const replayed = await w.rt.bus.replay(
      (e) => e.event.source === 'spolu.intake' && /^Contact/.test(String(e.event['detail-type'])),
      'stats-events',
    );
    expect(replayed).toBeGreaterThanOrEqual(4);
    await w.rt.settle();
    expect(await figures()).toEqual({ contacts: 1, needlesGiven: 20, needlesReturned: 4 });
  });
});
