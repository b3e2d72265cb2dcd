import { describe, expect, it } from '@jest/globals';
import { cellId, chunk, expand, factsOfCell, itemsOf, markerOf, readCells } from '../src/domain/cells';
import { definitions, familiesOf } from '../src/domain/definitions';
import { intakeIncrements, plansIncrements, referralsIncrements } from '../src/domain/project';
import { bucketOf, percentile } from '../src/domain/histogram';
import { periodsOf } from '../src/domain/periods';
import { suppressGrid } from '../src/domain/suppression';
import { buildTable } from '../src/domain/tables';
import { statsRoutes } from '@spolu/contracts';
import { buildOpenApiDocument } from '../../../packages/contracts/src/openapi';
import { toCsv } from '../src/domain/csv';
import { cooperationOf } from '../src/domain/cooperation';

describe('periods', () => {
  it('places an instant in its Prague month, quarter and year', () => {
    expect(periodsOf('2026-03-31T22:30:00Z')).toEqual(['2026-04', '2026-Q2', '2026']);
    expect(periodsOf('2026-03-31T21:30:00Z')).toEqual(['2026-03', '2026-Q1', '2026']);
    expect(periodsOf('2025-12-31T23:30:00Z')).toEqual(['2026-01', '2026-Q1', '2026']);
  });
});

describe('cells', () => {
  it('has a canonical id whatever the order of dimensions', () => {
    const f = { serviceType: 's59', district: 'semily' };
    expect(cellId(['serviceType', 'district'], f)).toBe('district+serviceType#semily|s59');
    expect(cellId([], f)).toBe('region#-');
    expect(factsOfCell('district+serviceType#semily|s59')).toEqual(f);
  });

  it('writes each period and served breakdown; a subject counts once per cell; counts add up', () => {
    const at = '2026-11-10T10:00:00Z';
    const facts = { district: 'semily', serviceType: 's59' };
    const writes = expand([
      { indicator: 'clients', at, facts, dimSets: [[], ['district'], ['sex']], subjectKey: 'k'.repeat(32) },
      { indicator: 'clients', at, facts, dimSets: [[], ['district']], subjectKey: 'k'.repeat(32) },
      { indicator: 'contacts', at, facts, dimSets: [[]], add: 2 },
      { indicator: 'contacts', at, facts, dimSets: [[]], add: 3 },
    ]);
    // sex is missing from the facts, so that breakdown is skipped.
    expect(writes.filter((w) => w.indicator === 'clients')).toHaveLength(6);
    // Plain counts too are written to the month, the quarter and the year.
    expect(writes.filter((w) => w.indicator === 'contacts').map((w) => [w.period, w.add])).toEqual([
      ['2026', 5],
      ['2026-11', 5],
      ['2026-Q4', 5],
    ]);
    // ...on one stored item per cell: region#- (clients and contacts, three periods) and district.
    const items = itemsOf(writes, 'ContactRecorded');
    expect(items.map((i) => [i.year, i.cell, i.writes.length])).toEqual([
      ['2026', 'district#semily', 3],
      ['2026', 'region#-', 6],
    ]);
  });

  it('reads one indicator and period from stored items, summing the event types that feed it', () => {
    const items = [
      { sk: 'region#-', 'clients.m11': 2, 'clients.q4': 2, 'contacts.m11': 9 },
      { sk: 'region#-', 'clients.m11': 1, 'wait-sent-to-accepted.m11': 1 },
      { sk: 'district#semily', 'contacts.m11': 4 },
      {
        sk: 'district#semily',
        'wait-sent-to-accepted.m11': 3,
        'wait-sent-to-accepted.m11.h3': 2,
        'wait-sent-to-accepted.m11.h7': 1,
        'wait-sent-to-accepted.q4.h7': 1,
      },
    ];
    expect(readCells(items, 'clients', '2026-11')).toEqual(new Map([['region#-', { n: 3 }]]));
    expect(readCells(items, 'clients', '2026-Q4')).toEqual(new Map([['region#-', { n: 2 }]]));
    expect(readCells(items, 'wait-sent-to-accepted', '2026-11').get('district#semily')).toEqual({
      n: 3,
      h3: 2,
      h7: 1,
    });
  });

  it('reads every indicator from event types that produce it', () => {
    const producers = new Set(
      Object.keys({ ...intakeIncrements, ...plansIncrements, ...referralsIncrements }),
    );
    for (const d of definitions) for (const f of familiesOf(d.id)) expect(producers).toContain(f);
  });

  it('chunks deterministically within the transaction budget', () => {
    const writes = expand([
      {
        indicator: 'needs-assessed',
        at: '2026-11-10T10:00:00Z',
        facts: {
          need: 'housing',
          district: 'semily',
          targetGroup: 'homeless',
          serviceType: 's59',
          provider: 'p',
        },
        dimSets: definitions.find((d) => d.id === 'needs-assessed')!.dimensions,
        subjectKey: 'k'.repeat(32),
      },
    ]);
    const items = itemsOf(writes, 'NeedsAssessed');
    const chunks = chunk(items, 10);
    expect(chunks.length).toBeGreaterThan(1);
    // One per item plus one per subject marker.
    for (const c of chunks)
      expect(c.length + new Set(c.flatMap((i) => i.writes.map(markerOf))).size).toBeLessThanOrEqual(10);
    expect(chunks.flat()).toEqual(items);
    expect(chunk(items, 10)).toEqual(chunks);
  });
});

