// Realistic intake flows on the local runtime; exact indicator values, suppression (primary and
// secondary), unique counts under duplicate delivery, a full rebuild from the event archive, and
// a scan of the stats table for personal data.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { stats } from '@spolu/contracts';
import { periodsOf } from '../src/domain/periods';
import type { StatsWorld } from './fixtures';
import { emptyStatsTable, minutesAgo, startStatsWorld } from './fixtures';

type Table = stats.StatsTable;
// Realistic volumes through DynamoDB Local: the rebuild replays every event of the file.
jest.setTimeout(180_000);
let w: StatsWorld;
let month: string;
let year: string;
const secrets = new Set<string>();
const rec = <T extends { id: string }>(r: { status: number; body: unknown }) => {
  if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
};

const qs = (query: Record<string, string>) => `?${new URLSearchParams(query).toString()}`;
const table = async (indicator: string, query: Record<string, string>, who = () => w.coordinator) => {
  const res = await who().get<Table>(`/stats/indicators/${indicator}/table${qs(query)}`);
  if (res.status !== 200) throw new Error(`${indicator}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const values = (t: Table) => ({
  rows: Object.fromEntries(t.rowKeys.map((k, i) => [k, t.rowTotals[i]!.value ?? t.rowTotals[i]!.suppressed])),
  total: t.total.value ?? t.total.suppressed,
});

beforeAll(async () => {
  // Exact figures with the old per-table suppression; the cell-key method and the auditor that
  // shows why per-table suppression is not enough are in stats-disclosure.test.ts.
  w = await startStatsWorld([], { settings: { STATS_DISCLOSURE: 'per-table' } });
  [month, , year] = periodsOf(w.rt.clock.now().toISOString()) as [string, string, string];

  // Contact centre: six anonymous clients (4 men, 2 women), each with a needle exchange; the
  // first comes twice more. One close person (a mother) comes on her own.
  const anon: string[] = [];
  for (let i = 0; i < 6; i++) {
    const code = `KC${i}X${Date.now() % 1000}`;
    secrets.add(code);
    const c = rec<{ id: string }>(
      await w.spektrum.post('/clients', {
        serviceId: w.services.kontakt,
        identity: {
          kind: 'anonymous',
          clientCode: code,
          birthYear: 1990 + i,
          sex: i < 4 ? 'male' : 'female',
          district: 'liberec',
        },
      }),
    );
    anon.push(c.id);
    secrets.add(c.id);
  }
  const exchange = (clientId: string, minutes: number) =>
    w.spektrum.post('/contacts', {
      serviceId: w.services.kontakt,
      kind: 'client',
      clientId,
      occurredAt: minutesAgo(w.rt, minutes),
      durationMinutes: 10,
      place: { kind: 'centre' },
      interventions: [
        { type: 'needle-exchange', given: 10, returned: 8 },
        { type: 'test', test: 'hcv', result: 'negative' },
      ],
      notes: 'Poznámka o klientovi, bydlí u nádraží.',
    });
  for (const id of anon) rec(await exchange(id, 30));
  rec(await exchange(anon[0]!, 20));
  rec(await exchange(anon[0]!, 10));
  secrets.add('Poznámka o klientovi, bydlí u nádraží.');
  rec(
    await w.spektrum.post('/contacts', {
      serviceId: w.services.kontakt,
      kind: 'close-person',
      closePersonRelation: 'parent',
      occurredAt: minutesAgo(w.rt, 15),
      durationMinutes: 45,
      place: { kind: 'centre' },
      interventions: [{ type: 'counselling' }],
    }),
  );

  // Workshops in Semily: three named clients, needs assessed.
  for (const [i, name] of ['Jana Nováková', 'Eva Malá', 'Petra Horká'].entries()) {
    secrets.add(name);
    const c = rec<{ id: string }>(
      await w.fokus.post('/clients', {
        serviceId: w.services.std,
        identity: {
          kind: 'named',
          name,
          birthDate: `198${i}-04-12`,
          sex: 'female',
          contact: { phone: '+420 777 123 45' + i, address: `Husova ${i + 1}, Semily` },
          district: 'semily',
        },
      }),
    );
    secrets.add(c.id);
    secrets.add(`198${i}-04-12`);
    rec(
      await w.fokus.post(`/clients/${c.id}/needs-assessments`, {
        serviceId: w.services.std,
        assessedAt: minutesAgo(w.rt, 5),
        needs: [{ code: 'work-habits', clientPriority: 'high', workerPriority: 'medium' }],
      }),
    );
  }

  // Youth club: two teenagers who need addiction care and mental-health care (document 001).
  for (const [i, name] of ['Tomáš Mladý', 'Adam Rychlý'].entries()) {
    secrets.add(name);
    const c = rec<{ id: string }>(
      await w.nzdm.post('/clients', {
        serviceId: w.services.nzdm,
        identity: {
          kind: 'named',
          name,
          birthDate: `2010-0${i + 1}-15`,
          sex: 'male',
          contact: { phone: '+420 777 000 00' + i },
          district: 'liberec',
        },
      }),
    );
    rec(
      await w.nzdm.post(`/clients/${c.id}/needs-assessments`, {
        serviceId: w.services.nzdm,
        assessedAt: minutesAgo(w.rt, 5),
        needs: [
          { code: 'addiction-treatment', clientPriority: 'high', workerPriority: 'high' },
          { code: 'mental-health', clientPriority: 'medium', workerPriority: 'high' },
          { code: 'leisure-social-contact', clientPriority: 'high', workerPriority: 'medium' },
        ],
      }),
    );
  }
  await w.rt.settle();
}, 240_000);

afterAll(() => w?.rt.stop());

describe('indicators from intake events', () => {
  it('serves every definition with its formula', async () => {
    const res = await w.coordinator.get<{ items: stats.IndicatorDefinition[] }>('/stats/indicators');
    expect(res.status).toBe(200);
    const clients = res.body.items.find((d) => d.id === 'clients')!;
    expect(clients.formula).toMatch(/distinct subject keys/);
    expect(clients.events).toContain('intake.ClientRegistered');
  });

  it('counts new clients and unique clients exactly, with primary and secondary suppression', async () => {
    const byDistrict = await table('new-clients', { period: month, rows: 'district' });
    // liberec 8 (6 + 2), semily 3 -> semily primary; liberec then secondary (its total would give it away).
    expect(values(byDistrict)).toEqual({ rows: { liberec: 'secondary', semily: 'primary' }, total: 11 });
    const clients = await table('clients', { period: year });
    expect(clients.total.value).toBe(11);
    const bySex = await table('clients', { period: month, rows: 'sex' });
    expect(values(bySex)).toEqual({ rows: { female: 5, male: 6 }, total: 11 });
    const byType = await table('clients', { period: month, rows: 'district', columns: 'serviceType' });
    expect(byType.rowKeys).toEqual(['liberec', 'semily']);
    expect(byType.columnKeys).toEqual(['s59', 's62', 's67']);
    // s62 in liberec is 2 -> primary; s67/semily 3 -> primary; row and column partners follow.
    expect(byType.cells[0]![1]).toEqual({ value: null, suppressed: 'primary' });
    expect(byType.cells[1]![2]).toEqual({ value: null, suppressed: 'primary' });
    for (const [i] of byType.rowKeys.entries()) {
      const hidden = [...byType.cells[i]!, byType.rowTotals[i]!].filter((c) => c.suppressed).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    for (const [j] of byType.columnKeys.entries()) {
      const hidden = [...byType.cells.map((r) => r[j]!), byType.columnTotals[j]!].filter(
        (c) => c.suppressed,
      ).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
  });

  it('counts contacts, interventions, needles, tests and close persons', async () => {
    expect((await table('contacts', { period: month })).total).toEqual({ value: 9 });
    expect((await table('needles-given', { period: month })).total).toEqual({ value: 80 });
    expect((await table('needles-returned', { period: month })).total).toEqual({ value: 64 });
    const tests = await table('tests-performed', { period: month, rows: 'test' });
    expect(values(tests)).toEqual({ rows: { hcv: 8 }, total: 8 });
    const interventions = await table('interventions', { period: month, rows: 'intervention' });
    expect(values(interventions)).toEqual({
      // counselling 1 is hidden; the smallest other line entry (8, needle exchange first) goes too.
      rows: { counselling: 'primary', 'needle-exchange': 'secondary', test: 8 },
      total: 17,
    });
    expect((await table('close-persons-served', { period: month })).total).toEqual({
      value: null,
      suppressed: 'primary',
    });
  });

  it("shows a provider's own figures unsuppressed, and only its own", async () => {
    const own = await table('close-persons-served', { period: month, view: 'own' }, () => w.spektrum);
    expect(own.total).toEqual({ value: 1 });
    const fokusOwn = await table(
      'new-clients',
      { period: month, rows: 'district', view: 'own' },
      () => w.fokus,
    );
    expect(values(fokusOwn)).toEqual({ rows: { semily: 3 }, total: 3 });
    const coordinatorOwn = await w.coordinator.get(
      `/stats/indicators/clients/table${qs({ period: month, view: 'own' })}`,
    );
    expect(coordinatorOwn.status).toBe(403);
    const byProvider = await w.coordinator.get(
      `/stats/indicators/clients/table${qs({ period: month, rows: 'provider' })}`,
    );
    expect(byProvider.status).toBe(422);
  });

  it('reports needs by code and the gaps planners asked about', async () => {
    const needs = await table('needs-assessed', { period: month, rows: 'need' }, () => w.nzdm);
    expect(values(needs)).toMatchObject({
      rows: { 'work-habits': 'primary', 'addiction-treatment': 'primary' },
    });
    const gaps = await w.coordinator.get<stats.GapsReportOutput>(`/stats/gaps${qs({ period: month })}`);
    expect(gaps.status).toBe(200);
    const find = (need: string) =>
      gaps.body.items.find((g) => g.need === need && g.targetGroup === 'children-and-youth');
    expect(find('addiction-treatment')).toMatchObject({
      district: 'liberec',
      status: 'missing',
      services: 0,
    });
    expect(find('mental-health')).toMatchObject({ status: 'overloaded', services: 1, minWaitingDays: 120 });
    expect(find('leisure-social-contact')).toBeUndefined();
    expect(gaps.body.items.every((g) => g.demand.suppressed === 'primary')).toBe(true);
  });

  it('exports CSV with the definitions', async () => {
    const res = await w.coordinator.get<string>(
      `/stats/exports/indicator${qs({ indicator: 'new-clients', period: month, rows: 'district' })}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="CZ051-new-clients-${month}.csv"`,
    );
    // Czech spreadsheet defaults: BOM, `;`, the header first, names next to codes; a protected
    // cell is empty with `ano` under Chráněno.
    // (The test client decodes the body and drops the BOM; planner-reports.test.ts reads the bytes.)
    expect(res.body).toMatch(
      /^Kraj;Kraj – kód;Období;Ukazatel;Ukazatel – kód;ORP;ORP – kód;Hodnota;Chráněno\r\n/,
    );
    expect(res.body).toContain(
      `Liberecký kraj;CZ051;${month};Noví zájemci / klienti;new-clients;Semily;semily;;ano\r\n`,
    );
    expect(res.body).toContain(
      `Liberecký kraj;CZ051;${month};Noví zájemci / klienti;new-clients;Celkem;;11;\r\n`,
    );
    const defs = await w.coordinator.get<string>('/stats/exports/definitions');
    expect(defs.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(defs.body.split('\r\n')[0]).toBe(
      'Ukazatel – kód;Ukazatel;Druh;Vzorec (anglicky);Události;Období (anglicky);Členění;Dostupný',
    );
  });
});

describe('exactly once, any order, rebuildable', () => {
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all([
        table('clients', { period: month, rows: 'district', columns: 'serviceType' }, () => w.spektrum),
        table('clients', { period: year, rows: 'sex' }),
        table('new-clients', { period: month, rows: 'district', view: 'own' }, () => w.spektrum),
        table('interventions', { period: month, rows: 'intervention' }),
        table('needs-assessed', { period: month, rows: 'need', columns: 'district' }),
        table('contacts', { period: year, rows: 'serviceType', view: 'own' }, () => w.spektrum),
      ]),
    );

  it('ignores duplicate deliveries', async () => {
    const before = await snapshot();
    const deliveries = w.rt.bus.deliveries;
    const replayed = await w.rt.bus.replay((e) => e.event.source === 'spolu.intake', 'stats-events');
    expect(replayed).toBeGreaterThan(20);
    await w.rt.settle();
    expect(w.rt.bus.deliveries - deliveries).toBe(replayed);
    expect(await snapshot()).toBe(before);
  });

  it('rebuilds from the archive, in reverse order, to identical numbers', async () => {
    const before = await snapshot();
    await emptyStatsTable(w.rt);
    expect((await table('clients', { period: month })).total.value).toBe(0);
    // Out of order: the archive backwards (services after the clients that use them).
    const archive = [...w.rt.bus.archive];
    w.rt.bus.archive.reverse();
    try {
      await w.rt.bus.replay(() => true, 'stats-events');
    } finally {
      w.rt.bus.archive.splice(0, w.rt.bus.archive.length, ...archive);
    }
    await w.rt.settle();
    expect(w.rt.bus.deadLetters).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('keeps no personal data or free text in the stats table', async () => {
    const env = w.rt.envs.get('stats')!;
    // Counters are `<indicator>.<period key>` (m01-m12, q1-q4, y), histogram buckets add `.h<n>`.
    const allowed = /^(pk|sk|entity|cells|v|expiresAt|type|data|[a-z-]+\.(m\d\d|q[1-4]|y)(\.h\d+|\.k)?)$/;
    const serviceFields = new Set([
      'serviceId',
      'providerId',
      'type',
      'districts',
      'targetGroups',
      'needCodes',
      'ageMin',
      'ageMax',
      'providerName',
      // The service's public name and registry id (the provider's annual report names them).
      'serviceName',
      'registryId',
      'capacity',
      'waitingDays',
      'acceptingReferrals',
      'active',
      'revision',
    ]);
    let start: Record<string, unknown> | undefined;
    let scanned = 0;
    do {
      const page = await env.ddb.send(
        new ScanCommand({ TableName: env.tableName, ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) {
        scanned += 1;
        for (const key of Object.keys(item)) expect(key).toMatch(allowed);
        if (item.data)
          for (const key of Object.keys(item.data as object)) expect(serviceFields.has(key)).toBe(true);
        const text = JSON.stringify(item);
        for (const s of secrets) expect(text).not.toContain(s);
        // Only codes: no spaces (free text, names, addresses) and no phone-like digit runs; the one
        // names kept are a provider's and a service's public names from the directory (named in
        // the exports and the annual report).
        const { providerName, serviceName, ...facts } = (item.data ?? {}) as Record<string, unknown>;
        if (providerName !== undefined) expect(typeof providerName).toBe('string');
        if (serviceName !== undefined) expect(typeof serviceName).toBe('string');
        expect(JSON.stringify({ ...item, data: facts })).not.toMatch(/ /);
        expect(text).not.toMatch(/\+420/);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    expect(scanned).toBeGreaterThan(100);
  });
});
