// What a planner reads by district, through the real services: contacts without a client
// (unnamed people in field work, close persons) count in their place's district, so the district
// rows add up to the region total. The threshold is 1, so every figure is published as counted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { stats } from '@spolu/contracts';
import { expectStatus } from '../../../packages/local/src/api-client';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { periodsOf } from '../src/domain/periods';
import type { StatsWorld } from './fixtures';
import { minutesAgo, serviceBody, startStatsWorld } from './fixtures';

type Table = stats.StatsTable;
const qs = (query: Record<string, string>) => `?${new URLSearchParams(query).toString()}`;

let w: StatsWorld;
let month: string;
let field: string;

const table = async (indicator: string, query: Record<string, string>) =>
  expectStatus(
    await w.coordinator.get<Table>(`/stats/indicators/${indicator}/table${qs(query)}`),
    200,
    `${indicator} ${JSON.stringify(query)}`,
  );
const byRow = (t: Table) => Object.fromEntries(t.rowKeys.map((k, i) => [k, t.rowTotals[i]!.value]));

const contact = async (by: ActorClient, body: Record<string, unknown>) =>
  expectStatus(
    await by.post('/contacts', {
      serviceId: field,
      occurredAt: minutesAgo(w.rt, 30),
      durationMinutes: 15,
      interventions: [{ type: 'information' }],
      ...body,
    }),
    201,
    'contact',
  );

beforeAll(async () => {
  w = await startStatsWorld([], { settings: { STATS_SMALL_CELL_THRESHOLD: '1' } });
  [month] = periodsOf(w.rt.clock.now().toISOString()) as [string, string, string];
  // A field programme in three districts, based in Liberec: one field place with its district in
  // the directory, one named after a town, one that says nothing about where it is.
  const res = await w.spektrumAdmin.post<{ id: string }>(
    '/services',
    serviceBody({
      name: 'Terénní program',
      type: 's69',
      anonymousMode: 'allowed',
      targetGroups: ['substance-users', 'close-persons'],
      districts: ['liberec', 'semily', 'jilemnice'],
      locations: [{ name: 'Zázemí terénu', address: 'Husova 1, Liberec', district: 'liberec' }],
      fieldPlaces: ['parky', 'Semily – nádraží', 'ulice'],
      fieldPlaceDistricts: { parky: 'jilemnice' },
    }),
  );
  field = expectStatus(res, 201, 'field service').id;
  await w.rt.settle();

  const client = expectStatus(
    await w.spektrum.post<{ id: string }>('/clients', {
      serviceId: field,
      identity: {
        kind: 'anonymous',
        clientCode: 'TP-1990',
        birthYear: 1990,
        sex: 'male',
        district: 'semily',
      },
    }),
    201,
    'client',
  ).id;
  // Client contact: the client's district (semily), wherever it happened.
  await contact(w.spektrum, {
    kind: 'client',
    clientId: client,
    place: { kind: 'field', fieldPlace: 'parky' },
  });
  // Unnamed: field place with a listed district (jilemnice), a town's field place (semily), a
  // place without one (the service's first district, liberec).
  await contact(w.spektrum, { kind: 'unnamed', place: { kind: 'field', fieldPlace: 'parky' } });
  await contact(w.spektrum, { kind: 'unnamed', place: { kind: 'field', fieldPlace: 'Semily – nádraží' } });
  await contact(w.spektrum, { kind: 'unnamed', place: { kind: 'field', fieldPlace: 'ulice' } });
  // Close persons: at the base (its location, liberec) and on the phone (liberec).
  await contact(w.spektrum, {
    kind: 'close-person',
    closePersonRelation: 'parent',
    place: { kind: 'centre' },
  });
  await contact(w.spektrum, {
    kind: 'close-person',
    closePersonRelation: 'partner',
    place: { kind: 'phone' },
  });
  await w.rt.settle();
}, 180_000);

afterAll(async () => {
  await w?.rt.stop();
});

describe('contacts by district', () => {
  it('counts unnamed and close-person contacts in their place district, adding up to the region', async () => {
    const t = await table('contacts', { period: month, rows: 'district' });
    expect(byRow(t)).toEqual({ jilemnice: 1, liberec: 3, semily: 2 });
    expect(t.total.value).toBe(6);
    expect(t.rowTotals.reduce((n, c) => n + (c.value ?? 0), 0)).toBe(t.total.value);

    const close = await table('close-persons-served', { period: month, rows: 'district' });
    expect(byRow(close)).toEqual({ liberec: 2 });
    const twoWay = await table('contacts', { period: month, rows: 'district', columns: 'serviceType' });
    expect(twoWay.columnTotals.map((c) => c.value)).toEqual([6]);
  });
});
