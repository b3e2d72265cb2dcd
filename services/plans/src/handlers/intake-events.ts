// Plans learns from intake's events only: an agreement opens a plan (once, however often the
// event is delivered) linked to the client's latest needs assessment at the service, consents
// decide who of the support network may be involved, and an anonymised client's plans lose their
// free text.
import { intakeEvents, newId } from '@spolu/contracts';
import { eventConsumer } from '@spolu/platform';
import { eraseFreeText } from '../domain/anonymise';
import { consentWithdrawn } from '../domain/people';
import { agreementChanged, openPlan } from '../domain/plan';
import { createStore } from '../store';
import { ctxOf, emitAll } from './common';

export const handler = eventConsumer('plans', (env) => {
  const store = createStore(env);
  return {
    AgreementMade: async (event, { tx, log }) => {
      const data = intakeEvents.AgreementMade.data.parse(event.data);
      const t = event.tenantId;
      // The inbox marker catches a redelivered envelope; the agreement marker also catches the
      // same agreement announced twice under different event ids.
      if (await store.planOfAgreement(t, data.agreementId)) {
        log.info('plan already open for agreement', { agreementId: data.agreementId });
        return;
      }
      if (await store.isAnonymised(t, data.clientId)) return;
      const latest = await store.latestAssessment(t, data.clientId, data.serviceId);
      // The plan starts from the needs mapping intake recorded before the agreement, if any.
      const changed = openPlan(newId(), t, data, ctxOf(env, 'intake:AgreementMade'), latest?.assessmentId);
      store.createPlan(tx, changed.plan, changed.change);
      store.markAgreement(tx, t, data.agreementId, changed.plan.id);
      emitAll(tx, changed.plan, changed);
    },

    AgreementChanged: async (event, { tx, log }) => {
      const data = intakeEvents.AgreementChanged.data.parse(event.data);
      const planId = await store.planOfAgreement(event.tenantId, data.agreementId);
      const plan = planId && (await store.getPlan(event.tenantId, planId));
      if (!plan) {
        log.info('no plan for the changed agreement', { agreementId: data.agreementId });
        return;
      }
      const changed = agreementChanged(plan, data, ctxOf(env, 'intake:AgreementChanged'));
      if (!changed) return;
      store.replacePlan(tx, changed.plan, changed.change, plan.version);
      emitAll(tx, plan, changed);
    },

    // Known assessments only: an open plan is not changed behind its key worker's back (that
    // would be a version they did not agree with the client); they link a newer one by PATCH.
    NeedsAssessed: async (event, { tx }) => {
      const data = intakeEvents.NeedsAssessed.data.parse(event.data);
      store.putAssessment(tx, event.tenantId, {
        assessmentId: data.assessmentId,
        clientId: data.clientId,
        serviceId: data.serviceId,
        recordedAt: event.occurredAt,
      });
    },

    ConsentGiven: async (event, { tx }) => {
      const data = intakeEvents.ConsentGiven.data.parse(event.data);
      const current = await store.getConsent(event.tenantId, data.consentId);
      // Out of order: a withdrawal already seen is final.
      if (current?.status === 'withdrawn') return;
      store.putConsent(tx, event.tenantId, {
        consentId: data.consentId,
        clientId: data.clientId,
        purpose: data.purpose,
        status: 'given',
      });
    },

    ConsentWithdrawn: async (event, { tx }) => {
      const data = intakeEvents.ConsentWithdrawn.data.parse(event.data);
      const t = event.tenantId;
      store.putConsent(tx, t, {
        consentId: data.consentId,
        clientId: data.clientId,
        purpose: data.purpose,
        status: 'withdrawn',
      });
      for (const plan of await store.clientPlans(t, data.clientId)) {
        const changed = consentWithdrawn(plan, data.consentId, ctxOf(env, 'intake:ConsentWithdrawn'));
        if (changed) store.replacePlan(tx, changed.plan, changed.change, plan.version);
      }
    },

    ClientAnonymised: async (event, { tx }) => {
      const data = intakeEvents.ClientAnonymised.data.parse(event.data);
      const t = event.tenantId;
      store.markAnonymised(tx, t, data.clientId);
      for (const plan of await store.clientPlans(t, data.clientId)) {
        // Versions are rewritten outside the transaction (there may be hundreds); rewriting is
        // idempotent, so a retry after a crash simply erases them again.
        for (const v of await store.allVersions(t, plan.id))
          await store.rewriteVersion({ ...v, plan: eraseFreeText(v.plan) });
        store.erasePlan(tx, eraseFreeText(plan));
      }
    },
  };
});
