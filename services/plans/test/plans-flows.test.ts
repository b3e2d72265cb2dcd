import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PlanBody, Rec, World } from './fixtures';
import { clientWithPlan, day, hoursAgo, ifMatch, startWorld } from './fixtures';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.rt.stop();
});

const eventsOf = (type: string) =>
  w.rt.bus.archive
    .filter((e) => e.event['detail-type'] === type)
    .map(
      (e) =>
        e.event.detail as { tenantId: string; subject: { revision: number }; data: Record<string, unknown> },
    );
const agreed = { agreedWithClient: true } as const;

describe('FOKUS: needs -> goals -> steps -> review -> new goals', () => {
  let clientId: string;
  let plan: PlanBody;
  const url = () => `/plans/${plan.id}`;
  /** Apply a change as the key worker with the ETag last seen; keep the new plan. */
  const change = async (method: 'post' | 'patch' | 'put', path: string, body: unknown, status = 200) => {
    const res = await w.fokusKey[method]<PlanBody>(url() + path, body, ifMatch(plan.version));
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    if (res.status < 300) {
      expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
      plan = res.body;
    }
    return res;
  };

  it('opens the plan from the agreement, with the key worker and an empty overall goal', async () => {
    const opened = await clientWithPlan(w, w.fokus, w.services.std, { keyWorkerId: w.fokusKey.sub });
    ({ clientId, plan } = opened);
    expect(plan).toMatchObject({
      version: 1,
      status: 'open',
      overallGoal: null,
      keyWorkerId: w.fokusKey.sub,
      agreementForm: 'oral',
      agreementId: opened.agreementId,
      cycle: 1,
    });
    const ev = eventsOf('PlanOpened').filter((e) => e.data.planId === plan.id);
    expect(ev).toHaveLength(1);
    expect(ev[0]!.data).toMatchObject({
      clientId,
      serviceId: w.services.std,
      serviceType: 's67',
      targetGroup: 'chronic-mental-illness',
      ageBand: '27-64',
      district: 'semily',
      form: 'oral',
      keyWorkerAssigned: true,
    });
    expect(typeof ev[0]!.data.subjectKey).toBe('string');
    expect(eventsOf('KeyWorkerAssigned').filter((e) => e.data.planId === plan.id)).toHaveLength(1);
  });

  it('records the overall goal (zakázka) the key worker confirmed with the client', async () => {
    await change('patch', '', { ...agreed, overallGoal: 'Vydržet v dílně čtyři hodiny denně.' });
    expect(plan.version).toBe(2);
    expect(plan.changedBy).toBe(w.fokusKey.sub);
  });

  it('refuses a change not agreed with the client, storing nothing', async () => {
    const res = await w.fokusKey.patch(url(), { agreedWithClient: false, overallGoal: 'x' }, ifMatch(2));
    expect(res.status).toBe(422);
    const missing = await w.fokusKey.patch(url(), { overallGoal: 'x' }, ifMatch(2));
    expect(missing.status).toBe(422);
    const noEtag = await w.fokusKey.patch(url(), { ...agreed, overallGoal: 'x' });
    expect(noEtag.status).toBe(428);
    const unknown = await w.fokusKey.patch(url(), { ...agreed, colour: 'red' }, ifMatch(2));
    expect(unknown.status).toBe(422);
    expect((await w.fokus.get<PlanBody>(url())).body.version).toBe(2);
  });

  it('sets goals in the client words from the needs mapping, with steps for client, worker and network', async () => {
    const needs = await w.fokus.post(`/clients/${clientId}/needs-assessments`, {
      serviceId: w.services.std,
      assessedAt: hoursAgo(w.rt, 1),
      needs: [
        { code: 'work-habits', clientPriority: 'high', workerPriority: 'medium' },
        { code: 'leisure-social-contact', clientPriority: 'medium', workerPriority: 'medium' },
      ],
    });
    expect(needs.status).toBe(201);
    await change(
      'post',
      '/goals',
      {
        ...agreed,
        text: 'Chci chodit do dílny třikrát týdně.',
        needCodes: ['work-habits'],
        targetDate: day(w.rt, 90),
      },
      201,
    );
    await change(
      'post',
      '/goals',
      {
        ...agreed,
        text: 'Chci mít s kým jít v sobotu ven.',
        needCodes: ['leisure-social-contact'],
        targetDate: day(w.rt, 90),
      },
      201,
    );
    const [work, leisure] = plan.goals;
    expect(plan.goals.map((g) => g.status)).toEqual(['active', 'active']);
    const past = await w.fokusKey.post(
      url() + '/goals',
      { ...agreed, text: 'x', needCodes: ['housing'], targetDate: day(w.rt, -1) },
      ifMatch(plan.version),
    );
    expect(past.status).toBe(422);

    await change(
      'post',
      '/steps',
      {
        ...agreed,
        goalId: work!.id,
        text: 'Domluvit si dny v dílně.',
        assignee: { kind: 'client' },
        dueDate: day(w.rt, 7),
      },
      201,
    );
    await change(
      'post',
      '/steps',
      {
        ...agreed,
        goalId: work!.id,
        text: 'Připravit rozpis směn.',
        assignee: { kind: 'worker', workerId: w.fokusKey.sub },
        dueDate: day(w.rt, 3),
      },
      201,
    );
    // The support network needs the client's consent from intake.
    const noConsent = await w.fokusKey.post(
      url() + '/support-network',
      { ...agreed, kind: 'family', name: 'Marie Nováková', role: 'matka', consentId: plan.agreementId },
      ifMatch(plan.version),
    );
    expect(noConsent.status).toBe(422);
    const consent = await w.fokus.post<Rec>(`/clients/${clientId}/consents`, {
      purpose: 'involve-close-person',
      serviceId: w.services.std,
      involvedParty: { name: 'Marie Nováková', relation: 'matka' },
      givenAt: hoursAgo(w.rt, 1),
    });
    expect(consent.status).toBe(201);
    await w.rt.settle();
    const wrongKind = await w.fokusKey.post(
      url() + '/support-network',
      {
        ...agreed,
        kind: 'institution',
        name: 'Úřad práce',
        role: 'zprostředkování',
        consentId: consent.body.id,
      },
      ifMatch(plan.version),
    );
    expect(wrongKind.status).toBe(422);
    await change(
      'post',
      '/support-network',
      {
        ...agreed,
        kind: 'family',
        name: 'Marie Nováková',
        role: 'matka, doprovod',
        contact: '+420 777 000 111',
        consentId: consent.body.id,
      },
      201,
    );
    const mother = plan.supportNetwork[0]!;
    await change(
      'post',
      '/steps',
      {
        ...agreed,
        goalId: leisure!.id,
        text: 'Vzít Janu v sobotu na procházku.',
        assignee: { kind: 'support-person', supportPersonId: mother.id },
        dueDate: day(w.rt, 5),
      },
      201,
    );
    expect(plan.steps).toHaveLength(3);
    const unknownPerson = await w.fokusKey.post(
      url() + '/steps',
      {
        ...agreed,
        goalId: leisure!.id,
        text: 'x',
        assignee: { kind: 'support-person', supportPersonId: plan.agreementId },
        dueDate: day(w.rt, 5),
      },
      ifMatch(plan.version),
    );
    expect(unknownPerson.status).toBe(422);

    await change('patch', `/steps/${plan.steps[1]!.id}`, { ...agreed, done: true });
    expect(plan.steps[1]).toMatchObject({ done: true, doneAt: day(w.rt, 0) });
    await w.rt.settle();
    const completed = eventsOf('StepCompleted').filter((e) => e.data.planId === plan.id);
    expect(completed).toHaveLength(1);
    expect(completed[0]!.data).toMatchObject({
      needCodes: ['work-habits'],
      assignee: 'worker',
      onTime: true,
      serviceType: 's67',
      district: 'semily',
    });
    const goalSet = eventsOf('GoalSet').filter((e) => e.data.planId === plan.id);
    expect(goalSet.map((e) => e.data.needCodes)).toEqual([['work-habits'], ['leisure-social-contact']]);
    // Events never carry free text: no goal text, names, contacts.
    const all = JSON.stringify(w.rt.bus.archive.filter((e) => e.event.source === 'spolu.plans'));
    for (const secret of ['dílny', 'Marie', 'sobotu', '777', 'Vydržet']) expect(all).not.toContain(secret);
  });

  it('reviews with the client: progress and what differs; final evaluation; new goals in the next cycle', async () => {
    await change('patch', '', { ...agreed, reviewDates: [day(w.rt, 30), day(w.rt, 60)] });
    const [work, leisure] = plan.goals;
    await change(
      'post',
      '/reviews',
      {
        ...agreed,
        heldOn: day(w.rt, 0),
        goals: [
          { goalId: work!.id, progress: 'some', deviations: ['tempo'], note: 'Zatím dvakrát týdně.' },
          { goalId: leisure!.id, progress: 'none', deviations: ['missing-information'] },
        ],
      },
      201,
    );
    expect(plan.reviews).toHaveLength(1);
    const notFinal = await w.fokusKey.post(
      url() + '/reviews',
      {
        ...agreed,
        heldOn: day(w.rt, 0),
        final: true,
        goals: [{ goalId: work!.id, progress: 'complete', newStatus: 'achieved' }],
      },
      ifMatch(plan.version),
    );
    expect(notFinal.status).toBe(422);
    expect((notFinal.body as { errors: { code: string }[] }).errors[0]!.code).toBe('final-review-open-goals');
    await change(
      'post',
      '/reviews',
      {
        ...agreed,
        heldOn: day(w.rt, 0),
        final: true,
        goals: [
          { goalId: work!.id, progress: 'complete', newStatus: 'achieved', note: 'Chodí třikrát týdně.' },
          { goalId: leisure!.id, progress: 'some', newStatus: 'partly-achieved' },
        ],
        nextReviewDate: day(w.rt, 90),
      },
      201,
    );
    expect(plan.cycle).toBe(2);
    expect(plan.goals.map((g) => g.status)).toEqual(['achieved', 'partly-achieved']);
    const reopen = await w.fokusKey.patch(
      url() + `/goals/${work!.id}`,
      { ...agreed, status: 'active' },
      ifMatch(plan.version),
    );
    expect(reopen.status).toBe(422);
    await change(
      'post',
      '/goals',
      { ...agreed, text: 'Chci zkusit brigádu.', needCodes: ['employment'], targetDate: day(w.rt, 180) },
      201,
    );
    expect(plan.goals[2]).toMatchObject({ cycle: 2, status: 'active' });

    await w.rt.settle();
    const reviewed = eventsOf('PlanReviewed').filter((e) => e.data.planId === plan.id);
    expect(reviewed.map((e) => e.data.final)).toEqual([false, true]);
    expect(reviewed[0]!.data.deviations).toEqual(['missing-information', 'tempo']);
    expect(reviewed[1]!.data).toMatchObject({
      outcomes: { achieved: 1, partlyAchieved: 1, notAchieved: 0, dropped: 0, open: 0 },
      needCodes: ['leisure-social-contact', 'work-habits'],
      ageBand: '27-64',
    });
    const statusChanges = eventsOf('GoalStatusChanged').filter((e) => e.data.planId === plan.id);
    expect(statusChanges.map((e) => [e.data.from, e.data.to, e.data.atReview])).toEqual([
      ['active', 'achieved', true],
      ['active', 'partly-achieved', true],
    ]);
  });

  it('tracks the recovery phase with history; going back (relapse) is allowed', async () => {
    await change('put', '/recovery-phase', { ...agreed, phase: 'stabilisation', since: day(w.rt, -20) });
    await change('put', '/recovery-phase', { ...agreed, phase: 're-orientation', since: day(w.rt, -5) });
    await change('put', '/recovery-phase', { ...agreed, phase: 'stabilisation', since: day(w.rt, 0) });
    expect(plan.phaseHistory.map((p) => [p.phase, p.relapse])).toEqual([
      ['stabilisation', false],
      ['re-orientation', false],
      ['stabilisation', true],
    ]);
    await w.rt.settle();
    const phases = eventsOf('RecoveryPhaseChanged').filter((e) => e.data.planId === plan.id);
    expect(phases.map((e) => e.data.relapse)).toEqual([false, false, true]);
  });

  it('hands over to another key worker only with a handover note', async () => {
    const noNote = await w.fokusKey.put(
      url() + '/key-worker',
      { ...agreed, keyWorkerId: w.fokusKey2.sub },
      ifMatch(plan.version),
    );
    expect(noNote.status).toBe(422);
    await change('put', '/key-worker', {
      ...agreed,
      keyWorkerId: w.fokusKey2.sub,
      handoverNote: 'Jana potřebuje předem vědět program dne; matka pomáhá s dopravou.',
    });
    expect(plan.keyWorkerId).toBe(w.fokusKey2.sub);
    expect(plan.handovers[0]).toMatchObject({ from: w.fokusKey.sub, to: w.fokusKey2.sub });
    await w.rt.settle();
    const assigned = eventsOf('KeyWorkerAssigned').filter((e) => e.data.planId === plan.id);
    expect(assigned.at(-1)!.data).toMatchObject({ handover: true, previousKeyWorkerId: w.fokusKey.sub });
  });

  it('keeps every version, returns any of them and diffs two exactly', async () => {
    const versions = await w.fokus.get<{ items: { version: number; change: string; by: string }[] }>(
      url() + '/versions?limit=100',
    );
    expect(versions.status).toBe(200);
    expect(versions.body.items.map((v) => v.version)).toEqual(
      Array.from({ length: plan.version }, (_x, i) => i + 1),
    );
    expect(versions.body.items[0]).toMatchObject({ change: 'opened', by: 'intake:AgreementMade' });
    expect(versions.body.items[1]).toMatchObject({ change: 'plan-updated', by: w.fokusKey.sub });
    const page = await w.fokus.get<{ items: unknown[]; nextCursor?: string }>(url() + '/versions?limit=2');
    expect(page.body.items).toHaveLength(2);
    const next = await w.fokus.get<{ items: { version: number }[] }>(
      url() + `/versions?limit=2&cursor=${encodeURIComponent(page.body.nextCursor!)}`,
    );
    expect(next.body.items.map((v) => v.version)).toEqual([3, 4]);

    const v1 = await w.fokus.get<{ plan: PlanBody }>(url() + '/versions/1');
    expect(v1.body.plan.overallGoal).toBeNull();
    const v2 = await w.fokus.get<{ plan: PlanBody }>(url() + '/versions/2');
    expect(v2.body.plan.overallGoal).toBe('Vydržet v dílně čtyři hodiny denně.');
    const d = await w.fokus.get<{ changes: { path: string; op: string; from?: unknown; to?: unknown }[] }>(
      url() + '/diff?from=1&to=2',
    );
    expect(d.status).toBe(200);
    const paths = d.body.changes.map((c) => c.path).sort();
    // Version bookkeeping (version, updatedAt, changedBy) is in the version list, not the diff.
    expect(paths).toEqual(['overallGoal']);
    expect(d.body.changes.find((c) => c.path === 'overallGoal')).toEqual({
      path: 'overallGoal',
      op: 'changed',
      from: null,
      to: 'Vydržet v dílně čtyři hodiny denně.',
    });
    const goalAdded = await w.fokus.get<{ changes: { path: string; op: string }[] }>(
      url() + '/diff?from=2&to=3',
    );
    expect(goalAdded.body.changes.filter((c) => c.path.startsWith('goals'))).toEqual([
      expect.objectContaining({ path: `goals.${plan.goals[0]!.id}`, op: 'added' }),
    ]);
    expect((await w.fokus.get(url() + '/versions/999')).status).toBe(404);
  });

  it('closes the plan with the outcome of its goals; a closed plan takes no changes', async () => {
    await change('post', '/closure', { ...agreed, reason: 'goals-achieved' });
    expect(plan.status).toBe('closed');
    const after = await w.fokusKey.post(
      url() + '/goals',
      { ...agreed, text: 'x', needCodes: ['housing'], targetDate: day(w.rt, 10) },
      ifMatch(plan.version),
    );
    expect(after.status).toBe(422);
    await w.rt.settle();
    const closed = eventsOf('PlanClosed').filter((e) => e.data.planId === plan.id);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.data).toMatchObject({
      reason: 'goals-achieved',
      outcomes: { achieved: 1, partlyAchieved: 1, open: 1 },
      needCodes: ['employment', 'leisure-social-contact', 'work-habits'],
    });
    expect(w.rt.bus.deadLetters).toEqual([]);
  });
});

