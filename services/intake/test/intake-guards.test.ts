import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@spolu/contracts';
import type { World } from './fixtures';
import { anonymousClient, completeChecklist, hoursAgo, namedClient, startWorld } from './fixtures';

type Rec = { id: string; version: number; [k: string]: unknown };
let w: World;
const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });

beforeAll(async () => {
  w = await startWorld({ CLIENT_RETENTION_DAYS: '30' });
});
afterAll(async () => {
  await w.rt.stop();
});

const countClients = async () =>
  (await w.fokus.get<{ items: unknown[] }>('/clients?limit=100')).body.items.length;

describe('bad input gets problem+json and stores nothing', () => {
  it('refuses unknown fields, impossible dates, negative counts and wrong answers', async () => {
    const before = await countClients();
    const unknown = await w.fokus.post<{ errors: { path: string }[] }>('/clients', {
      ...namedClient(w.services.std),
      nickname: 'x',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    const impossible = await w.fokus.post<{ errors: { path: string }[] }>(
      '/clients',
      namedClient(w.services.std, { birthDate: '1990-02-30' }),
    );
    expect(impossible.status).toBe(422);
    expect(impossible.body.errors[0]!.path).toBe('body.identity.birthDate');
    const future = await w.fokus.post<{ errors: { code: string }[] }>(
      '/clients',
      namedClient(w.services.std, { birthDate: '2099-01-01' }),
    );
    expect(future.body.errors[0]!.code).toBe('birth-in-future');
    const foreignService = await w.fokus.post<{ errors: { code: string }[] }>(
      '/clients',
      namedClient(w.services.krize),
    );
    expect(foreignService.body.errors[0]!.code).toBe('unknown-service');
    expect(await countClients()).toBe(before);

    const client = await w.fokus.post<Rec>('/clients', namedClient(w.services.std));
    const contactsBefore = (await w.fokus.get<{ items: unknown[] }>('/contacts?limit=100')).body.items.length;
    const negative = await w.fokus.post<{ errors: { path: string }[] }>('/contacts', {
      serviceId: w.services.std,
      kind: 'client',
      clientId: client.body.id,
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 10,
      place: { kind: 'centre' },
      interventions: [{ type: 'needle-exchange', given: -1, returned: 0 }],
    });
    expect(negative.status).toBe(422);
    expect(negative.body.errors[0]!.path).toBe('body.interventions[0].given');
    const noClient = await w.fokus.post('/contacts', {
      serviceId: w.services.std,
      kind: 'client',
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 10,
      place: { kind: 'centre' },
      interventions: [{ type: 'information' }],
    });
    expect(noClient.status).toBe(422);
    expect((await w.fokus.get<{ items: unknown[] }>('/contacts?limit=100')).body.items.length).toBe(
      contactsBefore,
    );

    const badEnd = await w.fokus.post(`/clients/${client.body.id}/agreements`, {
      serviceId: w.services.std,
      form: 'written',
      goal: 'x',
      written: {
        contractDate: '2026-01-05',
        validFrom: '2026-06-01',
        validUntil: '2026-01-01',
        signedBy: ['x'],
      },
    });
    expect(badEnd.status).toBe(422);
    expect(
      (await w.fokus.get<{ items: unknown[] }>(`/clients/${client.body.id}/agreements`)).body.items,
    ).toHaveLength(0);
    const unknownNeed = await w.fokus.post(`/clients/${client.body.id}/needs-assessments`, {
      serviceId: w.services.std,
      assessedAt: hoursAgo(w.rt, 1),
      needs: [{ code: 'world-peace', clientPriority: 'high', workerPriority: 'high' }],
    });
    expect(unknownNeed.status).toBe(422);
    const badCursor = await w.fokus.get(
      `/clients/${client.body.id}/file?cursor=${Buffer.from('{"gsi1pk":"x","sk":"y"}').toString('base64url')}`,
    );
    expect(badCursor.status).toBe(400);
  });

  it('returns the first result for a retried create with the same Idempotency-Key', async () => {
    const key = `retry-${newId()}`;
    const body = anonymousClient(w.services.kontakt, 'RETRY1');
    const first = await w.spektrum.post<Rec>('/clients', body, { headers: { 'idempotency-key': key } });
    const second = await w.spektrum.post<Rec>('/clients', body, { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    // The replay handed out client data again, so it is audited as a read of the same client.
    const exported = await w.spektrum.get<{ accessLog: { action: string; reason?: string }[] }>(
      `/clients/${first.body.id}/export`,
    );
    expect(exported.body.accessLog).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'read', recordType: 'client', recordId: first.body.id }),
      ]),
    );
  });
});

