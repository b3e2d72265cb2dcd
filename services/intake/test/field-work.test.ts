// Field work with people who have no client record yet (issue 18, "Unnamed people in the field"):
// a phone arrangement without registering a client, a no-show proposal that names the contact
// centre and the next day on the Prague clock, structured field places and information topics.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@spolu/contracts';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor, registerProvider } from '../../../packages/local/test-support/harness';
import type { World } from './fixtures';
import { anonymousClient, hoursAgo, serviceBody, startWorld } from './fixtures';

type Rec = { id: string; version: number; [k: string]: unknown };
type Problem = { status: number; title: string; errors: { code: string; path: string; message: string }[] };
interface Proposal {
  contactCentre: boolean;
  nextDayFrom: string;
  nextDay: { date: string; time: string; timeZone: string; at: string };
  centre?: {
    serviceId: string;
    name: string;
    address?: string;
    day: string;
    openingHours: { opens: string; closes: string }[];
  };
}
type Arrangement = Rec & {
  clientId?: string;
  contactId?: string;
  attendance: string;
  noShowProposal?: Proposal;
};

let w: World;
let admin: ActorClient;
let worker: ActorClient;
let otherWorker: ActorClient;
const services = { centre: '', field: '' };
const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });
const czech = { headers: { 'accept-language': 'cs' } };

const eventsOf = (type: string) =>
  w.rt.bus.archive
    .filter((e) => e.event['detail-type'] === type)
    .map((e) => e.event.detail as { tenantId?: string; data: Record<string, unknown> });

const arrangement = (overrides: Record<string, unknown> = {}) => ({
  serviceId: services.field,
  // A Wednesday afternoon in Prague (14:00 CET), long past: a no-show can be recorded at once.
  scheduledAt: '2026-11-25T13:00:00Z',
  place: { kind: 'field', fieldPlace: 'Semily – nádraží' },
  phoneArrangement: {
    place: 'u hlavního vchodu nádraží',
    recognitionSigns: 'zelená bunda, batoh s logem',
    callbackNumber: '+420 777 000 111',
    request: 'needle-exchange',
  },
  ...overrides,
});

beforeAll(async () => {
  w = await startWorld();
  const ops = w.ops;
  const providerId = await registerProvider(ops, 'Terénní programy Semilsko', {
    ico: '87654321',
    address: 'Nádražní 5, Semily',
    adminEmail: 'admin@semilsko.example',
  });
  admin = await actor(w.rt, { sub: newId(), tenantId: providerId, roles: ['provider-admin'] });
  const centre = await admin.post<{ id: string }>(
    '/services',
    serviceBody({
      name: 'Kontaktní centrum Semily',
      type: 's59',
      districts: ['semily'],
      locations: [{ name: 'Kontaktní centrum', address: 'Bítouchovská 1, Semily', district: 'semily' }],
      hours: [
        { day: 'wed', opens: '09:00', closes: '12:00' },
        { day: 'wed', opens: '13:00', closes: '17:00' },
        { day: 'sat', opens: '10:00', closes: '14:00' },
      ],
    }),
  );
  const field = await admin.post<{ id: string }>(
    '/services',
    serviceBody({
      name: 'Terénní program Semilsko',
      type: 's69',
      anonymousMode: 'allowed',
      districts: ['semily', 'jilemnice'],
      fieldPlaces: ['Semily – nádraží', 'Jilemnice – park', 'ulice'],
      fieldPlaceDetails: {
        'Semily – nádraží': { kind: 'station', town: 'Semily', district: 'semily' },
        'Jilemnice – park': { kind: 'park', town: 'Jilemnice', district: 'jilemnice' },
        ulice: { kind: 'street' },
      },
    }),
  );
  expect([centre.status, field.status]).toEqual([201, 201]);
  services.centre = centre.body.id;
  services.field = field.body.id;
  await w.rt.settle();
  worker = await actor(w.rt, { sub: newId(), tenantId: providerId, roles: ['worker'] });
  otherWorker = w.spektrum;
});
afterAll(async () => {
  await w.rt.stop();
});

