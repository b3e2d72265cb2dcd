import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { directoryRoutes as r, securityEvents, securityRoutes } from '@spolu/contracts';
import { defineService } from '@spolu/platform';

export const manifest = defineService({
  name: 'directory',
  description: 'Providers (tenants), their registered services, workers, districts and partner clients',
  dir: dirname(fileURLToPath(import.meta.url)),
  table: {},
  handlers: {
    reference: { file: 'src/handlers/reference.ts', routes: [r.listDistricts, r.getNeedsTaxonomy] },
    providers: {
      file: 'src/handlers/providers.ts',
      routes: [r.listProviders, r.registerProvider, r.getProvider, r.updateProvider],
    },
    services: {
      file: 'src/handlers/services.ts',
      routes: [r.searchServices, r.registerService, r.getService, r.updateService, r.setAvailability],
    },
    workers: {
      file: 'src/handlers/workers.ts',
      routes: [
        r.listWorkers,
        r.addWorker,
        r.getWorker,
        r.updateWorker,
        r.listPartnerClients,
        r.registerPartnerClient,
        r.updatePartnerClient,
      ],
    },
    // The signed-in worker's secret for the outbox on their phone (issue 22 item 3).
    offlineKey: { file: 'src/handlers/offline-key.ts', routes: [r.getOfflineKey] },
    // The security log (refused requests) for platform ops; entries come from every service's and
    // the gateway's AccessRefused events.
    securityLog: { file: 'src/handlers/security-log.ts', routes: [securityRoutes.listSecurityLog] },
    securityEvents: {
      file: 'src/handlers/security-events.ts',
      subscriptions: securityEvents.accessRefusedSources.map((source) => ({
        source,
        types: [securityEvents.AccessRefused.type],
      })),
    },
  },
});
