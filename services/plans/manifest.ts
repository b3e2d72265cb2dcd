import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plansRoutes as r } from '@spolu/contracts';
import { defineService } from '@spolu/platform';

export const manifest = defineService({
  name: 'plans',
  description:
    'Individual plans: overall goal, goals linked to needs, steps, session contracts, reviews, key worker and handover, support network, recovery phase; every change versioned',
  dir: dirname(fileURLToPath(import.meta.url)),
  // gsi1: a client's plans; gsi2: the provider's plans; gsi3: open plans per key worker (worklist).
  table: { indexes: ['gsi2', 'gsi3'] },
  handlers: {
    plans: {
      file: 'src/handlers/plans.ts',
      routes: [r.listPlans, r.getPlan, r.listVersions, r.getVersion, r.diffVersions, r.worklist],
    },
    changes: {
      file: 'src/handlers/changes.ts',
      routes: [
        r.updatePlan,
        r.addGoal,
        r.changeGoal,
        r.addStep,
        r.changeStep,
        r.recordSession,
        r.recordReview,
        r.assignKeyWorker,
        r.addSupportPerson,
        r.changeSupportPerson,
        r.setRecoveryPhase,
        r.closePlan,
      ],
    },
    intakeEvents: {
      file: 'src/handlers/intake-events.ts',
      subscriptions: [
        {
          source: 'intake',
          types: [
            'AgreementMade',
            'AgreementChanged',
            'NeedsAssessed',
            'ConsentGiven',
            'ConsentWithdrawn',
            'ClientAnonymised',
          ],
        },
      ],
    },
    referralsEvents: {
      file: 'src/handlers/referrals-events.ts',
      subscriptions: [{ source: 'referrals', types: ['ReferralAccepted'] }],
    },
  },
});
