// Issue 18, plans and handovers: adding a goal or step answers with the new item's id and the
// plan's new ETag; the version diff matches list items by id, leaves out version bookkeeping and
// names goals and steps by their text; a review that says "the goal changed" points to the change.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PlanBody, World } from './fixtures';
import { clientWithPlan, day, ifMatch, startWorld } from './fixtures';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.rt.stop();
});

const agreed = { agreedWithClient: true } as const;
type Created = PlanBody & { createdId: string };
type Change = { path: string; op: string; from?: unknown; to?: unknown; label?: string };
type Problem = { errors: { code?: string; path: string; message: string }[] };

describe('adding to a plan answers with the id of what was added', () => {
  let plan: PlanBody;
  beforeAll(async () => {
    ({ plan } = await clientWithPlan(w, w.fokus, w.services.std, { keyWorkerId: w.fokusKey.sub }));
  });

  it('POST of a goal returns the new goal id and the ETag of the new version', async () => {
    const res = await w.fokusKey.post<Created>(
      `/plans/${plan.id}/goals`,
      { ...agreed, text: 'Chci vařit sama.', needCodes: ['work-habits'], targetDate: day(w.rt, 60) },
      ifMatch(plan.version),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe(`"${plan.version + 1}"`);
    expect(res.body.version).toBe(plan.version + 1);
    const goal = res.body.goals.find((g) => g.text === 'Chci vařit sama.');
    expect(res.body.createdId).toBe(goal!.id);
    plan = res.body;
  });

  it('POST of a step returns the new step id, also on an idempotent replay', async () => {
    const goalId = plan.goals[0]!.id;
    const body = {
      ...agreed,
      goalId,
      text: 'Koupit si kuchařku.',
      assignee: { kind: 'client' },
      dueDate: day(w.rt, 10),
    };
    const key = { 'if-match': `"${plan.version}"`, 'idempotency-key': `step-${plan.id}` };
    const res = await w.fokusKey.post<Created>(`/plans/${plan.id}/steps`, body, { headers: key });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe(`"${plan.version + 1}"`);
    const step = res.body.steps.find((s) => s.text === 'Koupit si kuchařku.');
    expect(res.body.createdId).toBe(step!.id);
    expect(res.body.createdId).not.toBe(goalId);
    const replay = await w.fokusKey.post<Created>(`/plans/${plan.id}/steps`, body, { headers: key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.createdId).toBe(step!.id);
    expect((await w.fokus.get<PlanBody>(`/plans/${plan.id}`)).body.steps).toHaveLength(1);
    plan = res.body;
  });

  it('a change that adds nothing answers with the plan only', async () => {
    const res = await w.fokusKey.patch<Created>(
      `/plans/${plan.id}`,
      { ...agreed, overallGoal: 'Bydlet samostatně.' },
      ifMatch(plan.version),
    );
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('createdId');
  });
});

describe('the version diff reads like the plan', () => {
  let plan: PlanBody;
  const apply = async (method: 'post' | 'patch', path: string, body: unknown) => {
    const res = await w.fokusKey[method]<PlanBody>(`/plans/${plan.id}${path}`, body, ifMatch(plan.version));
    expect(res.status).toBeLessThan(300);
    plan = res.body;
    return plan.version;
  };
  const diff = async (from: number, to: number) => {
    const res = await w.fokus.get<{ changes: Change[] }>(`/plans/${plan.id}/diff?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    return res.body.changes;
  };

  beforeAll(async () => {
    ({ plan } = await clientWithPlan(w, w.fokus, w.services.std, {
      name: 'Petra Malá',
      keyWorkerId: w.fokusKey.sub,
    }));
    for (const text of ['Najít si brigádu.', 'Splácet dluhy.'])
      await apply('post', '/goals', {
        ...agreed,
        text,
        needCodes: ['employment'],
        targetDate: day(w.rt, 90),
      });
  });

  it('names a changed goal by its text and leaves out version, updatedAt and changedBy', async () => {
    const second = plan.goals[1]!;
    const before = plan.version;
    await apply('patch', `/goals/${second.id}`, { ...agreed, text: 'Splatit dluh za telefon.' });
    const changes = await diff(before, plan.version);
    expect(changes).toEqual([
      {
        path: `goals.${second.id}.text`,
        op: 'changed',
        from: 'Splácet dluhy.',
        to: 'Splatit dluh za telefon.',
        label: 'Splatit dluh za telefon.',
      },
      {
        path: `goals.${second.id}.changedInVersion`,
        op: 'added',
        to: plan.version,
        label: expect.any(String),
      },
    ]);
    for (const noise of ['version', 'updatedAt', 'changedBy'])
      expect(changes.map((c) => c.path)).not.toContain(noise);
  });

  it('names a step by its text; adding one is a single added item', async () => {
    const before = plan.version;
    await apply('post', '/steps', {
      ...agreed,
      goalId: plan.goals[0]!.id,
      text: 'Projít nabídky na úřadu práce.',
      assignee: { kind: 'client' },
      dueDate: day(w.rt, 14),
    });
    const stepId = plan.steps[0]!.id;
    await apply('patch', `/steps/${stepId}`, { ...agreed, done: true });
    const changes = await diff(before, plan.version);
    expect(changes).toEqual([
      expect.objectContaining({
        path: `steps.${stepId}`,
        op: 'added',
        label: 'Projít nabídky na úřadu práce.',
      }),
    ]);
    const done = await diff(plan.version - 1, plan.version);
    expect(done).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: `steps.${stepId}.done`,
          from: false,
          to: true,
          label: 'Projít nabídky na úřadu práce.',
        }),
      ]),
    );
  });

  it('review dates compare as a set: an earlier date added is one change, not a shifted list', async () => {
    await apply('patch', '', { ...agreed, reviewDates: [day(w.rt, 30), day(w.rt, 60)] });
    const before = plan.version;
    await apply('patch', '', { ...agreed, reviewDates: [day(w.rt, 14), day(w.rt, 30), day(w.rt, 60)] });
    expect(await diff(before, plan.version)).toEqual([
      { path: 'reviewDates', op: 'added', to: day(w.rt, 14) },
    ]);
  });

  it('a review that records "goal changed" points to the version that changed the goal', async () => {
    const changedGoal = plan.goals[1]!;
    const changeVersion = plan.goals[1]!.changedInVersion!;
    expect(changeVersion).toBeGreaterThan(1);
    const before = plan.version;
    await apply('post', '/reviews', {
      ...agreed,
      heldOn: day(w.rt, 0),
      goals: [
        { goalId: changedGoal.id, progress: 'some', deviations: ['goal-changed'] },
        { goalId: plan.goals[0]!.id, progress: 'some', deviations: ['tempo'] },
      ],
    });
    const review = (plan.reviews as unknown[]).at(-1) as { id: string; goals: Record<string, unknown>[] };
    expect(review.goals[0]).toMatchObject({ goalId: changedGoal.id, goalChangeVersion: changeVersion });
    expect(review.goals[1]).not.toHaveProperty('goalChangeVersion');
    // The pointed-to version is the one whose diff shows the goal's new text.
    const pointed = await diff(changeVersion - 1, changeVersion);
    expect(pointed[0]).toMatchObject({
      path: `goals.${changedGoal.id}.text`,
      to: 'Splatit dluh za telefon.',
    });
    // The review in the diff is named by the goal it reviews.
    const reviewDiff = await diff(before, plan.version);
    expect(reviewDiff.find((c) => c.path === `reviews.${review.id}`)).toMatchObject({ op: 'added' });
  });

  it('refuses a goal change version without the deviation, or beyond the plan, in Czech; stores nothing', async () => {
    const goalId = plan.goals[0]!.id;
    const czech = { headers: { 'if-match': `"${plan.version}"`, 'accept-language': 'cs' } };
    const review = (entry: Record<string, unknown>) => ({
      ...agreed,
      heldOn: day(w.rt, 0),
      goals: [{ goalId, progress: 'some', ...entry }],
    });
    const without = await w.fokusKey.post<Problem>(
      `/plans/${plan.id}/reviews`,
      review({ deviations: ['tempo'], goalChangeVersion: 2 }),
      czech,
    );
    expect(without.status).toBe(422);
    expect(without.body.errors[0]).toMatchObject({
      code: 'goal-change-without-deviation',
      path: 'body.goals[0].goalChangeVersion',
      message: 'Verzi změny cíle uveďte jen u odchylky „změna cíle“.',
    });
    const beyond = await w.fokusKey.post<Problem>(
      `/plans/${plan.id}/reviews`,
      review({ deviations: ['goal-changed'], goalChangeVersion: plan.version + 5 }),
      czech,
    );
    expect(beyond.status).toBe(422);
    expect(beyond.body.errors[0]).toMatchObject({
      code: 'unknown-plan-version',
      message: 'Taková verze plánu neexistuje.',
    });
    expect((await w.fokus.get<PlanBody>(`/plans/${plan.id}`)).body.version).toBe(plan.version);
  });
});
