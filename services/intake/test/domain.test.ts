import { describe, expect, it } from '@jest/globals';
import { kCentrumIncomeTemplate, intake } from '@spolu/contracts';
import { brokenRule } from '../../../packages/local/test-support/rules';
import { noShowProposal, recordAttendance } from '../src/domain/appointments';
import { assertAnonymityAllowed, ageOf } from '../src/domain/clients';
import { erasedRecord } from '../src/domain/anonymise';
import { assertChecklistComplete, assertSafeToLeave, missingChecklistItems } from '../src/domain/home-visits';
import { finalSayOf, newAssessment } from '../src/domain/needs';
import { answerIssues } from '../src/domain/questionnaires';
import { visibleContact } from '../src/domain/contacts';

describe('anonymity rule', () => {
  it("follows the service's anonymousMode", () => {
    expect(brokenRule(() => assertAnonymityAllowed('not-allowed', { kind: 'anonymous' }))).toBe(
      'anonymous-not-allowed',
    );
    expect(brokenRule(() => assertAnonymityAllowed('required', { kind: 'named' }))).toBe(
      'anonymous-required',
    );
    expect(brokenRule(() => assertAnonymityAllowed('allowed', { kind: 'anonymous' }))).toBeUndefined();
    expect(brokenRule(() => assertAnonymityAllowed('allowed', { kind: 'named' }))).toBeUndefined();
    expect(brokenRule(() => assertAnonymityAllowed('required', { kind: 'anonymous' }))).toBeUndefined();
  });
  it('computes age from a birth date or a birth year', () => {
    const now = new Date('2026-04-11T10:00:00Z');
    const named = {
      kind: 'named',
      name: 'x',
      birthDate: '1988-04-12',
      sex: 'female',
      contact: {},
      district: 'semily',
    } as const;
    expect(ageOf(named, now)).toBe(37);
    expect(ageOf({ ...named, birthDate: '1988-04-11' }, now)).toBe(38);
    expect(
      ageOf({ kind: 'anonymous', clientCode: 'AB1', birthYear: 2000, sex: 'male', district: 'semily' }, now),
    ).toBe(26);
  });
});

describe('home visit rules (document 003)', () => {
  const complete = {
    everyonePresentInformed: true,
    timeAndFormAgreed: true,
    prohibitedActivitiesAcknowledged: true,
    expectationsClear: true,
    workerWillIntroduce: true,
  };
  it('needs every checklist item before scheduling', () => {
    expect(brokenRule(() => assertChecklistComplete(complete))).toBeUndefined();
    expect(
      missingChecklistItems({ ...complete, workerWillIntroduce: false, expectationsClear: false }),
    ).toEqual(['expectationsClear', 'workerWillIntroduce']);
    expect(brokenRule(() => assertChecklistComplete({ ...complete, everyonePresentInformed: false }))).toBe(
      'home-visit-checklist-incomplete',
    );
  });
  it('never leaves a psychotic or suicidal client without professional help', () => {
    const safe = {
      acuteDanger: false,
      clientPsychotic: false,
      clientSuicidal: false,
      professionalHelpCalled: false,
    };
    expect(brokenRule(() => assertSafeToLeave(safe))).toBeUndefined();
    expect(brokenRule(() => assertSafeToLeave({ ...safe, clientPsychotic: true }))).toBe('leave-safety');
    expect(brokenRule(() => assertSafeToLeave({ ...safe, clientSuicidal: true }))).toBe('leave-safety');
    expect(brokenRule(() => assertSafeToLeave({ ...safe, acuteDanger: true }))).toBe('leave-safety');
    expect(
      brokenRule(() => assertSafeToLeave({ ...safe, clientSuicidal: true, professionalHelpCalled: true })),
    ).toBeUndefined();
  });
});

describe('phone arrangement (document 003)', () => {
  const base: intake.Appointment = {
    id: '01JCZ0000000000000000000KC',
    clientId: '01JCZ0000000000000000000KD',
    serviceId: '01JCZ0000000000000000000KE',
    kind: 'phone-arrangement',
    scheduledAt: '2026-11-23T15:00:00.000Z',
    durationMinutes: 30,
    place: { kind: 'field', fieldPlace: 'nádraží' },
    phoneArrangement: { place: 'u nádraží', recognitionSigns: 'červená bunda', request: 'needle-exchange' },
    attendance: 'scheduled',
    workerId: 'w',
    recordedBy: 'w',
    version: 1,
    createdAt: '2026-11-23T12:00:00.000Z',
    updatedAt: '2026-11-23T12:00:00.000Z',
  };
  it('the worker waits at most 15 minutes', () => {
    const at = (iso: string) => new Date(iso);
    expect(
      brokenRule(() => recordAttendance(base, { attendance: 'no-show' }, at('2026-11-23T15:10:00Z'))),
    ).toBe('too-early-for-no-show');
    expect(
      brokenRule(() =>
        recordAttendance(
          base,
          { attendance: 'attended', arrivedAt: '2026-11-23T15:20:00Z' },
          at('2026-11-23T15:30:00Z'),
        ),
      ),
    ).toBe('phone-wait-exceeded');
    const ok = recordAttendance(
      base,
      { attendance: 'attended', arrivedAt: '2026-11-23T15:14:00Z' },
      at('2026-11-23T15:30:00Z'),
    );
    expect(ok.attendance).toBe('attended');
  });
  it('a no-show proposes the contact centre or the next day', () => {
    const missed = recordAttendance(base, { attendance: 'no-show' }, new Date('2026-11-23T15:16:00Z'));
    // Without a contact centre in the directory the proposal still names the next day, on the Prague clock.
    expect(missed.noShowProposal).toEqual({
      contactCentre: true,
      nextDayFrom: '2026-11-24T15:00:00.000Z',
      nextDay: {
        date: '2026-11-24',
        time: '16:00',
        timeZone: 'Europe/Prague',
        at: '2026-11-24T16:00:00+01:00',
      },
    });
    expect(noShowProposal('2026-12-31T20:00:00Z').nextDayFrom).toBe('2027-01-01T20:00:00.000Z');
    // Out of summer time: the same wall-clock time (18:00) is 25 hours later.
    const autumn = noShowProposal('2026-10-24T16:00:00Z');
    expect(autumn.nextDayFrom).toBe('2026-10-25T17:00:00.000Z');
    expect(autumn.nextDay).toMatchObject({
      date: '2026-10-25',
      time: '18:00',
      at: '2026-10-25T18:00:00+01:00',
    });
    expect(brokenRule(() => recordAttendance(missed, { attendance: 'attended' }, new Date()))).toBe(
      'attendance-recorded',
    );
  });
});