describe('tenancy and roles', () => {
  it("another provider's token reads nothing (404); coordinators and ops read no client data (403)", async () => {
    const client = await w.fokus.post<Rec>('/clients', namedClient(w.services.std));
    const contact = await w.fokus.post<Rec>('/contacts', {
      serviceId: w.services.std,
      kind: 'client',
      clientId: client.body.id,
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 10,
      place: { kind: 'centre' },
      interventions: [{ type: 'counselling' }],
    });
    for (const path of [
      `/clients/${client.body.id}`,
      `/clients/${client.body.id}/file`,
      `/clients/${client.body.id}/export`,
      `/contacts/${contact.body.id}`,
    ]) {
      expect((await w.spektrum.get(path)).status).toBe(404);
      expect((await w.coordinator.get(path)).status).toBe(403);
      expect((await w.platformOps.get(path)).status).toBe(403);
      expect((await w.kcAdmin.get(path)).status).toBe(403);
    }
    const othersList = await w.spektrum.get<{ items: { id: string }[] }>('/clients?limit=100');
    expect(othersList.body.items.map((c) => c.id)).not.toContain(client.body.id);
    expect(
      (
        await w.spektrum.post(`/clients/${client.body.id}/consultations`, {
          serviceId: w.services.std,
          heldAt: hoursAgo(w.rt, 1),
          durationMinutes: 10,
          outcome: 'undecided',
        })
      ).status,
    ).toBe(404);
    expect((await w.coordinator.post('/clients', namedClient(w.services.std))).status).toBe(403);
  });

  it('audits every read and write of client data', async () => {
    const client = await w.fokus.post<Rec>('/clients', namedClient(w.services.std));
    await w.fokus.get(`/clients/${client.body.id}`);
    await w.fokusKey.get(`/clients/${client.body.id}/file`);
    const exported = await w.fokusKey.get<{
      accessLog: { actor: string; action: string; recordType: string }[];
    }>(`/clients/${client.body.id}/export`);
    const log = exported.body.accessLog;
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: w.fokus.sub, action: 'create', recordType: 'client' }),
        expect.objectContaining({ actor: w.fokus.sub, action: 'read', recordType: 'client' }),
        expect.objectContaining({ actor: w.fokusKey.sub, action: 'read', recordType: 'client-file' }),
      ]),
    );
  });
});

describe('anonymisation after the retention period', () => {
  it('erases identifying fields and free text; statistics keep their counts', async () => {
    const c = await w.fokus.post<Rec>(
      '/clients',
      namedClient(w.services.std, { name: 'Eva Malá', birthDate: '1975-06-01' }),
    );
    const id = c.body.id;
    const agreement = await w.fokus.post<Rec>(`/clients/${id}/agreements`, {
      serviceId: w.services.std,
      form: 'oral',
      goal: 'Chci zpátky do práce u pekaře Nováka.',
    });
    await w.fokus.post(`/clients/${id}/consents`, {
      purpose: 'involve-close-person',
      serviceId: w.services.std,
      involvedParty: { name: 'Josef Malý', relation: 'manžel' },
      givenAt: hoursAgo(w.rt, 1),
    });
    const early = await w.fokusKey.post<{ errors: { code: string }[] }>(
      `/clients/${id}/anonymisation`,
      {},
      ifMatch(2),
    );
    expect(early.body.errors[0]!.code).toBe('client-active');
    await w.fokus.patch(`/clients/${id}/agreements/${agreement.body.id}`, { status: 'ended' }, ifMatch(1));
    const current = await w.fokus.get<Rec & { status: string }>(`/clients/${id}`);
    expect(current.body.status).toBe('former-client');
    const tooSoon = await w.fokusKey.post<{ errors: { code: string }[] }>(
      `/clients/${id}/anonymisation`,
      {},
      ifMatch(current.body.version),
    );
    expect(tooSoon.body.errors[0]!.code).toBe('retention-not-over');
    expect(
      (await w.fokus.post(`/clients/${id}/anonymisation`, {}, ifMatch(current.body.version))).status,
    ).toBe(403);

    w.rt.clock.advance(31 * 86_400_000);
    const done = await w.fokusKey.post<{
      identity: Record<string, unknown>;
      anonymisedAt: string;
      ageBand: string;
    }>(`/clients/${id}/anonymisation`, { reason: 'retention period over' }, ifMatch(current.body.version));
    expect(done.status).toBe(200);
    expect(done.body.identity).toMatchObject({ kind: 'anonymous', birthYear: 1975, district: 'semily' });
    expect(JSON.stringify(done.body)).not.toContain('Eva');
    expect(done.body.ageBand).toBe('27-64');
    const exported = await w.fokusKey.get(`/clients/${id}/export`);
    const text = JSON.stringify(exported.body);
    for (const secret of ['Eva Malá', '1975-06-01', 'Husova', '777 123 456', 'pekaře', 'Josef Malý'])
      expect(text).not.toContain(secret);
    expect(
      (
        await w.fokus.post(`/clients/${id}/consultations`, {
          serviceId: w.services.std,
          heldAt: hoursAgo(w.rt, 1),
          durationMinutes: 10,
          outcome: 'undecided',
        })
      ).status,
    ).toBe(422);
    await w.rt.settle();
    expect(
      w.rt.bus.archive.some(
        (e) =>
          e.event['detail-type'] === 'ClientAnonymised' &&
          (e.event.detail as { data: { clientId: string } }).data.clientId === id,
      ),
    ).toBe(true);
  });
});

