// What a planner reads by district, through the real services: contacts without a client
// (unnamed people in field work, close persons) count in their place's district, so the district
// rows add up to the region total. The threshold is 1, so every figure is published as counted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { stats } from '@spolu/contracts';
import { expectStatus } from '../../../packages/local/src/api-client';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import { manifest as referralsService } from '../../referrals/manifest';
import { periodsOf } from '../src/domain/periods';
import type { StatsWorld } from './fixtures';
import { minutesAgo, serviceBody, startStatsWorld } from './fixtures';

type Table = stats.StatsTable;
const qs = (query: Record<string, string>) => `?${new URLSearchParams(query).toString()}`;

let w: StatsWorld;
let month: string;
let field: string;
let anonClient: string;

const table = async (indicator: string, query: Record<string, string>) =>
  expectStatus(
    await w.coordinator.get<Table>(`/stats/indicators/${indicator}/table${qs(query)}`),
    200,
    `${indicator} ${JSON.stringify(query)}`,
  );
const byRow = (t: Table) => Object.fromEntries(t.rowKeys.map((k, i) => [k, t.rowTotals[i]!.value]));

const contact = async (by: ActorClient, body: Record<string, unknown>) =>
  expectStatus(
    await by.post('/contacts', {
      serviceId: field,
      occurredAt: minutesAgo(w.rt, 30),
      durationMinutes: 15,
      interventions: [{ type: 'information' }],
      ...body,
    }),
    201,
    'contact',
  );

beforeAll(async () => {
  w = await startStatsWorld([referralsService], { settings: { STATS_SMALL_CELL_THRESHOLD: '1' } });
  [month] = periodsOf(w.rt.clock.now().toISOString()) as [string, string, string];
  // A field programme in three districts, based in Liberec: one field place with its district in
  // the directory, one named after a town, one that says nothing about where it is.
  const res = await w.spektrumAdmin.post<{ id: string }>(
    '/services',
    serviceBody({
      name: 'Terénní program',
      type: 's69',
      anonymousMode: 'allowed',
      targetGroups: ['substance-users', 'close-persons'],
      districts: ['liberec', 'semily', 'jilemnice'],
      locations: [{ name: 'Zázemí terénu', address: 'Husova 1, Liberec', district: 'liberec' }],
      fieldPlaces: ['parky', 'Semily – nádraží', 'ulice'],
      fieldPlaceDistricts: { parky: 'jilemnice' },
    }),
  );
  field = expectStatus(res, 201, 'field service').id;
  await w.rt.settle();

  const client = expectStatus(
    await w.spektrum.post<{ id: string }>('/clients', {
      serviceId: field,
      identity: {
        kind: 'anonymous',
        clientCode: 'TP-1990',
        birthYear: 1990,
        sex: 'male',
        district: 'semily',
      },
    }),
    201,
    'client',
  ).id;
  // Client contact: the client's district (semily), wherever it happened.
  anonClient = client;
  await contact(w.spektrum, {
    kind: 'client',
    clientId: client,
    place: { kind: 'field', fieldPlace: 'parky' },
  });
  // Unnamed: field place with a listed district (jilemnice), a town's field place (semily), a
  // place without one (the service's first district, liberec).
  await contact(w.spektrum, { kind: 'unnamed', place: { kind: 'field', fieldPlace: 'parky' } });
  await contact(w.spektrum, { kind: 'unnamed', place: { kind: 'field', fieldPlace: 'Semily – nádraží' } });
  await contact(w.spektrum, { kind: 'unnamed', place: { kind: 'field', fieldPlace: 'ulice' } });
  // Close persons: at the base (its location, liberec) and on the phone (liberec).
  await contact(w.spektrum, {
    kind: 'close-person',
    closePersonRelation: 'parent',
    place: { kind: 'centre' },
  });
  await contact(w.spektrum, {
    kind: 'close-person',
    closePersonRelation: 'partner',
    place: { kind: 'phone' },
  });

  // Addiction care in Jilemnice is for adults only (18+): a 13-year-old's need there has no
  // service, an adult's has one.
  expectStatus(
    await w.spektrumAdmin.post('/services', {
      ...serviceBody({
        name: 'Adiktologická ambulance pro dospělé',
        type: 'health-addiction-clinic',
        districts: ['jilemnice'],
        needCodes: ['addiction-treatment'],
      }),
      ageMin: 18,
      ageMax: 99,
    }),
    201,
    'adult clinic',
  );
  await w.rt.settle();
  for (const [name, birthDate] of [
    ['Ondřej Malý', '2013-05-01'],
    ['Karel Starý', '1980-05-01'],
  ] as const) {
    const id = expectStatus(
      await w.spektrum.post<{ id: string }>('/clients', {
        serviceId: field,
        identity: { kind: 'named', name, birthDate, sex: 'male', district: 'jilemnice' },
      }),
      201,
      'client',
    ).id;
    expectStatus(
      await w.spektrum.post(`/clients/${id}/needs-assessments`, {
        serviceId: field,
        assessedAt: minutesAgo(w.rt, 5),
        needs: [{ code: 'addiction-treatment', clientPriority: 'high', workerPriority: 'high' }],
      }),
      201,
      'needs',
    );
  }
  // One referral from Spektrum to the child psychiatry: an edge of the cooperation map.
  const draft = expectStatus(
    await w.spektrum.post<{ id: string; version: number }>('/referrals', {
      clientId: anonClient,
      toServiceId: w.services.psych,
      needCodes: ['mental-health'],
      ageBand: '27-64',
      district: 'semily',
      targetGroup: 'substance-users',
    }),
    201,
    'referral',
  );
  expectStatus(
    await w.spektrum.post(
      `/referrals/${draft.id}/transitions`,
      { action: 'send', clientData: {} },
      { headers: { 'if-match': `"${draft.version}"` } },
    ),
    200,
    'send',
  );
  await w.rt.settle();
}, 180_000);

