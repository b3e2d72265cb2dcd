// Goals in the client's words, simple time-bound steps toward them, session contracts (000) and
// reviews with the final evaluation that opens the next cycle (002).
import type { plans } from '@spolu/contracts';
import type { Body, Changed, Ctx, Emit } from './plan';
import {
  allNeedCodes,
  assertOpen,
  assertTransition,
  bump,
  goalOf,
  isTerminal,
  outcomes,
  today,
  violation,
} from './plan';

type Plan = plans.Plan;
type Goal = plans.Goal;
type GoalStatus = plans.GoalStatus;

// ---- goals ----

export const addGoal = (plan: Plan, body: Body<typeof plans.AddGoalBody>, ctx: Ctx): Changed => {
  assertOpen(plan);
  if (body.targetDate < today(ctx.now))
    throw violation('target-date-past', 'a new goal needs a target date ahead', 'body.targetDate');
  const goal: Goal = {
    id: ctx.newId(),
    text: body.text,
    needCodes: [...new Set(body.needCodes)],
    targetDate: body.targetDate,
    status: body.status,
    cycle: plan.cycle,
    setAt: ctx.now.toISOString(),
  };
  const next = { ...bump(plan, ctx), goals: [...plan.goals, goal] };
  return {
    plan: next,
    change: 'goal-added',
    createdId: goal.id,
    events: [
      {
        type: 'GoalSet',
        data: {
          goalId: goal.id,
          needCodes: goal.needCodes,
          status: goal.status,
          targetDate: goal.targetDate,
          cycle: goal.cycle,
        },
      },
    ],
  };
};

const statusEvent = (goal: Goal, from: GoalStatus, atReview: boolean): Emit => ({
  type: 'GoalStatusChanged',
  data: { goalId: goal.id, needCodes: goal.needCodes, from, to: goal.status, atReview, cycle: goal.cycle },
});

export const changeGoal = (
  plan: Plan,
  goalId: string,
  body: Body<typeof plans.ChangeGoalBody>,
  ctx: Ctx,
): Changed => {
  assertOpen(plan);
  const old = goalOf(plan, goalId, 'params.goalId');
  const goal: Goal = { ...old };
  if (isTerminal(old.status) && (body.text || body.needCodes || body.targetDate))
    throw violation('goal-closed', 'an evaluated goal is kept as it was; set a new goal instead');
  if (body.text !== undefined) goal.text = body.text;
  if (body.needCodes !== undefined) goal.needCodes = [...new Set(body.needCodes)];
  if (body.targetDate !== undefined) goal.targetDate = body.targetDate;
  if (body.evaluation !== undefined) goal.evaluation = body.evaluation;
  const next = bump(plan, ctx);
  // A review that says "the goal changed" points to this version.
  if (body.text !== undefined || body.needCodes !== undefined || body.targetDate !== undefined)
    goal.changedInVersion = next.version;
  const events: Emit[] = [];
  if (body.status !== undefined && body.status !== old.status) {
    assertTransition(old.status, body.status);
    goal.status = body.status;
    goal.statusChangedAt = ctx.now.toISOString();
    events.push(statusEvent(goal, old.status, false));
  }
  return {
    plan: { ...next, goals: plan.goals.map((g) => (g.id === goalId ? goal : g)) },
    change: 'goal-changed',
    events,
  };
};

// ---- steps ----

const checkAssignee = (plan: Plan, a: plans.Step['assignee']) => {
  if (a.kind === 'support-person') {
    const person = plan.supportNetwork.find((p) => p.id === a.supportPersonId);
    if (!person || person.involvement !== 'active')
      throw violation(
        'unknown-support-person',
        'a step for the support network names an involved person of this plan',
        'body.assignee.supportPersonId',
      );
  } else if (a.supportPersonId)
    throw violation(
      'support-person-not-assignee',
      'only support-person steps name one',
      'body.assignee.supportPersonId',
    );
  if (a.kind !== 'worker' && a.workerId)
    throw violation('worker-not-assignee', 'only worker steps name a worker', 'body.assignee.workerId');
};

