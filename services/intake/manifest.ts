import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { intakeRoutes as r } from '@spolu/contracts';
import { defineService } from '@spolu/platform';
import { migrations } from './src/migrations';

export const manifest = defineService({
  name: 'intake',
  description:
    'Applicants and clients (named or anonymous), first consultation, agreements, consents, contacts and interventions, needs, appointments, home visits, questionnaires, the client file',
  dir: dirname(fileURLToPath(import.meta.url)),
  // gsi1: a client's timeline (and the platform's per-client audit trail); gsi2: tenant-wide lists.
  table: { indexes: ['gsi2'] },
  handlers: {
    clients: {
      file: 'src/handlers/clients.ts',
      routes: [
        r.registerClient,
        r.listClients,
        r.getClient,
        r.updateClient,
        r.recordConsultation,
        r.listConsultations,
        r.makeAgreement,
        r.listAgreements,
        r.changeAgreement,
        r.giveConsent,
        r.listConsents,
        r.getConsent,
        r.withdrawConsent,
      ],
    },
    contacts: {
      file: 'src/handlers/contacts.ts',
      // tallyContacts before getContact: a local gateway takes the first route whose path matches.
      routes: [
        r.recordContact,
        r.listContacts,
        r.tallyContacts,
        r.getContact,
        r.correctContact,
        r.voidContact,
      ],
    },
    needs: { file: 'src/handlers/needs.ts', routes: [r.assessNeeds, r.listNeedsAssessments] },
    appointments: {
      file: 'src/handlers/appointments.ts',
      routes: [
        r.scheduleAppointment,
        r.listAppointments,
        r.listProviderAppointments,
        r.recordAttendance,
        r.arrangeWithUnnamed,
        r.getUnnamedArrangement,
        r.recordUnnamedAttendance,
        r.refuseHomeVisit,
        r.scheduleHomeVisit,
        r.listHomeVisits,
        r.closeHomeVisit,
      ],
    },
    questionnaires: {
      file: 'src/handlers/questionnaires.ts',
      routes: [
        r.createTemplate,
        r.listTemplates,
        r.getTemplate,
        r.reviseTemplate,
        r.submitQuestionnaire,
        r.listQuestionnaires,
      ],
    },
    file: { file: 'src/handlers/file.ts', routes: [r.getClientFile, r.exportClient, r.anonymiseClient] },
    plansEvents: {
      file: 'src/handlers/plans-events.ts',
      subscriptions: [{ source: 'plans', types: ['KeyWorkerAssigned'] }],
    },
    referralEvents: {
      file: 'src/handlers/referral-events.ts',
      subscriptions: [{ source: 'referrals', types: ['SharePackageRead'] }],
    },
    directoryEvents: {
      file: 'src/handlers/directory-events.ts',
      subscriptions: [
        { source: 'directory', types: ['ServiceRegistered', 'ServiceUpdated', 'CapacityChanged'] },
      ],
    },
  },
  // Backfills of this table's items, run after each deploy (docs/OPERATIONS.md "Data migrations").
  migrations,
});
