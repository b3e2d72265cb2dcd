// FHIR referrals for health partners (issue 20 item 4): a hospital's record system (a partner
// client of Psychiatrie Liberec, client-credentials token over real HTTP) posts an HL7 FHIR R4
// ServiceRequest and the Task that sends it; K-centrum Liberec accepts in Spolu; the hospital
// reads Task.status = accepted and finds it by search. Invalid FHIR gets 422 with an
// OperationOutcome (problem+json for callers that do not ask for FHIR); another provider reads
// nothing; a stale version is 412.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyWebhook } from '@spolu/client';
import { fhir, newId } from '@spolu/contracts';
import type { ApiResponse } from '../../packages/local/src/api-client';
import type { ActorClient } from '../../packages/local/test-support/harness';
import { actor, call } from '../../packages/local/test-support/harness';
import type { World } from '../../services/referrals/test/fixtures';
import { clientWithConsent, startWorld } from '../../services/referrals/test/fixtures';
import { manifest as webhooks } from '../../services/webhooks/manifest';

const S = fhir.FhirSystems;
const fhirJson = 'application/fhir+json';

let w: World;
let hospital: string; // Psychiatrie Liberec
let kCentrum: string;
let receiver: ActorClient; // K-centrum Liberec's key worker
let clientId: string;
let partnerToken: string;

type Resource = Record<string, unknown> & { id: string; resourceType: string; status?: string };
interface Outcome {
  resourceType: 'OperationOutcome';
  issue: {
    severity: string;
    code: string;
    details: { text: string; coding: { code: string }[] };
    expression?: string[];
  }[];
}

const asHospital = <T>(
  method: string,
  path: string,
  o: { body?: unknown; headers?: Record<string, string> } = {},
) =>
  call<T>(w.rt, method, path, {
    ...o,
    token: partnerToken,
    headers: { accept: fhirJson, 'content-type': fhirJson, ...o.headers },
  });

/** The hospital's record system: registered by its provider admin, given an app client by ops. */
const hospitalSystem = async () => {
  const admin = await actor(w.rt, { sub: newId(), tenantId: hospital, roles: ['provider-admin'] });
  const scopes = ['spolu/referrals.read', 'spolu/referrals.write'];
  const registered = await admin.post<{ id: string }>('/partner-clients', {
    name: 'NIS Psychiatrie',
    scopes,
  });
  expect(registered.status).toBe(201);
  await w.rt.settle();
  const app = await call<{ clientId: string; clientSecret: string }>(
    w.rt,
    'POST',
    '/dev/partner-app-clients',
    {
      body: { partnerClientId: registered.body.id, tenantId: hospital, scopes },
    },
  );
  expect(app.status).toBe(201);
  const token = await call<{ access_token: string }>(w.rt, 'POST', '/dev/oauth2/token', {
    rawBody: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.body.clientId,
      client_secret: app.body.clientSecret,
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(token.status).toBe(200);
  return token.body.access_token;
};

const serviceRequest = (overrides: Record<string, unknown> = {}) => ({
  resourceType: 'ServiceRequest',
  status: 'active',
  intent: 'order',
  subject: { reference: `Patient/${clientId}` },
  performer: [{ reference: `HealthcareService/${w.service('k-centrum-liberec/kontaktni-centrum')}` }],
  reasonCode: [{ coding: [{ system: S.need, code: 'harm-reduction' }] }],
  extension: [
    { url: S.ageBand, valueCode: '27-64' },
    { url: S.district, valueCode: 'liberec' },
    { url: S.targetGroup, valueCode: 'substance-users' },
  ],
  authoredOn: '2026-12-01T10:00:00+01:00',
  ...overrides,
});

const task = (referralId: string, overrides: Record<string, unknown> = {}) => ({
  resourceType: 'Task',
  status: 'requested',
  intent: 'order',
  focus: { reference: `ServiceRequest/${referralId}` },
  for: { reference: '#patient' },
  contained: [
    {
      resourceType: 'Patient',
      id: 'patient',
      name: [{ given: ['Jana'], family: 'Nováková' }],
      birthDate: '1988-04-12',
    },
  ],
  ...overrides,
});

const expectOutcome = (res: ApiResponse<unknown>, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/fhir\+json/);
  const outcome = res.body as Outcome;
  expect(outcome.resourceType).toBe('OperationOutcome');
  expect(outcome.issue.length).toBeGreaterThan(0);
  return outcome;
};

/** The hospital's webhook receiver: every message with its exact body and headers. */
const received: { body: string; headers: Record<string, string> }[] = [];
const receiverServer = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    received.push({ body: Buffer.concat(chunks).toString('utf8'), headers });
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  w = await startWorld({ manifests: [webhooks], settings: { WEBHOOKS_ALLOW_LOOPBACK: 'true' } });
  receiverServer.listen(0, '127.0.0.1');
  await once(receiverServer, 'listening');
  hospital = w.provider('psychiatrie-liberec');
  kCentrum = w.provider('k-centrum-liberec');
  receiver = await w.as('k-centrum-liberec/petra-hajkova');
  const hospitalWorker = await w.as('psychiatrie-liberec/eva-machova');
  ({ clientId } = await clientWithConsent(
    w,
    hospitalWorker,
    w.service('psychiatrie-liberec/detox'),
    [kCentrum],
    ['name', 'birthDate', 'needs'],
  ));
  partnerToken = await hospitalSystem();
}, 180_000);
afterAll(async () => {
  await w?.rt.stop();
  await new Promise<void>((done) => receiverServer.close(() => done()));
});