describe('a phone arrangement with an unnamed person', () => {
  it('is made without registering a client and shows on the worker’s day', async () => {
    const clientsBefore = (await worker.get<{ items: unknown[] }>('/clients')).body.items.length;
    const registeredBefore = eventsOf('ClientRegistered').length;
    const made = await worker.post<Arrangement>('/phone-arrangements', arrangement());
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'phone-arrangement', attendance: 'scheduled' });
    expect(made.body.clientId).toBeUndefined();
    expect(made.body.phoneArrangement).toMatchObject({ recognitionSigns: 'zelená bunda, batoh s logem' });

    await w.rt.settle();
    expect((await worker.get<{ items: unknown[] }>('/clients')).body.items).toHaveLength(clientsBefore);
    expect(eventsOf('ClientRegistered')).toHaveLength(registeredBefore);

    const day = await worker.get<{ items: Arrangement[] }>(
      '/appointments?from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z',
    );
    expect(day.body.items.map((a) => a.id)).toContain(made.body.id);
    const read = await worker.get<Arrangement>(`/phone-arrangements/${made.body.id}`);
    expect(read.body).toMatchObject({ id: made.body.id, attendance: 'scheduled' });
  });

  it('another provider neither reads nor records it', async () => {
    const made = await worker.post<Arrangement>('/phone-arrangements', arrangement());
    expect((await otherWorker.get(`/phone-arrangements/${made.body.id}`)).status).toBe(404);
    const foreign = await otherWorker.put(
      `/phone-arrangements/${made.body.id}/attendance`,
      { attendance: 'no-show' },
      ifMatch(1),
    );
    expect(foreign.status).toBe(404);
    const day = await otherWorker.get<{ items: Arrangement[] }>(
      '/appointments?from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z',
    );
    expect(day.body.items.map((a) => a.id)).not.toContain(made.body.id);
    expect((await worker.get<Arrangement>(`/phone-arrangements/${made.body.id}`)).body.attendance).toBe(
      'scheduled',
    );
  });

  it('a no-show names the contact centre with its address and hours that day, and the next day in Prague time', async () => {
    const made = await worker.post<Arrangement>('/phone-arrangements', arrangement());
    const missedEvents = eventsOf('AppointmentMissed').length;
    const missed = await worker.put<Arrangement>(
      `/phone-arrangements/${made.body.id}/attendance`,
      { attendance: 'no-show' },
      ifMatch(1),
    );
    expect(missed.status).toBe(200);
    expect(missed.body.attendance).toBe('no-show');
    expect(missed.body.noShowProposal).toEqual({
      contactCentre: true,
      nextDayFrom: '2026-11-26T13:00:00.000Z',
      nextDay: {
        date: '2026-11-26',
        time: '14:00',
        timeZone: 'Europe/Prague',
        at: '2026-11-26T14:00:00+01:00',
      },
      centre: {
        serviceId: services.centre,
        name: 'Kontaktní centrum Semily',
        address: 'Bítouchovská 1, Semily',
        day: 'wed',
        openingHours: [
          { opens: '09:00', closes: '12:00' },
          { opens: '13:00', closes: '17:00' },
        ],
      },
    });
    // Nobody is a client: nothing reaches client statistics.
    await w.rt.settle();
    expect(eventsOf('AppointmentMissed')).toHaveLength(missedEvents);
    const again = await worker.put<Problem>(
      `/phone-arrangements/${made.body.id}/attendance`,
      { attendance: 'attended' },
      ifMatch(2),
    );
    expect(again.body.errors[0]!.code).toBe('attendance-recorded');
  });

  it('across the change to summer time the next day keeps the wall-clock time (23 hours later)', async () => {
    // Saturday 28 March 2026, 15:00 CET; Sunday 29 March is CEST.
    const made = await worker.post<Arrangement>(
      '/phone-arrangements',
      arrangement({ scheduledAt: '2026-03-28T14:00:00Z' }),
    );
    const missed = await worker.put<Arrangement>(
      `/phone-arrangements/${made.body.id}/attendance`,
      { attendance: 'no-show' },
      ifMatch(1),
    );
    expect(missed.body.noShowProposal).toMatchObject({
      nextDayFrom: '2026-03-29T13:00:00.000Z',
      nextDay: { date: '2026-03-29', time: '15:00', at: '2026-03-29T15:00:00+02:00' },
      centre: { day: 'sat', openingHours: [{ opens: '10:00', closes: '14:00' }] },
    });
  });

  it('a no-show is recorded only 15 minutes after the agreed time, in Czech when asked', async () => {
    const soon = new Date(w.rt.clock.now().getTime() - 5 * 60_000).toISOString();
    const made = await worker.post<Arrangement>('/phone-arrangements', arrangement({ scheduledAt: soon }));
    const early = await worker.put<Problem>(
      `/phone-arrangements/${made.body.id}/attendance`,
      { attendance: 'no-show' },
      { headers: { ...ifMatch(1).headers, ...czech.headers } },
    );
    expect(early.status).toBe(422);
    expect(early.body.errors[0]).toMatchObject({ code: 'too-early-for-no-show', path: 'body.attendance' });
    expect(early.body.errors[0]!.message).toMatch(/[ěščřžýáíéůú]/);
    expect((await worker.get<Arrangement>(`/phone-arrangements/${made.body.id}`)).body.version).toBe(1);
    w.rt.clock.advance(11 * 60_000);
    const missed = await worker.put<Arrangement>(
      `/phone-arrangements/${made.body.id}/attendance`,
      { attendance: 'no-show' },
      ifMatch(1),
    );
    expect(missed.status).toBe(200);
    expect(missed.body.noShowProposal?.centre?.name).toBe('Kontaktní centrum Semily');
  });

  it('may point to the unnamed-person contact in which it was agreed, and only to such a contact', async () => {
    const unnamed = await worker.post<Rec>('/contacts', {
      serviceId: services.field,
      kind: 'unnamed',
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 5,
      place: { kind: 'phone' },
      interventions: [{ type: 'phone-contact' }],
    });
    expect(unnamed.status).toBe(201);
    const linked = await worker.post<Arrangement>(
      '/phone-arrangements',
      arrangement({ contactId: unnamed.body.id }),
    );
    expect(linked.status).toBe(201);
    expect(linked.body.contactId).toBe(unnamed.body.id);

    const client = await worker.post<Rec>('/clients', anonymousClient(services.field, 'SEM01'));
    const clientContact = await worker.post<Rec>('/contacts', {
      serviceId: services.field,
      kind: 'client',
      clientId: client.body.id,
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 5,
      place: { kind: 'phone' },
      interventions: [{ type: 'phone-contact' }],
    });
    const day = () =>
      worker.get<{ items: Arrangement[] }>('/appointments?from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z');
    const before = (await day()).body.items.length;
    const wrong = await worker.post<Problem>(
      '/phone-arrangements',
      arrangement({ contactId: clientContact.body.id }),
      czech,
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({
      code: 'arrangement-contact-not-unnamed',
      path: 'body.contactId',
    });
    expect(wrong.body.errors[0]!.message).toContain('neznámou osobou');
    const missing = await worker.post('/phone-arrangements', arrangement({ contactId: newId() }));
    expect(missing.status).toBe(404);
    expect((await day()).body.items).toHaveLength(before);
  });

  it('refuses an arrangement without its place, recognition signs and request, or at a place the service does not use', async () => {
    const day = () =>
      worker.get<{ items: Arrangement[] }>('/appointments?from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z');
    const before = (await day()).body.items.length;
    const bare = await worker.post<Problem>(
      '/phone-arrangements',
      { ...arrangement(), phoneArrangement: undefined },
      czech,
    );
    expect(bare.status).toBe(422);
    expect(bare.body.errors.map((e) => e.path)).toContain('body.phoneArrangement');
    const elsewhere = await worker.post<Problem>(
      '/phone-arrangements',
      arrangement({ place: { kind: 'field', fieldPlace: 'Liberec – nádraží' } }),
    );
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors[0]!.code).toBe('unknown-field-place');
    expect((await day()).body.items).toHaveLength(before);
  });
});

