// Shared by the plans handlers: loading the caller's own plan (404 for anyone else's), and
// committing a change — the next plan, its immutable version and its events — in one transaction.
import type { AnyRoute, EventContract, plans } from '@spolu/contracts';
import { newId, plansEvents as ev } from '@spolu/contracts';
import type { ApiRequest, ApiResponse, RuntimeEnv, UnitOfWork } from '@spolu/platform';
import { implement, notFound, preconditionFailed, subjectOf } from '@spolu/platform';
import type { Changed, Ctx, PlanEventType } from '../domain/plan';
import type { Store } from '../store';

const contracts: Record<PlanEventType, EventContract> = {
  PlanOpened: ev.PlanOpened,
  GoalSet: ev.GoalSet,
  GoalStatusChanged: ev.GoalStatusChanged,
  StepCompleted: ev.StepCompleted,
  PlanReviewed: ev.PlanReviewed,
  KeyWorkerAssigned: ev.KeyWorkerAssigned,
  RecoveryPhaseChanged: ev.RecoveryPhaseChanged,
  PlanClosed: ev.PlanClosed,
};

/** Every plan event carries the plan id and the statistical facts copied from AgreementMade. */
export const emitAll = (tx: UnitOfWork, plan: plans.Plan, changed: Changed) => {
  for (const e of changed.events)
    tx.emit(contracts[e.type], {
      tenantId: plan.providerId,
      subject: subjectOf('plan', changed.plan),
      data: { planId: plan.id, ...plan.facts, ...e.data },
    });
};

export const ctxOf = (env: RuntimeEnv, by: string): Ctx => ({ now: env.now(), by, newId });

export const helpers = (env: RuntimeEnv, store: Store) => {
  const ownPlan = async (t: string, planId: string) => {
    const plan = await store.getPlan(t, planId);
    if (!plan) throw notFound('plan');
    return plan;
  };

  /** A route that changes the plan: If-Match against the current version (412 before any rule
   * is checked against a stale plan), the domain change, the new version, events and audit. */
  const mutation = <R extends AnyRoute>(
    route: R,
    apply: (plan: plans.Plan, req: ApiRequest<R>, ctx: Ctx) => Changed | Promise<Changed>,
  ) =>
    implement(route, async (req) => {
      const t = req.tenant();
      const plan = await ownPlan(t, (req.params as { planId: string }).planId);
      if (plan.version !== req.ifMatch) throw preconditionFailed();
      const changed = await apply(plan, req, ctxOf(env, req.auth.userId));
      store.replacePlan(req.tx, changed.plan, changed.change, plan.version);
      emitAll(req.tx, plan, changed);
      req.audit({
        action: 'update',
        recordType: 'plan',
        recordId: plan.id,
        clientId: plan.clientId,
        reason: changed.change,
      });
      // Adding routes answer with the new item's id beside the plan (PlanWithCreated).
      const body = changed.createdId ? { ...changed.plan, createdId: changed.createdId } : changed.plan;
      return { body } as ApiResponse<R>;
    });

  return { ownPlan, mutation };
};
