// Individual plans (individuální plán): one versioned document per client and service, opened
// when intake announces an agreement. Every change is agreed with the client (documents 000, 002)
// and creates a new, immutable version.
import { Ulid } from '../ids';
import { PageQuery } from '../pagination';
import {
  AgeBand,
  DistrictCode,
  IsoDate,
  IsoDateTime,
  Name,
  NeedCode,
  ServiceType,
  TargetGroup,
  Text,
} from '../values';
import * as z from 'zod';
import { ContractMessages as M } from '../messages';

const WorkerId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@:|+-]+$/, M.workerId)
  .meta({ description: 'A worker of the provider (token subject)' });
const nonEmpty = <T extends z.ZodType>(s: T) =>
  s.refine(
    (b) => Object.keys(b as object).filter((k) => k !== 'agreedWithClient').length > 0,
    M.nothingToChange,
  );

/** Plans change only by mutual agreement (000): every change says so explicitly. */
const Agreed = {
  agreedWithClient: z
    .literal(true, { error: M.agreedWithClient })
    .meta({ description: 'The change was agreed with the client (required, must be true)' }),
};

export const GoalStatus = z.enum([
  'proposed',
  'active',
  'achieved',
  'partly-achieved',
  'not-achieved',
  'dropped',
]);
export type GoalStatus = z.infer<typeof GoalStatus>;
export const RecoveryPhase = z
  .enum(['stabilisation', 're-orientation', 're-integration'])
  .meta({ description: 'Fáze zotavení (002): stabilizace, re-orientace, re-integrace' });
export type RecoveryPhase = z.infer<typeof RecoveryPhase>;
export const AssigneeKind = z.enum(['client', 'worker', 'support-person']);
export const SupportKind = z.enum(['family', 'close-person', 'institution']);
export const Deviation = z
  .enum(['tempo', 'missing-information', 'circumstances', 'goal-changed', 'other'])
  .meta({ description: 'What differs from the plan (002: tempo, missing information, ...)' });
export const Progress = z.enum(['none', 'some', 'substantial', 'complete']);
export const CloseReason = z.enum(['goals-achieved', 'agreement-ended', 'client-left', 'referred', 'other']);

/** Statistical facts copied from intake's AgreementMade; every plan event carries them. */
export const PlanFacts = z.strictObject({
  clientId: Ulid,
  subjectKey: z.string().min(20).max(64),
  serviceId: Ulid,
  serviceType: ServiceType,
  targetGroup: TargetGroup,
  ageBand: AgeBand,
  district: DistrictCode,
});
export type PlanFacts = z.infer<typeof PlanFacts>;

export const Goal = z
  .strictObject({
    id: Ulid,
    text: z.string().meta({ description: "The goal in the client's own words" }),
    needCodes: z.array(NeedCode),
    targetDate: IsoDate,
    status: GoalStatus,
    /** Evaluation cycle: after a final review new goals start the next cycle. */
    cycle: z.number().int().min(1),
    evaluation: z.string().optional().meta({ description: 'Joint evaluation by client and key worker' }),
    setAt: IsoDateTime,
    statusChangedAt: IsoDateTime.optional(),
    changedInVersion: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'The plan version in which its text, needs or target date last changed' }),
  })
  .meta({ id: 'PlanGoal' });
export type Goal = z.infer<typeof Goal>;

export const Step = z
  .strictObject({
    id: Ulid,
    goalId: Ulid,
    text: z.string(),
    assignee: z.strictObject({
      kind: AssigneeKind,
      supportPersonId: Ulid.optional(),
      workerId: WorkerId.optional(),
    }),
    dueDate: IsoDate,
    done: z.boolean(),
    doneAt: IsoDate.optional(),
  })
  .meta({ id: 'PlanStep' });
export type Step = z.infer<typeof Step>;

export const SessionContract = z
  .strictObject({
    id: Ulid,
    heldAt: IsoDateTime,
    focus: z.string().meta({ description: 'What the client chose to work on in this consultation' }),
    goalId: Ulid.optional().meta({ description: 'The goal it serves; omitted = the overall goal (zakázka)' }),
    outcome: z.string().optional(),
    workerId: WorkerId,
  })
  .meta({ id: 'SessionContract' });
export type SessionContract = z.infer<typeof SessionContract>;