describe('a client’s phone arrangement', () => {
  it('a no-show proposes the provider’s contact centre by name too', async () => {
    const client = await worker.post<Rec>('/clients', anonymousClient(services.field, 'SEM02'));
    const appt = await worker.post<Rec>(`/clients/${client.body.id}/appointments`, {
      ...arrangement(),
      kind: 'phone-arrangement',
    });
    expect(appt.status).toBe(201);
    const missed = await worker.put<Arrangement>(
      `/clients/${client.body.id}/appointments/${appt.body.id}/attendance`,
      { attendance: 'no-show' },
      ifMatch(1),
    );
    expect(missed.body.noShowProposal).toMatchObject({
      nextDay: { date: '2026-11-26', time: '14:00' },
      centre: { name: 'Kontaktní centrum Semily', address: 'Bítouchovská 1, Semily' },
    });
  });
});

describe('structured field places', () => {
  it('the directory keeps each place’s kind and town with its district', async () => {
    const service = await admin.get<{ fieldPlaceDetails: Record<string, unknown> }>(
      `/services/${services.field}`,
    );
    expect(service.body.fieldPlaceDetails).toEqual({
      'Semily – nádraží': { kind: 'station', town: 'Semily', district: 'semily' },
      'Jilemnice – park': { kind: 'park', town: 'Jilemnice', district: 'jilemnice' },
      ulice: { kind: 'street' },
    });
  });

  it('refuses a town without its district, a district that disagrees, an unknown place or kind', async () => {
    const register = (fieldPlaceDetails: unknown, extra: Record<string, unknown> = {}) =>
      admin.post<Problem>(
        '/services',
        serviceBody({
          name: 'Zkušební terén',
          type: 's69',
          fieldPlaces: ['Semily – park'],
          fieldPlaceDetails,
          ...extra,
        }),
        czech,
      );
    const noDistrict = await register({ 'Semily – park': { kind: 'park', town: 'Semily' } });
    expect(noDistrict.status).toBe(422);
    expect(noDistrict.body.errors[0]).toMatchObject({
      code: 'field-place-town',
      path: 'body.fieldPlaceDetails',
    });
    expect(noDistrict.body.errors[0]!.message).toContain('obvodem');
    const disagree = await register(
      { 'Semily – park': { kind: 'park', town: 'Semily', district: 'semily' } },
      { fieldPlaceDistricts: { 'Semily – park': 'jilemnice' } },
    );
    expect(disagree.body.errors[0]!.code).toBe('field-place-district-mismatch');
    const unknown = await register({ 'Turnov – park': { kind: 'park' } });
    expect(unknown.body.errors[0]!.code).toBe('unknown-field-place');
    const outside = await register({
      'Semily – park': { kind: 'park', town: 'Žďár nad Sázavou', district: 'zdar-nad-sazavou' },
    });
    expect(outside.body.errors[0]!.code).toBe('district-outside-region');
    const badKind = await register({ 'Semily – park': { kind: 'beach' } });
    expect(badKind.status).toBe(422);
    expect(badKind.body.errors[0]!.path).toContain('kind');
    const list = await admin.get<{ items: { name: string }[] }>('/services');
    expect(list.body.items.map((s) => s.name)).not.toContain('Zkušební terén');
  });

  it('a contact without a client counts in its place’s town district', async () => {
    const contact = await worker.post<Rec>('/contacts', {
      serviceId: services.field,
      kind: 'unnamed',
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 10,
      place: { kind: 'field', fieldPlace: 'Jilemnice – park' },
      interventions: [{ type: 'information', topic: 'hcv-testing' }],
    });
    expect(contact.status).toBe(201);
    await w.rt.settle();
    const recorded = eventsOf('ContactRecorded').find((e) => e.data.contactId === contact.body.id);
    // The service's first district is semily: the town's district decides, not the fallback.
    expect(recorded!.data.district).toBe('jilemnice');
    expect(recorded!.data.clientId).toBeUndefined();
  });
});

