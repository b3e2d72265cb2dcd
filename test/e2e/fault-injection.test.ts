// Zero loss under faults (issue 9): a seeded random workload runs through the gateway across
// intake, plans and referrals (send, receive, accept, decline, waitlist, start, complete, cancel,
// shared care, handover) while the local runtime injects faults at every hop — PutEvents entry
// failures and throttling, the outbox publisher crashing mid-batch, consumers failing before and
// after their write, duplicated and reordered deliveries — plus optimistic-concurrency races.
// A partner webhook endpoint answers 5xx or too late now and then. Afterwards: every committed
// change was published, every consumer applied every event exactly once, the statistics equal the
// ground truth the workload kept, the partner took every webhook exactly once in effect, and
// nothing is left pending or dead-lettered.
// Replay a failure with SPOLU_FAULT_SEED=<seed printed below>; `npm run test:soak` runs it bigger.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '@spolu/contracts';
import type { AnyEnvelope, stats } from '@spolu/contracts';
import { FaultInjector } from '../../packages/local/src/faults';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { ActorClient } from '../../packages/local/test-support/harness';
import { actor, startTestRuntime } from '../../packages/local/test-support/harness';
import { manifest as directory } from '../../services/directory/manifest';
import { manifest as intake } from '../../services/intake/manifest';
import { manifest as plans } from '../../services/plans/manifest';
import { manifest as referrals } from '../../services/referrals/manifest';
import { manifest as statsService } from '../../services/stats/manifest';
import { manifest as webhooks } from '../../services/webhooks/manifest';
import { registerProvider, serviceBody } from '../../services/directory/test/fixtures';
import type { FlakyReceiver } from './flaky-receiver';
import { startFlakyReceiver } from './flaky-receiver';

// Six services against one runtime under faults: minutes on a loaded 2-core machine.
jest.setTimeout(600_000);

process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL'; // injected crashes would otherwise flood the log