describe('events carry no personal data', () => {
  it('finds no name, birth date, address, phone, client code or free text in any event intake emitted', async () => {
    // A full flow with personal data everywhere it can go.
    const secrets = [
      'Zdeněk Tajný',
      '1983-11-07',
      'Tajná ulice 7',
      '+420 606 111 222',
      'TAJ83',
      'Chci tajně přestat',
      'tajná poznámka',
      'Tajná Matka',
      'Červená čepice',
      'tajný text',
    ];
    const named = await w.kc.post<Rec>('/clients', {
      serviceId: w.services.krize,
      identity: {
        kind: 'named',
        name: secrets[0],
        birthDate: secrets[1],
        sex: 'male',
        contact: { address: secrets[2], phone: secrets[3] },
        district: 'liberec',
      },
    });
    await w.kc.post(`/clients/${named.body.id}/consultations`, {
      serviceId: w.services.krize,
      heldAt: hoursAgo(w.rt, 3),
      durationMinutes: 60,
      request: secrets[5],
      notes: secrets[6],
      outcome: 'agreement-wanted',
    });
    const ag = await w.kc.post<Rec>(`/clients/${named.body.id}/agreements`, {
      serviceId: w.services.krize,
      form: 'written',
      written: { contractDate: '2026-01-05', validFrom: '2026-01-05', signedBy: [secrets[0]!] },
      goal: secrets[5],
    });
    await w.kc.patch(
      `/clients/${named.body.id}/agreements/${ag.body.id}`,
      { goal: secrets[9], changeNote: secrets[6] },
      ifMatch(1),
    );
    await w.kc.post(`/clients/${named.body.id}/needs-assessments`, {
      serviceId: w.services.krize,
      assessedAt: hoursAgo(w.rt, 2),
      needs: [
        { code: 'crisis-help', clientPriority: 'high', workerPriority: 'high', clientWords: secrets[9] },
      ],
    });
    await w.kc.post(`/clients/${named.body.id}/consents`, {
      purpose: 'involve-close-person',
      serviceId: w.services.krize,
      involvedParty: { name: secrets[7], relation: 'matka' },
      givenAt: hoursAgo(w.rt, 1),
    });
    await w.kc.post('/contacts', {
      serviceId: w.services.krize,
      kind: 'client',
      clientId: named.body.id,
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 30,
      place: { kind: 'centre' },
      interventions: [{ type: 'crisis-intervention' }],
      notes: secrets[6],
    });
    const anon = await w.spektrum.post<Rec>('/clients', anonymousClient(w.services.teren, secrets[4]));
    await w.spektrum.post('/contacts', {
      serviceId: w.services.teren,
      kind: 'client',
      clientId: anon.body.id,
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 10,
      place: { kind: 'field', fieldPlace: 'Žďár nad Sázavou – nádraží' },
      interventions: [{ type: 'test', test: 'hiv', result: 'reactive' }],
      notes: secrets[6],
    });
    const appt = await w.spektrum.post<Rec>(`/clients/${anon.body.id}/appointments`, {
      serviceId: w.services.teren,
      kind: 'phone-arrangement',
      scheduledAt: hoursAgo(w.rt, 1),
      place: { kind: 'field', fieldPlace: 'Žďár nad Sázavou – nádraží' },
      phoneArrangement: {
        place: secrets[2],
        recognitionSigns: secrets[8],
        callbackNumber: secrets[3],
        request: 'needle-exchange',
      },
    });
    await w.spektrum.put(
      `/clients/${anon.body.id}/appointments/${appt.body.id}/attendance`,
      { attendance: 'no-show' },
      ifMatch(1),
    );
    const visit = await w.spektrum.post<Rec>(`/clients/${anon.body.id}/home-visits`, {
      serviceId: w.services.teren,
      scheduledAt: hoursAgo(w.rt, 2),
      workerCount: 2,
      checklist: completeChecklist,
    });
    await w.spektrum.put(
      `/clients/${anon.body.id}/home-visits/${visit.body.id}/closure`,
      {
        endedAt: hoursAgo(w.rt, 1),
        leaveSafety: {
          acuteDanger: false,
          clientPsychotic: false,
          clientSuicidal: false,
          professionalHelpCalled: false,
        },
        notes: secrets[6],
      },
      ifMatch(1),
    );
    await w.rt.settle();

    const intakeEvents = w.rt.bus.archive.filter((e) => e.event.source === 'spolu.intake');
    const types = new Set(intakeEvents.map((e) => e.event['detail-type']));
    for (const t of [
      'ClientRegistered',
      'FirstConsultationHeld',
      'AgreementMade',
      'AgreementChanged',
      'NeedsAssessed',
      'ConsentGiven',
      'ContactRecorded',
      'AppointmentMissed',
      'HomeVisitClosed',
    ])
      expect(types).toContain(t);
    const all = JSON.stringify(intakeEvents.map((e) => e.event.detail));
    for (const s of [...secrets, 'reactive', 'Eva', 'Nováková', 'Husova', '1988-04-12'])
      expect(all).not.toContain(s);
    // No event has a field that could hold them.
    expect(all).not.toMatch(/"(name|birthDate|address|phone|email|notes|goal|request|clientCode|result)":/);
  });
});
