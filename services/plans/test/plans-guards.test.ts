import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { auditPartition } from '@spolu/platform';
import type { PlanBody, Rec, World } from './fixtures';
import { clientWithPlan, day, hoursAgo, ifMatch, startWorld } from './fixtures';

let w: World;
beforeAll(async () => {
  w = await startWorld({ CLIENT_RETENTION_DAYS: '30' });
});
afterAll(async () => {
  await w.rt.stop();
});

const agreed = { agreedWithClient: true } as const;
const plansEnv = () => w.rt.envs.get('plans')!;
const eventsOf = (type: string) =>
  w.rt.bus.archive
    .filter((e) => e.event['detail-type'] === type)
    .map((e) => e.event.detail as { id: string; data: Record<string, unknown> });

describe('concurrency and history', () => {
  it('two concurrent edits: one wins, the other gets 412 and, reloaded and resent, loses nothing', async () => {
    const { plan } = await clientWithPlan(w, w.fokus, w.services.std, { keyWorkerId: w.fokusKey.sub });
    const url = `/plans/${plan.id}`;
    const goal = (text: string) => ({
      ...agreed,
      text,
      needCodes: ['work-habits'],
      targetDate: day(w.rt, 30),
    });
    const [a, b] = await Promise.all([
      w.fokusKey.post<PlanBody>(url + '/goals', goal('Chodit včas.'), ifMatch(1)),
      w.fokus.post<PlanBody>(url + '/goals', goal('Vařit si oběd.'), ifMatch(1)),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 412]);
    const [won, lost] = a.status === 201 ? [a, b] : [b, a];
    expect(lost.body).toMatchObject({ type: expect.stringContaining('stale-etag') });
    expect(won.body.version).toBe(2);
    const loserText = lost === a ? 'Chodit včas.' : 'Vařit si oběd.';
    const current = await w.fokus.get<PlanBody>(url);
    expect(current.body.goals).toHaveLength(1);
    expect(current.headers.get('etag')).toBe('"2"');
    const retried = await w.fokus.post<PlanBody>(url + '/goals', goal(loserText), ifMatch(2));
    expect(retried.status).toBe(201);
    expect(retried.body.goals.map((g) => g.text).sort()).toEqual(['Chodit včas.', 'Vařit si oběd.'].sort());
    // Exactly one version per committed change, and nothing from the refused one.
    const versions = await w.fokus.get<{ items: { version: number; change: string }[] }>(url + '/versions');
    expect(versions.body.items.map((v) => [v.version, v.change])).toEqual([
      [1, 'opened'],
      [2, 'goal-added'],
      [3, 'goal-added'],
    ]);
    const d = await w.fokus.get<{ changes: { path: string; op: string }[] }>(url + '/diff?from=1&to=3');
    expect(d.body.changes.filter((c) => c.path.startsWith('goals.')).map((c) => c.op)).toEqual([
      'added',
      'added',
    ]);
    const same = await w.fokus.get<{ changes: unknown[] }>(url + '/diff?from=3&to=3');
    expect(same.body.changes).toEqual([]);
    expect((await w.fokus.get(url + '/diff?from=1&to=9')).status).toBe(404);
    expect((await w.fokus.get(url + '/diff?from=x&to=2')).status).toBe(422);
  });
});

