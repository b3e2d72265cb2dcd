// Every change of an individual plan. Each is agreed with the client (the body says so), refused
// with 412 when the caller's ETag is stale, and stored as a new version.
import { plansRoutes as r } from '@spolu/contracts';
import { httpApi } from '@spolu/platform';
import * as goals from '../domain/goals';
import * as people from '../domain/people';
import * as core from '../domain/plan';
import { createStore } from '../store';
import { helpers } from './common';

export const handler = httpApi('plans', (env) => {
  const store = createStore(env);
  const { mutation } = helpers(env, store);
  return [
    mutation(r.updatePlan, async (p, { body }, ctx) =>
      core.updatePlan(
        p,
        body,
        ctx,
        body.needsAssessmentId
          ? await store.getAssessment(p.providerId, p.clientId, body.needsAssessmentId)
          : undefined,
      ),
    ),
    mutation(r.addGoal, (p, { body }, ctx) => goals.addGoal(p, body, ctx)),
    mutation(r.changeGoal, (p, { params, body }, ctx) => goals.changeGoal(p, params.goalId, body, ctx)),
    mutation(r.addStep, (p, { body }, ctx) => goals.addStep(p, body, ctx)),
    mutation(r.changeStep, (p, { params, body }, ctx) => goals.changeStep(p, params.stepId, body, ctx)),
    mutation(r.recordSession, (p, { body }, ctx) => goals.recordSession(p, body, ctx)),
    mutation(r.recordReview, (p, { body }, ctx) => goals.recordReview(p, body, ctx)),
    mutation(r.assignKeyWorker, (p, { body }, ctx) => people.assignKeyWorker(p, body, ctx)),
    mutation(r.addSupportPerson, async (p, { body }, ctx) =>
      people.addSupportPerson(p, body, await store.getConsent(p.providerId, body.consentId), ctx),
    ),
    mutation(r.changeSupportPerson, (p, { params, body }, ctx) =>
      people.changeSupportPerson(p, params.personId, body, ctx),
    ),
    mutation(r.setRecoveryPhase, (p, { body }, ctx) => people.setRecoveryPhase(p, body, ctx)),
    mutation(r.closePlan, (p, { body }, ctx) => core.closePlan(p, body, ctx)),
  ];
});
