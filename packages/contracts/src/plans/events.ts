// Plan events. Like every event they carry ids, codes, bands, counts and dates only — never goal
// texts, notes, names of support persons or any other free text. Each carries the facts stats
// needs to count outcomes per service, district, age band and target group.
import { defineEvent } from '../events/envelope';
import { Ulid } from '../ids';
import { IsoDate, IsoDateTime, NeedCode } from '../values';
import * as z from 'zod';
import { AssigneeKind, CloseReason, Deviation, GoalStatus, PlanFacts, RecoveryPhase } from './schemas';

const Facts = { planId: Ulid, ...PlanFacts.shape };
const OutcomeCounts = z.strictObject({
  achieved: z.number().int().min(0),
  partlyAchieved: z.number().int().min(0),
  notAchieved: z.number().int().min(0),
  dropped: z.number().int().min(0),
  open: z.number().int().min(0),
});

export const PlanOpened = defineEvent({
  type: 'PlanOpened',
  version: 1,
  source: 'plans',
  description: "An individual plan was opened from intake's AgreementMade (one per agreement).",
  data: z.strictObject({
    ...Facts,
    agreementId: Ulid,
    form: z.enum(['oral', 'written']),
    keyWorkerAssigned: z.boolean(),
    openedAt: IsoDateTime,
  }),
});

export const GoalSet = defineEvent({
  type: 'GoalSet',
  version: 1,
  source: 'plans',
  description: 'A goal was set in the plan, linked to need codes.',
  data: z.strictObject({
    ...Facts,
    goalId: Ulid,
    needCodes: z.array(NeedCode),
    status: GoalStatus,
    targetDate: IsoDate,
    cycle: z.number().int().min(1),
  }),
});

export const GoalStatusChanged = defineEvent({
  type: 'GoalStatusChanged',
  version: 1,
  source: 'plans',
  description: 'A goal changed status (e.g. achieved at a review).',
  data: z.strictObject({
    ...Facts,
    goalId: Ulid,
    needCodes: z.array(NeedCode),
    from: GoalStatus,
    to: GoalStatus,
    atReview: z.boolean(),
    cycle: z.number().int().min(1),
  }),
});

export const StepCompleted = defineEvent({
  type: 'StepCompleted',
  version: 1,
  source: 'plans',
  description: 'A step toward a goal was done.',
  data: z.strictObject({
    ...Facts,
    goalId: Ulid,
    stepId: Ulid,
    needCodes: z.array(NeedCode),
    assignee: AssigneeKind,
    dueDate: IsoDate,
    doneAt: IsoDate,
    onTime: z.boolean(),
  }),
});

export const PlanReviewed = defineEvent({
  type: 'PlanReviewed',
  version: 1,
  source: 'plans',
  description: 'The plan was reviewed together with the client (interim or final evaluation).',
  data: z.strictObject({
    ...Facts,
    reviewId: Ulid,
    heldOn: IsoDate,
    final: z.boolean(),
    cycle: z.number().int().min(1),
    goalsReviewed: z.number().int().min(0),
    needCodes: z.array(NeedCode),
    deviations: z.array(Deviation),
    outcomes: OutcomeCounts,
  }),
});

export const KeyWorkerAssigned = defineEvent({
  type: 'KeyWorkerAssigned',
  version: 1,
  source: 'plans',
  description: 'A key worker (klíčový/pověřený pracovník) was named, or handed the plan over.',
  data: z.strictObject({
    ...Facts,
    keyWorkerId: z.string().min(1).max(64),
    previousKeyWorkerId: z.string().min(1).max(64).optional(),
    handover: z.boolean(),
    /** The agreement the plan serves: intake names the key worker there and in the client file. */
    agreementId: Ulid.optional(),
    /** Set when an accepted internal referral made its receiver the key worker. */
    referralId: Ulid.optional(),
  }),
});

export const RecoveryPhaseChanged = defineEvent({
  type: 'RecoveryPhaseChanged',
  version: 1,
  source: 'plans',
  description: 'The recovery phase changed; relapse marks a move back to an earlier phase.',
  data: z.strictObject({
    ...Facts,
    from: RecoveryPhase.optional(),
    to: RecoveryPhase,
    since: IsoDate,
    relapse: z.boolean(),
  }),
});

export const PlanClosed = defineEvent({
  type: 'PlanClosed',
  version: 1,
  source: 'plans',
  description: 'The plan was closed, with the outcome of its goals.',
  data: z.strictObject({
    ...Facts,
    reason: CloseReason,
    needCodes: z.array(NeedCode),
    outcomes: OutcomeCounts,
    closedAt: IsoDateTime,
  }),
});

export const plansEvents = [
  PlanOpened,
  GoalSet,
  GoalStatusChanged,
  StepCompleted,
  PlanReviewed,
  KeyWorkerAssigned,
  RecoveryPhaseChanged,
  PlanClosed,
] as const;
