// Consumer failures are never lost (issue 16): the stats consumer fails three times on every
// client, contact and needs-assessment event — Lambda's asynchronous retry gives up after three
// attempts — so each of those events lands in the dead-letter list as the invocation record Lambda
// writes to a function's on-failure queue. The redrive, through the runtime's real HTTP dev
// endpoints (the code path `npm run redrive -- --region ...` takes), delivers them once more; the
// statistics then equal those of the same workload run without the fault, through the public API.
// Redriving again, even records of events already applied, changes nothing.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { stats } from '@spolu/contracts';
import { FailedInvocationRecord } from '@spolu/platform';
import { FaultInjector } from '../../packages/local/src/faults';
import { listLocalDeadLetters, redriveLocal } from '../../packages/local/src/redrive-local';
import { expectStatus } from '../../packages/local/src/api-client';
import type { StatsWorld } from '../../services/stats/test/fixtures';
import { minutesAgo, startStatsWorld } from '../../services/stats/test/fixtures';
import { periodsOf } from '../../services/stats/src/domain/periods';

jest.setTimeout(300_000);
process.env.POWERTOOLS_LOG_LEVEL ??= 'CRITICAL'; // the injected failures would flood the log

const failingTypes = ['ClientRegistered', 'ContactRecorded', 'NeedsAssessed'];
// Every figure published exactly as counted (no threshold, no cell-key noise): the two runs'
// figures are compared number for number.
const settings = { STATS_SMALL_CELL_THRESHOLD: '1', STATS_DISCLOSURE: 'per-table' };

let faulty: StatsWorld;
let clean: StatsWorld;
let faults: FaultInjector;
let month: string;
let year: string;

/** The same casework in either world: 5 anonymous contact-centre clients with one or two needle
 * exchanges, 3 workshop clients with a needs assessment. */
const workload = async (w: StatsWorld) => {
  const anon: string[] = [];
  for (let i = 0; i < 5; i++) {
    const c = expectStatus(
      await w.spektrum.post<{ id: string }>('/clients', {
        serviceId: w.services.kontakt,
        identity: {
          kind: 'anonymous',
          clientCode: `RD${i}X${Date.now() % 1000}`,
          birthYear: 1988 + i,
          sex: i < 3 ? 'male' : 'female',
          district: 'liberec',
        },
      }),
      201,
      'anonymous client',
    );
    anon.push(c.id);
  }
  for (const [i, id] of anon.entries())
    for (let k = 0; k <= i % 2; k++)
      expectStatus(
        await w.spektrum.post('/contacts', {
          serviceId: w.services.kontakt,
          kind: 'client',
          clientId: id,
          occurredAt: minutesAgo(w.rt, 30 - k),
          durationMinutes: 10,
          place: { kind: 'centre' },
          interventions: [{ type: 'needle-exchange', given: 10, returned: 8 }],
        }),
        201,
        'contact',
      );
  for (const [i, name] of ['Jana Nováková', 'Eva Malá', 'Petra Horká'].entries()) {
    const c = expectStatus(
      await w.fokus.post<{ id: string }>('/clients', {
        serviceId: w.services.std,
        identity: {
          kind: 'named',
          name,
          birthDate: `198${i}-04-12`,
          sex: 'female',
          contact: { phone: `+420 777 123 45${i}` },
          district: 'semily',
        },
      }),
      201,
      'named client',
    );
    expectStatus(
      await w.fokus.post(`/clients/${c.id}/needs-assessments`, {
        serviceId: w.services.std,
        assessedAt: minutesAgo(w.rt, 5),
        needs: [{ code: 'work-habits', clientPriority: 'high', workerPriority: 'medium' }],
      }),
      201,
      'needs assessment',
    );
  }
  await w.rt.settle();
};

const qs = (query: Record<string, string>) => `?${new URLSearchParams(query).toString()}`;

/** The published figures the workload moves, as the coordinator and the provider read them. */
const figures = async (w: StatsWorld) => {
  const table = async (indicator: string, query: Record<string, string>, who = w.coordinator) =>
    expectStatus(
      await who.get<stats.StatsTable>(`/stats/indicators/${indicator}/table${qs(query)}`),
      200,
      `${indicator} ${JSON.stringify(query)}`,
    );
  return JSON.stringify(
    await Promise.all([
      table('clients', { period: month, rows: 'district', columns: 'serviceType' }),
      table('clients', { period: year, rows: 'sex' }),
      table('new-clients', { period: month, rows: 'district', view: 'own' }, w.spektrum),
      table('interventions', { period: month, rows: 'intervention' }),
      table('needs-assessed', { period: month, rows: 'need', columns: 'district' }),
      table('contacts', { period: year, rows: 'serviceType', view: 'own' }, w.spektrum),
    ]),
  );
};

/** The total of one published table. */
const total = async (w: StatsWorld, indicator: string) =>
  expectStatus(
    await w.coordinator.get<stats.StatsTable>(
      `/stats/indicators/${indicator}/table${qs({ period: month, rows: 'district' })}`,
    ),
    200,
    indicator,
  ).total.value;

