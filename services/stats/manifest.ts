import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { statsRoutes as r } from '@spolu/contracts';
import { defineService } from '@spolu/platform';
import { intakeIncrements, plansIncrements, referralsIncrements } from './src/domain/project';

export const manifest = defineService({
  name: 'stats',
  description:
    "Anonymised statistics from events only: precomputed indicator cells with disclosure control (cell key, insider rule), gaps report, cooperation map, CSV exports, a provider's own annual report",
  dir: dirname(fileURLToPath(import.meta.url)),
  table: {},
  handlers: {
    api: {
      file: 'src/handlers/api.ts',
      routes: [
        r.listIndicators,
        r.getIndicator,
        r.getTable,
        r.getNationalTable,
        r.getGaps,
        r.getCooperation,
        r.exportCsv,
        r.getAnnualReport,
        r.exportAnnualReport,
      ],
    },
    events: {
      file: 'src/handlers/events.ts',
      subscriptions: [
        { source: 'directory', types: ['ServiceRegistered', 'ServiceUpdated', 'CapacityChanged'] },
        { source: 'intake', types: Object.keys(intakeIncrements) },
        { source: 'plans', types: Object.keys(plansIncrements) },
        { source: 'referrals', types: Object.keys(referralsIncrements) },
      ],
    },
  },
});