describe('suppression', () => {
  it('suppresses small cells and a second cell in every affected row and column', () => {
    // Rows a, b; columns x, y, z; last column/row are totals.
    const grid = [
      [3, 10, 12, 25],
      [8, 9, 20, 37],
      [11, 19, 32, 62],
    ];
    const marks = suppressGrid(grid, 5);
    expect(marks[0]![0]).toBe('primary');
    // Row a: smallest other is 10 (x=y). Column x: smallest other is 8.
    expect(marks[0]![1]).toBe('secondary');
    expect(marks[1]![0]).toBe('secondary');
    // Column y now has one hidden (10) -> its smallest other (9) too; row b then has 2.
    expect(marks[1]![1]).toBe('secondary');
    for (const row of marks) {
      const n = row.filter(Boolean).length;
      expect(n === 0 || n >= 2).toBe(true);
    }
    for (let j = 0; j < 4; j++) {
      const n = marks.filter((r) => r[j]).length;
      expect(n === 0 || n >= 2).toBe(true);
    }
  });

  it('leaves zeros and large cells alone and protects a lone small total in a 1-D table', () => {
    expect(suppressGrid([[0, 7, 7]], 5)).toEqual([[undefined, undefined, undefined]]);
    // 1-D: rows a=2, b=6, c=9, total 17 as a column of 4 entries.
    const marks = suppressGrid([[2], [6], [9], [17]], 5);
    expect(marks.map((r) => r[0])).toEqual(['primary', 'secondary', undefined, undefined]);
  });
});

describe('histogram percentiles', () => {
  it('reads median and p90 from day buckets', () => {
    const h: Record<number, number> = {};
    for (const d of [1, 2, 2, 3, 5, 8, 13, 21, 34, 120]) h[bucketOf(d)] = (h[bucketOf(d)] ?? 0) + 1;
    expect(percentile(h, 50)).toBe(5);
    expect(percentile(h, 90)).toBe(34);
    expect(percentile({}, 50)).toBeNull();
    expect(bucketOf(120)).toBeGreaterThan(bucketOf(60));
  });
});

describe('tables', () => {
  const cells = new Map<string, Record<string, unknown>>([
    ['region#-', { n: 30 }],
    ['district#semily', { n: 27 }],
    ['district#jilemnice', { n: 3 }],
    ['provider#P1', { n: 3 }],
    ['district+provider#jilemnice|P1', { n: 3 }],
  ]);
  it('suppresses in the region view (the old per-table suppression)', () => {
    const t = buildTable(
      {
        indicator: 'new-clients',
        period: '2026-11',
        rows: 'district',
        view: 'region',
        threshold: 5,
        disclosure: 'per-table',
      },
      cells,
    );
    expect(t.rowKeys).toEqual(['jilemnice', 'semily']);
    expect(t.rowTotals).toEqual([
      { value: null, suppressed: 'primary' },
      { value: null, suppressed: 'secondary' },
    ]);
    expect(t.total).toEqual({ value: 30 });
  });
  it("shows a provider's own figures unsuppressed", () => {
    const t = buildTable(
      {
        indicator: 'new-clients',
        period: '2026-11',
        rows: 'district',
        view: 'own',
        provider: 'P1',
        threshold: 5,
      },
      cells,
    );
    expect(t.rowKeys).toEqual(['jilemnice']);
    expect(t.rowTotals).toEqual([{ value: 3 }]);
    expect(t.total).toEqual({ value: 3 });
  });
  it('refuses breakdowns that are not kept, and provider in the region view', () => {
    expect(() =>
      buildTable({ indicator: 'contacts', period: '2026', rows: 'sex', view: 'region', threshold: 5 }, cells),
    ).toThrow(/not kept/);
    expect(() =>
      buildTable(
        { indicator: 'contacts', period: '2026', rows: 'provider', view: 'region', threshold: 5 },
        cells,
      ),
    ).toThrow(/own view/);
  });
});

