import { describe, expect, it } from '@jest/globals';
import type { plans } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import { eraseFreeText } from '../src/domain/anonymise';
import { diff } from '../src/domain/diff';
import * as goals from '../src/domain/goals';
import * as people from '../src/domain/people';
import * as core from '../src/domain/plan';

const d = { ...core, ...goals, ...people };
import { overdue } from '../src/domain/worklist';

let seq = 0;
const ctx = (now = '2026-03-01T10:00:00.000Z'): core.Ctx => ({
  now: new Date(now),
  by: 'worker-1',
  newId: () => `01JCZ00000000000000000${String(++seq).padStart(4, '0')}`,
});
const agreed = { agreedWithClient: true } as const;
const opened = () =>
  d.openPlan(
    '01JCZ0000000000000000000P1',
    'tenant-1',
    {
      clientId: '01JCZ0000000000000000000C1',
      subjectKey: 'k'.repeat(40),
      serviceId: '01JCZ0000000000000000000S1',
      serviceType: 's67',
      targetGroup: 'chronic-mental-illness',
      ageBand: '27-64',
      district: 'semily',
      agreementId: '01JCZ0000000000000000000A1',
      form: 'written',
      courtOrdered: false,
      status: 'active',
      madeAt: '2026-03-01T09:00:00.000Z',
    },
    ctx(),
  ).plan;
const rule = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainRuleViolation) return err.rule;
    throw err;
  }
  throw new Error('no rule broken');
};
const withGoal = (plan: plans.Plan) =>
  d.addGoal(
    plan,
    { ...agreed, text: 'Cíl', needCodes: ['work-habits'], targetDate: '2026-06-01', status: 'active' },
    ctx(),
  ).plan;

describe('diff', () => {
  it('reports changed leaves by path, records with ids as added/removed by id, plain lists as sets', () => {
    const a = { x: 1, goals: [{ id: 'g1', status: 'active' }], list: [1, 2] };
    const b = {
      x: 2,
      goals: [
        { id: 'g1', status: 'achieved' },
        { id: 'g2', status: 'active' },
      ],
      list: [1],
    };
    expect(diff(a, b)).toEqual([
      { path: 'x', op: 'changed', from: 1, to: 2 },
      { path: 'goals.g1.status', op: 'changed', from: 'active', to: 'achieved' },
      { path: 'goals.g2', op: 'added', to: { id: 'g2', status: 'active' } },
      { path: 'list', op: 'removed', from: 2 },
    ]);
    expect(diff(a, a)).toEqual([]);
    expect(diff({ k: null }, { k: 'v' })).toEqual([{ path: 'k', op: 'changed', from: null, to: 'v' }]);
  });

  it('matches list items by id, not position, and review entries by the goal they review', () => {
    const a = { goal: 1 };
    const g1 = { id: 'g1', text: 'Najít práci' };
    const g2 = { id: 'g2', text: 'Splatit dluh' };
    // The same items in another order are no change; removing the first shifts nothing.
    expect(diff({ goals: [g1, g2] }, { goals: [g2, g1] })).toEqual([]);
    expect(diff({ goals: [g1, g2] }, { goals: [g2] })).toEqual([
      { path: 'goals.g1', op: 'removed', from: g1, label: 'Najít práci' },
    ]);
    const review = (progress: string) => ({ id: 'r1', goals: [{ goalId: 'g2', progress }] });
    expect(
      diff({ goals: [g2], reviews: [review('none')] }, { goals: [g2], reviews: [review('some')] }),
    ).toEqual([
      {
        path: 'reviews.r1.goals.g2.progress',
        op: 'changed',
        from: 'none',
        to: 'some',
        label: 'Splatit dluh',
      },
    ]);
    expect(
      diff(
        { version: 1, updatedAt: 'x', changedBy: 'a', ...a },
        { version: 2, updatedAt: 'y', changedBy: 'b', ...a },
      ),
    ).toEqual([]);
  });
});

describe('goals and reviews', () => {
  it('follows the goal status transitions; evaluated goals are final', () => {
    expect(() => d.assertTransition('proposed', 'active')).not.toThrow();
    expect(rule(() => d.assertTransition('proposed', 'achieved'))).toBe('goal-status-transition');
    expect(rule(() => d.assertTransition('achieved', 'active'))).toBe('goal-status-transition');
  });

  it('a final review needs an outcome for every goal of the cycle and starts the next cycle', () => {
    const plan = withGoal(opened());
    const goalId = plan.goals[0]!.id;
    expect(
      rule(() =>
        d.recordReview(
          plan,
          {
            ...agreed,
            heldOn: '2026-03-01',
            final: true,
            goals: [{ goalId, progress: 'some', deviations: [] }],
          },
          ctx(),
        ),
      ),
    ).toBe('final-review-open-goals');
    const done = d.recordReview(
      plan,
      {
        ...agreed,
        heldOn: '2026-03-01',
        final: true,
        goals: [{ goalId, progress: 'complete', deviations: [], newStatus: 'achieved' }],
      },
      ctx(),
    );
    expect(done.plan.cycle).toBe(2);
    expect(done.events.map((e) => e.type)).toEqual(['PlanReviewed', 'GoalStatusChanged']);
    expect(withGoal(done.plan).goals[1]!.cycle).toBe(2);
    expect(
      rule(() =>
        d.recordReview(
          plan,
          {
            ...agreed,
            heldOn: '2026-03-05',
            final: false,
            goals: [{ goalId, progress: 'some', deviations: [] }],
          },
          ctx(),
        ),
      ),
    ).toBe('review-in-future');
  });
});

