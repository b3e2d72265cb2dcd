// The security log (issue 16 item 8), on the local runtime over real HTTP: refused requests leave
// an entry (who, what, when, the answer) that platform ops read at GET /security-log, whether a
// service refused them (its HTTP stack writes an AccessRefused outbox item) or the authorizer did
// (the gateway's access-log line goes through the same parsing as the AWS subscription Lambda).
// The client-data audit is not touched by refusals. Also: a body over 10 MB gets 413 problem+json.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { security } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { ActorClient } from '../../packages/local/test-support/harness';
import { actor, call, startTestRuntime } from '../../packages/local/test-support/harness';
import { manifests } from '../../services/manifests';
import type { MatrixWorld, Rec } from './matrix/fixtures';
import { ifMatch, newClient } from './matrix/fixtures';
import { allMatrixFixtures } from './matrix/index';
import { createMatrixWorld, scanAll } from './matrix/world';

jest.setTimeout(300_000);

type Entry = security.SecurityLogEntry;
type Page = { items: Entry[]; nextCursor?: string };

let rt: RegionRuntime;
let w: MatrixWorld;
let workerB: ActorClient;
let adminB: ActorClient;
let clientA: Rec;

const burstThreshold = 3;

const auditEntries = async () =>
  new Map(
    [...(await scanAll(rt))].filter(
      ([, item]) => (JSON.parse(item) as { entity?: string }).entity === 'audit',
    ),
  );

const requestIdOf = (res: { headers: Headers; body: unknown }) =>
  res.headers.get('apigw-requestid') ??
  String((res.body as { instance?: string }).instance ?? '').replace(/^urn:request:/, '');

