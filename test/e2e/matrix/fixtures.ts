// Fixtures for the tenant and role matrix (../tenant-role-matrix.test.ts): one entry per route id.
// Each builds, as tenant A, the records its route needs and returns a request that tenant A's own
// worker/admin could legitimately send (the test proves that at the end). A route without an entry
// here fails the matrix, so a new route cannot ship without being covered.
//
// Expected outcomes are derived from the contract (no token/bad token -> 401, missing scope -> 403,
// missing role -> 403, another tenant -> 403/404). Only the exceptions are written here, each with
// its reason: `allow` lists callers that legitimately get a 2xx, `tenantBRefusal` lists a route
// where another tenant is refused with a different status.
import type { RegionCode, Role } from '@spolu/contracts';
import { kCentrumIncomeTemplate, newId } from '@spolu/contracts';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';

export interface MatrixWorld {
  rt: RegionRuntime;
  region: RegionCode;
  providerA: string;
  providerB: string;
  /** A directory service of tenant A that intake knows (anonymousMode 'allowed', field places). */
  serviceA: string;
  ops: ActorClient;
  adminA: ActorClient;
  workerA: ActorClient;
  keyWorkerA: ActorClient;
  /** Ids and names of every record tenant A owns; no other tenant may ever see them. */
  secretsA: Set<string>;
  /** The subset that is client data; coordinators, ops and partners must never see it. */
  clientSecretsA: Set<string>;
}

export interface MatrixRequest {
  /** Values for the route path's `{param}`s: ids of tenant A's records. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export type MatrixCaller = 'coordinator' | 'ops' | 'tenantB';

export interface RouteFixture {
  build: (w: MatrixWorld) => Promise<MatrixRequest>;
  /** Roles of tenant A's caller for the positive control (default: the route's roles). */
  ownerRoles?: Role[];
  /** Scopes of tenant A's caller (and tenant B's) when the roles do not give them: partner
   * clients get scopes per grant, not per role. */
  ownerScopes?: string[];
  /** Callers that legitimately get a 2xx, with the reason. */
  allow?: Partial<Record<MatrixCaller, string>>;
  /** Region-wide directory data: another tenant may read it (its responses are then checked for
   * client data only, not for tenant A's directory names and ids). */
  regionWide?: boolean;
  /** The positive control's user id, for a route acting on the caller's own records (a notice of
   * the caller's inbox): default a fresh id per call. */
  ownerSub?: string;
  /** Another tenant is refused with these statuses instead of 403/404, with the reason. */
  tenantBRefusal?: { statuses: number[]; reason: string };
}

export type Rec = { id: string; version: number };

export const ifMatch = (version = 1) => ({ 'if-match': `"${version}"` });
export const hoursAgo = (w: MatrixWorld, h: number) =>
  new Date(w.rt.clock.now().getTime() - h * 3_600_000).toISOString();

