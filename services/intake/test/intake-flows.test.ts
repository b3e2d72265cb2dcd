import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { kCentrumIncomeTemplate } from '@spolu/contracts';
import type { World } from './fixtures';
import {
  anonymousClient,
  completeChecklist,
  hoursAgo,
  hoursAhead,
  namedClient,
  startWorld,
} from './fixtures';

type Rec = { id: string; version: number; [k: string]: unknown };
let w: World;
const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });

beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.rt.stop();
});

const eventsOf = (type: string) =>
  w.rt.bus.archive
    .filter((e) => e.event['detail-type'] === type)
    .map((e) => e.event.detail as { data: Record<string, unknown> });

describe('Spektrum: anonymous client flow (contact centre and field work)', () => {
  it('registers an anonymous client by code, records a needle exchange and announces only codes and counts', async () => {
    const res = await w.spektrum.post<Rec & { status: string; ageBand: string }>(
      '/clients',
      anonymousClient(w.services.kontakt, 'PN95'),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'applicant', ageBand: '27-64', targetGroup: 'substance-users' });
    const dup = await w.spektrum.post('/clients', anonymousClient(w.services.kontakt, 'pn95'));
    expect(dup.status).toBe(409);

    const contact = await w.spektrum.post<Rec>('/contacts', {
      serviceId: w.services.kontakt,
      kind: 'client',
      clientId: res.body.id,
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 15,
      place: { kind: 'centre' },
      interventions: [
        { type: 'needle-exchange', given: 20, returned: 18 },
        {
          type: 'material',
          items: [
            { item: 'swabs', count: 20 },
            { item: 'citric-acid', count: 5 },
          ],
        },
        { type: 'test', test: 'hcv', result: 'reactive' },
        { type: 'counselling' },
      ],
      notes: 'Klient zmínil, že bydlí u nádraží.',
    });
    expect(contact.status).toBe(201);
    await w.rt.settle();
    const registered = eventsOf('ClientRegistered').find((e) => e.data.clientId === res.body.id)!;
    expect(registered.data).toMatchObject({
      anonymous: true,
      serviceType: 's59',
      ageBand: '27-64',
      sex: 'male',
    });
    const recorded = eventsOf('ContactRecorded').find((e) => e.data.contactId === contact.body.id)!;
    expect(recorded.data.interventions).toEqual([
      { type: 'needle-exchange', count: 20, given: 20, returned: 18 },
      { type: 'material', count: 25 },
      { type: 'test', count: 1, test: 'hcv' },
      { type: 'counselling', count: 1 },
    ]);
    expect(recorded.data.subjectKey).toBe(registered.data.subjectKey);
  });

  it('records a first field contact with an unnamed person at a listed field place only', async () => {
    const body = {
      serviceId: w.services.teren,
      kind: 'unnamed',
      occurredAt: hoursAgo(w.rt, 2),
      durationMinutes: 10,
      place: { kind: 'field', fieldPlace: 'Havlíčkův Brod – park' },
      interventions: [{ type: 'information' }, { type: 'material', items: [{ item: 'condoms', count: 3 }] }],
    };
    expect((await w.spektrum.post('/contacts', body)).status).toBe(201);
    const elsewhere = await w.spektrum.post<{ errors: { code: string }[] }>('/contacts', {
      ...body,
      place: { kind: 'field', fieldPlace: 'Praha' },
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors[0]!.code).toBe('unknown-field-place');
  });

  it('records a close person (osoba blízká) served in their own right', async () => {
    const res = await w.spektrum.post<Rec>('/contacts', {
      serviceId: w.services.kontakt,
      kind: 'close-person',
      closePersonRelation: 'parent',
      occurredAt: hoursAgo(w.rt, 3),
      durationMinutes: 45,
      place: { kind: 'phone' },
      interventions: [{ type: 'phone-contact' }, { type: 'counselling' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.clientId).toBeUndefined();
  });

  it('shows test results only to the recording worker and key workers', async () => {
    const client = await w.spektrum.post<Rec>('/clients', anonymousClient(w.services.kontakt));
    const contact = await w.spektrumKey.post<Rec>('/contacts', {
      serviceId: w.services.kontakt,
      kind: 'client',
      clientId: client.body.id,
      occurredAt: hoursAgo(w.rt, 1),
      durationMinutes: 20,
      place: { kind: 'centre' },
      interventions: [{ type: 'test', test: 'hiv', result: 'negative' }],
    });
    const asWorker = await w.spektrum.get<{ interventions: unknown[]; testResultsHidden?: boolean }>(
      `/contacts/${contact.body.id}`,
    );
    expect(asWorker.body.interventions).toEqual([{ type: 'test', test: 'hiv' }]);
    expect(asWorker.body.testResultsHidden).toBe(true);
    const asKey = await w.spektrumKey.get<{ interventions: unknown[] }>(`/contacts/${contact.body.id}`);
    expect(asKey.body.interventions).toEqual([{ type: 'test', test: 'hiv', result: 'negative' }]);
    const list = await w.spektrum.get<{ items: { id: string; testResultsHidden?: boolean }[] }>(
      '/contacts?limit=100',
    );
    expect(list.body.items.find((c) => c.id === contact.body.id)!.testResultsHidden).toBe(true);
  });

  it('refuses a named client where the service works only anonymously', async () => {
    const res = await w.spektrum.post<{ errors: { code: string }[] }>(
      '/clients',
      namedClient(w.services.anonOnly),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0]!.code).toBe('anonymous-required');
  });
});

describe('FOKUS: written contract flow', () => {
  let clientId: string;
  it('refuses an anonymous client where the service does not allow it', async () => {
    const res = await w.fokus.post<{ errors: { code: string }[] }>(
      '/clients',
      anonymousClient(w.services.std),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0]!.code).toBe('anonymous-not-allowed');
  });

  it('turns an applicant into a client with a written agreement, and records its changes', async () => {
    const applicant = await w.fokus.post<Rec & { status: string }>('/clients', namedClient(w.services.std));
    expect(applicant.status).toBe(201);
    clientId = applicant.body.id;
    const oralWithTerms = await w.fokus.post('/clients/' + clientId + '/agreements', {
      serviceId: w.services.std,
      form: 'oral',
      goal: 'x',
      written: { contractDate: '2026-01-05', validFrom: '2026-01-05', signedBy: ['x'] },
    });
    expect(oralWithTerms.status).toBe(422);
    const agreement = await w.fokusKey.post<Rec & { status: string }>(`/clients/${clientId}/agreements`, {
      serviceId: w.services.std,
      form: 'written',
      written: {
        contractDate: '2026-01-05',
        validFrom: '2026-01-05',
        validUntil: '2027-01-04',
        signedBy: ['Jana Nováková', 'Pavla Horáčková'],
      },
      goal: 'Chci se naučit pracovat s keramikou a vydržet celý den v dílně.',
      keyWorkerId: w.fokusKey.sub,
    });
    expect(agreement.status).toBe(201);
    const client = await w.fokus.get<Rec & { status: string; keyWorkerId: string }>(`/clients/${clientId}`);
    expect(client.body.status).toBe('client');
    expect(client.body.keyWorkerId).toBe(w.fokusKey.sub);
    const second = await w.fokus.post(`/clients/${clientId}/agreements`, {
      serviceId: w.services.std,
      form: 'oral',
      goal: 'Jiný cíl',
    });
    expect(second.status).toBe(422);

    const changed = await w.fokusKey.patch<Rec & { changes: unknown[] }>(
      `/clients/${clientId}/agreements/${agreement.body.id}`,
      { goal: 'Vydržet v dílně čtyři hodiny denně.', changeNote: 'Po společném hodnocení' },
      ifMatch(1),
    );
    expect(changed.status).toBe(200);
    expect(changed.body.changes).toHaveLength(1);
    const stale = await w.fokusKey.patch(
      `/clients/${clientId}/agreements/${agreement.body.id}`,
      { goal: 'x' },
      ifMatch(1),
    );
    expect(stale.status).toBe(412);

    await w.rt.settle();
    const made = eventsOf('AgreementMade').find((e) => e.data.agreementId === agreement.body.id)!;
    expect(made.data).toMatchObject({
      clientId,
      serviceId: w.services.std,
      form: 'written',
      serviceType: 's67',
      targetGroup: 'chronic-mental-illness',
      ageBand: '27-64',
      district: 'semily',
    });
    expect(typeof made.data.subjectKey).toBe('string');
    expect(
      eventsOf('AgreementChanged').find((e) => e.data.agreementId === agreement.body.id)!.data.changedFields,
    ).toEqual(['goal']);
  });

  it('assesses needs: the client has the final say', async () => {
    const res = await w.fokus.post<{ finalSay: string; needs: { code: string; finalPriority: string }[] }>(
      `/clients/${clientId}/needs-assessments`,
      {
        serviceId: w.services.std,
        assessedAt: hoursAgo(w.rt, 1),
        needs: [
          { code: 'work-habits', clientPriority: 'high', workerPriority: 'medium' },
          {
            code: 'housing',
            clientPriority: 'none',
            workerPriority: 'high',
            clientWords: 'Bydlení řešit nechci.',
          },
        ],
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.finalSay).toBe('client');
    expect(res.body.needs.map((n) => n.finalPriority)).toEqual(['high', 'none']);
    await w.rt.settle();
    const assessed = eventsOf('NeedsAssessed').find((e) => e.data.clientId === clientId)!;
    expect(assessed.data.needCodes).toEqual(['work-habits']);
  });

  it('gives the worker the final say under court-ordered treatment', async () => {
    const c = await w.fokus.post<Rec>(
      '/clients',
      namedClient(w.services.std, { name: 'Petr Dvořák', birthDate: '1979-09-30' }),
    );
    await w.fokus.post(`/clients/${c.body.id}/agreements`, {
      serviceId: w.services.std,
      form: 'oral',
      goal: 'Splnit podmínky soudu',
      courtOrdered: true,
    });
    const res = await w.fokus.post<{ finalSay: string; needs: { finalPriority: string }[] }>(
      `/clients/${c.body.id}/needs-assessments`,
      {
        serviceId: w.services.std,
        assessedAt: hoursAgo(w.rt, 1),
        needs: [{ code: 'addiction-treatment', clientPriority: 'none', workerPriority: 'high' }],
      },
    );
    expect(res.body.finalSay).toBe('worker');
    expect(res.body.needs[0]!.finalPriority).toBe('high');
  });
});

describe('Crisis centre: first consultation without a contract, consents', () => {
  let clientId: string;
  it('records a first consultation for an applicant, without any agreement', async () => {
    const applicant = await w.kc.post<Rec>(
      '/clients',
      namedClient(w.services.krize, { district: 'liberec' }),
    );
    clientId = applicant.body.id;
    const first = await w.kc.post<Rec & { first: boolean }>(`/clients/${clientId}/consultations`, {
      serviceId: w.services.krize,
      heldAt: hoursAgo(w.rt, 2),
      durationMinutes: 60,
      request: 'Po rozchodu nemůžu spát a nevím, jak dál.',
      outcome: 'agreement-wanted',
    });
    expect(first.status).toBe(201);
    expect(first.body.first).toBe(true);
    const again = await w.kc.post<{ first: boolean }>(`/clients/${clientId}/consultations`, {
      serviceId: w.services.krize,
      heldAt: hoursAgo(w.rt, 1),
      durationMinutes: 50,
      outcome: 'undecided',
    });
    expect(again.body.first).toBe(false);
    expect((await w.kc.get<{ status: string }>(`/clients/${clientId}`)).body.status).toBe('applicant');
    await w.rt.settle();
    expect(eventsOf('FirstConsultationHeld').filter((e) => e.data.clientId === clientId)).toHaveLength(1);
    const oral = await w.kc.post(`/clients/${clientId}/agreements`, {
      serviceId: w.services.krize,
      form: 'oral',
      goal: 'Zvládnout první týdny po rozchodu.',
    });
    expect(oral.status).toBe(201);
  });

  it('records a referral consent naming fields and recipient, and its withdrawal takes effect at once', async () => {
    const given = await w.kc.post<Rec & { status: string }>(`/clients/${clientId}/consents`, {
      purpose: 'referral-share',
      serviceId: w.services.krize,
      recipientProviderId: w.providers.fokus,
      sharedFields: ['ageBand', 'goal', 'needs'],
      givenAt: hoursAgo(w.rt, 1),
    });
    expect(given.status).toBe(201);
    const noFields = await w.kc.post(`/clients/${clientId}/consents`, {
      purpose: 'referral-share',
      serviceId: w.services.krize,
      recipientProviderId: w.providers.fokus,
      givenAt: hoursAgo(w.rt, 1),
    });
    expect(noFields.status).toBe(422);
    const closePerson = await w.kc.post(`/clients/${clientId}/consents`, {
      purpose: 'involve-close-person',
      serviceId: w.services.krize,
      involvedParty: { name: 'Marie Nováková', relation: 'matka' },
      givenAt: hoursAgo(w.rt, 1),
      form: 'oral',
    });
    expect(closePerson.status).toBe(201);

    const withdrawn = await w.kc.post<{ status: string; withdrawnAt: string; withdrawnRecordedBy: string }>(
      `/clients/${clientId}/consents/${given.body.id}/withdrawal`,
      { reason: 'Klientka si to rozmyslela.' },
      ifMatch(1),
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.withdrawnRecordedBy).toBe(w.kc.sub);
    const twice = await w.kc.post(
      `/clients/${clientId}/consents/${given.body.id}/withdrawal`,
      {},
      ifMatch(2),
    );
    expect(twice.status).toBe(422);
    await w.rt.settle();
    const givenEv = eventsOf('ConsentGiven').find((e) => e.data.consentId === given.body.id)!;
    expect(givenEv.data).toMatchObject({
      purpose: 'referral-share',
      recipientProviderId: w.providers.fokus,
      sharedFields: ['ageBand', 'goal', 'needs'],
    });
    const withdrawnEv = eventsOf('ConsentWithdrawn').find((e) => e.data.consentId === given.body.id)!;
    expect(withdrawnEv.data).toMatchObject({
      clientId,
      recipientProviderId: w.providers.fokus,
      sharedFields: ['ageBand', 'goal', 'needs'],
    });
    const list = await w.kc.get<{ items: { id: string; status: string }[] }>(`/clients/${clientId}/consents`);
    expect(list.body.items.find((c) => c.id === given.body.id)!.status).toBe('withdrawn');
  });
});

describe('appointments, phone arrangements and home visits (document 003)', () => {
  let clientId: string;
  beforeAll(async () => {
    clientId = (await w.spektrum.post<Rec>('/clients', anonymousClient(w.services.teren))).body.id;
  });

  it('keeps a phone arrangement: a no-show after 15 minutes proposes the contact centre or the next day', async () => {
    const scheduledAt = hoursAhead(w.rt, 1);
    const appt = await w.spektrum.post<Rec>(`/clients/${clientId}/appointments`, {
      serviceId: w.services.teren,
      kind: 'phone-arrangement',
      scheduledAt,
      durationMinutes: 20,
      place: { kind: 'field', fieldPlace: 'Žďár nad Sázavou – nádraží' },
      phoneArrangement: {
        place: 'u hlavního vchodu nádraží',
        recognitionSigns: 'zelená bunda, batoh s logem',
        callbackNumber: '+420 777 000 111',
        request: 'needle-exchange',
      },
    });
    expect(appt.status).toBe(201);
    const tooEarly = await w.spektrum.put<{ errors: { code: string }[] }>(
      `/clients/${clientId}/appointments/${appt.body.id}/attendance`,
      { attendance: 'no-show' },
      ifMatch(1),
    );
    expect(tooEarly.body.errors[0]!.code).toBe('too-early-for-no-show');
    w.rt.clock.advance(76 * 60_000);
    const missed = await w.spektrum.put<{
      attendance: string;
      noShowProposal: { contactCentre: boolean; nextDayFrom: string };
    }>(`/clients/${clientId}/appointments/${appt.body.id}/attendance`, { attendance: 'no-show' }, ifMatch(1));
    expect(missed.status).toBe(200);
    expect(missed.body.noShowProposal.contactCentre).toBe(true);
    expect(new Date(missed.body.noShowProposal.nextDayFrom).getTime() - new Date(scheduledAt).getTime()).toBe(
      86_400_000,
    );
    await w.rt.settle();
    expect(eventsOf('AppointmentMissed').find((e) => e.data.appointmentId === appt.body.id)!.data.kind).toBe(
      'phone-arrangement',
    );
  });

  it('records attendance and cancellation of ordinary appointments', async () => {
    const appt = await w.spektrum.post<Rec>(`/clients/${clientId}/appointments`, {
      serviceId: w.services.teren,
      kind: 'consultation',
      scheduledAt: hoursAgo(w.rt, 1),
      place: { kind: 'centre' },
    });
    const attended = await w.spektrum.put<{ attendance: string }>(
      `/clients/${clientId}/appointments/${appt.body.id}/attendance`,
      { attendance: 'attended' },
      ifMatch(1),
    );
    expect(attended.body.attendance).toBe('attended');
    const later = await w.spektrum.post<Rec>(`/clients/${clientId}/appointments`, {
      serviceId: w.services.teren,
      kind: 'consultation',
      scheduledAt: hoursAhead(w.rt, 48),
      place: { kind: 'centre' },
    });
    const cancelled = await w.spektrum.put<{ attendance: string }>(
      `/clients/${clientId}/appointments/${later.body.id}/attendance`,
      { attendance: 'cancelled', cancelledBy: 'client' },
      ifMatch(1),
    );
    expect(cancelled.body.attendance).toBe('cancelled');
  });

  it('refuses a home visit while the checklist is incomplete, and stores nothing', async () => {
    const refused = await w.spektrum.post<{ errors: { code: string; path: string }[] }>(
      `/clients/${clientId}/home-visits`,
      {
        serviceId: w.services.teren,
        scheduledAt: hoursAhead(w.rt, 24),
        workerCount: 2,
        checklist: { ...completeChecklist, everyonePresentInformed: false },
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({
      code: 'home-visit-checklist-incomplete',
      path: 'body.checklist.everyonePresentInformed',
    });
    const list = await w.spektrum.get<{ items: unknown[] }>(`/clients/${clientId}/home-visits`);
    expect(list.body.items).toHaveLength(0);
  });

  it('cannot close a visit with a suicidal client unless professional help was called', async () => {
    const visit = await w.spektrum.post<Rec>(`/clients/${clientId}/home-visits`, {
      serviceId: w.services.teren,
      scheduledAt: hoursAgo(w.rt, 2),
      workerCount: 2,
      checklist: completeChecklist,
    });
    expect(visit.status).toBe(201);
    const leaveSafety = {
      acuteDanger: false,
      clientPsychotic: false,
      clientSuicidal: true,
      professionalHelpCalled: false,
    };
    const refused = await w.spektrum.put<{ errors: { code: string }[] }>(
      `/clients/${clientId}/home-visits/${visit.body.id}/closure`,
      { endedAt: hoursAgo(w.rt, 1), leaveSafety },
      ifMatch(1),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]!.code).toBe('leave-safety');
    const missing = await w.spektrum.put(
      `/clients/${clientId}/home-visits/${visit.body.id}/closure`,
      { endedAt: hoursAgo(w.rt, 1) },
      ifMatch(1),
    );
    expect(missing.status).toBe(422);
    const closed = await w.spektrum.put<{ status: string }>(
      `/clients/${clientId}/home-visits/${visit.body.id}/closure`,
      {
        endedAt: hoursAgo(w.rt, 1),
        leaveSafety: { ...leaveSafety, professionalHelpCalled: true, helpCalledAt: hoursAgo(w.rt, 1) },
      },
      ifMatch(1),
    );
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    await w.rt.settle();
    expect(eventsOf('HomeVisitClosed').find((e) => e.data.homeVisitId === visit.body.id)!.data).toMatchObject(
      {
        risk: true,
        professionalHelpCalled: true,
      },
    );
  });
});

describe('questionnaires: the K-centrum in-come template, versioned', () => {
  it('validates answers against the version they were given on', async () => {
    const tpl = await w.spektrumKey.post<Rec>('/questionnaire-templates', {
      ...kCentrumIncomeTemplate,
      serviceId: w.services.kontakt,
    });
    expect(tpl.status).toBe(201);
    const byWorker = await w.spektrum.post('/questionnaire-templates', {
      ...kCentrumIncomeTemplate,
      serviceId: w.services.kontakt,
    });
    expect(byWorker.status).toBe(403);
    const client = await w.spektrum.post<Rec>('/clients', anonymousClient(w.services.kontakt));
    const answers = {
      substances: ['pervitin'],
      'primary-substance': 'pervitin',
      'duration-of-use': { amount: 3, unit: 'years' },
      'route-of-use': 'injecting',
      frequency: 'weekly',
      'living-situation': 'hostel',
      'client-request': 'Chci čisté náčiní a časem možná léčbu.',
    };
    const ok = await w.spektrum.post<Rec>(`/clients/${client.body.id}/questionnaires`, {
      templateId: tpl.body.id,
      templateVersion: 1,
      answeredAt: hoursAgo(w.rt, 1),
      answers,
    });
    expect(ok.status).toBe(201);
    const wrong = await w.spektrum.post<{ errors: { path: string; code: string }[] }>(
      `/clients/${client.body.id}/questionnaires`,
      {
        templateId: tpl.body.id,
        templateVersion: 1,
        answeredAt: hoursAgo(w.rt, 1),
        answers: { ...answers, 'route-of-use': 'teleport', frequency: 7 },
      },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.answers.route-of-use', 'body.answers.frequency']),
    );

    // Version 2 drops the living situation and adds a new question.
    const v2 = await w.spektrumKey.put<Rec>(
      `/questionnaire-templates/${tpl.body.id}`,
      {
        ...kCentrumIncomeTemplate,
        questions: [
          ...kCentrumIncomeTemplate.questions.filter((q) => q.code !== 'living-situation'),
          {
            code: 'overdose-last-year',
            label: 'Předávkování za poslední rok',
            type: 'single-choice',
            options: [
              { code: 'yes', label: 'Ano' },
              { code: 'no', label: 'Ne' },
            ],
          },
        ],
      },
      ifMatch(1),
    );
    expect(v2.status).toBe(200);
    expect(v2.body.version).toBe(2);
    const v2Answers = { ...answers, 'overdose-last-year': 'no' } as Record<string, unknown>;
    delete v2Answers['living-situation'];
    expect(
      (
        await w.spektrum.post(`/clients/${client.body.id}/questionnaires`, {
          templateId: tpl.body.id,
          templateVersion: 2,
          answeredAt: hoursAgo(w.rt, 1),
          answers: v2Answers,
        })
      ).status,
    ).toBe(201);
    const oldOnNew = await w.spektrum.post(`/clients/${client.body.id}/questionnaires`, {
      templateId: tpl.body.id,
      templateVersion: 2,
      answeredAt: hoursAgo(w.rt, 1),
      answers,
    });
    expect(oldOnNew.status).toBe(422);
    const v1 = await w.spektrum.get<{ questions: { code: string }[] }>(
      `/questionnaire-templates/${tpl.body.id}?version=1`,
    );
    expect(v1.body.questions.map((q) => q.code)).toContain('living-situation');
    const list = await w.spektrum.get<{ items: unknown[] }>(`/clients/${client.body.id}/questionnaires`);
    expect(list.body.items).toHaveLength(2);
  });
});

describe('client file (spis) and data-subject export', () => {
  it('gives the timeline with the key worker, paginated, and an export with the access log', async () => {
    const c = await w.fokus.post<Rec>(
      '/clients',
      namedClient(w.services.std, { name: 'Karel Svoboda', birthDate: '1990-02-28' }),
    );
    const id = c.body.id;
    await w.fokus.post(`/clients/${id}/consultations`, {
      serviceId: w.services.std,
      heldAt: hoursAgo(w.rt, 5),
      durationMinutes: 60,
      outcome: 'agreement-wanted',
    });
    await w.fokus.post(`/clients/${id}/agreements`, {
      serviceId: w.services.std,
      form: 'oral',
      goal: 'Najít si práci',
      keyWorkerId: w.fokusKey.sub,
    });
    await w.fokus.post(`/clients/${id}/consents`, {
      purpose: 'service-provision',
      serviceId: w.services.std,
      givenAt: hoursAgo(w.rt, 4),
    });
    await w.fokus.post(`/clients/${id}/needs-assessments`, {
      serviceId: w.services.std,
      assessedAt: hoursAgo(w.rt, 3),
      needs: [{ code: 'employment', clientPriority: 'high', workerPriority: 'high' }],
    });
    await w.fokus.post('/contacts', {
      serviceId: w.services.std,
      kind: 'client',
      clientId: id,
      occurredAt: hoursAgo(w.rt, 2),
      durationMinutes: 30,
      place: { kind: 'centre' },
      interventions: [{ type: 'counselling' }],
    });
    await w.fokus.post(`/clients/${id}/appointments`, {
      serviceId: w.services.std,
      kind: 'consultation',
      scheduledAt: hoursAhead(w.rt, 24),
      place: { kind: 'centre' },
    });

    const page1 = await w.fokus.get<{
      keyWorkerId: string;
      items: { kind: string }[];
      nextCursor?: string;
      activeAgreements: unknown[];
    }>(`/clients/${id}/file?limit=4`);
    expect(page1.status).toBe(200);
    expect(page1.body.keyWorkerId).toBe(w.fokusKey.sub);
    expect(page1.body.activeAgreements).toHaveLength(1);
    expect(page1.body.items).toHaveLength(4);
    const page2 = await w.fokus.get<{ items: { kind: string }[] }>(
      `/clients/${id}/file?limit=4&cursor=${encodeURIComponent(page1.body.nextCursor!)}`,
    );
    const kinds = [...page1.body.items, ...page2.body.items].map((i) => i.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'registration',
        'consultation',
        'agreement',
        'consent',
        'needs-assessment',
        'contact',
        'appointment',
      ]),
    );
    expect(kinds[0]).toBe('appointment'); // newest first

    const exported = await w.fokus.get<{
      client: { id: string };
      records: unknown[];
      accessLog: { action: string }[];
    }>(`/clients/${id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.records.length).toBeGreaterThanOrEqual(7);
    expect(exported.body.accessLog.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'read']));
  });
});
