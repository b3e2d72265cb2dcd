import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inboxRoutes as r } from '@spolu/contracts';
import { defineService } from '@spolu/platform';

export const manifest = defineService({
  name: 'inbox',
  description:
    "Each worker's notices (incoming referrals, answers to sent ones, withdrawn consents, handovers, shared care) made from the services' events, the console's badge, and e-mail notices that name no client",
  dir: dirname(fileURLToPath(import.meta.url)),
  // gsi1: a worker's unread notices (the badge); gsi2: e-mail notices waiting to be sent.
  table: { indexes: ['gsi2'] },
  handlers: {
    api: {
      file: 'src/handlers/api.ts',
      routes: [r.listNotices, r.inboxSummary, r.markRead, r.markAllRead, r.getPreferences, r.putPreferences],
    },
    events: {
      file: 'src/handlers/events.ts',
      subscriptions: [
        { source: 'directory', types: ['WorkerAdded', 'WorkerUpdated'] },
        {
          source: 'referrals',
          types: [
            'ReferralSent',
            'ReferralAccepted',
            'ReferralDeclined',
            'ReferralWaitlisted',
            'ReferralExpired',
            'SharedCareStarted',
          ],
        },
        { source: 'plans', types: ['KeyWorkerAssigned', 'PlanClosed'] },
        { source: 'intake', types: ['ConsentWithdrawn'] },
      ],
    },
    mailer: {
      file: 'src/handlers/mailer.ts',
      schedule: 'rate(1 minute)',
      timeoutSeconds: 60,
      sendsMail: true,
    },
  },
});