/** Every entry the query finds, page by page (small pages: the cursor is exercised). */
const readLog = async (query: Record<string, string>) => {
  const items: Entry[] = [];
  let cursor: string | undefined;
  do {
    const res = await w.ops.get<Page>(
      `/security-log?${new URLSearchParams({ limit: '3', ...query, ...(cursor ? { cursor } : {}) })}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
};

beforeAll(async () => {
  rt = await startTestRuntime(manifests, {
    settings: { SECURITY_BURST_THRESHOLD: String(burstThreshold) },
  });
  w = await createMatrixWorld(rt);
  workerB = await actor(rt, { sub: newId(), tenantId: w.providerB, roles: ['worker'] });
  adminB = await actor(rt, { sub: newId(), tenantId: w.providerB, roles: ['provider-admin'] });
  clientA = await newClient(w);
  await newClient(w);
  await rt.settle();
}, 240_000);

afterAll(async () => {
  await rt?.stop();
});

describe('security log of refused access', () => {
  const refused: { what: string; status: number; requestId: string; caller?: string; targetId?: string }[] =
    [];
  let auditBefore: Map<string, string>;

  it('refuses what it must, and the refusals do not touch the client-data audit', async () => {
    // Tenant A's own (audited) calls first: a cursor of its client list, a referral it sent.
    const pageA = await w.workerA.get<{ nextCursor?: string }>('/clients?limit=1');
    expect(pageA.status).toBe(200);
    expect(pageA.body.nextCursor).toBeDefined();
    const sent = await allMatrixFixtures['referrals.getReferral']!.build(w);
    const referralId = sent.params!.referralId!;
    await rt.settle();
    auditBefore = await auditEntries();
    const note = (
      what: string,
      res: { status: number; headers: Headers; body: unknown },
      caller?: string,
      targetId?: string,
    ) => refused.push({ what, status: res.status, requestId: requestIdOf(res), caller, targetId });

    // Another provider's worker reads tenant A's client by id.
    const read = await workerB.get(`/clients/${clientA.id}`);
    expect([403, 404]).toContain(read.status);
    note('foreign client by id', read, workerB.sub, clientA.id);

    // Reuses tenant A's cursor.
    const cursor = await workerB.get(`/clients?limit=1&cursor=${encodeURIComponent(pageA.body.nextCursor!)}`);
    expect(cursor.status).toBe(400);
    expect(cursor.headers.get('content-type')).toMatch(/application\/problem\+json/);
    note('foreign cursor', cursor, workerB.sub);

    // Edits tenant A's service.
    const edit = await adminB.patch(
      `/services/${w.serviceA}`,
      { name: 'Převzatá služba' },
      { headers: ifMatch(1) },
    );
    expect([403, 404]).toContain(edit.status);
    note('foreign service edit', edit, adminB.sub, w.serviceA);

    // Accepts a referral sent from A to a third provider.
    const accept = await workerB.post(
      `/referrals/${referralId}/transitions`,
      { action: 'accept' },
      { headers: ifMatch(2) },
    );
    expect([403, 404]).toContain(accept.status);
    note('foreign referral accept', accept, workerB.sub, referralId);

    // Forged and expired tokens: the authorizer answers, no service runs.
    const forged = await call(rt, 'GET', `/clients/${clientA.id}`, {
      token: await rt.issuer.issueWithForeignKey({
        sub: newId(),
        tenantId: w.providerB,
        roles: ['worker'],
        region: rt.region,
      }),
    });
    expect(forged.status).toBe(401);
    note('forged token', forged, undefined, clientA.id);
    const expired = await call(rt, 'GET', `/clients/${clientA.id}`, {
      token: await rt.token({
        sub: newId(),
        tenantId: w.providerB,
        roles: ['worker'],
        issuedAt: new Date(Date.now() - 2 * 3_600_000),
        expiresInSeconds: 3600,
      }),
    });
    expect(expired.status).toBe(401);
    note('expired token', expired, undefined, clientA.id);

    // A token without the route's scope.
    const partnerSub = newId();
    const noScope = await call(rt, 'GET', `/clients/${clientA.id}`, {
      token: await rt.token({ sub: partnerSub, tenantId: w.providerB, roles: ['partner'], scopes: [] }),
    });
    expect(noScope.status).toBe(403);
    note('no scope', noScope, partnerSub, clientA.id);

    // Neither a worker nor a provider admin may read the security log.
    for (const who of [w.workerA, w.adminA]) {
      const res = await who.get('/security-log');
      expect(res.status).toBe(403);
      note(`security log as ${who.roles.join(' ')}`, res, who.sub);
    }

    await rt.settle();
    expect(await auditEntries()).toEqual(auditBefore);
  });

  it('shows each refusal to platform ops with its caller, target and answer', async () => {
    const log = await readLog({});
    const byRequest = new Map(log.map((e) => [e.requestId, e]));
    for (const r of refused) {
      const entry = byRequest.get(r.requestId);
      if (!entry)
        throw new Error(`${r.what} (${r.status}, request ${r.requestId}) is not in the security log`);
      expect(entry.status).toBe(r.status);
      if (r.caller)
        expect([entry.caller.sub, entry.caller.workerId, entry.caller.clientId]).toContain(r.caller);
      if (r.targetId) expect(entry.targetId).toBe(r.targetId);
    }
    const forged = byRequest.get(refused.find((r) => r.what === 'forged token')!.requestId)!;
    expect(forged).toMatchObject({
      refusedBy: 'gateway',
      reason: 'unauthenticated',
      targetParam: 'clientId',
    });
    expect(forged.routeKey).toBe('GET /clients/{clientId}');
    const cursor = byRequest.get(refused.find((r) => r.what === 'foreign cursor')!.requestId)!;
    expect(cursor).toMatchObject({ refusedBy: 'intake', reason: 'cursor', routeId: 'intake.listClients' });
    expect(cursor.caller.tenantId).toBe(w.providerB);
    const noScope = byRequest.get(refused.find((r) => r.what === 'no scope')!.requestId)!;
    expect(noScope).toMatchObject({ refusedBy: 'gateway', reason: 'forbidden' });
    expect(noScope.caller).toMatchObject({ tenantId: w.providerB, roles: ['partner'] });

    // Newest first, and ids only: no client data in any entry.
    const times = log.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const text = JSON.stringify(log);
    for (const secret of w.clientSecretsA)
      if (!/^[0-9A-Z]{26}$/.test(secret)) expect(text).not.toContain(secret);
  });

  it('filters by caller and status, and refuses bad input with problem+json', async () => {
    const mine = await readLog({ caller: workerB.sub });
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine.every((e) => e.caller.sub === workerB.sub)).toBe(true);
    const unauthenticated = await readLog({ status: '401' });
    expect(unauthenticated.length).toBeGreaterThanOrEqual(2);
    expect(unauthenticated.every((e) => e.status === 401)).toBe(true);

    const past = await w.ops.get<Page>('/security-log?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z');
    expect(past.body.items).toEqual([]);
    const tooLong = await w.ops.get('/security-log?from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z');
    expect(tooLong.status).toBe(422);
    const backwards = await w.ops.get('/security-log?from=2021-01-01T00:00:00Z&to=2020-01-01T00:00:00Z');
    expect(backwards.status).toBe(422);
    const forgedCursor = Buffer.from(JSON.stringify({ pk: 'SECLOG#2020-01-01', sk: 7 })).toString(
      'base64url',
    );
    const bad = await w.ops.get(`/security-log?cursor=${forgedCursor}`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('marks the refusal that takes a caller over the burst threshold', async () => {
    const prober = await actor(rt, { sub: newId(), tenantId: w.providerB, roles: ['worker'] });
    // At once: the bus delivers them concurrently, and none may be lost or counted twice.
    const probes = burstThreshold + 3;
    const statuses = await Promise.all(
      [...Array(probes).keys()].map(async () => (await prober.get(`/clients/${newId()}`)).status),
    );
    expect(statuses).toEqual(Array(probes).fill(404));
    await rt.settle();
    expect(rt.bus.deadLetters).toEqual([]);
    const entries = await readLog({ caller: prober.sub });
    expect(entries).toHaveLength(probes);
    expect(entries.filter((e) => e.burst)).toHaveLength(1);
    // Redelivering every refusal (an archive replay) adds nothing.
    const replayed = await rt.bus.replay(
      (e) => e.event['detail-type'] === 'AccessRefused',
      'directory-securityEvents',
    );
    expect(replayed).toBeGreaterThanOrEqual(probes);
    await rt.settle();
    expect(rt.bus.deadLetters).toEqual([]);
    const again = await readLog({ caller: prober.sub });
    expect(again).toEqual(entries);
  });
});

describe('security log time', () => {
  it("puts the authorizer's refusals on the runtime's clock, as the services' own", async () => {
    rt.clock.advance(3 * 86_400_000);
    const forged = await call(rt, 'GET', `/clients/${clientA.id}`, {
      token: await rt.issuer.issueWithForeignKey({ sub: newId(), roles: ['worker'], region: rt.region }),
    });
    expect(forged.status).toBe(401);
    const read = await workerB.get(`/clients/${clientA.id}`);
    await rt.settle();
    // The default window is the runtime's last 24 hours: only these two, none from "3 days ago".
    const log = await readLog({});
    expect(log.map((e) => e.requestId).sort()).toEqual([requestIdOf(forged), requestIdOf(read)].sort());
  });
});

describe('the local gateway and oversized bodies', () => {
  /** Sends `size` bytes over real HTTP, announced (content-length) or chunked, and reads the answer. */
  const post = (size: number, chunked: boolean) =>
    new Promise<{ status: number; contentType?: string; body: string }>((resolve, reject) => {
      const url = new URL('/clients', rt.url);
      const req = httpRequest(
        url,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${w.workerA.token}`,
            'content-type': 'application/json',
            ...(chunked ? {} : { 'content-length': String(size) }),
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body }),
          );
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const write = () => {
        while (sent < size) {
          const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
          sent += part.length;
          if (!req.write(part)) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });

  it.each([
    ['announced', false],
    ['chunked', true],
  ])('answers a body over 10 MB (%s) with 413 problem+json, not a reset', async (_how, chunked) => {
    const res = await post(11 * 1024 * 1024, chunked);
    expect(res.status).toBe(413);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({
      status: 413,
      type: expect.stringMatching(/payload-too-large$/),
    });
    // The gateway is still serving.
    expect((await w.workerA.get('/clients?limit=1')).status).toBe(200);
  });
});