describe('csv', () => {
  it('is described in OpenAPI as text/csv, not JSON', () => {
    const doc = buildOpenApiDocument([statsRoutes.exportCsv], { serverUrl: 'http://localhost' });
    const ok = doc.paths?.['/stats/exports/{table}']?.get?.responses?.['200'] as {
      content: Record<string, { schema: unknown }>;
    };
    expect(Object.keys(ok.content)).toEqual(['text/csv']);
    expect(ok.content['text/csv']!.schema).toEqual({ $ref: '#/components/schemas/StatsCsvExport' });
    expect(doc.components?.schemas?.StatsCsvExport).toMatchObject({ type: 'string' });
  });

  it('writes a BOM, the header first and quotes per RFC 4180 for either separator', () => {
    const rows = [['x,y', 'say "hi"', 'a;b', '=1+1', 5]];
    expect(toCsv(['a', 'b', 'c', 'd', 'e'], rows, { delimiter: 'comma', lang: 'cs' })).toBe(
      '\uFEFFa,b,c,d,e\r\n"x,y","say ""hi""",a;b,\'=1+1,5\r\n',
    );
    expect(toCsv(['a', 'b', 'c', 'd', 'e'], rows, { delimiter: 'semicolon', lang: 'cs' })).toBe(
      '\uFEFFa;b;c;d;e\r\nx,y;"say ""hi""";"a;b";\'=1+1;5\r\n',
    );
  });
});

describe('cooperation map', () => {
  it('publishes weights with the cell key: noise within ±2, small ones hidden, node totals from them', () => {
    const m = cooperationOf(
      new Map([
        ['edge#referral|A|B', { n: 20, k: 111 }],
        ['edge#referral|A|C', { n: 2, k: 222 }],
        ['edge#referral|B|C', { n: 30, k: 333 }],
      ]),
      5,
    );
    const weight = (from: string, to: string) => m.edges.find((e) => e.from === from && e.to === to)!;
    // A hidden edge is not listed (listed, it would say "at least 1").
    expect(m.edges.find((e) => e.from === 'A' && e.to === 'C')).toBeUndefined();
    expect(Math.abs(weight('A', 'B').weight! - 20)).toBeLessThanOrEqual(2);
    expect(Math.abs(weight('B', 'C').weight! - 30)).toBeLessThanOrEqual(2);
    // B's total is the sum of its published edges; A's includes a hidden one.
    const node = (id: string) => m.nodes.find((n) => n.id === id)!;
    expect(node('B').referralsSent).toBe(weight('B', 'C').weight);
    expect(node('A').referralsSent).toBeNull();
    expect(cooperationOf(new Map([['edge#referral|A|B', { n: 20, k: 111 }]]), 5).edges).toEqual([
      weight('A', 'B'),
    ]);
  });

  it('weights edges per period and hides small weights and the node totals behind them (per-table)', () => {
    const m = cooperationOf(
      new Map([
        ['edge#referral|A|B', { n: 7 }],
        ['edge#referral|A|C', { n: 2 }],
        ['edge#referral|B|C', { n: 9 }],
        ['edge#shared-care|A|B', { n: 6 }],
      ]),
      5,
      'per-table',
    );
    expect(m.edges.find((e) => e.to === 'C' && e.from === 'A')).toMatchObject({
      weight: null,
      suppressed: true,
    });
    expect(m.nodes.find((n) => n.id === 'A')).toEqual({ id: 'A', referralsSent: null, referralsReceived: 0 });
    expect(m.edges.filter((e) => e.suppressed)).toHaveLength(2);
  });
});
