// Zero loss under faults (issue 9): a seeded random workload runs through the gateway while the
// local runtime injects faults at every hop — PutEvents entry failures and throttling, the outbox
// publisher crashing mid-batch, consumers failing before and after their write, duplicated and
// reordered deliveries — plus optimistic-concurrency races. Afterwards every committed change was
// published, every consumer applied every event exactly once, and nothing is left pending.
// Replay a failure with SPOLU_FAULT_SEED=<seed printed below>; `npm run test:soak` runs it bigger.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '@spolu/contracts';
import type { AnyEnvelope } from '@spolu/contracts';
import { FaultInjector } from '../../packages/local/src/faults';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { ActorClient } from '../../packages/local/test-support/harness';
import { actor, startTestRuntime } from '../../packages/local/test-support/harness';
import { manifest as directory } from '../../services/directory/manifest';
import { manifest as intake } from '../../services/intake/manifest';
import { manifest as plans } from '../../services/plans/manifest';
import { registerProvider, serviceBody } from '../../services/directory/test/fixtures';

// Every route of six services against one runtime: minutes on a loaded 2-core machine.
jest.setTimeout(600_000);

process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL'; // injected crashes would otherwise flood the log

const seed = Number(process.env.SPOLU_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const operations = Number(process.env.SPOLU_FAULT_OPS ?? 150);
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

/** The workload's own choices come from a second stream of the same seed. */
const workloadRandom = (() => {
  let a = (seed ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
const pick = <T>(items: T[]) => items[Math.floor(workloadRandom() * items.length)]!;

interface Tenant {
  id: string;
  serviceId: string;
  worker: ActorClient;
  clients: { id: string; version: number; agreed: boolean }[];
}

const truth = { clients: 0, agreements: 0, contacts: 0, raceWins: 0, raceLosses: 0, ops: 0 };
let rt: RegionRuntime;
const tenants: Tenant[] = [];

beforeAll(async () => {
  console.log(
    `fault injection: seed ${seed} (replay with SPOLU_FAULT_SEED=${seed}), ${operations} operations`,
  );
  rt = await startTestRuntime([directory, intake, plans], { faults, busMaxAttempts: 20, busRetryBaseMs: 2 });
  const ops = await actor(rt, { sub: newId(), roles: ['platform-ops'] });
  for (const name of ['Spektrum Fault', 'K-centrum Fault']) {
    const id = await registerProvider(ops, name);
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
      }),
    );
    tenants.push({
      id,
      serviceId: service.body.id,
      worker: await actor(rt, { sub: newId(), tenantId: id, roles: ['key-worker'] }),
      clients: [],
    });
  }
  await rt.settle(60_000); // intake must know the services before clients can be registered
});

afterAll(async () => {
  await rt?.stop();
});

const step = async (t: Tenant) => {
  const roll = workloadRandom();
  const unagreed = t.clients.filter((c) => !c.agreed);
  if (roll < 0.3 || t.clients.length === 0) {
    const res = await t.worker.post<{ id: string; version: number }>(
      '/clients',
      {
        serviceId: t.serviceId,
        identity: {
          kind: 'anonymous',
          clientCode: `F${newId().slice(-8)}`,
          birthYear: 1980 + Math.floor(workloadRandom() * 30),
          sex: pick(['male', 'female']),
          district: 'liberec',
        },
      },
      { headers: { 'idempotency-key': `fault-${newId()}` } },
    );
    expect(res.status).toBe(201);
    t.clients.push({ id: res.body.id, version: res.body.version, agreed: false });
    truth.clients += 1;
  } else if (roll < 0.55 && unagreed.length > 0) {
    const client = pick(unagreed);
    const res = await t.worker.post(`/clients/${client.id}/agreements`, {
      serviceId: t.serviceId,
      form: 'oral',
      goal: 'Snížit rizika',
    });
    expect(res.status).toBe(201);
    client.agreed = true;
    truth.agreements += 1;
  } else if (roll < 0.9) {
    const client = pick(t.clients);
    const res = await t.worker.post('/contacts', {
      serviceId: t.serviceId,
      kind: 'client',
      clientId: client.id,
      occurredAt: new Date(rt.clock.now().getTime() - 60_000).toISOString(),
      durationMinutes: 5 + Math.floor(workloadRandom() * 30),
      place: { kind: 'centre' },
      interventions: [{ type: 'needle-exchange', given: 10, returned: Math.floor(workloadRandom() * 10) }],
    });
    expect(res.status).toBe(201);
    truth.contacts += 1;
  } else {
    // Two edits racing on the same ETag: exactly one wins, the other gets 412.
    const client = pick(t.clients);
    const current = await t.worker.get<{ version: number }>(`/clients/${client.id}`);
    const etag = { 'if-match': `"${current.body.version}"` };
    const [a, b] = await Promise.all([
      t.worker.patch(`/clients/${client.id}`, { keyWorkerId: t.worker.sub }, { headers: etag }),
      t.worker.patch(`/clients/${client.id}`, { keyWorkerId: newId() }, { headers: etag }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    truth.raceWins += 1;
    truth.raceLosses += 1;
  }
  truth.ops += 1;
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

describe('zero loss under injected faults', () => {
  it('publishes every committed change and applies every event exactly once', async () => {
    // Two tenants work concurrently, each in its own sequence.
    await Promise.all(
      tenants.map(async (t, i) => {
        for (let n = i; n < operations; n += tenants.length) await step(t);
      }),
    );
    await rt.settle(120_000);

    const unique = (type: string) =>
      new Map(
        rt.bus.archive
          .filter((e) => e.event['detail-type'] === type)
          .map((e) => [(e.event.detail as AnyEnvelope).id, e.event.detail as AnyEnvelope]),
      );
    const published = rt.bus.archive.length;
    const distinct = new Set(rt.bus.archive.map((e) => (e.event.detail as AnyEnvelope).id)).size;

    const pending = (await Promise.all(['directory', 'intake', 'plans'].map(scan)))
      .flat()
      .filter((i) => i.outboxPending);
    const planItems = (await scan('plans')).filter((i) => i.entity === 'plan');
    const clientsStored = (await scan('intake')).filter((i) => i.entity === 'client').length;
    const plansPerAgreement = new Map<string, number>();
    for (const p of planItems) {
      const agreementId = (p.data as { agreementId?: string }).agreementId ?? String(p.pk);
      plansPerAgreement.set(agreementId, (plansPerAgreement.get(agreementId) ?? 0) + 1);
    }
    const lost = {
      ClientRegistered: truth.clients - unique('ClientRegistered').size,
      AgreementMade: truth.agreements - unique('AgreementMade').size,
      ContactRecorded: truth.contacts - unique('ContactRecorded').size,
      PlanOpened: truth.agreements - unique('PlanOpened').size,
    };
    const duplicatesApplied =
      [...plansPerAgreement.values()].filter((n) => n > 1).length +
      Math.max(0, planItems.length - truth.agreements);

    console.log(
      `fault injection: ${truth.ops} operations (clients ${truth.clients}, agreements ${truth.agreements}, contacts ${truth.contacts}, races ${truth.raceWins}); ` +
        `faults injected ${JSON.stringify(faults.summary())}; bus deliveries ${rt.bus.deliveries}, events on the bus ${published} (${distinct} distinct); ` +
        `events lost ${Object.values(lost).reduce((a, b) => a + b, 0)}, duplicates applied ${duplicatesApplied}, pending outbox items ${pending.length}, dead letters ${rt.bus.deadLetters.length}`,
    );
    expect(Object.values(faults.summary()).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(lost).toEqual({ ClientRegistered: 0, AgreementMade: 0, ContactRecorded: 0, PlanOpened: 0 });
    expect(clientsStored).toBe(truth.clients);
    expect(planItems).toHaveLength(truth.agreements);
    expect(duplicatesApplied).toBe(0);
    expect(pending).toHaveLength(0);
    expect(rt.bus.deadLetters).toHaveLength(0);
  });
});