afterAll(async () => {
  await w?.rt.stop();
});

describe('contacts by district', () => {
  it('counts unnamed and close-person contacts in their place district, adding up to the region', async () => {
    const t = await table('contacts', { period: month, rows: 'district' });
    expect(byRow(t)).toEqual({ jilemnice: 1, liberec: 3, semily: 2 });
    expect(t.total.value).toBe(6);
    expect(t.rowTotals.reduce((n, c) => n + (c.value ?? 0), 0)).toBe(t.total.value);

    const close = await table('close-persons-served', { period: month, rows: 'district' });
    expect(byRow(close)).toEqual({ liberec: 2 });
    const twoWay = await table('contacts', { period: month, rows: 'district', columns: 'serviceType' });
    expect(twoWay.columnTotals.map((c) => c.value)).toEqual([6]);
  });
});

describe('gaps by age band', () => {
  const gaps = async (query: Record<string, string>) =>
    expectStatus(
      await w.coordinator.get<stats.GapsReportOutput>(`/stats/gaps${qs({ period: month, ...query })}`),
      200,
      'gaps',
    ).items.filter((g) => g.need === 'addiction-treatment' && g.district === 'jilemnice');

  it("reports a child's need in a district served only by adult services as missing", async () => {
    expect(await gaps({})).toEqual([
      {
        need: 'addiction-treatment',
        district: 'jilemnice',
        targetGroup: 'substance-users',
        ageBand: '11-15',
        demand: { value: 1 },
        services: 0,
        acceptingServices: 0,
        minWaitingDays: null,
        status: 'missing',
      },
    ]);
    expect((await gaps({ ageBand: '11-15' })).map((g) => g.status)).toEqual(['missing']);
    // The adult's need is covered by the clinic, so the adult band has no gap.
    expect(await gaps({ ageBand: '27-64' })).toEqual([]);
    const bad = await w.coordinator.get(`/stats/gaps${qs({ period: month, ageBand: '12-14' })}`);
    expect(bad.status).toBe(422);
  });
});

/** The bytes as a spreadsheet reads them: BOM, then delimiter-separated fields (RFC 4180 quoting),
 * CRLF line ends, the header on the first line. */
const parseCsv = (bytes: Uint8Array, delimiter: string) => {
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes).slice(1);
  expect(text.endsWith('\r\n')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      f += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) f += c;
    else if (c === delimiter) {
      row.push(f);
      f = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
      i++;
    } else f += c;
  }
  const [header = [], ...body] = rows;
  for (const r of body) expect(r).toHaveLength(header.length);
  return { header, rows: body, col: (r: string[], name: string) => r[header.indexOf(name)] };
};

