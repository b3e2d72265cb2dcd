import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fhirRoutes as fhir, referralsRoutes as r } from '@spolu/contracts';
import { defineService } from '@spolu/platform';
import { migrations } from './src/migrations';

export const manifest = defineService({
  name: 'referrals',
  description:
    'Matching against the directory, closed-loop referrals, consent-scoped share packages, shared care between providers, handover',
  dir: dirname(fileURLToPath(import.meta.url)),
  // gsi1: tenant lists (and the region's service read model); gsi2: the sparse index of referrals
  // awaiting an answer, ordered by their respond-by time, for the hourly expiry.
  table: { indexes: ['gsi2'] },
  handlers: {
    referrals: {
      file: 'src/handlers/referrals.ts',
      routes: [
        r.matchServices,
        r.createReferral,
        r.listReferrals,
        r.getReferral,
        r.transitionReferral,
        r.getSharePackage,
        r.listSharePackageReads,
      ],
    },
    sharedCare: {
      file: 'src/handlers/shared-care.ts',
      routes: [r.createSharedCare, r.listSharedCare, r.getSharedCare, r.updateSharedCare],
    },
    handovers: {
      file: 'src/handlers/handovers.ts',
      routes: [r.createHandover, r.listHandovers, r.getHandover, r.confirmHandover],
    },
    // The FHIR face of referrals for health partners (docs/REFERRALS.md, "FHIR"): its own function,
    // so the FHIR schema validator is loaded only where FHIR arrives.
    fhir: {
      file: 'src/handlers/fhir.ts',
      routes: [
        fhir.metadata,
        fhir.createServiceRequest,
        fhir.getServiceRequest,
        fhir.createTask,
        fhir.getTask,
        fhir.searchTasks,
        fhir.updateTask,
      ],
    },
    directoryEvents: {
      file: 'src/handlers/directory-events.ts',
      subscriptions: [
        {
          source: 'directory',
          types: [
            'ServiceRegistered',
            'ServiceUpdated',
            'CapacityChanged',
            'PartnerClientRegistered',
            'PartnerClientUpdated',
          ],
        },
      ],
    },
    intakeEvents: {
      file: 'src/handlers/intake-events.ts',
      subscriptions: [{ source: 'intake', types: ['ConsentGiven', 'ConsentWithdrawn', 'ClientAnonymised'] }],
    },
    expiry: { file: 'src/handlers/expiry.ts', schedule: 'rate(1 hour)', timeoutSeconds: 60 },
  },
  // Backfills of this table's items, run after each deploy (docs/OPERATIONS.md "Data migrations").
  migrations,
});
