// The individual plan as one document and every change to it, as pure functions. Each change
// returns the next plan (version + 1) and the events it causes; the handler stores the plan, an
// immutable version item and the events in one transaction.
import type { intakeEvents, plans } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';

type Plan = plans.Plan;
type Goal = plans.Goal;
type GoalStatus = plans.GoalStatus;
type RecoveryPhase = plans.RecoveryPhase;
type Body<S extends z.ZodType> = z.output<S>;

export interface Ctx {
  now: Date;
  /** Who made the change (token subject, or the event that caused it). */
  by: string;
  newId: () => string;
}

export type PlanEventType =
  | 'PlanOpened'
  | 'GoalSet'
  | 'GoalStatusChanged'
  | 'StepCompleted'
  | 'PlanReviewed'
  | 'KeyWorkerAssigned'
  | 'RecoveryPhaseChanged'
  | 'PlanClosed';
/** An event without the plan facts (the handler adds planId and the statistical facts). */
export interface Emit {
  type: PlanEventType;
  data: Record<string, unknown>;
}
export interface Changed {
  plan: Plan;
  change: string;
  events: Emit[];
}

const violation = (rule: string, message: string, field?: string) =>
  new DomainRuleViolation(rule, message, field);
export const today = (now: Date) => now.toISOString().slice(0, 10);

const terminal: GoalStatus[] = ['achieved', 'partly-achieved', 'not-achieved', 'dropped'];
export const isTerminal = (s: GoalStatus) => terminal.includes(s);
const transitions: Record<GoalStatus, GoalStatus[]> = {
  proposed: ['active', 'dropped'],
  active: ['achieved', 'partly-achieved', 'not-achieved', 'dropped'],
  achieved: [],
  'partly-achieved': [],
  'not-achieved': [],
  dropped: [],
};
export const assertTransition = (from: GoalStatus, to: GoalStatus, field = 'body.status') => {
  if (!transitions[from].includes(to))
    throw violation('goal-status-transition', `a goal cannot go from ${from} to ${to}`, field);
};

const phaseOrder: RecoveryPhase[] = ['stabilisation', 're-orientation', 're-integration'];

const bump = (plan: Plan, ctx: Ctx): Plan => ({
  ...plan,
  version: plan.version + 1,
  updatedAt: ctx.now.toISOString(),
  changedBy: ctx.by,
  agreedWithClient: true,
});

export const assertOpen = (plan: Plan) => {
  if (plan.status !== 'open') throw violation('plan-closed', 'the plan is closed');
  if (plan.anonymised) throw violation('plan-anonymised', 'the client was anonymised');
};

const goalOf = (plan: Plan, goalId: string, field: string) => {
  const goal = plan.goals.find((g) => g.id === goalId);
  if (!goal) throw violation('unknown-goal', 'no such goal in this plan', field);
  return goal;
};

export const outcomes = (plan: Plan) => {
  const count = (s: GoalStatus) => plan.goals.filter((g) => g.status === s).length;
  return {
    achieved: count('achieved'),
    partlyAchieved: count('partly-achieved'),
    notAchieved: count('not-achieved'),
    dropped: count('dropped'),
    open: plan.goals.filter((g) => !isTerminal(g.status)).length,
  };
};
const allNeedCodes = (goals: Goal[]) => [...new Set(goals.flatMap((g) => g.needCodes))].sort();

// ---- opening (from intake's AgreementMade) ----

export const openPlan = (
  id: string,
  providerId: string,
  a: z.output<typeof intakeEvents.AgreementMade.data>,
  ctx: Ctx,
): Changed => {
  const at = ctx.now.toISOString();
  const plan: Plan = {
    id,
    providerId,
    clientId: a.clientId,
    serviceId: a.serviceId,
    agreementId: a.agreementId,
    agreementForm: a.form,
    // The goal text stays in intake (events carry no free text): the key worker confirms it here.
    overallGoal: null,
    status: 'open',
    cycle: 1,
    keyWorkerId: a.keyWorkerId ?? null,
    otherWorkerIds: [],
    handovers: [],
    goals: [],
    steps: [],
    sessions: [],
    reviews: [],
    reviewDates: [],
    supportNetwork: [],
    recoveryPhase: null,
    phaseHistory: [],
    anonymised: false,
    facts: {
      clientId: a.clientId,
      subjectKey: a.subjectKey,
      serviceId: a.serviceId,
      serviceType: a.serviceType,
      targetGroup: a.targetGroup,
      ageBand: a.ageBand,
      district: a.district,
    },
    version: 1,
    openedAt: at,
    updatedAt: at,
    changedBy: ctx.by,
    agreedWithClient: true,
  };
  const events: Emit[] = [
    {
      type: 'PlanOpened',
      data: { agreementId: a.agreementId, form: a.form, keyWorkerAssigned: !!a.keyWorkerId, openedAt: at },
    },
  ];
  if (a.keyWorkerId)
    events.push({ type: 'KeyWorkerAssigned', data: { keyWorkerId: a.keyWorkerId, handover: false } });
  return { plan, change: 'opened', events };
};