export const addStep = (plan: Plan, body: Body<typeof plans.AddStepBody>, ctx: Ctx): Changed => {
  assertOpen(plan);
  const goal = goalOf(plan, body.goalId, 'body.goalId');
  if (isTerminal(goal.status)) throw violation('goal-closed', 'the goal is already evaluated', 'body.goalId');
  checkAssignee(plan, body.assignee);
  const step: plans.Step = {
    id: ctx.newId(),
    goalId: goal.id,
    text: body.text,
    assignee: body.assignee,
    dueDate: body.dueDate,
    done: false,
  };
  return {
    plan: { ...bump(plan, ctx), steps: [...plan.steps, step] },
    change: 'step-added',
    events: [],
    createdId: step.id,
  };
};

export const changeStep = (
  plan: Plan,
  stepId: string,
  body: Body<typeof plans.ChangeStepBody>,
  ctx: Ctx,
): Changed => {
  assertOpen(plan);
  const old = plan.steps.find((s) => s.id === stepId);
  if (!old) throw violation('unknown-step', 'no such step in this plan', 'params.stepId');
  const step = { ...old };
  if (body.text !== undefined) step.text = body.text;
  if (body.dueDate !== undefined) step.dueDate = body.dueDate;
  if (body.doneAt !== undefined && body.done !== true)
    throw violation('done-at-without-done', 'doneAt goes with done: true', 'body.doneAt');
  const events: Emit[] = [];
  if (body.done === true && !old.done) {
    step.done = true;
    step.doneAt = body.doneAt ?? today(ctx.now);
    if (step.doneAt > today(ctx.now))
      throw violation('done-in-future', 'a step cannot be done in the future', 'body.doneAt');
    const goal = goalOf(plan, step.goalId, 'params.stepId');
    events.push({
      type: 'StepCompleted',
      data: {
        goalId: goal.id,
        stepId: step.id,
        needCodes: goal.needCodes,
        assignee: step.assignee.kind,
        dueDate: step.dueDate,
        doneAt: step.doneAt,
        onTime: step.doneAt <= step.dueDate,
      },
    });
  } else if (body.done === false) {
    step.done = false;
    delete step.doneAt;
  }
  const next = { ...bump(plan, ctx), steps: plan.steps.map((s) => (s.id === stepId ? step : s)) };
  return { plan: next, change: 'step-changed', events };
};

// ---- session contracts (000) ----

export const recordSession = (plan: Plan, body: Body<typeof plans.RecordSessionBody>, ctx: Ctx): Changed => {
  assertOpen(plan);
  if (body.goalId) goalOf(plan, body.goalId, 'body.goalId');
  if (body.heldAt > ctx.now.toISOString())
    throw violation('session-in-future', 'record a session once it was held', 'body.heldAt');
  const session: plans.SessionContract = {
    id: ctx.newId(),
    heldAt: body.heldAt,
    focus: body.focus,
    ...(body.goalId ? { goalId: body.goalId } : {}),
    ...(body.outcome ? { outcome: body.outcome } : {}),
    workerId: ctx.by,
  };
  return {
    plan: { ...bump(plan, ctx), sessions: [...plan.sessions, session] },
    change: 'session-recorded',
    events: [],
    createdId: session.id,
  };
};

// ---- reviews (monitoring and evaluation) ----

/** A review's entry for one goal. "The goal changed" points to the version that changed it: the
 * one the worker names, else the goal's last change (none yet: the change may be this review's
 * new status, e.g. dropped for a new goal). */