const GoalChangeVersion = z.number().int().min(1).meta({
  description:
    'With the deviation goal-changed: the plan version that changed the goal (default: its last change)',
});
export const GoalReview = z.strictObject({
  goalId: Ulid,
  progress: Progress,
  deviations: z.array(Deviation).max(5),
  note: z.string().optional(),
  newStatus: GoalStatus.optional(),
  goalChangeVersion: GoalChangeVersion.optional(),
});
export const Review = z
  .strictObject({
    id: Ulid,
    heldOn: IsoDate,
    final: z.boolean(),
    cycle: z.number().int().min(1),
    goals: z.array(GoalReview),
    reviewedBy: WorkerId,
  })
  .meta({ id: 'PlanReview' });
export type Review = z.infer<typeof Review>;

export const SupportPerson = z
  .strictObject({
    id: Ulid,
    kind: SupportKind,
    name: z.string(),
    role: z.string(),
    contact: z.string().optional(),
    consentId: Ulid,
    involvement: z.enum(['active', 'ended', 'consent-withdrawn']),
    addedAt: IsoDateTime,
  })
  .meta({ id: 'SupportPerson' });
export type SupportPerson = z.infer<typeof SupportPerson>;

export const Handover = z.strictObject({
  from: WorkerId,
  to: WorkerId,
  note: z.string().meta({ description: 'What the next worker needs to know (000)' }),
  at: IsoDateTime,
  by: WorkerId,
  referralId: Ulid.optional().meta({
    description: 'The accepted internal referral that handed the client over (its note and package say more)',
  }),
});
export const PhaseEntry = z.strictObject({
  phase: RecoveryPhase,
  since: IsoDate,
  relapse: z.boolean(),
  recordedAt: IsoDateTime,
  by: WorkerId,
});

export const Plan = z
  .strictObject({
    id: Ulid,
    providerId: z.string(),
    clientId: Ulid,
    serviceId: Ulid,
    agreementId: Ulid,
    agreementForm: z.enum(['oral', 'written']),
    needsAssessmentId: Ulid.nullable().optional().meta({
      description:
        "The client's latest needs assessment at this service (intake), which the goals start from; null until one is recorded",
    }),
    overallGoal: z
      .string()
      .nullable()
      .meta({ description: "The client's overall goal (zakázka); empty until the key worker confirms it" }),
    status: z.enum(['open', 'closed']),
    cycle: z.number().int().min(1),
    keyWorkerId: WorkerId.nullable(),
    otherWorkerIds: z.array(WorkerId),
    handovers: z.array(Handover),
    goals: z.array(Goal),
    steps: z.array(Step),
    sessions: z.array(SessionContract),
    reviews: z.array(Review),
    reviewDates: z.array(IsoDate).meta({ description: 'Scheduled review dates still ahead (or overdue)' }),
    supportNetwork: z.array(SupportPerson),
    recoveryPhase: RecoveryPhase.nullable(),
    phaseHistory: z.array(PhaseEntry),
    closed: z.strictObject({ reason: CloseReason, at: IsoDateTime }).optional(),
    anonymised: z.boolean(),
    facts: PlanFacts,
    version: z.number().int().min(1),
    openedAt: IsoDateTime,
    updatedAt: IsoDateTime,
    changedBy: z.string(),
    agreedWithClient: z.literal(true),
  })
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof Plan>;

/** The answer to adding something to the plan: the plan (its ETag is the new version) and the id
 * of what was added, so the caller can go on with it (add a step to the new goal) at once. */
export const PlanWithCreated = Plan.extend({
  createdId: Ulid.meta({ description: 'The id of the goal, step, session, review or person just added' }),
}).meta({ id: 'PlanWithCreated' });
export type PlanWithCreated = z.infer<typeof PlanWithCreated>;

export const PlanVersion = z
  .strictObject({
    version: z.number().int().min(1),
    at: IsoDateTime,
    by: z.string(),
    change: z.string().meta({ description: 'Which operation made this version, e.g. goal-added' }),
    agreedWithClient: z.literal(true),
    plan: Plan,
  })
  .meta({ id: 'PlanVersion' });
export type PlanVersion = z.infer<typeof PlanVersion>;
export const PlanVersionSummary = PlanVersion.omit({ plan: true }).meta({ id: 'PlanVersionSummary' });

export const FieldChange = z
  .strictObject({
    path: z.string().meta({ example: 'goals.01JCZ0000000000000000000KC.status' }),
    op: z.enum(['added', 'removed', 'changed']),
    from: z.unknown().optional(),
    to: z.unknown().optional(),
    label: z
      .string()
      .optional()
      .meta({ description: 'The text of the goal or step the change is in (or about), to name it' }),
  })
  .meta({ id: 'FieldChange' });
export type FieldChange = z.infer<typeof FieldChange>;
export const PlanDiff = z
  .strictObject({ from: z.number().int(), to: z.number().int(), changes: z.array(FieldChange) })
  .meta({ id: 'PlanDiff' });