// ---- plan-level fields ----

export const updatePlan = (plan: Plan, body: Body<typeof plans.UpdatePlanBody>, ctx: Ctx): Changed => {
  assertOpen(plan);
  const next = bump(plan, ctx);
  if (body.overallGoal !== undefined) next.overallGoal = body.overallGoal;
  if (body.otherWorkerIds !== undefined) {
    if (plan.keyWorkerId && body.otherWorkerIds.includes(plan.keyWorkerId))
      throw violation(
        'key-worker-listed',
        'the key worker is not one of the other workers',
        'body.otherWorkerIds',
      );
    next.otherWorkerIds = [...new Set(body.otherWorkerIds)];
  }
  if (body.reviewDates !== undefined) next.reviewDates = [...new Set(body.reviewDates)].sort();
  return { plan: next, change: 'plan-updated', events: [] };
};

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
  const events: Emit[] = [];
  if (body.status !== undefined && body.status !== old.status) {
    assertTransition(old.status, body.status);
    goal.status = body.status;
    goal.statusChangedAt = ctx.now.toISOString();
    events.push(statusEvent(goal, old.status, false));
  }
  const next = { ...bump(plan, ctx), goals: plan.goals.map((g) => (g.id === goalId ? goal : g)) };
  return { plan: next, change: 'goal-changed', events };
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
  return { plan: { ...bump(plan, ctx), steps: [...plan.steps, step] }, change: 'step-added', events: [] };
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
  };
};

// ---- reviews (monitoring and evaluation) ----

