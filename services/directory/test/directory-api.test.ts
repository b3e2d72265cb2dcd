import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '@spolu/contracts';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { actor, call, startTestRuntime } from '../../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../../packages/local/src/runtime';
import { manifest } from '../manifest';
import { registerProvider, serviceBody } from './fixtures';

let rt: RegionRuntime;
let ops: ActorClient;
let adminA: ActorClient;
let adminB: ActorClient;
let workerA: ActorClient;
let coordinator: ActorClient;
let providerA: string;
let providerB: string;

beforeAll(async () => {
  rt = await startTestRuntime([manifest]);
  ops = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
  providerA = await registerProvider(ops, 'FOKUS Semily');
  providerB = await registerProvider(ops, 'Krizové centrum Liberec');
  adminA = await actor(rt, { sub: newId(), tenantId: providerA, roles: ['provider-admin'] });
  adminB = await actor(rt, { sub: newId(), tenantId: providerB, roles: ['provider-admin'] });
  workerA = await actor(rt, { sub: newId(), tenantId: providerA, roles: ['worker'] });
  coordinator = await actor(rt, { sub: newId(), roles: ['regional-coordinator'] });
});

afterAll(async () => {
  await rt.stop();
});

describe('services', () => {
  it('registers a service, returns it with an ETag, and finds it region-wide', async () => {
    const created = await adminA.post<{ id: string; version: number; providerName: string }>(
      '/services',
      serviceBody(),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body.providerName).toBe('FOKUS Semily');

    const fromOtherTenant = await adminB.get<{ id: string }>(`/services/${created.body.id}`);
    expect(fromOtherTenant.status).toBe(200);
    const fromCoordinator = await coordinator.get<{ items: { id: string }[] }>('/services?district=semily');
    expect(fromCoordinator.body.items.map((s) => s.id)).toContain(created.body.id);
  });

  it('searches by district, type, age, need and opening time', async () => {
    await adminA.post(
      '/services',
      serviceBody({ name: 'Sociální rehabilitace', type: 's70', ageMax: 75, districts: ['zelezny-brod'] }),
    );
    const byDistrict = await workerA.get<{ items: { name: string }[] }>('/services?district=zelezny-brod');
    expect(byDistrict.body.items.map((s) => s.name)).toEqual(['Sociální rehabilitace']);

    const tooOld = await workerA.get<{ items: unknown[] }>('/services?type=s67&age=70');
    expect(tooOld.body.items).toHaveLength(0);
    const ok = await workerA.get<{ items: unknown[] }>('/services?type=s67&age=40&need=work-habits');
    expect(ok.body.items).toHaveLength(1);

    // Monday 2026-11-23 09:00 in Prague (08:00 UTC) is within Mon–Fri 07:30–15:30; Sunday is not.
    const open = await workerA.get<{ items: unknown[] }>(
      `/services?type=s67&openAt=${encodeURIComponent('2026-11-23T08:00:00Z')}`,
    );
    expect(open.body.items).toHaveLength(1);
    const closed = await workerA.get<{ items: unknown[] }>(
      `/services?type=s67&openAt=${encodeURIComponent('2026-11-22T08:00:00Z')}`,
    );
    expect(closed.body.items).toHaveLength(0);
    const accent = await workerA.get<{ items: unknown[] }>('/services?q=socialni%20REHAB');
    expect(accent.body.items).toHaveLength(1);
  });

  it('refuses bad input with problem+json naming the fields, and stores nothing', async () => {
    const before = await workerA.get<{ items: unknown[] }>(`/services?providerId=${providerA}&limit=100`);
    const bad = await adminA.post<{ status: number; errors: { path: string }[] }>(
      '/services',
      serviceBody({ ageMin: 70, ageMax: 20, districts: ['atlantis'], unknownField: 1 }),
    );
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const paths = bad.body.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.districts[0]', 'body']));
    const outside = await adminA.post<{ errors: { code: string }[] }>(
      '/services',
      serviceBody({ districts: ['zlin'] }),
    );
    expect(outside.status).toBe(422);
    expect(outside.body.errors[0]!.code).toBe('district-outside-region');
    const malformed = await call(rt, 'POST', '/services', {
      token: adminA.token,
      rawBody: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    const wrongType = await call(rt, 'POST', '/services', {
      token: adminA.token,
      rawBody: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    const after = await workerA.get<{ items: unknown[] }>(`/services?providerId=${providerA}&limit=100`);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('lets only the owning provider admin change a service, with If-Match', async () => {
    const created = await adminA.post<{ id: string }>('/services', serviceBody({ name: 'Dílna B' }));
    const id = created.body.id;
    const byOtherTenant = await adminB.patch(
      `/services/${id}`,
      { name: 'Hijacked' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(byOtherTenant.status).toBe(404);
    const byWorker = await workerA.patch(
      `/services/${id}`,
      { name: 'X' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(byWorker.status).toBe(403);
    const noIfMatch = await adminA.patch(`/services/${id}`, { name: 'Dílna C' });
    expect(noIfMatch.status).toBe(428);
    const ok = await adminA.patch<{ name: string; version: number }>(
      `/services/${id}`,
      { name: 'Dílna C' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await adminA.patch(
      `/services/${id}`,
      { name: 'Dílna D' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(stale.status).toBe(412);
    const current = await workerA.get<{ name: string }>(`/services/${id}`);
    expect(current.body.name).toBe('Dílna C');
  });

  it('changes only the fields a PATCH names: defaults never overwrite what is stored', async () => {
    const created = await adminA.post<Record<string, unknown> & { id: string }>(
      '/services',
      serviceBody({
        name: 'Terénní program',
        fieldPlaces: ['nádraží'],
        anonymousMode: 'allowed',
        referralResponseDays: 7,
        contact: { phone: '+420 481 000 111' },
      }),
    );
    expect(created.status).toBe(201);
    const renamed = await adminA.patch<Record<string, unknown>>(
      `/services/${created.body.id}`,
      { name: 'Terénní program Semily' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(renamed.status).toBe(200);
    const { name: _name, version: _version, updatedAt: _updatedAt, ...rest } = renamed.body;
    const { name: _n, version: _v, updatedAt: _u, ...before } = created.body;
    expect(rest).toEqual(before);
    expect(renamed.body.hours).toHaveLength(5);

    const worker = await adminA.post<{ id: string; serviceIds: string[] }>('/workers', {
      name: 'Eva Nová',
      email: `eva.${newId().toLowerCase()}@a.example`,
      roles: ['worker'],
      serviceIds: [created.body.id],
    });
    const deactivated = await adminA.patch<{ serviceIds: string[]; active: boolean }>(
      `/workers/${worker.body.id}`,
      { active: false },
      { headers: { 'if-match': '"1"' } },
    );
    expect(deactivated.body).toMatchObject({ active: false, serviceIds: [created.body.id] });

    const provider = await adminA.get<{ contact: unknown; version: number }>(`/providers/${providerA}`);
    const renamedProvider = await adminA.patch<{ contact: unknown }>(
      `/providers/${providerA}`,
      { name: 'Poskytovatel A, z. ú.' },
      { headers: { 'if-match': `"${provider.body.version}"` } },
    );
    expect(renamedProvider.status).toBe(200);
    expect(renamedProvider.body.contact).toEqual(provider.body.contact);
  });

  it('sets availability and announces CapacityChanged exactly once', async () => {
    const created = await adminA.post<{ id: string }>('/services', serviceBody({ name: 'Kapacita' }));
    const res = await adminA.put<{ availability: { waitingDays: number } }>(
      `/services/${created.body.id}/availability`,
      { capacity: 10, waitingDays: 60, acceptingReferrals: false },
      { headers: { 'if-match': '"1"' } },
    );
    expect(res.status).toBe(200);
    await rt.settle();
    const events = rt.bus.archive.filter(
      (e) =>
        e.event['detail-type'] === 'CapacityChanged' &&
        (e.event.detail as { subject: { id: string } }).subject.id === created.body.id,
    );
    expect(events).toHaveLength(1);
    expect(
      (events[0]!.event.detail as { data: { service: { availability: { waitingDays: number } } } }).data
        .service.availability.waitingDays,
    ).toBe(60);
  });

  it('paginates with opaque cursors and refuses forged ones', async () => {
    const page1 = await workerA.get<{ items: { id: string }[]; nextCursor?: string }>(
      `/services?providerId=${providerA}&limit=2`,
    );
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toBeDefined();
    const page2 = await workerA.get<{ items: { id: string }[] }>(
      `/services?providerId=${providerA}&limit=2&cursor=${encodeURIComponent(page1.body.nextCursor!)}`,
    );
    expect(page2.status).toBe(200);
    const ids = [...page1.body.items, ...page2.body.items].map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const forged = Buffer.from(
      JSON.stringify({ pk: providerB, sk: 'SERVICE#x', gsi1pk: 'REGION#CZ063#SERVICES', gsi1sk: 'x' }),
    ).toString('base64url');
    const res = await workerA.get(`/services?cursor=${forged}`);
    expect(res.status).toBe(400);
    const tooBig = await workerA.get('/services?limit=1000');
    expect(tooBig.status).toBe(422);
  });
});

describe('auth', () => {
  it('rejects missing, expired, foreign-signed and wrong-audience tokens like the JWT authorizer', async () => {
    expect((await call(rt, 'GET', '/services')).status).toBe(401);
    const expired = await rt.token({
      sub: 'x',
      tenantId: providerA,
      roles: ['worker'],
      issuedAt: new Date(Date.now() - 7200_000),
      expiresInSeconds: 60,
    });
    expect((await call(rt, 'GET', '/services', { token: expired })).status).toBe(401);
    const foreign = await rt.issuer.issueWithForeignKey({
      sub: 'x',
      region: 'CZ051',
      tenantId: providerA,
      roles: ['worker'],
    });
    expect((await call(rt, 'GET', '/services', { token: foreign })).status).toBe(401);
    const wrongAud = await rt.token({
      sub: 'x',
      tenantId: providerA,
      roles: ['worker'],
      audience: 'someone-else',
    });
    expect((await call(rt, 'GET', '/services', { token: wrongAud })).status).toBe(401);
    const noScope = await rt.token({ sub: 'x', tenantId: providerA, roles: ['partner'], scopes: [] });
    expect((await call(rt, 'GET', '/services', { token: noScope })).status).toBe(403);
    const otherRegion = await rt.token({ sub: 'x', tenantId: providerA, roles: ['worker'], region: 'CZ063' });
    expect((await call(rt, 'GET', '/services', { token: otherRegion })).status).toBe(403);
  });

  it('lets only platform ops register providers, and a provider admin change only their own', async () => {
    expect((await adminA.post('/providers', { name: 'X' })).status).toBe(403);
    const other = await adminA.patch(
      `/providers/${providerB}`,
      { name: 'Taken over' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(other.status).toBe(403);
    const ownVersion = (await adminA.get<{ version: number }>(`/providers/${providerA}`)).body.version;
    const own = await adminA.patch<{ name: string }>(
      `/providers/${providerA}`,
      { address: 'Jilemnice 1' },
      { headers: { 'if-match': `"${ownVersion}"` } },
    );
    expect(own.status).toBe(200);
    expect((await adminB.get<{ name: string }>(`/providers/${providerB}`)).body.name).toBe(
      'Krizové centrum Liberec',
    );
  });
});

describe('idempotent creates', () => {
  it('returns the first result for a retried POST with the same Idempotency-Key', async () => {
    const key = `retry-${newId()}`;
    const first = await adminA.post<{ id: string }>(
      '/workers',
      { name: 'Petr Novák', email: 'petr@fokus.example', roles: ['key-worker'] },
      { headers: { 'idempotency-key': key } },
    );
    const second = await adminA.post<{ id: string }>(
      '/workers',
      { name: 'Petr Novák', email: 'petr@fokus.example', roles: ['key-worker'] },
      { headers: { 'idempotency-key': key } },
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const reused = await adminA.post(
      '/workers',
      { name: 'Someone Else', email: 'x@fokus.example', roles: ['worker'] },
      { headers: { 'idempotency-key': key } },
    );
    expect(reused.status).toBe(422);
    // Keys belong to one caller: another admin of the same provider does not get the stored response.
    const colleague = await actor(rt, { sub: newId(), tenantId: providerA, roles: ['provider-admin'] });
    const theirs = await colleague.post<{ id: string }>(
      '/workers',
      { name: 'Petra Nováková', email: 'petra@fokus.example', roles: ['worker'] },
      { headers: { 'idempotency-key': key } },
    );
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(first.body.id);
    const workers = await adminA.get<{ items: { name: string }[] }>('/workers?limit=100');
    expect(workers.body.items.filter((w) => w.name === 'Petr Novák')).toHaveLength(1);
  });
});
