// Issue 24 item 6: DynamoDB capacity units per business action, for the cost model (docs/COSTS.md).
//
// One region runtime with every service on a DynamoDB Local of its own, started with the runtime's
// opt-in meter (packages/local/src/meter.ts): every data call of the runtime's DynamoDB client asks
// for ReturnConsumedCapacity TOTAL and the units DynamoDB Local reports are summed, per handler
// invocation. A business action is done through the API as a worker does it (over HTTP, with a
// token), then `rt.settle()` lets everything it triggers finish: the outbox publisher reading the
// table stream, every consumer on the bus, queue consumers. What the action consumed is everything
// between the counters' reset (after a settle) and that settle. Each action runs a few times on
// fresh records; the units are the same each time unless the data differs (reported min/max).
// Item sizes: every table is scanned (on a separate, unmetered client) before and after each
// action, and the bytes stored are computed as DynamoDB bills storage (attribute names + values,
// plus 100 bytes of overhead per item).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { newId } from '@spolu/contracts';
import type { DynamoCall, InvocationTrigger, RuntimeMeter } from '../../packages/local/src/meter';
import { itemSize } from '../../packages/local/src/meter';
import { startRegionRuntime } from '../../packages/local/src/runtime';
import type { ActorClient } from '../../packages/local/test-support/harness';
import { actor } from '../../packages/local/test-support/harness';
import { expectStatus } from '../../packages/local/src/api-client';
import { manifests } from '../../services/manifests';
import { registerProvider, serviceBody } from '../../services/directory/test/fixtures';
import type { Result } from './lib/results';
import { result } from './lib/results';
import { median, round } from './lib/stats';

export const capacityGroup = '7 capacity per business action';

interface Tally {
  wcu: number;
  rcu: number;
  writeCalls: number;
  readCalls: number;
  failed: number;
  unreported: number;
  computed: number;
  /** Units per function (`<service>-<handler>`, or `platform-outbox-publisher-<service>`). */
  byFunction: Map<string, { wcu: number; rcu: number }>;
  invocations: Record<InvocationTrigger, number>;
  durations: Map<string, number[]>;
  streamRecords: number;
  outboxRecords: number;
  busEvents: number;
}

const emptyTally = (): Tally => ({
  wcu: 0,
  rcu: 0,
  writeCalls: 0,
  readCalls: 0,
  failed: 0,
  unreported: 0,
  computed: 0,
  byFunction: new Map(),
  invocations: { http: 0, event: 0, queue: 0, schedule: 0, stream: 0 },
  durations: new Map(),
  streamRecords: 0,
  outboxRecords: 0,
  busEvents: 0,
});

const meterInto = (box: { tally: Tally }): RuntimeMeter => ({
  dynamo: (call: DynamoCall) => {
    const t = box.tally;
    if (call.kind === 'write') {
      t.wcu += call.units;
      t.writeCalls += 1;
    } else {
      t.rcu += call.units;
      t.readCalls += 1;
    }
    if (call.failed) t.failed += 1;
    else if (!call.reported) t.unreported += 1;
    if (call.computed) t.computed += 1;
    const fn = call.functionName ?? '(outside a handler)';
    const f = t.byFunction.get(fn) ?? { wcu: 0, rcu: 0 };
    f[call.kind === 'write' ? 'wcu' : 'rcu'] += call.units;
    t.byFunction.set(fn, f);
  },
  invocation: (functionName, trigger, ms) => {
    const t = box.tally;
    t.invocations[trigger] += 1;
    t.durations.set(functionName, [...(t.durations.get(functionName) ?? []), ms]);
  },
  streamRecords: (_table, records, outbox) => {
    box.tally.streamRecords += records;
    box.tally.outboxRecords += outbox;
  },
  busEvents: (count) => void (box.tally.busEvents += count),
});

