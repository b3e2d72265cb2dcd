// Every change of an individual plan. Each is agreed with the client (the body says so), refused
// with 412 when the caller's ETag is stale, and stored as a new version.
import { plansRoutes as r } from '@spolu/contracts';
import { httpApi } from '@spolu/platform';
import * as plan from '../domain/plan';
import { createStore } from '../store';
import { helpers } from './common';

export const handler = httpApi('plans', (env) => {
  const store = createStore(env);
  const { mutation } = helpers(env, store);
  return [
    mutation(r.updatePlan, (p, { body }, ctx) => plan.updatePlan(p, body, ctx)),
    mutation(r.addGoal, (p, { body }, ctx) => plan.addGoal(p, body, ctx)),
    mutation(r.changeGoal, (p, { params, body }, ctx) => plan.changeGoal(p, params.goalId, body, ctx)),
    mutation(r.addStep, (p, { body }, ctx) => plan.addStep(p, body, ctx)),
    mutation(r.changeStep, (p, { params, body }, ctx) => plan.changeStep(p, params.stepId, body, ctx)),
    mutation(r.recordSession, (p, { body }, ctx) => plan.recordSession(p, body, ctx)),
    mutation(r.recordReview, (p, { body }, ctx) => plan.recordReview(p, body, ctx)),
    mutation(r.assignKeyWorker, (p, { body }, ctx) => plan.assignKeyWorker(p, body, ctx)),
    mutation(r.addSupportPerson, async (p, { body }, ctx) =>
      plan.addSupportPerson(p, body, await store.getConsent(p.providerId, body.consentId), ctx),
    ),
    mutation(r.changeSupportPerson, (p, { params, body }, ctx) =>
      plan.changeSupportPerson(p, params.personId, body, ctx),
    ),
    mutation(r.setRecoveryPhase, (p, { body }, ctx) => plan.setRecoveryPhase(p, body, ctx)),
    mutation(r.closePlan, (p, { body }, ctx) => plan.closePlan(p, body, ctx)),
  ];
});
