// The individual plan as one document and every change to it, as pure functions. Each change
// returns the next plan (version + 1) and the events it causes; the handler stores the plan, an
// immutable version item and the events in one transaction.
import type { intakeEvents, plans } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';

type Plan = plans.Plan;
type Goal = plans.Goal;
type GoalStatus = plans.GoalStatus;
export type Body<S extends z.ZodType> = z.output<S>;

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
  /** The id of what the change added (goal, step, session, review, support person). */
  createdId?: string;
}

export const violation = (rule: string, message: string, field?: string) =>
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

export const bump = (plan: Plan, ctx: Ctx): Plan => ({
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

export const goalOf = (plan: Plan, goalId: string, field: string) => {
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
export const allNeedCodes = (goals: Goal[]) => [...new Set(goals.flatMap((g) => g.needCodes))].sort();

// ---- opening (from intake's AgreementMade) ----

export const openPlan = (
  id: string,
  providerId: string,
  a: z.output<typeof intakeEvents.AgreementMade.data>,
  ctx: Ctx,
  /** The client's latest needs assessment at the service, if intake announced one already. */
  latestAssessment?: string,
): Changed => {
  const at = ctx.now.toISOString();
  const plan: Plan = {
    id,
    providerId,
    clientId: a.clientId,
    serviceId: a.serviceId,
    agreementId: a.agreementId,
    agreementForm: a.form,
    needsAssessmentId: latestAssessment ?? null,
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
    events.push({
      type: 'KeyWorkerAssigned',
      data: { keyWorkerId: a.keyWorkerId, handover: false, agreementId: a.agreementId },
    });
  return { plan, change: 'opened', events };
};

// ---- plan-level fields ----

/** A needs assessment as plans knows it from intake's NeedsAssessed. */
export interface AssessmentView {
  clientId: string;
  serviceId: string;
}

export const updatePlan = (
  plan: Plan,
  body: Body<typeof plans.UpdatePlanBody>,
  ctx: Ctx,
  /** The assessment body.needsAssessmentId names, as plans knows it (undefined: unknown). */
  assessment?: AssessmentView,
): Changed => {
  assertOpen(plan);
  const next = bump(plan, ctx);
  if (body.overallGoal !== undefined) next.overallGoal = body.overallGoal;
  if (body.needsAssessmentId !== undefined) {
    if (!assessment || assessment.clientId !== plan.clientId || assessment.serviceId !== plan.serviceId)
      throw violation(
        'unknown-needs-assessment',
        "no needs assessment of this client at the plan's service (recorded in intake)",
        'body.needsAssessmentId',
      );
    next.needsAssessmentId = body.needsAssessmentId;
  }
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

/** Intake changed the agreement: the plan follows its form, and closes when it ends. Returns
 * undefined when nothing in the plan changes. */
export const agreementChanged = (
  plan: Plan,
  a: { form: 'oral' | 'written'; status: 'active' | 'ended' },
  ctx: Ctx,
): Changed | undefined => {
  if (plan.status !== 'open' || plan.anonymised) return undefined;
  if (a.status === 'ended')
    return { ...closePlan(plan, { agreedWithClient: true, reason: 'agreement-ended' }, ctx) };
  if (a.form === plan.agreementForm) return undefined;
  return {
    plan: { ...bump(plan, ctx), agreementForm: a.form },
    change: 'agreement-form-changed',
    events: [],
  };
};
