// The people around a plan: the key worker and handovers (000), the natural support network the
// client consented to involve (000), and the recovery phase (002).
import type { plans } from '@spolu/contracts';
import type { Body, Changed, Ctx } from './plan';
import { assertOpen, bump, today, violation } from './plan';

type Plan = plans.Plan;
type RecoveryPhase = plans.RecoveryPhase;

const phaseOrder: RecoveryPhase[] = ['stabilisation', 're-orientation', 're-integration'];

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
          agreementId: plan.agreementId,
        },
      },
    ],
  };
};

/** Of a client's plans, the one an accepted internal referral hands over: the open plan at the
 * receiving service, else at the sending one (a handover within one service). */
export const planForHandover = (
  clientPlans: Plan[],
  services: { to: string; from?: string },
): Plan | undefined => {
  const open = clientPlans.filter((p) => p.status === 'open' && !p.anonymised);
  return (
    open.find((p) => p.serviceId === services.to) ??
    (services.from ? open.find((p) => p.serviceId === services.from) : undefined)
  );
};

/** The receiver of an accepted internal referral becomes the key worker (the referral's
 * makeKeyWorker). The referral stands for the handover note. Undefined when they already are. */
export const keyWorkerByReferral = (
  plan: Plan,
  handover: { keyWorkerId: string; referralId: string },
  ctx: Ctx,
): Changed | undefined => {
  if (plan.status !== 'open' || plan.anonymised || plan.keyWorkerId === handover.keyWorkerId)
    return undefined;
  const previous = plan.keyWorkerId;
  const at = ctx.now.toISOString();
  const next: Plan = {
    ...bump(plan, ctx),
    keyWorkerId: handover.keyWorkerId,
    otherWorkerIds: plan.otherWorkerIds.filter((w) => w !== handover.keyWorkerId),
    handovers: previous
      ? [
          ...plan.handovers,
          {
            from: previous,
            to: handover.keyWorkerId,
            // Czech first: the console shows the note as written; the referral holds the details.
            note: 'Předáno interním doporučením (podrobnosti v doporučení).',
            at,
            by: ctx.by,
            referralId: handover.referralId,
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
          keyWorkerId: handover.keyWorkerId,
          ...(previous ? { previousKeyWorkerId: previous } : {}),
          handover: !!previous,
          agreementId: plan.agreementId,
          referralId: handover.referralId,
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
    createdId: person.id,
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