beforeAll(async () => {
  faults = new FaultInjector({
    seed: 16,
    consumerFailsTimes: { target: 'stats-events', types: failingTypes, times: 3 },
  });
  // Both worlds on Lambda's default: three attempts per delivery.
  faulty = await startStatsWorld([], { settings, faults });
  clean = await startStatsWorld([], { settings });
  [month, , year] = periodsOf(faulty.rt.clock.now().toISOString());
  await workload(faulty);
  await workload(clean);
});

afterAll(async () => {
  await faulty?.rt.stop();
  await clean?.rt.stop();
});

describe('a consumer that fails three times, then recovers', () => {
  let dead: Awaited<ReturnType<typeof listLocalDeadLetters>>;

  it("dead-letters every event it failed on, as Lambda's on-failure invocation record", async () => {
    expect(clean.rt.bus.deadLetters).toEqual([]);
    dead = await listLocalDeadLetters(faulty.rt.url, 'stats.events');
    // 5 + 3 clients, 7 contacts, 3 needs assessments; nothing else failed.
    const expected = faulty.rt.bus.archive.filter((a) => failingTypes.includes(a.event['detail-type']));
    expect(expected).toHaveLength(18);
    expect(dead.map((d) => d.record.requestPayload.id).sort()).toEqual(
      expected.map((a) => a.event.id).sort(),
    );
    expect(await listLocalDeadLetters(faulty.rt.url)).toHaveLength(18);
    expect(await listLocalDeadLetters(faulty.rt.url, 'plans.events')).toEqual([]);
    expect(faults.summary()).toEqual({ 'consumer-fails-times': 18 * 3 });

    for (const d of dead) {
      expect(d.consumer).toBe('stats-events');
      // The shape the AWS command reads from SQS, checked by the same schema.
      const record = FailedInvocationRecord.parse(d.record);
      expect(record).toMatchObject({
        version: '1.0',
        requestContext: {
          functionArn: 'arn:aws:lambda:local:000000000000:function:stats-events',
          condition: 'RetriesExhausted',
          approximateInvokeCount: 3,
        },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorType: 'Error' },
      });
      expect(record.responsePayload?.errorMessage).toMatch(/^injected: stats-events fails/);
      expect(Date.parse(record.timestamp)).not.toBeNaN();
      // The failed event itself, exactly as the bus delivered it.
      const archived = faulty.rt.bus.archive.find((a) => a.event.id === record.requestPayload.id);
      expect(JSON.parse(JSON.stringify(archived?.event))).toEqual(record.requestPayload);
    }
  });

  it('is missing those events from the statistics until the redrive', async () => {
    expect(await total(clean, 'contacts')).toBe(7);
    expect(await total(faulty, 'contacts')).toBe(0);
    expect(await figures(faulty)).not.toBe(await figures(clean));
  });

  it('a dry run lists them and sends nothing', async () => {
    const deliveries = faulty.rt.bus.deliveries;
    const report = await redriveLocal({ url: faulty.rt.url, consumer: 'stats.events', dryRun: true });
    expect(report).toMatchObject({ seen: 18, listed: 18, redriven: 0, stillFailing: 0 });
    expect(faulty.rt.bus.deliveries).toBe(deliveries);
    expect(await listLocalDeadLetters(faulty.rt.url)).toHaveLength(18);
  });

  it('the redrive delivers each once: the statistics equal a run without the fault', async () => {
    const deliveries = faulty.rt.bus.deliveries;
    const report = await redriveLocal({ url: faulty.rt.url, consumer: 'stats.events' });
    expect(report).toMatchObject({
      seen: 18,
      redriven: 18,
      stillFailing: 0,
      unreadable: 0,
      otherFunction: 0,
    });
    expect(new Set(report.items.map((i) => i.eventId))).toEqual(
      new Set(dead.map((d) => d.record.requestPayload.id)),
    );
    expect(faulty.rt.bus.deliveries - deliveries).toBe(18);
    await faulty.rt.settle();
    expect(await listLocalDeadLetters(faulty.rt.url)).toEqual([]);
    expect(await total(faulty, 'contacts')).toBe(7);
    expect(await figures(faulty)).toBe(await figures(clean));
  });

  it('redriving again changes nothing, even records of events already applied', async () => {
    const before = await figures(faulty);
    expect(await redriveLocal({ url: faulty.rt.url })).toMatchObject({ seen: 0, redriven: 0 });
    // As if the deletes had failed after the deliveries: the same records come round again.
    faulty.rt.bus.deadLetters.push(
      ...dead.map((d) => ({ id: `again-${d.id}`, target: d.consumer, error: '', record: d.record })),
    );
    const again = await redriveLocal({ url: faulty.rt.url, consumer: 'stats-events' });
    expect(again).toMatchObject({ seen: 18, redriven: 18, stillFailing: 0 });
    await faulty.rt.settle();
    expect(await figures(faulty)).toBe(before);
    expect(await figures(faulty)).toBe(await figures(clean));
    expect(faulty.rt.bus.deadLetters).toEqual([]);
  });

  it('the dev endpoint refuses a malformed request', async () => {
    const res = await fetch(`${faulty.rt.url}/dev/dead-letters/redrive`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consumer: 'stats.events', force: true }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