export const created = async <T extends Rec>(
  what: string,
  res: Promise<{ status: number; body: unknown }>,
  w: MatrixWorld,
  opts: { name?: string; clientData?: boolean } = {},
): Promise<T> => {
  const r = await res;
  if (r.status !== 201)
    throw new Error(`matrix fixture: creating ${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  const body = r.body as T;
  for (const secret of [body.id, opts.name].filter((s): s is string => Boolean(s))) {
    w.secretsA.add(secret);
    if (opts.clientData) w.clientSecretsA.add(secret);
  }
  return body;
};

// ---- directory records of tenant A ----

export const serviceBody = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  type: 's59',
  targetGroups: ['substance-users', 'close-persons'],
  ageMin: 15,
  ageMax: 99,
  hours: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, opens: '08:00', closes: '16:00' })),
  districts: ['liberec'],
  availability: { capacity: 20, waitingDays: 0, acceptingReferrals: true },
  anonymousMode: 'allowed',
  fieldPlaces: ['Liberec – nádraží'],
  ...overrides,
});

export const newService = (w: MatrixWorld) => {
  const name = `Matrix služba ${newId().slice(-6)}`;
  return created('a service', w.adminA.post('/services', serviceBody(name)), w, { name });
};
export const newWorker = (w: MatrixWorld) => {
  const name = `Matrix Pracovník ${newId().slice(-6)}`;
  return created(
    'a worker',
    w.adminA.post('/workers', {
      name,
      email: `w${newId().slice(-6).toLowerCase()}@a.example`,
      roles: ['worker'],
    }),
    w,
    { name },
  );
};
export const newPartnerClient = (w: MatrixWorld) => {
  const name = `Matrix partner ${newId().slice(-6)}`;
  return created(
    'a partner client',
    w.adminA.post('/partner-clients', { name, scopes: ['spolu/clients.read'] }),
    w,
    { name },
  );
};

// ---- intake records of tenant A (client data) ----

export const newClient = (w: MatrixWorld) => {
  const name = `Matrix Klientka ${newId().slice(-6)}`;
  return created(
    'a client',
    w.workerA.post('/clients', {
      serviceId: w.serviceA,
      identity: {
        kind: 'named',
        name,
        birthDate: '1988-04-12',
        sex: 'female',
        contact: { phone: '+420 777 123 456', address: 'Husova 12, Liberec' },
        district: 'liberec',
      },
    }),
    w,
    { name, clientData: true },
  );
};
export const child = async (w: MatrixWorld, what: string, path: string, body: unknown, by?: ActorClient) =>
  created(what, (by ?? w.workerA).post(path, body), w, { clientData: true });

const consultationBody = (w: MatrixWorld) => ({
  serviceId: w.serviceA,
  heldAt: hoursAgo(w, 2),
  durationMinutes: 60,
  request: 'Matrix: nemůžu spát.',
  outcome: 'agreement-wanted',
});
export const agreementBody = (w: MatrixWorld) => ({
  serviceId: w.serviceA,
  form: 'oral',
  goal: 'Matrix: cíl spolupráce',
});
export const consentBody = (w: MatrixWorld) => ({
  purpose: 'service-provision',
  serviceId: w.serviceA,
  givenAt: hoursAgo(w, 1),
});
export const contactBody = (w: MatrixWorld, clientId: string) => ({
  serviceId: w.serviceA,
  kind: 'client',
  clientId,
  occurredAt: hoursAgo(w, 1),
  durationMinutes: 15,
  place: { kind: 'centre' },
  interventions: [{ type: 'counselling' }],
});
const needsBody = (w: MatrixWorld) => ({
  serviceId: w.serviceA,
  assessedAt: hoursAgo(w, 1),
  needs: [{ code: 'housing', clientPriority: 'high', workerPriority: 'medium' }],
});
const appointmentBody = (w: MatrixWorld, hours = -1) => ({
  serviceId: w.serviceA,
  kind: 'consultation',
  scheduledAt: new Date(w.rt.clock.now().getTime() + hours * 3_600_000).toISOString(),
  place: { kind: 'centre' },
});
const homeVisitBody = (w: MatrixWorld) => ({
  serviceId: w.serviceA,
  scheduledAt: hoursAgo(w, 2),
  workerCount: 2,
  checklist: {
    everyonePresentInformed: true,
    timeAndFormAgreed: true,
    prohibitedActivitiesAcknowledged: true,
    expectationsClear: true,
    workerWillIntroduce: true,
  },
});
const unnamedArrangementBody = (w: MatrixWorld, hours: number) => ({
  serviceId: w.serviceA,
  scheduledAt: new Date(w.rt.clock.now().getTime() + hours * 3_600_000).toISOString(),
  place: { kind: 'centre' },
  phoneArrangement: {
    place: 'u hlavního vchodu',
    recognitionSigns: 'zelená bunda',
    request: 'needle-exchange',
  },
});
const newUnnamedArrangement = (w: MatrixWorld, hours: number) =>
  created(
    'an arrangement with an unnamed person',
    w.workerA.post('/phone-arrangements', unnamedArrangementBody(w, hours)),
    w,
    {
      clientData: true,
    },
  );
const templateBody = (w: MatrixWorld) => ({ ...kCentrumIncomeTemplate, serviceId: w.serviceA });
const newTemplate = (w: MatrixWorld) =>
  created('a questionnaire template', w.keyWorkerA.post('/questionnaire-templates', templateBody(w)), w);
const answers = {
  substances: ['pervitin'],
  'primary-substance': 'pervitin',
  'duration-of-use': { amount: 3, unit: 'years' },
  'route-of-use': 'injecting',
  frequency: 'weekly',
  'living-situation': 'hostel',
  'client-request': 'Matrix: čisté náčiní.',
};

const directoryRead = 'directory data is region-wide and not client data';
const tenantList = "a tenant-scoped list: the caller sees only its own provider's records";
const ownCreate = "creates a record in the caller's own tenant; nothing of tenant A is referenced";
const foreignService =
  "intake refuses a service that is not the caller's provider's as a domain rule (422 unknown-service), without revealing whether it exists";

/** Directory and intake routes. Later services add their own file beside this one and register it
 * in ./index.ts. */
export const matrixFixtures: Record<string, RouteFixture> = {
  // ---------------- directory ----------------
  'directory.listDistricts': {
    build: async () => ({}),
    regionWide: true,
    allow: { coordinator: directoryRead, ops: directoryRead, tenantB: directoryRead },
  },
  'directory.getNeedsTaxonomy': {
    build: async () => ({}),
    regionWide: true,
    allow: { coordinator: directoryRead, ops: directoryRead, tenantB: directoryRead },
  },
  'directory.listProviders': {
    build: async () => ({ query: { limit: '10' } }),
    regionWide: true,
    allow: { coordinator: directoryRead, ops: directoryRead, tenantB: directoryRead },
  },
  'directory.registerProvider': {
    build: async () => ({
      body: {
        name: `Matrix poskytovatel ${newId().slice(-6)}`,
        ico: '12345678',
        address: 'Nádražní 1, Liberec',
        firstAdmin: { name: 'Matrix Admin', email: 'admin@matrix.example' },
      },
    }),
    allow: {
      ops: 'platform ops register providers (tenants)',
      tenantB: 'the route needs platform-ops; a tenant claim on an ops token does not restrict registering',
    },
  },
  'directory.getProvider': {
    build: async (w) => ({ params: { providerId: w.providerA } }),
    regionWide: true,
    allow: { coordinator: directoryRead, ops: directoryRead, tenantB: directoryRead },
  },
  'directory.updateProvider': {
    build: async (w) => ({
      params: { providerId: w.providerA },
      body: { address: 'Matrixová 1, Liberec' },
      headers: ifMatch(1),
    }),
  },
  'directory.searchServices': {
    build: async (w) => ({ query: { providerId: w.providerA } }),
    regionWide: true,
    allow: { coordinator: directoryRead, ops: directoryRead, tenantB: directoryRead },
  },
  'directory.registerService': {
    build: async () => ({ body: serviceBody(`Matrix nová služba ${newId().slice(-6)}`) }),
    allow: { tenantB: ownCreate },
  },
  'directory.getService': {
    build: async (w) => ({ params: { serviceId: (await newService(w)).id } }),
    regionWide: true,
    allow: { coordinator: directoryRead, ops: directoryRead, tenantB: directoryRead },
  },
  'directory.updateService': {
    build: async (w) => ({
      params: { serviceId: (await newService(w)).id },
      body: { name: `Matrix přejmenovaná ${newId().slice(-6)}` },
      headers: ifMatch(1),
    }),
  },
  'directory.setAvailability': {
    build: async (w) => ({
      params: { serviceId: (await newService(w)).id },
      body: { capacity: 5, waitingDays: 3, acceptingReferrals: false },
      headers: ifMatch(1),
    }),
  },
  'directory.listWorkers': {
    build: async (w) => {
      await newWorker(w);
      return { query: { limit: '100' } };
    },
    allow: { tenantB: tenantList },
  },
  'directory.addWorker': {
    build: async () => ({
      body: {
        name: 'Matrix Nový',
        email: `n${newId().slice(-6).toLowerCase()}@a.example`,
        roles: ['worker'],
      },
    }),
    allow: { tenantB: ownCreate },
  },
  'directory.getWorker': {
    build: async (w) => ({ params: { workerId: (await newWorker(w)).id } }),
  },
  'directory.updateWorker': {
    build: async (w) => ({
      params: { workerId: (await newWorker(w)).id },
      body: { active: false },
      headers: ifMatch(1),
    }),
  },
  'directory.listPartnerClients': {
    build: async (w) => {
      await newPartnerClient(w);
      return { query: { limit: '100' } };
    },
    allow: { tenantB: tenantList },
  },
  'directory.registerPartnerClient': {
    build: async () => ({ body: { name: 'Matrix nový partner', scopes: ['spolu/clients.read'] } }),
    allow: { tenantB: ownCreate },
  },
  'directory.updatePartnerClient': {
    build: async (w) => ({
      params: { partnerClientId: (await newPartnerClient(w)).id },
      body: { status: 'revoked' },
      headers: ifMatch(1),
    }),
  },
  'directory.listSecurityLog': {
    // A window before the matrix ran: the log is the region's refusals, which name tenant A's ids
    // as targets by design (ids only); what it records is checked in ../security-log.test.ts.
    build: async () => ({ query: { from: '2020-01-01T00:00:00Z', to: '2020-01-01T01:00:00Z', limit: '10' } }),
    allow: {
      ops: 'platform ops read the security log',
      tenantB: 'the route needs platform-ops; a tenant claim on an ops token does not restrict it',
    },
  },

  // ---------------- intake (client data) ----------------
  'intake.registerClient': {
    build: async (w) => ({
      body: {
        serviceId: w.serviceA,
        identity: {
          kind: 'anonymous',
          clientCode: `MX${newId().slice(-6)}`,
          birthYear: 1995,
          sex: 'male',
          district: 'liberec',
        },
      },
    }),
    tenantBRefusal: { statuses: [422], reason: foreignService },
  },
  'intake.listClients': {
    build: async (w) => {
      await newClient(w);
      return { query: { limit: '100' } };
    },
    allow: { tenantB: tenantList },
  },
  'intake.getClient': {
    build: async (w) => ({ params: { clientId: (await newClient(w)).id } }),
  },
  'intake.updateClient': {
    build: async (w) => ({
      ...(await newClient(w).then((c) => ({
        params: { clientId: c.id },
        body: { targetGroup: 'close-persons' },
        headers: ifMatch(c.version),
      }))),
    }),
  },
  'intake.recordConsultation': {
    build: async (w) => ({ params: { clientId: (await newClient(w)).id }, body: consultationBody(w) }),
  },
  'intake.listConsultations': {
    build: async (w) => {
      const c = await newClient(w);
      await child(w, 'a consultation', `/clients/${c.id}/consultations`, consultationBody(w));
      return { params: { clientId: c.id } };
    },
  },
  'intake.makeAgreement': {
    build: async (w) => ({ params: { clientId: (await newClient(w)).id }, body: agreementBody(w) }),
  },
  'intake.listAgreements': {
    build: async (w) => {
      const c = await newClient(w);
      await child(w, 'an agreement', `/clients/${c.id}/agreements`, agreementBody(w));
      return { params: { clientId: c.id } };
    },
  },
  'intake.changeAgreement': {
    build: async (w) => {
      const c = await newClient(w);
      const a = await child(w, 'an agreement', `/clients/${c.id}/agreements`, agreementBody(w));
      return {
        params: { clientId: c.id, agreementId: a.id },
        body: { goal: 'Matrix: změněný cíl', changeNote: 'matrix' },
        headers: ifMatch(a.version),
      };
    },
  },
  'intake.giveConsent': {
    build: async (w) => ({ params: { clientId: (await newClient(w)).id }, body: consentBody(w) }),
  },
  'intake.listConsents': {
    build: async (w) => {
      const c = await newClient(w);
      await child(w, 'a consent', `/clients/${c.id}/consents`, consentBody(w));
      return { params: { clientId: c.id } };
    },
  },
  'intake.getConsent': {
    build: async (w) => {
      const c = await newClient(w);
      const k = await child(w, 'a consent', `/clients/${c.id}/consents`, consentBody(w));
      return { params: { clientId: c.id, consentId: k.id } };
    },
  },
  'intake.withdrawConsent': {
    build: async (w) => {
      const c = await newClient(w);
      const k = await child(w, 'a consent', `/clients/${c.id}/consents`, consentBody(w));
      return {
        params: { clientId: c.id, consentId: k.id },
        body: { reason: 'Matrix: klientka si to rozmyslela.' },
        headers: ifMatch(k.version),
      };
    },
  },
  'intake.recordContact': {
    build: async (w) => ({ body: contactBody(w, (await newClient(w)).id) }),
    tenantBRefusal: { statuses: [422], reason: foreignService },
  },
  'intake.listContacts': {
    build: async (w) => {
      const c = await newClient(w);
      await child(w, 'a contact', '/contacts', contactBody(w, c.id));
      return { query: { limit: '100' } };
    },
    allow: { tenantB: tenantList },
  },
  'intake.getContact': {
    build: async (w) => {
      const c = await newClient(w);
      const k = await child(w, 'a contact', '/contacts', contactBody(w, c.id));
      return { params: { contactId: k.id } };
    },
  },
  'intake.assessNeeds': {
    build: async (w) => ({ params: { clientId: (await newClient(w)).id }, body: needsBody(w) }),
  },
  'intake.listNeedsAssessments': {
    build: async (w) => {
      const c = await newClient(w);
      await child(w, 'a needs assessment', `/clients/${c.id}/needs-assessments`, needsBody(w));
      return { params: { clientId: c.id } };
    },
  },
  'intake.scheduleAppointment': {
    build: async (w) => ({ params: { clientId: (await newClient(w)).id }, body: appointmentBody(w, 24) }),
  },
  'intake.listAppointments': {
    build: async (w) => {
      const c = await newClient(w);
      await child(w, 'an appointment', `/clients/${c.id}/appointments`, appointmentBody(w, 24));
      return { params: { clientId: c.id } };
    },
  },
  'intake.listProviderAppointments': {
    build: async (w) => {
      const c = await newClient(w);
      await child(w, 'an appointment', `/clients/${c.id}/appointments`, appointmentBody(w, 24));
      const now = w.rt.clock.now().getTime();
      return {
        query: {
          from: new Date(now).toISOString(),
          to: new Date(now + 48 * 3_600_000).toISOString(),
          limit: '100',
        },
      };
    },
    allow: { tenantB: tenantList },
  },
  'intake.recordAttendance': {
    build: async (w) => {
      const c = await newClient(w);
      const a = await child(w, 'an appointment', `/clients/${c.id}/appointments`, appointmentBody(w, -1));
      return {
        params: { clientId: c.id, appointmentId: a.id },
        body: { attendance: 'attended' },
        headers: ifMatch(a.version),
      };
    },
  },
  'intake.arrangeWithUnnamed': {
    build: async (w) => ({ body: unnamedArrangementBody(w, 24) }),
    tenantBRefusal: { statuses: [422], reason: foreignService },
  },
  'intake.getUnnamedArrangement': {
    build: async (w) => ({ params: { appointmentId: (await newUnnamedArrangement(w, 24)).id } }),
  },
  'intake.recordUnnamedAttendance': {
    build: async (w) => {
      const a = await newUnnamedArrangement(w, -1);
      return {
        params: { appointmentId: a.id },
        body: { attendance: 'attended' },
        headers: ifMatch(a.version),
      };
    },
  },
  'intake.refuseHomeVisit': {
    build: async (w) => {
      const visit = homeVisitBody(w);
      return {
        params: { clientId: (await newClient(w)).id },
        body: {
          ...visit,
          checklist: { ...visit.checklist, prohibitedActivitiesAcknowledged: false },
          reason: 'Klient nesouhlasí s pravidly návštěvy.',
        },
      };
    },
  },
  'intake.scheduleHomeVisit': {
    build: async (w) => ({ params: { clientId: (await newClient(w)).id }, body: homeVisitBody(w) }),
  },
  'intake.listHomeVisits': {
    build: async (w) => {
      const c = await newClient(w);
      await child(w, 'a home visit', `/clients/${c.id}/home-visits`, homeVisitBody(w));
      return { params: { clientId: c.id } };
    },
  },
  'intake.closeHomeVisit': {
    build: async (w) => {
      const c = await newClient(w);
      const v = await child(w, 'a home visit', `/clients/${c.id}/home-visits`, homeVisitBody(w));
      return {
        params: { clientId: c.id, homeVisitId: v.id },
        body: {
          endedAt: hoursAgo(w, 1),
          leaveSafety: {
            acuteDanger: false,
            clientPsychotic: false,
            clientSuicidal: false,
            professionalHelpCalled: false,
          },
        },
        headers: ifMatch(v.version),
      };
    },
  },
  'intake.createTemplate': {
    build: async (w) => ({ body: templateBody(w) }),
    tenantBRefusal: { statuses: [422], reason: foreignService },
  },
  'intake.listTemplates': {
    build: async (w) => {
      await newTemplate(w);
      return { query: { serviceId: w.serviceA } };
    },
    allow: { tenantB: tenantList },
  },
  'intake.getTemplate': {
    build: async (w) => ({ params: { templateId: (await newTemplate(w)).id } }),
  },
  'intake.reviseTemplate': {
    build: async (w) => {
      const t = await newTemplate(w);
      return { params: { templateId: t.id }, body: kCentrumIncomeTemplate, headers: ifMatch(t.version) };
    },
  },
  'intake.submitQuestionnaire': {
    build: async (w) => {
      const c = await newClient(w);
      const t = await newTemplate(w);
      return {
        params: { clientId: c.id },
        body: { templateId: t.id, templateVersion: 1, answeredAt: hoursAgo(w, 1), answers },
      };
    },
  },
  'intake.listQuestionnaires': {
    build: async (w) => {
      const c = await newClient(w);
      const t = await newTemplate(w);
      await child(w, 'a questionnaire', `/clients/${c.id}/questionnaires`, {
        templateId: t.id,
        templateVersion: 1,
        answeredAt: hoursAgo(w, 1),
        answers,
      });
      return { params: { clientId: c.id } };
    },
  },
  'intake.getClientFile': {
    build: async (w) => ({ params: { clientId: (await newClient(w)).id } }),
  },
  'intake.exportClient': {
    build: async (w) => ({ params: { clientId: (await newClient(w)).id } }),
  },
  'intake.anonymiseClient': {
    // The runtime runs with CLIENT_RETENTION_DAYS=0, so tenant A's key worker may anonymise at once.
    build: async (w) => {
      const c = await newClient(w);
      return {
        params: { clientId: c.id },
        body: { reason: 'Matrix: po skartační lhůtě' },
        headers: ifMatch(c.version),
      };
    },
  },
};