describe('CSV exports planners can open', () => {
  const download = async (table: string, query: Record<string, string>) => {
    // The bytes as they arrive (the test client would decode and drop the BOM).
    const res = await fetch(`${w.rt.url}/stats/exports/${table}${qs(query)}`, {
      headers: { authorization: `Bearer ${w.coordinator.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    return new Uint8Array(await res.arrayBuffer());
  };

  it('indicator table: BOM, `;`, header first, Czech names with codes in their own columns', async () => {
    const csv = parseCsv(
      await download('indicator', {
        indicator: 'contacts',
        period: month,
        rows: 'district',
        columns: 'serviceType',
      }),
      ';',
    );
    expect(csv.header).toEqual([
      'Kraj',
      'Kraj – kód',
      'Období',
      'Ukazatel',
      'Ukazatel – kód',
      'ORP',
      'ORP – kód',
      'Druh služby',
      'Druh služby – kód',
      'Hodnota',
      'Chráněno',
    ]);
    const jilemnice = csv.rows.find(
      (r) => csv.col(r, 'ORP – kód') === 'jilemnice' && csv.col(r, 'Druh služby – kód') === 's69',
    )!;
    expect(jilemnice).toEqual([
      'Liberecký kraj',
      'CZ051',
      month,
      'Kontakty',
      'contacts',
      'Jilemnice',
      'jilemnice',
      'Terénní programy (§69)',
      's69',
      '1',
      '',
    ]);
    expect(csv.rows.at(-1)!.slice(5)).toEqual(['Celkem', '', 'Celkem', '', '6', '']);
  });

  it('RFC 4180 with delimiter=comma and English names with lang=en', async () => {
    const csv = parseCsv(
      await download('indicator', {
        indicator: 'contacts',
        period: month,
        rows: 'serviceType',
        delimiter: 'comma',
        lang: 'en',
      }),
      ',',
    );
    expect(csv.header.slice(5)).toEqual(['Service type', 'Service type code', 'Value', 'Protected']);
    expect(csv.rows[0]!.slice(0, 7)).toEqual([
      'Liberecký kraj',
      'CZ051',
      month,
      'Contacts',
      'contacts',
      'Field programmes (§69)',
      's69',
    ]);
  });

  it('gaps: needs, districts, target groups and age bands named, the status named and coded', async () => {
    const csv = parseCsv(await download('gaps', { period: month, ageBand: '11-15' }), ';');
    expect(csv.header).toEqual([
      'Období',
      'Potřeba',
      'Potřeba – kód',
      'ORP',
      'ORP – kód',
      'Cílová skupina',
      'Cílová skupina – kód',
      'Věková skupina',
      'Věková skupina – kód',
      'Poptávka (klienti)',
      'Chráněno',
      'Služby',
      'Služby přijímající doporučení',
      'Nejkratší čekání (dny)',
      'Stav',
      'Stav – kód',
    ]);
    const row = csv.rows.find((r) => csv.col(r, 'Potřeba – kód') === 'addiction-treatment')!;
    expect(csv.col(row, 'Potřeba')).toMatch(/[ěščřžýáíéůú]/i);
    expect(row.slice(3)).toEqual([
      'Jilemnice',
      'jilemnice',
      'Osoby ohrožené závislostí nebo závislé na návykových látkách',
      'substance-users',
      '11–15 let',
      '11-15',
      '1',
      '',
      '0',
      '0',
      '',
      'chybí služba',
      'missing',
    ]);
  });

  it('cooperation: providers by name with their ids', async () => {
    const csv = parseCsv(await download('cooperation', { period: month }), ';');
    expect(csv.header).toEqual([
      'Období',
      'Od poskytovatele',
      'Od poskytovatele – kód',
      'K poskytovateli',
      'K poskytovateli – kód',
      'Druh spolupráce',
      'Druh spolupráce – kód',
      'Počet',
      'Chráněno',
    ]);
    expect(csv.rows).toEqual([
      [
        month,
        'Spektrum',
        w.providers.spektrum,
        'Dětská psychiatrie Liberec',
        w.providers.psych,
        'doporučení',
        'referral',
        '1',
        '',
      ],
    ]);
  });

  it('definitions: their own export, header first, Czech names', async () => {
    const csv = parseCsv(await download('definitions', {}), ';');
    expect(csv.header[0]).toBe('Ukazatel – kód');
    const row = csv.rows.find((r) => r[0] === 'close-persons-served')!;
    expect(csv.col(row, 'Ukazatel')).toBe('Kontakty s osobami blízkými');
    expect(csv.col(row, 'Druh')).toBe('počet');
    expect(csv.col(row, 'Členění')).toContain('ORP × Druh služby');
    // The gaps report and the cooperation map are defined in the same export.
    expect(csv.rows.slice(-2).map((r) => [r[0], r[1]])).toEqual([
      ['gaps', 'Chybějící a přetížené služby (gaps)'],
      ['cooperation', 'Mapa spolupráce'],
    ]);
    expect(csv.col(csv.rows.at(-2)!, 'Vzorec (anglicky)')).toMatch(/age band/);
  });
});