describe('tenancy, roles, audit', () => {
  it("another provider's plan is invisible (404), coordinators and ops get 403", async () => {
    const { plan, clientId } = await clientWithPlan(w, w.fokus, w.services.std);
    const url = `/plans/${plan.id}`;
    for (const path of [url, url + '/versions', url + '/versions/1', url + '/diff?from=1&to=1']) {
      expect((await w.kc.get(path)).status).toBe(404);
      expect((await w.coordinator.get(path)).status).toBe(403);
      expect((await w.ops.get(path)).status).toBe(403);
    }
    const list = await w.kc.get<{ items: unknown[] }>(`/plans?clientId=${clientId}`);
    expect(list.body.items).toEqual([]);
    const all = await w.kc.get<{ items: { id: string }[] }>('/plans?limit=100');
    expect(all.body.items.map((p) => p.id)).not.toContain(plan.id);
    const write = await w.kc.patch(url, { ...agreed, overallGoal: 'x' }, ifMatch(1));
    expect(write.status).toBe(404);
    expect((await w.fokus.get<PlanBody>(url)).body.version).toBe(1);
  });

  it('audits every read and change of a plan with who did it', async () => {
    const { plan, clientId } = await clientWithPlan(w, w.fokus, w.services.std);
    await w.fokus.get(`/plans/${plan.id}`);
    await w.fokusKey.patch(`/plans/${plan.id}`, { ...agreed, overallGoal: 'Najít práci.' }, ifMatch(1));
    const env = plansEnv();
    const out = await env.ddb.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': auditPartition(w.providers.fokus, 'plan', plan.id) },
      }),
    );
    const entries = (out.Items ?? []).map((i) => [i.actor, i.action, i.clientId]);
    expect(entries).toEqual(
      expect.arrayContaining([
        [w.fokus.sub, 'read', clientId],
        [w.fokusKey.sub, 'update', clientId],
      ]),
    );
  });

  it('bad input gets problem+json and stores nothing', async () => {
    const { plan } = await clientWithPlan(w, w.fokus, w.services.std);
    const url = `/plans/${plan.id}`;
    const bad = await w.fokus.post<{ errors: { path: string }[] }>(
      url + '/goals',
      { ...agreed, text: '', needCodes: ['no-such-need'], targetDate: '2026-02-30' },
      ifMatch(1),
    );
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e) => e.path).sort()).toEqual(
      ['body.needCodes[0]', 'body.targetDate', 'body.text'].sort(),
    );
    const stepForUnknownGoal = await w.fokus.post(
      url + '/steps',
      { ...agreed, goalId: plan.id, text: 'x', assignee: { kind: 'client' }, dueDate: day(w.rt, 1) },
      ifMatch(1),
    );
    expect(stepForUnknownGoal.status).toBe(422);
    expect((await w.fokus.get<PlanBody>(url)).body.version).toBe(1);
    const limit = await w.fokus.get('/plans?limit=500');
    expect(limit.status).toBe(422);
  });
});