describe('Crisis centre: first consultation -> agreement -> session contracts', () => {
  it('opens the plan from the oral agreement and records what the client chose at each consultation', async () => {
    const applicant = await w.kc.post<Rec>('/clients', {
      serviceId: w.services.krize,
      identity: {
        kind: 'named',
        name: 'Eva Malá',
        birthDate: '1990-02-01',
        sex: 'female',
        contact: { phone: '+420 606 000 000' },
        district: 'liberec',
      },
    });
    expect(applicant.status).toBe(201);
    const clientId = applicant.body.id;
    const first = await w.kc.post(`/clients/${clientId}/consultations`, {
      serviceId: w.services.krize,
      heldAt: hoursAgo(w.rt, 3),
      durationMinutes: 60,
      request: 'Po rozchodu nemůžu spát.',
      outcome: 'agreement-wanted',
    });
    expect(first.status).toBe(201);
    await w.rt.settle();
    // No agreement yet: no plan.
    expect((await w.kc.get<{ items: unknown[] }>(`/plans?clientId=${clientId}`)).body.items).toHaveLength(0);
    const agreement = await w.kc.post<Rec>(`/clients/${clientId}/agreements`, {
      serviceId: w.services.krize,
      form: 'oral',
      goal: 'Zvládnout první týdny po rozchodu.',
    });
    expect(agreement.status).toBe(201);
    await w.rt.settle();
    const list = await w.kc.get<{ items: PlanBody[] }>(`/plans?clientId=${clientId}`);
    let plan = list.body.items[0]!;
    expect(plan).toMatchObject({ keyWorkerId: null, overallGoal: null, agreementForm: 'oral' });

    const kw = await w.kcKey.put<PlanBody>(
      `/plans/${plan.id}/key-worker`,
      { ...agreed, keyWorkerId: w.kcKey.sub },
      ifMatch(plan.version),
    );
    expect(kw.status).toBe(200);
    const goal = await w.kcKey.patch<PlanBody>(
      `/plans/${plan.id}`,
      { ...agreed, overallGoal: 'Zvládnout první týdny po rozchodu.', reviewDates: [day(w.rt, 14)] },
      ifMatch(kw.body.version),
    );
    expect(goal.status).toBe(200);
    const sleep = await w.kcKey.post<PlanBody>(
      `/plans/${plan.id}/goals`,
      { ...agreed, text: 'Spát aspoň šest hodin.', needCodes: ['mental-health'], targetDate: day(w.rt, 30) },
      ifMatch(goal.body.version),
    );
    plan = sleep.body;
    const sessionBody = {
      ...agreed,
      heldAt: hoursAgo(w.rt, 1),
      focus: 'Jak zvládat večery.',
      outcome: 'Večerní rituál.',
    };
    const s1 = await w.kcKey.post<PlanBody>(`/plans/${plan.id}/sessions`, sessionBody, {
      headers: { ...ifMatch(plan.version).headers, 'idempotency-key': 'session-1' },
    });
    expect(s1.status).toBe(201);
    // A retried request with the same Idempotency-Key returns the first result and stores nothing new.
    const retry = await w.kcKey.post<PlanBody>(`/plans/${plan.id}/sessions`, sessionBody, {
      headers: { ...ifMatch(plan.version).headers, 'idempotency-key': 'session-1' },
    });
    expect(retry.status).toBe(201);
    expect(retry.body.version).toBe(s1.body.version);
    const s2 = await w.kcKey.post<PlanBody>(
      `/plans/${plan.id}/sessions`,
      { ...agreed, heldAt: hoursAgo(w.rt, 0.5), focus: 'Spánek', goalId: plan.goals[0]!.id },
      ifMatch(s1.body.version),
    );
    expect(s2.status).toBe(201);
    expect(s2.body.sessions.map((s) => [s.focus, s.goalId ?? null])).toEqual([
      ['Jak zvládat večery.', null],
      ['Spánek', plan.goals[0]!.id],
    ]);
    const badGoal = await w.kcKey.post(
      `/plans/${plan.id}/sessions`,
      { ...agreed, heldAt: hoursAgo(w.rt, 0.2), focus: 'x', goalId: clientId },
      ifMatch(s2.body.version),
    );
    expect(badGoal.status).toBe(422);
    await w.rt.settle();
    const opened = eventsOf('PlanOpened').filter((e) => e.data.planId === plan.id);
    expect(opened[0]!.data).toMatchObject({
      serviceType: 's60',
      targetGroup: 'people-in-crisis',
      district: 'liberec',
    });
  });
});