const pointToGoalChange = (
  plan: Plan,
  goal: Goal,
  r: Body<typeof plans.RecordReviewBody>['goals'][number],
  field: string,
): plans.Review['goals'][number] => {
  const { goalChangeVersion, ...entry } = r;
  if (!r.deviations.includes('goal-changed')) {
    if (goalChangeVersion !== undefined)
      throw violation(
        'goal-change-without-deviation',
        'a goal change version goes with the deviation goal-changed',
        field,
      );
    return entry;
  }
  if (goalChangeVersion !== undefined && goalChangeVersion > plan.version)
    throw violation('unknown-plan-version', 'no such version of this plan', field);
  const version = goalChangeVersion ?? goal.changedInVersion;
  return version === undefined ? entry : { ...entry, goalChangeVersion: version };
};

export const recordReview = (plan: Plan, body: Body<typeof plans.RecordReviewBody>, ctx: Ctx): Changed => {
  assertOpen(plan);
  if (body.heldOn > today(ctx.now))
    throw violation('review-in-future', 'record a review once held', 'body.heldOn');
  const ids = body.goals.map((g) => g.goalId);
  if (new Set(ids).size !== ids.length)
    throw violation('goal-repeated', 'each goal is reviewed once', 'body.goals');
  const goals = new Map(plan.goals.map((g) => [g.id, { ...g }]));
  const events: Emit[] = [];
  const reviewed: plans.Review['goals'] = [];
  body.goals.forEach((r, i) => {
    const goal = goals.get(r.goalId);
    if (!goal) throw violation('unknown-goal', 'no such goal in this plan', `body.goals[${i}].goalId`);
    if (isTerminal(goal.status))
      throw violation('goal-closed', 'the goal is already evaluated', `body.goals[${i}].goalId`);
    reviewed.push(pointToGoalChange(plan, goal, r, `body.goals[${i}].goalChangeVersion`));
    if (r.newStatus && r.newStatus !== goal.status) {
      assertTransition(goal.status, r.newStatus, `body.goals[${i}].newStatus`);
      const from = goal.status;
      goal.status = r.newStatus;
      goal.statusChangedAt = ctx.now.toISOString();
      if (r.note) goal.evaluation = r.note;
      events.push(statusEvent(goal, from, true));
    }
  });
  const nextGoals = plan.goals.map((g) => goals.get(g.id)!);
  if (body.final) {
    const open = nextGoals.filter((g) => g.cycle === plan.cycle && !isTerminal(g.status));
    if (open.length > 0)
      throw violation(
        'final-review-open-goals',
        'a final evaluation gives every goal of the cycle an outcome (achieved, partly, not achieved, dropped)',
        'body.goals',
      );
  }
  const review: plans.Review = {
    id: ctx.newId(),
    heldOn: body.heldOn,
    final: body.final,
    cycle: plan.cycle,
    goals: reviewed,
    reviewedBy: ctx.by,
  };
  const reviewDates = plan.reviewDates.filter((d) => d > body.heldOn);
  if (body.nextReviewDate) {
    if (body.nextReviewDate <= body.heldOn)
      throw violation('next-review-past', 'the next review is after this one', 'body.nextReviewDate');
    reviewDates.push(body.nextReviewDate);
  }
  const next: Plan = {
    ...bump(plan, ctx),
    goals: nextGoals,
    reviews: [...plan.reviews, review],
    reviewDates: [...new Set(reviewDates)].sort(),
    // After a final evaluation the needs are mapped again and new goals start the next cycle (002).
    cycle: body.final ? plan.cycle + 1 : plan.cycle,
  };
  const reviewedGoals = nextGoals.filter((g) => ids.includes(g.id));
  events.unshift({
    type: 'PlanReviewed',
    data: {
      reviewId: review.id,
      heldOn: review.heldOn,
      final: review.final,
      cycle: review.cycle,
      goalsReviewed: reviewedGoals.length,
      needCodes: allNeedCodes(reviewedGoals),
      deviations: [...new Set(body.goals.flatMap((g) => g.deviations))].sort(),
      outcomes: outcomes(next),
    },
  });
  return { plan: next, change: body.final ? 'final-review' : 'review', events, createdId: review.id };
};