describe('events from intake', () => {
  it('a redelivered AgreementMade opens one plan and announces PlanOpened once', async () => {
    const { plan, agreementId, clientId } = await clientWithPlan(w, w.fokus, w.services.rehab);
    const replayed = await w.rt.bus.replay(
      (e) =>
        e.event['detail-type'] === 'AgreementMade' &&
        (e.event.detail as { data: { agreementId: string } }).data.agreementId === agreementId,
    );
    expect(replayed).toBe(1);
    // The same agreement announced again under a new event id (e.g. a producer retry).
    const original = w.rt.bus.archive.find(
      (e) =>
        e.event['detail-type'] === 'AgreementMade' &&
        (e.event.detail as { data: { agreementId: string } }).data.agreementId === agreementId,
    )!;
    await w.rt.bus.putEvents([
      {
        Source: 'spolu.intake',
        DetailType: 'AgreementMade',
        Detail: JSON.stringify({ ...(original.event.detail as object), id: '01JCZ0000000000000000000KC' }),
      },
    ]);
    await w.rt.settle();
    const plans = await w.fokus.get<{ items: PlanBody[] }>(`/plans?clientId=${clientId}`);
    expect(plans.body.items.map((p) => p.id)).toEqual([plan.id]);
    expect(eventsOf('PlanOpened').filter((e) => e.data.agreementId === agreementId)).toHaveLength(1);
    expect(w.rt.bus.deadLetters).toEqual([]);
  });

  it('follows a change of the agreement form in intake', async () => {
    const { plan, clientId, agreementId } = await clientWithPlan(w, w.fokus, w.services.std);
    const changed = await w.fokus.patch(
      `/clients/${clientId}/agreements/${agreementId}`,
      {
        form: 'written',
        written: { contractDate: day(w.rt, 0), validFrom: day(w.rt, 0), signedBy: ['Jana Nováková'] },
        changeNote: 'Podepsána smlouva',
      },
      ifMatch(1),
    );
    expect(changed.status).toBe(200);
    await w.rt.settle();
    const after = await w.fokus.get<PlanBody>(`/plans/${plan.id}`);
    expect(after.body).toMatchObject({ agreementForm: 'written', version: 2, status: 'open' });
  });

  it('a withdrawn consent ends the involvement of the support person it covered', async () => {
    const { plan, clientId } = await clientWithPlan(w, w.fokus, w.services.std);
    const consent = await w.fokus.post<Rec>(`/clients/${clientId}/consents`, {
      purpose: 'involve-institution',
      serviceId: w.services.std,
      involvedParty: { name: 'Úřad práce Semily', relation: 'zprostředkování práce' },
      givenAt: hoursAgo(w.rt, 1),
    });
    await w.rt.settle();
    const added = await w.fokus.post<PlanBody>(
      `/plans/${plan.id}/support-network`,
      {
        ...agreed,
        kind: 'institution',
        name: 'Úřad práce Semily',
        role: 'zprostředkování',
        consentId: consent.body.id,
      },
      ifMatch(1),
    );
    expect(added.status).toBe(201);
    const withdrawn = await w.fokus.post(
      `/clients/${clientId}/consents/${consent.body.id}/withdrawal`,
      { reason: 'Klient nechce.' },
      ifMatch(1),
    );
    expect(withdrawn.status).toBe(200);
    await w.rt.settle();
    const after = await w.fokus.get<PlanBody>(`/plans/${plan.id}`);
    expect(after.body.version).toBe(3);
    expect(after.body.supportNetwork[0]!.involvement).toBe('consent-withdrawn');
    const versions = await w.fokus.get<{ items: { by: string; change: string }[] }>(
      `/plans/${plan.id}/versions`,
    );
    expect(versions.body.items.at(-1)).toMatchObject({
      by: 'intake:ConsentWithdrawn',
      change: 'consent-withdrawn',
    });
    const again = await w.fokus.post(
      `/plans/${plan.id}/support-network`,
      { ...agreed, kind: 'institution', name: 'Úřad práce', role: 'x', consentId: consent.body.id },
      ifMatch(3),
    );
    expect(again.status).toBe(422);
  });
});

describe('worklist', () => {
  it("gives each key worker their overdue reviews and steps, and nobody else's", async () => {
    const { plan } = await clientWithPlan(w, w.kc, w.services.krize, {
      keyWorkerId: w.kcKey.sub,
      district: 'liberec',
    });
    const url = `/plans/${plan.id}`;
    let p = (await w.kcKey.patch<PlanBody>(url, { ...agreed, reviewDates: [day(w.rt, 2)] }, ifMatch(1))).body;
    p = (
      await w.kcKey.post<PlanBody>(
        url + '/goals',
        { ...agreed, text: 'Vyřídit dávky.', needCodes: ['finances-debt'], targetDate: day(w.rt, 20) },
        ifMatch(p.version),
      )
    ).body;
    p = (
      await w.kcKey.post<PlanBody>(
        url + '/steps',
        {
          ...agreed,
          goalId: p.goals[0]!.id,
          text: 'Zajít na úřad.',
          assignee: { kind: 'client' },
          dueDate: day(w.rt, 1),
        },
        ifMatch(p.version),
      )
    ).body;
    type Items = { items: { kind: string; planId: string; daysOverdue: number; stepId?: string }[] };
    expect((await w.kcKey.get<Items>('/worklist')).body.items.filter((i) => i.planId === plan.id)).toEqual(
      [],
    );
    w.rt.clock.advance(4 * 86_400_000);
    const list = await w.kcKey.get<Items>('/worklist');
    expect(list.status).toBe(200);
    expect(list.body.items.filter((i) => i.planId === plan.id).map((i) => [i.kind, i.daysOverdue])).toEqual([
      ['step', 3],
      ['review', 2],
    ]);
    expect((await w.kc.get<Items>('/worklist')).body.items).toEqual([]);
    expect((await w.fokusKey.get<Items>('/worklist')).body.items.filter((i) => i.planId === plan.id)).toEqual(
      [],
    );
    const done = await w.kcKey.patch<PlanBody>(
      url + `/steps/${p.steps[0]!.id}`,
      { ...agreed, done: true },
      ifMatch(p.version),
    );
    expect(done.status).toBe(200);
    const after = await w.kcKey.get<Items>('/worklist');
    expect(after.body.items.filter((i) => i.planId === plan.id).map((i) => i.kind)).toEqual(['review']);
    await w.rt.settle();
    const completed = eventsOf('StepCompleted').find((e) => e.data.planId === plan.id)!;
    expect(completed.data.onTime).toBe(false);
  });
});