export const recordReview = (plan: Plan, body: Body<typeof plans.RecordReviewBody>, ctx: Ctx): Changed => {
  assertOpen(plan);
  if (body.heldOn > today(ctx.now))
    throw violation('review-in-future', 'record a review once held', 'body.heldOn');
  const ids = body.goals.map((g) => g.goalId);
  if (new Set(ids).size !== ids.length)
    throw violation('goal-repeated', 'each goal is reviewed once', 'body.goals');
  const goals = new Map(plan.goals.map((g) => [g.id, { ...g }]));
  const events: Emit[] = [];
  body.goals.forEach((r, i) => {
    const goal = goals.get(r.goalId);
    if (!goal) throw violation('unknown-goal', 'no such goal in this plan', `body.goals[${i}].goalId`);
    if (isTerminal(goal.status))
      throw violation('goal-closed', 'the goal is already evaluated', `body.goals[${i}].goalId`);
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
    goals: body.goals.map((g) => ({ ...g })),
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
  const reviewed = nextGoals.filter((g) => ids.includes(g.id));
  events.unshift({
    type: 'PlanReviewed',
    data: {
      reviewId: review.id,
      heldOn: review.heldOn,
      final: review.final,
      cycle: review.cycle,
      goalsReviewed: reviewed.length,
      needCodes: allNeedCodes(reviewed),
      deviations: [...new Set(body.goals.flatMap((g) => g.deviations))].sort(),
      outcomes: outcomes(next),
    },
  });
  return { plan: next, change: body.final ? 'final-review' : 'review', events };
};

// ---- key worker and handover (000) ----

export const assignKeyWorker = (
  plan: Plan,
  body: Body<typeof plans.AssignKeyWorkerBody>,
  ctx: Ctx,
): Changed => {
  assertOpen(plan);
  const previous = plan.keyWorkerId;
  if (previous === body.keyWorkerId)
    throw violation('same-key-worker', 'this worker already is the key worker', 'body.keyWorkerId');
  if (previous && !body.handoverNote)
    throw violation(
      'handover-note-required',
      'a change of key worker needs a handover note: what the next worker needs to know',
      'body.handoverNote',
    );
  const next: Plan = {
    ...bump(plan, ctx),
    keyWorkerId: body.keyWorkerId,
    otherWorkerIds: plan.otherWorkerIds.filter((w) => w !== body.keyWorkerId),
    handovers:
      previous && body.handoverNote
        ? [
            ...plan.handovers,
            {
              from: previous,
              to: body.keyWorkerId,
              note: body.handoverNote,
              at: ctx.now.toISOString(),
              by: ctx.by,
            },
          ]
        : plan.handovers,
  };
  return {
    plan: next,
    change: 'key-worker-assigned',
    events: [
      {
        type: 'KeyWorkerAssigned',
        data: {
          keyWorkerId: body.keyWorkerId,
          ...(previous ? { previousKeyWorkerId: previous } : {}),
          handover: !!previous,
        },
      },
    ],
  };
};

// ---- natural support network (000) ----

export interface ConsentView {
  consentId: string;
  clientId: string;
  purpose: string;
  status: 'given' | 'withdrawn';
}

export const addSupportPerson = (
  plan: Plan,
  body: Body<typeof plans.AddSupportPersonBody>,
  consent: ConsentView | undefined,
  ctx: Ctx,
): Changed => {
  assertOpen(plan);
  const purpose = body.kind === 'institution' ? 'involve-institution' : 'involve-close-person';
  if (
    !consent ||
    consent.clientId !== plan.clientId ||
    consent.status !== 'given' ||
    consent.purpose !== purpose
  )
    throw violation(
      'consent-required',
      `involving them needs the client's given ${purpose} consent (recorded in intake)`,
      'body.consentId',
    );
  const person: plans.SupportPerson = {
    id: ctx.newId(),
    kind: body.kind,
    name: body.name,
    role: body.role,
    ...(body.contact ? { contact: body.contact } : {}),
    consentId: body.consentId,
    involvement: 'active',
    addedAt: ctx.now.toISOString(),
  };
  return {
    plan: { ...bump(plan, ctx), supportNetwork: [...plan.supportNetwork, person] },
    change: 'support-person-added',
    events: [],
  };
};

export const changeSupportPerson = (
  plan: Plan,
  personId: string,
  body: Body<typeof plans.ChangeSupportPersonBody>,
  ctx: Ctx,
): Changed => {
  assertOpen(plan);
  const old = plan.supportNetwork.find((p) => p.id === personId);
  if (!old) throw violation('unknown-support-person', 'no such support person', 'params.personId');
  if (old.involvement !== 'active') throw violation('involvement-ended', 'their involvement has ended');
  const person = {
    ...old,
    ...(body.role ? { role: body.role } : {}),
    ...(body.contact ? { contact: body.contact } : {}),
  };
  if (body.involvement === 'ended') person.involvement = 'ended';
  const next = {
    ...bump(plan, ctx),
    supportNetwork: plan.supportNetwork.map((p) => (p.id === personId ? person : p)),
  };
  return { plan: next, change: 'support-person-changed', events: [] };
};

/** The client withdrew a consent in intake: whoever it covered is no longer involved. Returns
 * undefined when the plan has nobody under that consent. */
export const consentWithdrawn = (plan: Plan, consentId: string, ctx: Ctx): Changed | undefined => {
  if (!plan.supportNetwork.some((p) => p.consentId === consentId && p.involvement === 'active'))
    return undefined;
  const supportNetwork = plan.supportNetwork.map((p) =>
    p.consentId === consentId && p.involvement === 'active'
      ? { ...p, involvement: 'consent-withdrawn' as const }
      : p,
  );
  return { plan: { ...bump(plan, ctx), supportNetwork }, change: 'consent-withdrawn', events: [] };
};

// ---- recovery phase (002) ----

export const setRecoveryPhase = (
  plan: Plan,
  body: Body<typeof plans.SetRecoveryPhaseBody>,
  ctx: Ctx,
): Changed => {
  assertOpen(plan);
  const from = plan.recoveryPhase;
  if (from === body.phase) throw violation('same-phase', 'the client is in this phase already', 'body.phase');
  const last = plan.phaseHistory.at(-1);
  if (last && body.since < last.since)
    throw violation('phase-date-order', 'a phase starts after the previous one', 'body.since');
  if (body.since > today(ctx.now))
    throw violation('phase-in-future', 'a phase starts today or earlier', 'body.since');
  // Recovery is not linear (002): going back is a relapse, recorded, not refused.
  const relapse = from !== null && phaseOrder.indexOf(body.phase) < phaseOrder.indexOf(from);
  const next: Plan = {
    ...bump(plan, ctx),
    recoveryPhase: body.phase,
    phaseHistory: [
      ...plan.phaseHistory,
      { phase: body.phase, since: body.since, relapse, recordedAt: ctx.now.toISOString(), by: ctx.by },
    ],
  };
  return {
    plan: next,
    change: 'recovery-phase-changed',
    events: [
      {
        type: 'RecoveryPhaseChanged',
        data: { ...(from ? { from } : {}), to: body.phase, since: body.since, relapse },
      },
    ],
  };
};

// ---- closing ----

export const closePlan = (plan: Plan, body: Body<typeof plans.ClosePlanBody>, ctx: Ctx): Changed => {
  assertOpen(plan);
  const at = ctx.now.toISOString();
  const next: Plan = { ...bump(plan, ctx), status: 'closed', closed: { reason: body.reason, at } };
  return {
    plan: next,
    change: 'closed',
    events: [
      {
        type: 'PlanClosed',
        data: {
          reason: body.reason,
          needCodes: allNeedCodes(plan.goals),
          outcomes: outcomes(plan),
          closedAt: at,
        },
      },
    ],
  };
};