export interface ActionMeasurement {
  action: string;
  via: string;
  runs: number;
  wcu: { mean: number; min: number; max: number };
  rcu: { mean: number; min: number; max: number };
  /** Mean units per run by function. */
  byFunction: Record<string, { wcu: number; rcu: number }>;
  perRun: {
    writeCalls: number;
    readCalls: number;
    failedCalls: number;
    callsWithoutCapacity: number;
    /** TransactWriteItems whose units were computed from item sizes. */
    computedCalls: number;
    invocations: Record<InvocationTrigger, number>;
    streamRecords: number;
    outboxRecords: number;
    busEvents: number;
    bytesStored: number;
    itemsStored: number;
  };
  /** Median handler duration per function over the runs, ms (in-process, this machine). */
  durationsMs: Record<string, number>;
}

interface Action {
  name: string;
  via: string;
  /** Untimed, unmetered: whatever the action needs (its result is passed to `run`). */
  prepare?: (i: number) => Promise<unknown>;
  run: (prepared: unknown, i: number) => Promise<unknown>;
}

export const measureCapacity = async (opts: {
  dynamoEndpoint: string;
  tablePrefix: string;
  pollIntervalMs: number;
  runs?: number;
  log: (what: string) => void;
}): Promise<{ results: Result[]; actions: ActionMeasurement[] }> => {
  const runs = opts.runs ?? 5;
  const box = { tally: emptyTally() };
  const rt = await startRegionRuntime({
    region: 'CZ051',
    dynamoEndpoint: opts.dynamoEndpoint,
    manifests,
    tablePrefix: `${opts.tablePrefix}cap`,
    pollIntervalMs: opts.pollIntervalMs,
    settings: { WEBHOOKS_ALLOW_LOOPBACK: 'true' },
    meter: meterInto(box),
  });
  const scanner = new DynamoDBClient({
    endpoint: opts.dynamoEndpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tables = [...rt.envs.values()].map((e) => e.tableName);
  const stored = async () => {
    let bytes = 0;
    let items = 0;
    for (const TableName of tables) {
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await scanner.send(new ScanCommand({ TableName, ExclusiveStartKey: start }));
        for (const item of page.Items ?? []) {
          bytes += itemSize(item) + 100;
          items += 1;
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return { bytes, items };
  };

  try {
    // The world: a K-centrum (s59, anonymous contacts) and a social-rehabilitation service with
    // plans at one provider, a detox unit at another (the referral's receiver), their workers.
    const as = (who: Parameters<typeof actor>[1]) => actor(rt, who);
    const ops = await as({ sub: newId(), roles: ['platform-ops'] });
    const providerId = await registerProvider(ops, 'K-centrum Capacity Bench');
    const receiverId = await registerProvider(ops, 'Detox Capacity Bench');
    const admin = await as({ sub: newId(), tenantId: providerId, roles: ['provider-admin'] });
    const receiverAdmin = await as({ sub: newId(), tenantId: receiverId, roles: ['provider-admin'] });
    const kc = expectStatus(
      await admin.post<{ id: string }>(
        '/services',
        serviceBody({
          name: 'Kontaktní centrum',
          type: 's59',
          targetGroups: ['substance-users'],
          ageMax: 99,
          districts: ['liberec'],
          anonymousMode: 'allowed',
        }),
      ),
      201,
      'register K-centrum',
    );
    const rehab = expectStatus(
      await admin.post<{ id: string }>('/services', serviceBody({ anonymousMode: 'not-allowed' })),
      201,
      'register rehabilitation service',
    );
    const detox = expectStatus(
      await receiverAdmin.post<{ id: string }>(
        '/services',
        serviceBody({ name: 'Detox', type: 's70', targetGroups: ['substance-users'] }),
      ),
      201,
      'register detox',
    );
    await rt.settle();
    const worker: ActorClient = await as({ sub: newId(), tenantId: providerId, roles: ['key-worker'] });
    const receiver: ActorClient = await as({ sub: newId(), tenantId: receiverId, roles: ['worker'] });
    const coordinator = await as({ sub: newId(), roles: ['regional-coordinator'] });

    const namedClient = async (serviceId: string, i: number) =>
      expectStatus(
        await worker.post<{ id: string }>('/clients', {
          serviceId,
          identity: {
            kind: 'named',
            name: `Jana Nováková ${i}`,
            birthDate: '1988-04-12',
            sex: 'female',
            contact: { phone: '+420 777 123 456', address: 'Husova 12, Semily' },
            district: 'semily',
          },
        }),
        201,
        'register client',
      );
    const anonymous = expectStatus(
      await worker.post<{ id: string }>('/clients', {
        serviceId: kc.id,
        identity: {
          kind: 'anonymous',
          clientCode: 'CAPAC1',
          birthYear: 1990,
          sex: 'male',
          district: 'liberec',
        },
      }),
      201,
      'register anonymous client',
    );
    const day = (days: number) =>
      new Date(rt.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const ifMatch = (version: number) => ({ headers: { 'if-match': `"${version}"` } });
    const planOf = async (clientId: string) => {
      const list = expectStatus(
        await worker.get<{ items: { id: string }[] }>(`/plans?clientId=${clientId}`),
        200,
        'list plans',
      );
      const id = list.items[0]?.id;
      if (!id) throw new Error('plans did not open a plan from AgreementMade');
      return expectStatus(await worker.get<{ id: string; version: number }>(`/plans/${id}`), 200, 'get plan');
    };
    const agreement = async (clientId: string) =>
      expectStatus(
        await worker.post(`/clients/${clientId}/agreements`, {
          serviceId: rehab.id,
          form: 'oral',
          goal: 'Zvládnout běžný den.',
          keyWorkerId: worker.sub,
        }),
        201,
        'agreement',
      );
    const clientWithPlan = async (i: number) => {
      const client = await namedClient(rehab.id, 1000 + i);
      await agreement(client.id);
      await rt.settle();
      return { ...(await planOf(client.id)), clientId: client.id };
    };
    const consentedClient = async (i: number) => {
      const client = await namedClient(kc.id, 2000 + i);
      expectStatus(
        await worker.post(`/clients/${client.id}/consents`, {
          purpose: 'referral-share',
          serviceId: kc.id,
          recipientProviderId: receiverId,
          sharedFields: ['name', 'birthDate', 'needs'],
          givenAt: new Date(rt.clock.now().getTime() - 3_600_000).toISOString(),
        }),
        201,
        'consent',
      );
      await rt.settle();
      return client.id;
    };
    const sendReferral = async (clientId: string) => {
      const draft = expectStatus(
        await worker.post<{ id: string; version: number }>('/referrals', {
          clientId,
          fromServiceId: kc.id,
          toServiceId: detox.id,
          ageBand: '27-64',
          district: 'liberec',
          targetGroup: 'substance-users',
          needCodes: ['detox'],
        }),
        201,
        'draft referral',
      );
      return expectStatus(
        await worker.post<{ id: string; version: number }>(
          `/referrals/${draft.id}/transitions`,
          {
            action: 'send',
            clientData: { name: 'Jana Nováková', birthDate: '1988-04-12', needs: ['detox'] },
          },
          ifMatch(draft.version),
        ),
        200,
        'send referral',
      );
    };
    const contactBody = () => ({
      serviceId: kc.id,
      kind: 'client' as const,
      clientId: anonymous.id,
      occurredAt: new Date(rt.clock.now().getTime() - 60_000).toISOString(),
      durationMinutes: 10,
      place: { kind: 'centre' as const },
      interventions: [{ type: 'needle-exchange' as const, given: 10, returned: 8 }],
    });
    // Some contacts first, so that the stats table reads cells that exist.
    for (let i = 0; i < 3; i++) expectStatus(await worker.post('/contacts', contactBody()), 201, 'contact');
    const fileClient = await clientWithPlan(99);
    const fileClientId = fileClient.clientId;
    await rt.settle();
    const year = String(rt.clock.now().getUTCFullYear());

    const actions: Action[] = [
      {
        name: 'record a contact',
        via: 'POST /contacts (needle exchange, an anonymous client of a K-centrum)',
        run: async () => expectStatus(await worker.post('/contacts', contactBody()), 201, 'contact'),
      },
      {
        name: 'register a client',
        via: 'POST /clients (named, a social-rehabilitation service)',
        run: async (_p, i) => namedClient(rehab.id, i),
      },
      {
        name: 'make an agreement (opens the plan)',
        via: 'POST /clients/{id}/agreements; plans opens the plan from AgreementMade',
        prepare: async (i) => (await namedClient(rehab.id, 500 + i)).id,
        run: async (clientId) => agreement(clientId as string),
      },
      {
        name: 'update a plan: add a goal',
        via: 'POST /plans/{id}/goals (If-Match)',
        prepare: (i) => clientWithPlan(100 + i),
        run: async (plan) => {
          const p = plan as { id: string; version: number };
          return expectStatus(
            await worker.post(
              `/plans/${p.id}/goals`,
              {
                agreedWithClient: true,
                text: 'Chci vařit sama.',
                needCodes: ['work-habits'],
                targetDate: day(60),
              },
              ifMatch(p.version),
            ),
            201,
            'add goal',
          );
        },
      },
      {
        name: 'update a plan: mark a step done',
        via: 'PATCH /plans/{id}/steps/{stepId} (If-Match)',
        prepare: async (i) => {
          const plan = await clientWithPlan(200 + i);
          const goal = expectStatus(
            await worker.post<{ version: number; createdId: string }>(
              `/plans/${plan.id}/goals`,
              {
                agreedWithClient: true,
                text: 'Chci vařit sama.',
                needCodes: ['work-habits'],
                targetDate: day(60),
              },
              ifMatch(plan.version),
            ),
            201,
            'add goal',
          );
          const added = expectStatus(
            await worker.post<{ version: number; createdId: string }>(
              `/plans/${plan.id}/steps`,
              {
                agreedWithClient: true,
                goalId: goal.createdId,
                text: 'Koupit si kuchařku.',
                assignee: { kind: 'client' },
                dueDate: day(10),
              },
              ifMatch(goal.version),
            ),
            201,
            'add step',
          );
          await rt.settle();
          return { id: plan.id, version: added.version, stepId: added.createdId };
        },
        run: async (prepared) => {
          const p = prepared as { id: string; version: number; stepId: string };
          return expectStatus(
            await worker.patch(
              `/plans/${p.id}/steps/${p.stepId}`,
              { agreedWithClient: true, done: true, doneAt: day(0) },
              ifMatch(p.version),
            ),
            200,
            'step done',
          );
        },
      },
      {
        name: 'send a referral (draft + send)',
        via: 'POST /referrals, then POST /referrals/{id}/transitions {send} with consented client data',
        prepare: (i) => consentedClient(i),
        run: async (clientId) => sendReferral(clientId as string),
      },
      {
        name: 'accept a referral',
        via: 'POST /referrals/{id}/transitions {accept} by the receiving provider',
        prepare: async (i) => {
          const sent = await sendReferral(await consentedClient(100 + i));
          await rt.settle();
          return expectStatus(
            await receiver.get<{ id: string; version: number }>(`/referrals/${sent.id}`),
            200,
            'receiver reads referral',
          );
        },
        run: async (r) => {
          const ref = r as { id: string; version: number };
          return expectStatus(
            await receiver.post(
              `/referrals/${ref.id}/transitions`,
              { action: 'accept' },
              ifMatch(ref.version),
            ),
            200,
            'accept',
          );
        },
      },
      {
        name: 'read a client file',
        via: 'GET /clients/{id}/file (a client with a plan)',
        run: async () => expectStatus(await worker.get(`/clients/${fileClientId}/file`), 200, 'client file'),
      },
      {
        name: 'read a referral',
        via: 'GET /referrals/{id} (as a partner system would poll it)',
        prepare: async (i) => sendReferral(await consentedClient(300 + i)),
        run: async (r) =>
          expectStatus(await worker.get(`/referrals/${(r as { id: string }).id}`), 200, 'read referral'),
      },
      {
        name: 'read a stats table',
        via: 'GET /stats/indicators/contacts/table (year, district × service type) as the regional coordinator',
        run: async () =>
          expectStatus(
            await coordinator.get(
              `/stats/indicators/contacts/table?period=${year}&rows=district&columns=serviceType`,
            ),
            200,
            'stats table',
          ),
      },
    ];

    const measured: ActionMeasurement[] = [];
    for (const action of actions) {
      opts.log(`7 capacity: ${action.name}`);
      const tallies: Tally[] = [];
      const storedDiff: { bytes: number; items: number }[] = [];
      for (let i = 0; i < runs; i++) {
        const prepared = action.prepare ? await action.prepare(i) : undefined;
        await rt.settle();
        const before = await stored();
        box.tally = emptyTally();
        await action.run(prepared, i);
        await rt.settle();
        tallies.push(box.tally);
        box.tally = emptyTally();
        const after = await stored();
        storedDiff.push({ bytes: after.bytes - before.bytes, items: after.items - before.items });
      }
      const stat = (pick: (t: Tally) => number) => {
        const values = tallies.map(pick);
        return {
          mean: round(values.reduce((a, b) => a + b, 0) / values.length, 2),
          min: Math.min(...values),
          max: Math.max(...values),
        };
      };
      const mean = (pick: (t: Tally) => number) => round(tallies.reduce((a, t) => a + pick(t), 0) / runs, 2);
      const functions = [...new Set(tallies.flatMap((t) => [...t.byFunction.keys()]))].sort();
      const names = [...new Set(tallies.flatMap((t) => [...t.durations.keys()]))].sort();
      measured.push({
        action: action.name,
        via: action.via,
        runs,
        wcu: stat((t) => t.wcu),
        rcu: stat((t) => t.rcu),
        byFunction: Object.fromEntries(
          functions.map((f) => [
            f,
            {
              wcu: mean((t) => t.byFunction.get(f)?.wcu ?? 0),
              rcu: mean((t) => t.byFunction.get(f)?.rcu ?? 0),
            },
          ]),
        ),
        perRun: {
          writeCalls: mean((t) => t.writeCalls),
          readCalls: mean((t) => t.readCalls),
          failedCalls: mean((t) => t.failed),
          callsWithoutCapacity: mean((t) => t.unreported),
          computedCalls: mean((t) => t.computed),
          invocations: {
            http: mean((t) => t.invocations.http),
            event: mean((t) => t.invocations.event),
            queue: mean((t) => t.invocations.queue),
            schedule: mean((t) => t.invocations.schedule),
            stream: mean((t) => t.invocations.stream),
          },
          streamRecords: mean((t) => t.streamRecords),
          outboxRecords: mean((t) => t.outboxRecords),
          busEvents: mean((t) => t.busEvents),
          bytesStored: round(storedDiff.reduce((a, d) => a + d.bytes, 0) / runs, 0),
          itemsStored: round(storedDiff.reduce((a, d) => a + d.items, 0) / runs, 1),
        },
        durationsMs: Object.fromEntries(
          names.map((n) => [n, round(median(tallies.flatMap((t) => t.durations.get(n) ?? [])), 1)]),
        ),
      });
    }

    const results: Result[] = measured.flatMap((m) => {
      const inv = m.perRun.invocations;
      const lambdas = inv.http + inv.event + inv.queue + inv.schedule + inv.stream;
      const spread = (s: { min: number; max: number }) =>
        s.min === s.max ? 'same in every run' : `min ${s.min}, max ${s.max}`;
      const by = Object.entries(m.byFunction)
        .map(([f, u]) => `${f} ${u.wcu} W/${u.rcu} R`)
        .join(', ');
      return [
        result({
          group: capacityGroup,
          name: `${m.action}: write units`,
          value: m.wcu.mean,
          unit: 'WCU',
          ratio: null,
          note: `${m.via}; mean of ${m.runs} runs (${spread(m.wcu)}); by function: ${by}`,
        }),
        result({
          group: capacityGroup,
          name: `${m.action}: read units`,
          value: m.rcu.mean,
          unit: 'RCU',
          ratio: null,
          note: `${spread(m.rcu)}; per run: ${m.perRun.writeCalls} write and ${m.perRun.readCalls} read calls, ${lambdas} Lambda invocations (${inv.http} HTTP, ${inv.event} bus, ${inv.queue} queue, ${inv.stream} stream), ${m.perRun.streamRecords} stream records (${m.perRun.outboxRecords} outbox), ${m.perRun.busEvents} bus events, ${m.perRun.bytesStored} bytes in ${m.perRun.itemsStored} new items`,
        }),
      ];
    });
    return { results, actions: measured };
  } finally {
    scanner.destroy();
    await rt.stop();
  }
};