describe('anonymisation', () => {
  it("erases the free text of an anonymised client's plans, in every version", async () => {
    const { plan, clientId, agreementId } = await clientWithPlan(w, w.fokus, w.services.std, {
      keyWorkerId: w.fokusKey.sub,
      name: 'Eva Malá',
    });
    let p = (
      await w.fokusKey.patch<PlanBody>(
        `/plans/${plan.id}`,
        { ...agreed, overallGoal: 'Zpátky k pekaři Novákovi.' },
        ifMatch(1),
      )
    ).body;
    p = (
      await w.fokusKey.post<PlanBody>(
        `/plans/${plan.id}/goals`,
        {
          ...agreed,
          text: 'Ranní vstávání kvůli pekárně.',
          needCodes: ['work-habits'],
          targetDate: day(w.rt, 20),
        },
        ifMatch(p.version),
      )
    ).body;
    const ended = await w.fokus.patch(
      `/clients/${clientId}/agreements/${agreementId}`,
      { status: 'ended' },
      ifMatch(1),
    );
    expect(ended.status).toBe(200);
    await w.rt.settle();
    // The agreement ended in intake: the plan closed with it.
    const closed = await w.fokus.get<PlanBody>(`/plans/${plan.id}`);
    expect(closed.body).toMatchObject({
      status: 'closed',
      version: p.version + 1,
      closed: { reason: 'agreement-ended' },
    });
    p = closed.body;
    const client = await w.fokus.get<Rec>(`/clients/${clientId}`);
    w.rt.clock.advance(40 * 86_400_000);
    const anon = await w.fokusKey.post(
      `/clients/${clientId}/anonymisation`,
      {},
      ifMatch(client.body.version),
    );
    expect({ status: anon.status, body: anon.body }).toMatchObject({ status: 200 });
    await w.rt.settle();
    const after = await w.fokus.get<PlanBody>(`/plans/${plan.id}`);
    expect(after.body).toMatchObject({ anonymised: true, overallGoal: null, version: p.version });
    expect(after.body.goals[0]).toMatchObject({ text: '', needCodes: ['work-habits'] });
    const env = plansEnv();
    const scan = await env.ddb.send(new ScanCommand({ TableName: env.tableName }));
    const text = JSON.stringify(scan.Items);
    for (const secret of ['pekaři', 'pekárně']) expect(text).not.toContain(secret);
    const refused = await w.fokusKey.patch(
      `/plans/${plan.id}`,
      { ...agreed, overallGoal: 'x' },
      ifMatch(p.version),
    );
    expect(refused.status).toBe(422);
    expect(w.rt.bus.deadLetters).toEqual([]);
  });
});
