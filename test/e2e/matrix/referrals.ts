// Matrix fixtures for referrals. Tenant A refers to a service of a third provider C (registered
// once per world); for the handover confirmation tenant A is the receiver and C the sender. A
// provider that is neither sender nor receiver (tenant B) must read nothing: 404.
import { fhir, newId } from '@spolu/contracts';
import { actor } from '../../../packages/local/test-support/harness';
import type { MatrixWorld, Rec, RouteFixture } from './fixtures';
import { created, hoursAgo, ifMatch, newClient, serviceBody } from './fixtures';

interface Third {
  providerC: string;
  serviceC: string;
  /** A client of tenant A who consented to share name and needs with provider C. */
  consentedClientA: string;
  workerC: Awaited<ReturnType<typeof actor>>;
}
const thirds = new WeakMap<MatrixWorld, Promise<Third>>();

const must = async <T>(what: string, res: Promise<{ status: number; body: unknown }>) => {
  const r = await res;
  if (r.status >= 300)
    throw new Error(`matrix fixture: ${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
};

const setUp = async (w: MatrixWorld): Promise<Third> => {
  const providerC = (
    await must<Rec>(
      'provider C',
      w.ops.post('/providers', {
        name: 'Matrix Poskytovatel C',
        ico: '12345678',
        address: 'Nádražní 3, Liberec',
        firstAdmin: { name: 'Admin C', email: 'admin@c.example' },
      }),
    )
  ).id;
  const adminC = await actor(w.rt, { sub: newId(), tenantId: providerC, roles: ['provider-admin'] });
  const serviceC = (
    await must<Rec>(
      'service C',
      adminC.post(
        '/services',
        serviceBody('Matrix Detox C', {
          type: 'health-detox',
          needCodes: ['detox'],
          anonymousMode: 'not-allowed',
        }),
      ),
    )
  ).id;
  const client = await newClient(w);
  await must(
    'a referral consent',
    w.workerA.post(`/clients/${client.id}/consents`, {
      purpose: 'referral-share',
      serviceId: w.serviceA,
      recipientProviderId: providerC,
      sharedFields: ['name', 'needs'],
      givenAt: hoursAgo(w, 1),
    }),
  );
  const workerC = await actor(w.rt, { sub: newId(), tenantId: providerC, roles: ['key-worker'] });
  await w.rt.settle(); // referrals learns service C and the consent from events
  return { providerC, serviceC, consentedClientA: client.id, workerC };
};
const third = (w: MatrixWorld) => {
  if (!thirds.has(w)) thirds.set(w, setUp(w));
  return thirds.get(w)!;
};

const referralBody = (t: Third) => ({
  clientId: t.consentedClientA,
  toServiceId: t.serviceC,
  ageBand: '27-64',
  district: 'liberec',
  targetGroup: 'substance-users',
  needCodes: ['detox'],
});
const newDraft = async (w: MatrixWorld) =>
  created<Rec>('a referral', w.workerA.post('/referrals', referralBody(await third(w))), w, {
    clientData: true,
  });
const newSent = async (w: MatrixWorld) => {
  const d = await newDraft(w);
  await must(
    'sending a referral',
    w.workerA.post(
      `/referrals/${d.id}/transitions`,
      { action: 'send', clientData: { name: 'Matrix Klientka Odeslaná', needs: ['detox'] } },
      { headers: ifMatch(d.version) },
    ),
  );
  w.secretsA.add('Matrix Klientka Odeslaná');
  w.clientSecretsA.add('Matrix Klientka Odeslaná');
  return d;
};
const fhirServiceRequest = (t: Third, clientId = t.consentedClientA) => ({
  resourceType: 'ServiceRequest',
  status: 'active',
  intent: 'order',
  subject: { reference: `Patient/${clientId}` },
  performer: [{ reference: `HealthcareService/${t.serviceC}` }],
  reasonCode: [{ coding: [{ system: fhir.FhirSystems.need, code: 'detox' }] }],
  extension: [
    { url: fhir.FhirSystems.ageBand, valueCode: '27-64' },
    { url: fhir.FhirSystems.district, valueCode: 'liberec' },
    { url: fhir.FhirSystems.targetGroup, valueCode: 'substance-users' },
  ],
});
const fhirTask = (referralId: string, status: string) => ({
  resourceType: 'Task',
  status,
  intent: 'order',
  focus: { reference: `ServiceRequest/${referralId}` },
});
const reasonCoding = (code: string) => ({ coding: [{ system: fhir.FhirSystems.reason, code }] });
const sharedCareBody = (w: MatrixWorld, t: Third) => ({
  clientId: t.consentedClientA,
  parties: [
    {
      providerId: w.providerA,
      responsibilities: 'Matrix: kontaktní práce',
      contact: { name: 'Matrix Pracovnice A' },
    },
    { providerId: t.providerC, responsibilities: 'Matrix: detox', contact: { name: 'Matrix Pracovník C' } },
  ],
  coordinatorProviderId: w.providerA,
  nextReviewAt: new Date(w.rt.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
});
const newSharedCare = async (w: MatrixWorld) =>
  created<Rec>(
    'a shared-care agreement',
    w.workerA.post('/shared-care', sharedCareBody(w, await third(w))),
    w,
    { clientData: true },
  );
const handoverBody = (clientId: string, toProviderId: string, toServiceId: string) => ({
  clientId,
  toProviderId,
  toServiceId,
  summary: {
    goal: 'Matrix: cíl klientky',
    progress: 'Matrix: průběh spolupráce',
    currentSteps: ['Matrix: krok'],
  },
});

const tenantList = 'a tenant-scoped list: the caller sees only referrals its own provider sent or received';
const ownCreate =
  "creates a referral in the caller's own tenant; nothing of tenant A is referenced (the client id is only an id)";
const directoryRead = 'matching reads region-wide directory data, no client data';
const noConsent =
  "another provider has no consent of tenant A's client: refused as a domain rule (422) without revealing anything";

export const referralsFixtures: Record<string, RouteFixture> = {
  'referrals.matchServices': {
    build: async (w) => {
      await third(w);
      return {
        query: { needs: 'detox', ageBand: '27-64', district: 'liberec', targetGroup: 'substance-users' },
      };
    },
    regionWide: true,
    allow: { tenantB: directoryRead },
  },
  'referrals.createReferral': {
    build: async (w) => {
      const t = await third(w);
      return { body: { ...referralBody(t), clientId: newId() } };
    },
    allow: { tenantB: ownCreate },
  },
  'referrals.listReferrals': {
    build: async (w) => {
      await newSent(w);
      return { query: { limit: '100' } };
    },
    allow: { tenantB: tenantList },
  },
  'referrals.getReferral': {
    build: async (w) => ({ params: { referralId: (await newSent(w)).id } }),
  },
  'referrals.transitionReferral': {
    build: async (w) => {
      const d = await newDraft(w);
      return {
        params: { referralId: d.id },
        body: { action: 'send', clientData: { name: 'Matrix Klientka Matice', needs: ['detox'] } },
        headers: ifMatch(d.version),
      };
    },
  },
  'referrals.getSharePackage': {
    build: async (w) => ({ params: { referralId: (await newSent(w)).id } }),
  },
  'referrals.listSharePackageReads': {
    build: async (w) => {
      const r = await newSent(w);
      return { params: { referralId: r.id }, query: { limit: '10' } };
    },
  },
  'referrals.createSharedCare': {
    build: async (w) => ({ body: sharedCareBody(w, await third(w)) }),
    tenantBRefusal: {
      statuses: [422],
      reason: "tenant B is not a party and has no consent of tenant A's client",
    },
  },
  'referrals.listSharedCare': {
    build: async (w) => {
      await newSharedCare(w);
      return { query: { limit: '100' } };
    },
    allow: { tenantB: 'a tenant-scoped list: the caller sees only agreements its provider is party to' },
  },
  'referrals.getSharedCare': {
    build: async (w) => ({ params: { sharedCareId: (await newSharedCare(w)).id } }),
  },
  'referrals.updateSharedCare': {
    build: async (w) => {
      const sc = await newSharedCare(w);
      return {
        params: { sharedCareId: sc.id },
        body: {
          nextReviewAt: new Date(w.rt.clock.now().getTime() + 60 * 86_400_000).toISOString().slice(0, 10),
        },
        headers: ifMatch(sc.version),
      };
    },
  },
  'referrals.createHandover': {
    build: async (w) => {
      const t = await third(w);
      return { body: handoverBody(t.consentedClientA, t.providerC, t.serviceC) };
    },
    tenantBRefusal: { statuses: [422], reason: noConsent },
  },
  'referrals.listHandovers': {
    build: async (w) => {
      const t = await third(w);
      await created<Rec>(
        'a handover',
        w.workerA.post('/handovers', handoverBody(t.consentedClientA, t.providerC, t.serviceC)),
        w,
        { clientData: true },
      );
      return { query: { limit: '100' } };
    },
    allow: { tenantB: 'a tenant-scoped list: the caller sees only handovers its provider sent or receives' },
  },
  'referrals.getHandover': {
    build: async (w) => {
      const t = await third(w);
      const h = await created<Rec>(
        'a handover',
        w.workerA.post('/handovers', handoverBody(t.consentedClientA, t.providerC, t.serviceC)),
        w,
        { clientData: true },
      );
      return { params: { handoverId: h.id } };
    },
  },
  'referrals.confirmHandover': {
    // Tenant A is the receiver here: provider C hands its client over to tenant A's service.
    build: async (w) => {
      const t = await third(w);
      const client = await must<Rec>(
        "C's client",
        t.workerC.post('/clients', {
          serviceId: t.serviceC,
          identity: {
            kind: 'named',
            name: 'Matrix Klient C',
            birthDate: '1990-01-01',
            sex: 'male',
            district: 'liberec',
          },
        }),
      );
      await must(
        "C's consent to share with A",
        t.workerC.post(`/clients/${client.id}/consents`, {
          purpose: 'referral-share',
          serviceId: t.serviceC,
          recipientProviderId: w.providerA,
          sharedFields: ['name'],
          givenAt: hoursAgo(w, 1),
        }),
      );
      await w.rt.settle();
      const h = await must<Rec>(
        'a handover to A',
        t.workerC.post('/handovers', handoverBody(client.id, w.providerA, w.serviceA)),
      );
      w.secretsA.add(h.id);
      return { params: { handoverId: h.id }, headers: ifMatch(h.version) };
    },
  },
  // The FHIR face of referrals: the same records, the same tenancy (docs/REFERRALS.md, "FHIR").
  'fhir.metadata': {
    build: async () => ({ headers: { accept: 'application/fhir+json' } }),
    allow: { tenantB: 'the CapabilityStatement describes the endpoint; it holds no tenant data' },
  },
  'fhir.createServiceRequest': {
    build: async (w) => {
      const t = await third(w);
      return { body: fhirServiceRequest(t, newId()) };
    },
    allow: { tenantB: ownCreate },
  },
  'fhir.getServiceRequest': {
    build: async (w) => ({ params: { id: (await newSent(w)).id } }),
  },
  'fhir.createTask': {
    build: async (w) => {
      const d = await newDraft(w);
      return { body: fhirTask(d.id, 'requested') };
    },
  },
  'fhir.getTask': {
    build: async (w) => ({ params: { id: (await newSent(w)).id } }),
  },
  'fhir.searchTasks': {
    build: async (w) => {
      await newSent(w);
      return { query: { _count: '100' } };
    },
    allow: { tenantB: tenantList },
  },
  'fhir.updateTask': {
    build: async (w) => {
      const d = await newSent(w);
      return {
        params: { id: d.id },
        body: { ...fhirTask(d.id, 'cancelled'), statusReason: reasonCoding('no-longer-needed') },
        headers: ifMatch(d.version + 1),
      };
    },
  },
};