// ---- bodies ----

export const PlanListQuery = PageQuery.extend({
  clientId: Ulid.optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export const DiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export const UpdatePlanBody = nonEmpty(
  z.strictObject({
    ...Agreed,
    overallGoal: Text(2000).optional(),
    needsAssessmentId: Ulid.optional().meta({
      description: "Link the client's needs assessment (intake) the goals start from",
    }),
    otherWorkerIds: z.array(WorkerId).max(20).optional(),
    reviewDates: z.array(IsoDate).max(20).optional(),
  }),
).meta({ id: 'UpdatePlanBody' });

export const AddGoalBody = z
  .strictObject({
    ...Agreed,
    text: Text(1000),
    needCodes: z.array(NeedCode).min(1).max(10),
    targetDate: IsoDate,
    status: z.enum(['proposed', 'active']).default('active'),
  })
  .meta({ id: 'AddGoalBody' });
export const ChangeGoalBody = nonEmpty(
  z.strictObject({
    ...Agreed,
    text: Text(1000).optional(),
    needCodes: z.array(NeedCode).min(1).max(10).optional(),
    targetDate: IsoDate.optional(),
    status: GoalStatus.optional(),
    evaluation: Text(2000).optional(),
  }),
).meta({ id: 'ChangeGoalBody' });

const Assignee = z.strictObject({
  kind: AssigneeKind,
  supportPersonId: Ulid.optional(),
  workerId: WorkerId.optional(),
});
export const AddStepBody = z
  .strictObject({ ...Agreed, goalId: Ulid, text: Text(500), assignee: Assignee, dueDate: IsoDate })
  .meta({ id: 'AddStepBody' });
export const ChangeStepBody = nonEmpty(
  z.strictObject({
    ...Agreed,
    text: Text(500).optional(),
    dueDate: IsoDate.optional(),
    done: z.boolean().optional(),
    doneAt: IsoDate.optional(),
  }),
).meta({ id: 'ChangeStepBody' });

export const RecordSessionBody = z
  .strictObject({
    ...Agreed,
    heldAt: IsoDateTime,
    focus: Text(500),
    goalId: Ulid.optional(),
    outcome: Text(1000).optional(),
  })
  .meta({ id: 'RecordSessionBody' });

export const RecordReviewBody = z
  .strictObject({
    ...Agreed,
    heldOn: IsoDate,
    final: z.boolean().default(false),
    goals: z
      .array(
        z.strictObject({
          goalId: Ulid,
          progress: Progress,
          deviations: z.array(Deviation).max(5).default([]),
          note: Text(1000).optional(),
          newStatus: GoalStatus.optional(),
          goalChangeVersion: GoalChangeVersion.optional(),
        }),
      )
      .min(1)
      .max(50),
    nextReviewDate: IsoDate.optional(),
  })
  .meta({ id: 'RecordReviewBody' });

export const AssignKeyWorkerBody = z
  .strictObject({
    ...Agreed,
    keyWorkerId: WorkerId,
    handoverNote: Text(2000).optional().meta({ description: 'Required when another key worker hands over' }),
  })
  .meta({ id: 'AssignKeyWorkerBody' });

export const AddSupportPersonBody = z
  .strictObject({
    ...Agreed,
    kind: SupportKind,
    name: Name(160),
    role: Name(120),
    contact: Text(200).optional(),
    consentId: Ulid.meta({ description: "The client's consent (from intake) to involve this person" }),
  })
  .meta({ id: 'AddSupportPersonBody' });
export const ChangeSupportPersonBody = nonEmpty(
  z.strictObject({
    ...Agreed,
    role: Name(120).optional(),
    contact: Text(200).optional(),
    involvement: z.literal('ended').optional(),
  }),
).meta({ id: 'ChangeSupportPersonBody' });

export const SetRecoveryPhaseBody = z
  .strictObject({ ...Agreed, phase: RecoveryPhase, since: IsoDate })
  .meta({ id: 'SetRecoveryPhaseBody' });
export const ClosePlanBody = z.strictObject({ ...Agreed, reason: CloseReason }).meta({ id: 'ClosePlanBody' });

export const WorklistItem = z
  .strictObject({
    kind: z.enum(['review', 'step']),
    planId: Ulid,
    clientId: Ulid,
    dueDate: IsoDate,
    daysOverdue: z.number().int().min(1),
    goalId: Ulid.optional(),
    stepId: Ulid.optional(),
  })
  .meta({ id: 'WorklistItem' });
export const Worklist = z
  .strictObject({ items: z.array(WorklistItem), nextCursor: z.string().optional() })
  .meta({ id: 'Worklist' });