const seed = Number(process.env.SPOLU_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const operations = Number(process.env.SPOLU_FAULT_OPS ?? 100);
const faults = new FaultInjector({
  seed,
  putEventsEntryFailure: 0.1,
  putEventsThrottle: 0.05,
  publisherCrash: 0.1,
  duplicateDelivery: 0.15,
  reorderMs: 30,
  consumerFailsBefore: 0.1,
  consumerFailsAfter: 0.1,
});
/** The sender gives up on the partner after this long; the slow partner answers after twice it. */
const webhookTimeoutMs = 500;

/** The workload's own choices: one stream per provider, derived from the seed, so a provider's
 * sequence of choices replays exactly (the interleaving of the three sequences and the runtime's
 * timing still vary from run to run). */
const streamOf = (n: number) => {
  let a = (seed ^ 0x9e3779b9 ^ Math.imul(n + 1, 0x85ebca6b)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
type Random = () => number;
const pickWith = <T>(random: Random, items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const subsetWith = <T>(random: Random, items: readonly T[]) => {
  const chosen = items.filter(() => random() < 0.4);
  return chosen.length > 0 ? chosen : [pickWith(random, items)];
};

const needCodes = ['harm-reduction', 'addiction-treatment', 'detox', 'mental-health'] as const;
const declineReasons = ['no-capacity', 'not-eligible'] as const;

interface Client {
  id: string;
  version: number;
  agreed: boolean;
  /** Providers the client consented to share with (referral-share). */
  consentTo: Set<string>;
}
interface Tenant {
  id: string;
  random: Random;
  name: string;
  serviceId: string;
  worker: ActorClient;
  clients: Client[];
}
interface Referral {
  id: string;
  version: number;
  status: string;
  sender: Tenant;
  receiver: Tenant;
  clientId: string;
  needs: string[];
}

/** What the workload did, per provider: the ground truth the statistics must equal. */
interface ProviderTruth {
  'new-clients': number;
  agreements: number;
  contacts: number;
  'needles-given': number;
  'needles-returned': number;
  interventions: Record<string, number>;
  /** need -> clients with it assessed (unique) */
  'needs-assessed': Map<string, Set<string>>;
  'referrals-sent': number;
  'referrals-accepted': number;
  'referrals-declined': Record<string, number>;
  /** need -> referred clients accepted / declined for no capacity or waitlisted here (unique) */
  'needs-met': Map<string, Set<string>>;
  'needs-unmet': Map<string, Set<string>>;
}
const newTruth = (): ProviderTruth => ({
  'new-clients': 0,
  agreements: 0,
  contacts: 0,
  'needles-given': 0,
  'needles-returned': 0,
  interventions: {},
  'needs-assessed': new Map(),
  'referrals-sent': 0,
  'referrals-accepted': 0,
  'referrals-declined': {},
  'needs-met': new Map(),
  'needs-unmet': new Map(),
});
const addTo = (m: Map<string, Set<string>>, keys: readonly string[], subject: string) => {
  for (const k of keys) m.set(k, (m.get(k) ?? new Set()).add(subject));
};
const bump = (r: Record<string, number>, key: string, n = 1) => void (r[key] = (r[key] ?? 0) + n);

const truth = new Map<string, ProviderTruth>();
/** Events the workload's successful calls must have produced, by type. */
const emitted: Record<string, number> = {};
const ops: Record<string, number> = {};
const races = { wins: 0, losses: 0 };
const referralsMade: Referral[] = [];
const sharedCare: { id: string; version: number; owner: Tenant; ended: boolean }[] = [];

let rt: RegionRuntime;
let receiver: FlakyReceiver;
let coordinator: ActorClient;
const tenants: Tenant[] = [];
const subscriptions: {
  path: string;
  id: string;
  admin: ActorClient;
  tenant: Tenant;
  addressedOnly: boolean;
}[] = [];
const webhookTypes = [
  'ClientRegistered',
  'AgreementMade',
  'ContactRecorded',
  'NeedsAssessed',
  'ConsentGiven',
  'PlanOpened',
  'ReferralSent',
  'ReferralReceived',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralWaitlisted',
  'ReferralStarted',
  'ReferralCompleted',
  'ReferralCancelled',
  'SharedCareStarted',
  'SharedCareEnded',
  'HandoverCompleted',
];

const pragueYear = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague', year: 'numeric' }).format(at);
let year = '';

beforeAll(async () => {
  console.log(
    `fault injection: seed ${seed} (replay with SPOLU_FAULT_SEED=${seed}), ${operations} operations`,
  );
  rt = await startTestRuntime([directory, intake, plans, referrals, statsService, webhooks], {
    faults,
    busMaxAttempts: 20,
    busRetryBaseMs: 2,
    settings: {
      // Exact figures: this suite proves exactly-once delivery against the workload's ground truth;
      // the cell-key noise of published figures is stats-disclosure.test.ts's subject.
      STATS_DISCLOSURE: 'per-table',
      WEBHOOKS_ALLOW_LOOPBACK: 'true',
      WEBHOOKS_TIMEOUT_MS: String(webhookTimeoutMs),
      // Retries are driven by the runtime clock (the drain below advances it), never by real time.
      WEBHOOKS_RETRY_SCHEDULE_SECONDS: '60,60,60,60,60,60,60,60',
    },
  });
  // Statistics are compared for one calendar year: never start within minutes of its end.
  const now = rt.clock.now();
  if (pragueYear(now) !== pragueYear(new Date(now.getTime() + 30 * 60_000))) rt.clock.advance(31 * 60_000);
  year = pragueYear(rt.clock.now());

  receiver = await startFlakyReceiver({
    seed: seed ^ 0x5bd1e995,
    timeout: 0.12,
    serverError: 0.15,
    slowMs: webhookTimeoutMs * 3,
    maxFailuresPerMessage: 3,
  });
  const platformOps = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
  coordinator = await actor(rt, { sub: newId(), roles: ['regional-coordinator'] });
  for (const name of ['Spektrum Fault', 'K-centrum Fault', 'Detox Fault']) {
    const id = await registerProvider(platformOps, name);
    const admin = await actor(rt, { sub: newId(), tenantId: id, roles: ['provider-admin'] });
    const service = await admin.post<{ id: string }>(
      '/services',
      serviceBody({
        name: `${name} KC`,
        type: 's59',
        targetGroups: ['substance-users'],
        ageMax: 99,
        districts: ['liberec'],
        anonymousMode: 'allowed',
        needCodes: [...needCodes],
        availability: { capacity: 20, waitingDays: 7, acceptingReferrals: true },
      }),
    );
    expect(service.status).toBe(201);
    const tenant: Tenant = {
      id,
      random: streamOf(tenants.length),
      name,
      serviceId: service.body.id,
      worker: await actor(rt, { sub: newId(), tenantId: id, roles: ['key-worker'] }),
      clients: [],
    };
    tenants.push(tenant);
    truth.set(id, newTruth());
    // The first provider's partner takes its own events; the second's only what others address to it.
    if (tenants.length <= 2) {
      const path = tenants.length === 1 ? '/own' : '/addressed';
      const addressedOnly = tenants.length === 2;
      const sub = await admin.post<{ id: string; secret: string }>('/webhooks/subscriptions', {
        url: receiver.url(path),
        eventTypes: webhookTypes,
        description: 'Partner CRM (flaky)',
        ...(addressedOnly ? { filter: { addressedToProvider: true } } : {}),
      });
      expect(sub.status).toBe(201);
      receiver.trust(path, sub.body.secret);
      subscriptions.push({ path, id: sub.body.id, admin, tenant, addressedOnly });
    }
  }
  await rt.settle(120_000); // intake and referrals must know the services before they are used
});

afterAll(async () => {
  await rt?.stop();
  await receiver?.close();
});

const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });
const minuteAgo = () => new Date(rt.clock.now().getTime() - 60_000).toISOString();
const expectStatus = (res: { status: number; body: unknown }, status: number, what: string) => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
};
const count = (op: string, event?: string) => {
  ops[op] = (ops[op] ?? 0) + 1;
  if (event) emitted[event] = (emitted[event] ?? 0) + 1;
};

/** Shared care and handover need the client's consent, which referrals learns from intake's
 * events: under faults that can take a moment, so the caller retries the 422 as a client would. */
const whenConsentKnown = async <T>(call: () => Promise<{ status: number; body: T }>) => {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await call();
    const problem = res.body as { errors?: { code?: string }[] } | undefined;
    const noConsent = problem?.errors?.some((e) => e.code === 'no-consent') ?? false;
    if (res.status !== 422 || !noConsent || Date.now() > deadline) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
};

const others = (t: Tenant) => tenants.filter((o) => o !== t);

const registerClient = async (t: Tenant) => {
  const res = await t.worker.post<{ id: string; version: number }>(
    '/clients',
    {
      serviceId: t.serviceId,
      identity: {
        kind: 'anonymous',
        clientCode: `F${newId().slice(-8)}`,
        birthYear: 1970 + Math.floor(t.random() * 30),
        sex: pickWith(t.random, ['male', 'female']),
        district: 'liberec',
      },
    },
    { headers: { 'idempotency-key': `fault-${newId()}` } },
  );
  expectStatus(res, 201, 'register client');
  t.clients.push({ id: res.body.id, version: res.body.version, agreed: false, consentTo: new Set() });
  truth.get(t.id)!['new-clients'] += 1;
  count('client registered', 'ClientRegistered');
};

const recordContact = async (t: Tenant) => {
  const client = pickWith(t.random, t.clients);
  const interventions = subsetWith(t.random, [
    {
      type: 'needle-exchange',
      given: 1 + Math.floor(t.random() * 20),
      returned: Math.floor(t.random() * 20),
    },
    { type: 'counselling' },
    { type: 'test', test: 'hcv', result: 'negative' },
    { type: 'information' },
  ] as const);
  const res = await t.worker.post('/contacts', {
    serviceId: t.serviceId,
    kind: 'client',
    clientId: client.id,
    occurredAt: minuteAgo(),
    durationMinutes: 5 + Math.floor(t.random() * 30),
    place: { kind: 'centre' },
    interventions,
  });
  expectStatus(res, 201, 'contact');
  const p = truth.get(t.id)!;
  p.contacts += 1;
  for (const i of interventions) {
    bump(p.interventions, i.type);
    if (i.type === 'needle-exchange') {
      p['needles-given'] += i.given;
      p['needles-returned'] += i.returned;
    }
  }
  count('contact', 'ContactRecorded');
};

const step = async (t: Tenant) => {
  const roll = t.random();
  const unagreed = t.clients.filter((c) => !c.agreed);
  const incoming = referralsMade.filter(
    (r) =>
      r.receiver === t && ['sent', 'received', 'waitlisted', 'accepted', 'in-progress'].includes(r.status),
  );
  const consenting = t.clients.filter((c) => c.consentTo.size > 0);
  if (roll < 0.16 || t.clients.length < 3) {
    await registerClient(t);
  } else if (roll < 0.24 && unagreed.length > 0) {
    const client = pickWith(t.random, unagreed);
    const res = await t.worker.post(`/clients/${client.id}/agreements`, {
      serviceId: t.serviceId,
      form: 'oral',
      goal: 'Snížit rizika',
    });
    expectStatus(res, 201, 'agreement');
    client.agreed = true;
    truth.get(t.id)!.agreements += 1;
    count('agreement', 'AgreementMade');
  } else if (roll < 0.42) {
    await recordContact(t);
  } else if (roll < 0.5) {
    const client = pickWith(t.random, t.clients);
    const needs = subsetWith(t.random, needCodes);
    const res = await t.worker.post(`/clients/${client.id}/needs-assessments`, {
      serviceId: t.serviceId,
      assessedAt: minuteAgo(),
      needs: needs.map((code) => ({
        code,
        clientPriority: 'high',
        workerPriority: pickWith(t.random, ['high', 'medium']),
      })),
    });
    expectStatus(res, 201, 'needs assessment');
    addTo(truth.get(t.id)!['needs-assessed'], needs, client.id);
    count('needs assessment', 'NeedsAssessed');
  } else if (roll < 0.56) {
    const client = pickWith(t.random, t.clients);
    const to = others(t).filter((o) => !client.consentTo.has(o.id));
    if (to.length === 0) return recordContact(t);
    const recipient = pickWith(t.random, to);
    const res = await t.worker.post(`/clients/${client.id}/consents`, {
      purpose: 'referral-share',
      serviceId: t.serviceId,
      recipientProviderId: recipient.id,
      sharedFields: ['needs', 'ageBand'],
      givenAt: minuteAgo(),
    });
    expectStatus(res, 201, 'consent');
    client.consentTo.add(recipient.id);
    count('consent', 'ConsentGiven');
  } else if (roll < 0.7) {
    // Draft and send a referral to another provider's service.
    const client = pickWith(t.random, t.clients);
    const to = pickWith(t.random, others(t));
    const needs = subsetWith(t.random, needCodes);
    const draft = await t.worker.post<{ id: string; version: number }>(
      '/referrals',
      {
        clientId: client.id,
        fromServiceId: t.serviceId,
        toServiceId: to.serviceId,
        ageBand: '27-64',
        district: 'liberec',
        targetGroup: 'substance-users',
        needCodes: needs,
      },
      { headers: { 'idempotency-key': `fault-${newId()}` } },
    );
    expectStatus(draft, 201, 'referral draft');
    const sent = await t.worker.post<{ version: number; status: string }>(
      `/referrals/${draft.body.id}/transitions`,
      { action: 'send', clientData: { needs: [...needs], ageBand: '27-64' } },
      ifMatch(draft.body.version),
    );
    expectStatus(sent, 200, 'referral send');
    referralsMade.push({
      id: draft.body.id,
      version: sent.body.version,
      status: sent.body.status,
      sender: t,
      receiver: to,
      clientId: client.id,
      needs,
    });
    truth.get(t.id)!['referrals-sent'] += 1;
    count('referral sent', 'ReferralSent');
  } else if (roll < 0.86 && incoming.length > 0) {
    await answerReferral(t, pickWith(t.random, incoming));
  } else if (roll < 0.9 && consenting.length > 0) {
    // Shared care with a provider the client consented to, coordinated by this provider.
    const client = pickWith(t.random, consenting);
    const partner = tenants.find((o) => client.consentTo.has(o.id))!;
    const party = (o: Tenant) => ({
      providerId: o.id,
      serviceId: o.serviceId,
      responsibilities: o === t ? 'Koordinace, kontaktní práce' : 'Krizová intervence',
      contact: { name: 'Pracovník služby' },
    });
    const res = await whenConsentKnown(() =>
      t.worker.post<{ id: string; version: number }>('/shared-care', {
        clientId: client.id,
        parties: [party(t), party(partner)],
        coordinatorProviderId: t.id,
        nextReviewAt: new Date(rt.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
      }),
    );
    expectStatus(res, 201, 'shared care');
    sharedCare.push({ id: res.body.id, version: res.body.version, owner: t, ended: false });
    count('shared care started', 'SharedCareStarted');
  } else if (roll < 0.92 && sharedCare.some((s) => s.owner === t && !s.ended)) {
    const care = pickWith(
      t.random,
      sharedCare.filter((s) => s.owner === t && !s.ended),
    );
    const res = await t.worker.patch(`/shared-care/${care.id}`, { status: 'ended' }, ifMatch(care.version));
    expectStatus(res, 200, 'shared care end');
    care.ended = true;
    count('shared care ended', 'SharedCareEnded');
  } else if (roll < 0.95 && consenting.length > 0) {
    // Handover of key work; the receiving provider's key worker confirms.
    const client = pickWith(t.random, consenting);
    const to = tenants.find((o) => client.consentTo.has(o.id))!;
    const res = await whenConsentKnown(() =>
      t.worker.post<{ id: string; version: number }>('/handovers', {
        clientId: client.id,
        toProviderId: to.id,
        toServiceId: to.serviceId,
        summary: { goal: 'Stabilizace', progress: 'Pravidelně dochází', currentSteps: ['Kontakt 1x týdně'] },
      }),
    );
    expectStatus(res, 201, 'handover');
    const done = await to.worker.post(
      `/handovers/${res.body.id}/confirmation`,
      undefined,
      ifMatch(res.body.version),
    );
    expectStatus(done, 200, 'handover confirmation');
    count('handover', 'HandoverCompleted');
  } else {
    // Two edits racing on the same ETag: exactly one wins, the other gets 412.
    const client = pickWith(t.random, t.clients);
    const current = await t.worker.get<{ version: number }>(`/clients/${client.id}`);
    const etag = ifMatch(current.body.version);
    const [a, b] = await Promise.all([
      t.worker.patch(`/clients/${client.id}`, { keyWorkerId: t.worker.sub }, etag),
      t.worker.patch(`/clients/${client.id}`, { keyWorkerId: newId() }, etag),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    races.wins += 1;
    races.losses += 1;
    count('client edit race');
  }
};

/** The receiver answers an incoming referral; sometimes the sender cancels at the same moment. */
const answerReferral = async (t: Tenant, r: Referral) => {
  const open = ['sent', 'received', 'waitlisted'].includes(r.status);
  const p = truth.get(t.id)!;
  const act = async (who: Tenant, body: Record<string, unknown>) =>
    who.worker.post<{ version: number; status: string }>(
      `/referrals/${r.id}/transitions`,
      body,
      ifMatch(r.version),
    );
  const applied = (res: { body: { version: number; status: string } }) => {
    r.version = res.body.version;
    r.status = res.body.status;
  };
  if (open && t.random() < 0.15) {
    // Receiver accepts while the sender cancels, both on the same version: exactly one wins.
    const [accept, cancel] = await Promise.all([
      act(t, { action: 'accept' }),
      act(r.sender, { action: 'cancel', reason: 'client-refused' }),
    ]);
    // The loser gets 412 (stale ETag) or, when the winner's change already made its action
    // illegal, 422 (the referrals handler checks the transition before the version); either way
    // it changed nothing.
    expect([accept.status, cancel.status].filter((s) => s === 200)).toHaveLength(1);
    expect([accept.status, cancel.status].filter((s) => s === 412 || s === 422)).toHaveLength(1);
    races.wins += 1;
    races.losses += 1;
    if (accept.status === 200) {
      applied(accept);
      p['referrals-accepted'] += 1;
      addTo(p['needs-met'], r.needs, r.clientId);
      count('referral race', 'ReferralAccepted');
    } else {
      applied(cancel);
      count('referral race', 'ReferralCancelled');
    }
    return;
  }
  const choices = open
    ? [...(r.status === 'sent' ? ['receive'] : []), 'accept', 'accept', 'decline', 'waitlist']
    : r.status === 'accepted'
      ? ['start', 'complete']
      : ['complete'];
  const action = pickWith(t.random, choices);
  const body: Record<string, unknown> = { action };
  if (action === 'decline') body.reason = pickWith(t.random, declineReasons);
  if (action === 'waitlist')
    body.expectedDate = new Date(rt.clock.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  if (action === 'complete') {
    body.outcome = pickWith(t.random, ['successful', 'not-successful']);
    if (body.outcome === 'not-successful') body.reason = 'client-unreachable';
  }
  const res = await act(t, body);
  expectStatus(res, 200, `referral ${action}`);
  applied(res);
  const event = {
    receive: 'ReferralReceived',
    accept: 'ReferralAccepted',
    decline: 'ReferralDeclined',
    waitlist: 'ReferralWaitlisted',
    start: 'ReferralStarted',
    complete: 'ReferralCompleted',
  }[action]!;
  if (action === 'accept') {
    p['referrals-accepted'] += 1;
    addTo(p['needs-met'], r.needs, r.clientId);
  }
  if (action === 'decline') {
    bump(p['referrals-declined'], String(body.reason));
    if (body.reason === 'no-capacity') addTo(p['needs-unmet'], r.needs, r.clientId);
  }
  if (action === 'waitlist') addTo(p['needs-unmet'], r.needs, r.clientId);
  count(`referral ${action}`, event);
};

const scan = async (service: string) => {
  const env = rt.envs.get(service)!;
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await env.ddb.send(
      new ScanCommand({ TableName: env.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

/** Every delivery of a subscription with the given status, through the delivery-log API. */
const deliveries = async (sub: (typeof subscriptions)[number], status: string) => {
  const items: { id: string; eventType: string; attempts: number }[] = [];
  let cursor: string | undefined;
  do {
    const res = await sub.admin.get<{ items: typeof items; nextCursor?: string }>(
      `/webhooks/subscriptions/${sub.id}/deliveries?status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expectStatus(res, 200, 'deliveries');
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
};

const table = async (who: ActorClient, indicator: string, query: Record<string, string>) => {
  const res = await who.get<stats.StatsTable>(
    `/stats/indicators/${indicator}/table?${new URLSearchParams({ period: year, ...query }).toString()}`,
  );
  expectStatus(res, 200, `stats ${indicator}`);
  return res.body;
};
const rowsOf = (t: stats.StatsTable) =>
  Object.fromEntries(t.rowKeys.map((k, i) => [k, t.rowTotals[i]!.value]).filter(([, v]) => v !== 0));
const sizes = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, s]) => [k, s.size]));
const union = (m: Map<string, Set<string>>) => new Set([...m.values()].flatMap((s) => [...s])).size;

describe('zero loss under injected faults', () => {
  it('publishes every committed change, applies every event exactly once, and the statistics and webhooks match the workload', async () => {
    // Three providers work concurrently, each in its own sequence; the webhook sender runs on
    // its schedule meanwhile (the runtime clock does not move during the workload).
    const phases: Record<string, number> = {};
    let mark = Date.now();
    const phase = (name: string) => {
      phases[name] = Math.round((Date.now() - mark) / 100) / 10;
      mark = Date.now();
    };
    let working = true;
    const sender = (async () => {
      while (working) {
        await rt.runSchedule('webhooks', 'sender');
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    try {
      await Promise.all(
        tenants.map(async (t, i) => {
          for (let n = i; n < operations; n += tenants.length) await step(t);
        }),
      );
    } finally {
      working = false;
      await sender;
    }
    phase('workload');
    await rt.settle(180_000);
    phase('settle');

    // Drain the webhook queue: retries are due a minute (±20 %) after a failure on the runtime clock.
    let drainRounds = 0;
    for (;;) {
      await rt.runSchedule('webhooks', 'sender');
      await rt.settle(120_000);
      const pending = (await Promise.all(subscriptions.map((s) => deliveries(s, 'pending')))).flat();
      if (pending.length === 0 || drainRounds >= 12) break;
      drainRounds += 1;
      rt.clock.advance(80_000);
    }
    expect(pragueYear(rt.clock.now())).toBe(year);
    phase('webhook drain');

    // ---- events: nothing lost, nothing applied twice, nothing pending ----
    const distinctOf = (type: string) =>
      new Map(
        rt.bus.archive
          .filter((e) => e.event['detail-type'] === type)
          .map((e) => [(e.event.detail as AnyEnvelope).id, e.event.detail as AnyEnvelope]),
      );
    const published = rt.bus.archive.length;
    const distinct = new Set(rt.bus.archive.map((e) => (e.event.detail as AnyEnvelope).id)).size;
    const agreements = emitted.AgreementMade ?? 0;
    const lost = Object.fromEntries(
      [...Object.entries(emitted), ['PlanOpened', agreements] as const].map(([type, n]) => [
        type,
        n - distinctOf(type).size,
      ]),
    );
    const pending = (
      await Promise.all(['directory', 'intake', 'plans', 'referrals', 'stats', 'webhooks'].map(scan))
    )
      .flat()
      .filter((i) => i.outboxPending);
    const planItems = (await scan('plans')).filter((i) => i.entity === 'plan');
    const clientsStored = (await scan('intake')).filter((i) => i.entity === 'client').length;
    const plansPerAgreement = new Map<string, number>();
    for (const p of planItems) {
      const agreementId = (p.data as { agreementId?: string }).agreementId ?? String(p.pk);
      plansPerAgreement.set(agreementId, (plansPerAgreement.get(agreementId) ?? 0) + 1);
    }
    const duplicatesApplied =
      [...plansPerAgreement.values()].filter((n) => n > 1).length +
      Math.max(0, planItems.length - agreements);

    // ---- statistics = ground truth, per provider (own view, unsuppressed) and region-wide ----
    const statsMismatches: string[] = [];
    const compare = (what: string, actual: unknown, expected: unknown) => {
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        statsMismatches.push(
          `${what}: stats ${JSON.stringify(actual)}, workload ${JSON.stringify(expected)}`,
        );
    };
    const sortKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort());
    let statsCompared = 0;
    const regionTotals: Record<string, number> = {};
    for (const t of tenants) {
      const p = truth.get(t.id)!;
      const expected: Record<string, number> = {
        'new-clients': p['new-clients'],
        clients: p['new-clients'],
        agreements: p.agreements,
        contacts: p.contacts,
        'needles-given': p['needles-given'],
        'needles-returned': p['needles-returned'],
        interventions: Object.values(p.interventions).reduce((a, b) => a + b, 0),
        'needs-assessed': union(p['needs-assessed']),
        'referrals-sent': p['referrals-sent'],
        'referrals-accepted': p['referrals-accepted'],
        'referrals-declined': Object.values(p['referrals-declined']).reduce((a, b) => a + b, 0),
        'needs-met': union(p['needs-met']),
        'needs-unmet': union(p['needs-unmet']),
      };
      for (const [indicator, value] of Object.entries(expected)) {
        const own = await table(t.worker, indicator, { view: 'own' });
        compare(`${t.name} ${indicator}`, own.total.value, value);
        if (!['clients', 'needs-assessed', 'needs-met', 'needs-unmet'].includes(indicator))
          regionTotals[indicator] = (regionTotals[indicator] ?? 0) + value;
        statsCompared += 1;
      }
      const breakdowns: [string, string, Record<string, number>][] = [
        ['interventions', 'intervention', p.interventions],
        ['referrals-declined', 'reason', p['referrals-declined']],
        ['needs-assessed', 'need', sizes(p['needs-assessed'])],
        ['needs-met', 'need', sizes(p['needs-met'])],
        ['needs-unmet', 'need', sizes(p['needs-unmet'])],
      ];
      for (const [indicator, rows, values] of breakdowns) {
        const own = await table(t.worker, indicator, { view: 'own', rows });
        compare(`${t.name} ${indicator} by ${rows}`, sortKeys(rowsOf(own)), sortKeys(values));
        statsCompared += 1;
      }
    }
    // Region view (what the planners see): totals are exact wherever suppression does not apply.
    const region = await table(coordinator, 'clients', {});
    const allClients = tenants.reduce((n, t) => n + truth.get(t.id)!['new-clients'], 0);
    compare('region clients', region.total.value, allClients >= region.threshold ? allClients : null);
    for (const [indicator, value] of Object.entries(regionTotals)) {
      const r = await table(coordinator, indicator, {});
      compare(`region ${indicator}`, r.total.value, value === 0 || value >= r.threshold ? value : null);
      statsCompared += 1;
    }

    // ---- webhooks: the partner took every expected event exactly once in effect ----
    const addressedTo = (e: AnyEnvelope, provider: string) =>
      e.tenantId !== provider &&
      (['receiverProviderId', 'toProviderId'].some((f) => e.data[f] === provider) ||
        (Array.isArray(e.data.providerIds) && (e.data.providerIds as unknown[]).includes(provider)));
    const webhookFigures: Record<string, unknown>[] = [];
    const webhookProblems: string[] = [];
    for (const sub of subscriptions) {
      const expectedIds = new Set(
        rt.bus.archive
          .map((e) => e.event.detail as AnyEnvelope)
          .filter(
            (e) =>
              webhookTypes.includes(e.type) &&
              (sub.addressedOnly
                ? addressedTo(e, sub.tenant.id)
                : e.tenantId === sub.tenant.id || addressedTo(e, sub.tenant.id)),
          )
          .map((e) => e.id),
      );
      const log = receiver.log(sub.path);
      const takenEvents = [...log.taken.values()].map((x) => x.eventId);
      const effective = new Set(takenEvents);
      const missing = [...expectedIds].filter((id) => !effective.has(id));
      const unexpected = [...effective].filter((id) => !expectedIds.has(id));
      const sameEventTwice = takenEvents.length - effective.size;
      const [stillPending, deadLettered, delivered] = await Promise.all(
        ['pending', 'dead-lettered', 'delivered'].map((s) => deliveries(sub, s)),
      );
      if (
        missing.length ||
        unexpected.length ||
        sameEventTwice ||
        stillPending!.length ||
        deadLettered!.length
      )
        webhookProblems.push(
          `${sub.path}: missing ${missing.length}, unexpected ${unexpected.length}, same event under two webhook-ids ${sameEventTwice}, pending ${stillPending!.length}, dead-lettered ${deadLettered!.length}`,
        );
      // Fan-out is exactly once: one delivery (one webhook-id) per expected event.
      if (delivered!.length !== expectedIds.size)
        webhookProblems.push(`${sub.path}: ${delivered!.length} deliveries for ${expectedIds.size} events`);
      if (log.badSignatures) webhookProblems.push(`${sub.path}: ${log.badSignatures} bad signatures`);
      webhookFigures.push({
        endpoint: sub.path,
        expected: expectedIds.size,
        delivered: delivered!.length,
        requests: log.requests,
        timeouts: log.timeouts,
        serverErrors: log.serverErrors,
        duplicatesDropped: log.duplicatesDropped,
        effective: effective.size,
      });
    }

    phase('checks');
    const totalLost = Object.values(lost).reduce((a, b) => a + b, 0);
    console.log(
      `fault injection: seed ${seed}; ${Object.values(ops).reduce((a, b) => a + b, 0)} operations ${JSON.stringify(sortKeys(ops))}; ` +
        `races ${races.wins} won / ${races.losses} refused; ` +
        `faults injected ${JSON.stringify(faults.summary())}; bus deliveries ${rt.bus.deliveries}, events on the bus ${published} (${distinct} distinct); ` +
        `events lost ${totalLost}, duplicates applied ${duplicatesApplied}, pending outbox items ${pending.length}, dead letters ${rt.bus.deadLetters.length}; ` +
        `stats: ${statsCompared} figures compared with the workload, ${statsMismatches.length} differ; ` +
        `webhooks (drain rounds ${drainRounds}): ${JSON.stringify(webhookFigures)}; seconds per phase ${JSON.stringify(phases)}`,
    );
    expect(Object.values(faults.summary()).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(lost).toEqual(Object.fromEntries(Object.keys(lost).map((k) => [k, 0])));
    expect(clientsStored).toBe(emitted.ClientRegistered ?? 0);
    expect(planItems).toHaveLength(agreements);
    expect(duplicatesApplied).toBe(0);
    expect(pending).toHaveLength(0);
    expect(rt.bus.deadLetters.map((d) => `${d.target}: ${d.error}`)).toEqual([]);
    expect(statsMismatches).toEqual([]);
    expect(webhookProblems).toEqual([]);
    // The partner did misbehave, and the workload did reach every part of referrals.
    const w = webhookFigures as { timeouts: number; serverErrors: number; duplicatesDropped: number }[];
    if (operations >= 100) {
      expect(w.reduce((n, x) => n + x.timeouts + x.serverErrors, 0)).toBeGreaterThan(0);
      expect(emitted.ReferralSent ?? 0).toBeGreaterThan(0);
    }
  });
});

describe('fault injection stays out of Lambda code', () => {
  it('no handler, platform, contracts or infra file references the local fault injector', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const lambdaCode = [
      'packages/platform/src',
      'packages/contracts/src',
      'infra',
      ...readdirSync(join(root, 'services')).flatMap((s) => [
        `services/${s}/src`,
        `services/${s}/manifest.ts`,
      ]),
    ];
    const files: string[] = [];
    const walk = (path: string) => {
      const full = join(root, path);
      let st;
      try {
        st = statSync(full);
      } catch {
        return;
      }
      if (st.isDirectory()) {
        for (const name of readdirSync(full))
          if (name !== 'node_modules' && name !== 'cdk.out') walk(join(path, name));
      } else if (path.endsWith('.ts')) files.push(path);
    };
    lambdaCode.forEach(walk);
    expect(files.length).toBeGreaterThan(50);
    const offending = files.filter((f) =>
      /FaultInjector|(from|import\()\s*['"][^'"]*(packages\/local|@spolu\/local|\/faults)['"]/.test(
        readFileSync(join(root, f), 'utf8'),
      ),
    );
    expect(offending).toEqual([]);
  });
});