describe('the information intervention has a topic', () => {
  it('keeps the topic and refuses one it does not know', async () => {
    const contact = await worker.post<Rec & { interventions: unknown[] }>('/contacts', {
      serviceId: services.field,
      kind: 'unnamed',
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 10,
      place: { kind: 'field', fieldPlace: 'Semily – nádraží' },
      interventions: [
        { type: 'information', topic: 'safer-use' },
        { type: 'information', topic: 'treatment' },
      ],
    });
    expect(contact.status).toBe(201);
    const read = await worker.get<{ interventions: unknown[] }>(`/contacts/${contact.body.id}`);
    expect(read.body.interventions).toEqual([
      { type: 'information', topic: 'safer-use' },
      { type: 'information', topic: 'treatment' },
    ]);
    const before = (await worker.get<{ items: unknown[] }>('/contacts')).body.items.length;
    const bad = await worker.post<Problem>(
      '/contacts',
      {
        serviceId: services.field,
        kind: 'unnamed',
        occurredAt: hoursAgo(w.rt, 1),
        durationMinutes: 10,
        place: { kind: 'field', fieldPlace: 'Semily – nádraží' },
        interventions: [{ type: 'information', topic: 'astrology' }],
      },
      czech,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]!.path).toContain('topic');
    expect((await worker.get<{ items: unknown[] }>('/contacts')).body.items).toHaveLength(before);
  });
});