describe('needs: the final say', () => {
  it('is the client, unless the treatment is court-ordered', () => {
    expect(finalSayOf(false)).toBe('client');
    expect(finalSayOf(true)).toBe('worker');
    const body = {
      serviceId: '01JCZ0000000000000000000KE',
      assessedAt: '2026-11-23T10:00:00Z',
      needs: [{ code: 'housing', clientPriority: 'high' as const, workerPriority: 'low' as const }],
    };
    const stamp = { id: '01JCZ0000000000000000000KC', now: new Date(), by: 'w' };
    expect(newAssessment(body, 'c', false, stamp).needs[0]).toMatchObject({
      finalPriority: 'high',
      level: 'physiological',
      domain: 'socio',
    });
    expect(newAssessment(body, 'c', true, stamp).needs[0]!.finalPriority).toBe('low');
  });
});

describe('questionnaire answers against the template version', () => {
  const template = intake.TemplateFields.parse(kCentrumIncomeTemplate);
  type Answers = Parameters<typeof answerIssues>[1];
  const good: Answers = {
    substances: ['pervitin', 'cannabis'],
    'primary-substance': 'pervitin',
    'duration-of-use': { amount: 6, unit: 'years' },
    'route-of-use': 'injecting',
    frequency: 'daily',
    'living-situation': 'with-parents',
  };
  it('accepts a complete K-centrum questionnaire', () => {
    expect(answerIssues(template, good)).toEqual([]);
  });
  it('names every wrong answer', () => {
    const { frequency: _unanswered, ...withoutFrequency } = good;
    const issues = answerIssues(template, {
      ...withoutFrequency,
      substances: ['pervitin', 'chocolate'],
      'route-of-use': ['injecting'],
      'age-at-first-use': 3.5,
      extra: 'x',
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual(
      expect.arrayContaining([
        ['body.answers.substances', 'answer-invalid'],
        ['body.answers.route-of-use', 'answer-invalid'],
        ['body.answers.age-at-first-use', 'answer-invalid'],
        ['body.answers.extra', 'unknown-question'],
        ['body.answers.frequency', 'answer-required'],
      ]),
    );
  });
});

describe('privacy helpers', () => {
  it('hides test results from roles that may not see them', () => {
    const contact: intake.Contact = {
      id: '01J0000000000000000000000A',
      providerId: '01J0000000000000000000000B',
      serviceId: '01J0000000000000000000000C',
      kind: 'unnamed',
      occurredAt: '2026-12-01T10:00:00.000Z',
      durationMinutes: 10,
      place: { kind: 'field' },
      interventions: [{ type: 'test', test: 'hiv', result: 'reactive' }],
      workerId: 'author',
      version: 1,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
      recordedBy: 'author',
    };
    expect(visibleContact(contact, { userId: 'other', roles: ['worker'] }).interventions[0]).toEqual({
      type: 'test',
      test: 'hiv',
    });
    expect(
      visibleContact(contact, { userId: 'other', roles: ['key-worker'] }).interventions[0],
    ).toMatchObject({ result: 'reactive' });
    expect(visibleContact(contact, { userId: 'author', roles: ['worker'] }).interventions[0]).toMatchObject({
      result: 'reactive',
    });
  });
  it('erases free text but keeps codes and counts', () => {
    const out = erasedRecord(
      'questionnaire',
      { answers: { frequency: 'daily', 'client-request': 'chci přestat' } },
      new Set(['client-request']),
    );
    expect(out.answers).toEqual({ frequency: 'daily' });
    const consent = erasedRecord('consent', {
      involvedParty: { name: 'Marie Nováková', relation: 'matka' },
      purpose: 'involve-close-person',
    });
    expect(consent.involvedParty).toEqual({ name: '[erased]', relation: 'matka' });
  });
});