describe('a hospital refers through FHIR and follows the referral to accepted', () => {
  let referralId = '';

  it('posts a ServiceRequest (a referral draft) and a Task that sends it, then reads Task.status = accepted', async () => {
    // The hospital's provider admin subscribes its record system to referral events, as FHIR Tasks.
    const admin = await actor(w.rt, { sub: newId(), tenantId: hospital, roles: ['provider-admin'] });
    const port = (receiverServer.address() as AddressInfo).port;
    const subscription = await admin.post<{ secret: string }>('/webhooks/subscriptions', {
      url: `http://127.0.0.1:${port}/fhir-hook`,
      eventTypes: ['ReferralSent', 'ReferralAccepted'],
      payload: 'fhir',
    });
    expect(subscription.status).toBe(201);
    const sr = await asHospital<Resource>('POST', '/fhir/ServiceRequest', {
      body: serviceRequest(),
      headers: { 'idempotency-key': newId() },
    });
    expect(sr.status).toBe(201);
    expect(sr.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    expect(sr.headers.get('etag')).toBe('W/"1"');
    expect(sr.body).toMatchObject({
      resourceType: 'ServiceRequest',
      status: 'draft',
      subject: { reference: `Patient/${clientId}` },
      requester: { reference: `Organization/${hospital}` },
    });
    referralId = sr.body.id;

    const sent = await asHospital<Resource>('POST', '/fhir/Task', {
      body: task(referralId),
      headers: { 'idempotency-key': newId() },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      resourceType: 'Task',
      id: referralId,
      status: 'requested',
      businessStatus: { coding: [{ system: S.referralStatus, code: 'sent' }] },
      owner: { reference: `Organization/${kCentrum}` },
      focus: { reference: `ServiceRequest/${referralId}` },
    });
    await w.rt.settle();

    // K-centrum accepts in Spolu; what the hospital shared reached it within the consent.
    const referral = await receiver.get<{ version: number; status: string }>(`/referrals/${referralId}`);
    expect(referral.body.status).toBe('sent');
    const accepted = await receiver.post(
      `/referrals/${referralId}/transitions`,
      { action: 'accept' },
      { headers: { 'if-match': `"${referral.body.version}"` } },
    );
    expect(accepted.status).toBe(200);
    const shared = await receiver.get<{ data: Record<string, unknown> }>(
      `/referrals/${referralId}/share-package`,
    );
    expect(shared.body.data).toMatchObject({ name: 'Jana Nováková', birthDate: '1988-04-12' });

    const followed = await asHospital<Resource>('GET', `/fhir/Task/${referralId}`);
    expect(followed.status).toBe(200);
    expect(followed.body.status).toBe('accepted');
    expect(followed.headers.get('etag')).toBe('W/"3"');

    // The signed webhook of the acceptance carries the same Task (the subject as its pseudonymous key).
    await w.rt.settle();
    await w.rt.runSchedule('webhooks', 'sender');
    const tasks = received.map((m) =>
      verifyWebhook<{ type: string; data: Resource }>(subscription.body.secret, m.body, m.headers),
    );
    const acceptedHook = tasks.find((t) => t.type === 'ReferralAccepted');
    expect(acceptedHook?.data).toMatchObject({
      resourceType: 'Task',
      id: referralId,
      status: 'accepted',
      meta: { versionId: '3' },
      focus: { reference: `ServiceRequest/${referralId}` },
      owner: { reference: `Organization/${kCentrum}` },
      for: { identifier: { system: S.subjectKey } },
    });
    expect(tasks.find((t) => t.type === 'ReferralSent')?.data.status).toBe('requested');
    expect(fhir.FhirTask.safeParse(acceptedHook?.data).success).toBe(true);

    const found = await asHospital<{ resourceType: string; entry: { resource: Resource }[] }>(
      'GET',
      `/fhir/Task?status=accepted&owner=Organization/${kCentrum}`,
    );
    expect(found.body.resourceType).toBe('Bundle');
    expect(found.body.entry.map((e) => e.resource.id)).toContain(referralId);
    const none = await asHospital<{ entry: unknown[] }>('GET', '/fhir/Task?status=rejected');
    expect(none.body.entry.map((e) => e)).not.toContainEqual(
      expect.objectContaining({ resource: { id: referralId } }),
    );
  });

  it('shows the receiver the Task without the hospital’s patient id (only the pseudonymous subject key)', async () => {
    const seen = await call<Resource>(w.rt, 'GET', `/fhir/Task/${referralId}`, {
      token: receiver.token,
      headers: { accept: fhirJson },
    });
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toContain(clientId);
    expect(seen.body.for).toMatchObject({ identifier: { system: S.subjectKey } });
  });

  it('answers a stale version with 412 as an OperationOutcome, and another provider with 404', async () => {
    const stale = await asHospital('PUT', `/fhir/Task/${referralId}`, {
      body: task(referralId, {
        status: 'cancelled',
        statusReason: { coding: [{ system: S.reason, code: 'no-longer-needed' }] },
      }),
      headers: { 'if-match': 'W/"1"' },
    });
    expect(expectOutcome(stale, 412).issue[0]?.code).toBe('conflict');
    const outsider = await call(w.rt, 'GET', `/fhir/Task/${referralId}`, {
      token: w.outsider.token,
      headers: { accept: fhirJson },
    });
    expect(expectOutcome(outsider, 404).issue[0]?.code).toBe('not-found');
  });

  it('cancels through a Task update with the current ETag', async () => {
    const current = await asHospital<Resource>('GET', `/fhir/Task/${referralId}`);
    const cancelled = await asHospital<Resource>('PUT', `/fhir/Task/${referralId}`, {
      body: task(referralId, {
        status: 'cancelled',
        statusReason: { coding: [{ system: S.reason, code: 'no-longer-needed' }] },
      }),
      headers: { 'if-match': current.headers.get('etag') ?? '' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      statusReason: { coding: [{ code: 'no-longer-needed' }] },
    });
  });
});

describe('invalid FHIR is refused with an OperationOutcome and nothing is stored', () => {
  it('an invalid Task: 422 with the failing elements as FHIRPath expressions, worded in Czech', async () => {
    const before = await asHospital<{ entry: unknown[] }>('GET', '/fhir/Task?_count=100');
    const res = await asHospital('POST', '/fhir/Task', {
      body: task(newId(), { status: 'requested', authoredOn: 'včera', colour: 'blue' }),
      headers: { 'idempotency-key': newId(), 'accept-language': 'cs' },
    });
    const outcome = expectOutcome(res, 422);
    expect(outcome.issue.flatMap((i) => i.expression ?? [])).toEqual(
      expect.arrayContaining(['Task.authoredOn', 'Task.colour']),
    );
    expect(outcome.issue[0]?.details.text).toBe('Neodpovídá schématu FHIR R4 (JSON schéma HL7 FHIR R4).');
    expect(res.headers.get('content-language')).toBe('cs');
    const after = await asHospital<{ entry: unknown[] }>('GET', '/fhir/Task?_count=100');
    expect(after.body.entry.length).toBe(before.body.entry.length);
  });

  it('a ServiceRequest without Spolu codes: 422 naming reasonCode and extension', async () => {
    const res = await asHospital('POST', '/fhir/ServiceRequest', {
      body: serviceRequest({
        reasonCode: [{ text: 'detox' }],
        extension: [
          { url: 'x', valueCode: 'y' },
          { url: 'x', valueCode: 'y' },
          { url: 'x', valueCode: 'y' },
        ],
      }),
      headers: { 'idempotency-key': newId() },
    });
    const outcome = expectOutcome(res, 422);
    expect(outcome.issue.flatMap((i) => i.expression ?? [])).toEqual(
      expect.arrayContaining(['ServiceRequest.reasonCode', 'ServiceRequest.extension']),
    );
  });

  it('a broken step rule is a business-rule issue with its rule code', async () => {
    const draft = await asHospital<Resource>('POST', '/fhir/ServiceRequest', {
      body: serviceRequest(),
      headers: { 'idempotency-key': newId() },
    });
    const res = await asHospital('PUT', `/fhir/Task/${draft.body.id}`, {
      body: task(draft.body.id, { status: 'rejected' }),
      headers: { 'if-match': 'W/"1"' },
    });
    const outcome = expectOutcome(res, 422);
    expect(outcome.issue[0]).toMatchObject({ code: 'business-rule', expression: ['Task.statusReason'] });
    expect(outcome.issue[0]?.details.coding.map((c) => c.code)).toContain('fhir-reason-required');
  });

  it('a caller that does not ask for FHIR gets the same problem as problem+json', async () => {
    const res = await call(w.rt, 'POST', '/fhir/Task', {
      token: partnerToken,
      body: task(newId(), { status: 'done' }),
      headers: { 'idempotency-key': newId() },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});

describe('the CapabilityStatement', () => {
  it('names FHIR 4.0.1, JSON, and the Task and ServiceRequest interactions', async () => {
    const res = await asHospital<{ fhirVersion: string; rest: { resource: { type: string }[] }[] }>(
      'GET',
      '/fhir/metadata',
    );
    expect(res.status).toBe(200);
    expect(res.body.fhirVersion).toBe('4.0.1');
    expect(res.body.rest[0]?.resource.map((r) => r.type)).toEqual(['ServiceRequest', 'Task']);
  });
});