describe('key worker, phases, closed plans', () => {
  it('needs a handover note only when a key worker hands over', () => {
    const first = d.assignKeyWorker(opened(), { ...agreed, keyWorkerId: 'kw-1' }, ctx()).plan;
    expect(rule(() => d.assignKeyWorker(first, { ...agreed, keyWorkerId: 'kw-2' }, ctx()))).toBe(
      'handover-note-required',
    );
    const second = d.assignKeyWorker(
      first,
      { ...agreed, keyWorkerId: 'kw-2', handoverNote: 'Co vědět.' },
      ctx(),
    );
    expect(second.plan.handovers).toHaveLength(1);
    expect(second.events[0]!.data).toMatchObject({ previousKeyWorkerId: 'kw-1', handover: true });
  });

  it('records a move back to an earlier recovery phase as a relapse', () => {
    let plan = d.setRecoveryPhase(
      opened(),
      { ...agreed, phase: 're-orientation', since: '2026-02-01' },
      ctx(),
    ).plan;
    plan = d.setRecoveryPhase(plan, { ...agreed, phase: 'stabilisation', since: '2026-02-20' }, ctx()).plan;
    expect(plan.phaseHistory.map((p) => p.relapse)).toEqual([false, true]);
    expect(
      rule(() =>
        d.setRecoveryPhase(plan, { ...agreed, phase: 're-integration', since: '2026-02-10' }, ctx()),
      ),
    ).toBe('phase-date-order');
  });

  it('a closed plan takes no changes; every change bumps the version by one', () => {
    const plan = opened();
    const updated = d.updatePlan(plan, { ...agreed, overallGoal: 'Zakázka' }, ctx()).plan;
    expect(updated.version).toBe(2);
    const closed = d.closePlan(updated, { ...agreed, reason: 'client-left' }, ctx()).plan;
    expect(rule(() => withGoal(closed))).toBe('plan-closed');
  });

  it('involves a support person only under a matching, given consent of the same client', () => {
    const plan = opened();
    const body = {
      ...agreed,
      kind: 'family' as const,
      name: 'Máma',
      role: 'matka',
      consentId: '01JCZ0000000000000000000K1',
    };
    const consent = {
      consentId: body.consentId,
      clientId: plan.clientId,
      purpose: 'involve-close-person',
      status: 'given' as const,
    };
    expect(d.addSupportPerson(plan, body, consent, ctx()).plan.supportNetwork).toHaveLength(1);
    expect(rule(() => d.addSupportPerson(plan, body, { ...consent, status: 'withdrawn' }, ctx()))).toBe(
      'consent-required',
    );
    expect(rule(() => d.addSupportPerson(plan, body, { ...consent, clientId: 'other' }, ctx()))).toBe(
      'consent-required',
    );
    expect(rule(() => d.addSupportPerson(plan, body, undefined, ctx()))).toBe('consent-required');
  });
});

describe('worklist and anonymisation', () => {
  it('lists overdue reviews and undone steps of open plans', () => {
    let plan = withGoal(opened());
    plan = d.updatePlan(plan, { ...agreed, reviewDates: ['2026-02-20', '2026-04-01'] }, ctx()).plan;
    plan = d.addStep(
      plan,
      {
        ...agreed,
        goalId: plan.goals[0]!.id,
        text: 'Krok',
        assignee: { kind: 'client' },
        dueDate: '2026-02-25',
      },
      ctx(),
    ).plan;
    expect(overdue(plan, '2026-03-01').map((i) => [i.kind, i.daysOverdue])).toEqual([
      ['review', 9],
      ['step', 4],
    ]);
    expect(overdue({ ...plan, status: 'closed' }, '2026-03-01')).toEqual([]);
  });

  it('erases free text and keeps codes and dates', () => {
    let plan = withGoal(d.updatePlan(opened(), { ...agreed, overallGoal: 'Tajné' }, ctx()).plan);
    plan = d.recordSession(
      plan,
      { ...agreed, heldAt: '2026-03-01T09:00:00.000Z', focus: 'Tajné téma', outcome: 'Tajné' },
      ctx(),
    ).plan;
    const erased = eraseFreeText(plan);
    expect(JSON.stringify(erased)).not.toContain('Tajn');
    expect(erased.goals[0]!.needCodes).toEqual(['work-habits']);
    expect(erased.anonymised).toBe(true);
  });
});
