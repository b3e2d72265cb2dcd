// CSV (RFC 4180) for exports. Definitions travel in leading `#` comment lines so a spreadsheet
// user sees the formula next to the figures.
import type { stats } from '@spolu/contracts';

const quote = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const toCsv = (
  header: string[],
  rows: (string | number | null | undefined)[][],
  comments: string[] = [],
) =>
  [
    ...comments.map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`),
    header.map(quote).join(','),
    ...rows.map((r) => r.map(quote).join(',')),
  ].join('\r\n') + '\r\n';

export const definitionComments = (d: stats.IndicatorDefinition) => [
  `indicator: ${d.id} — ${d.name} (${d.nameCs})`,
  `formula: ${d.formula}`,
  `events: ${d.events.join('; ')}`,
  `period: ${d.period}`,
];

const shown = (c: stats.CellValue) => (c.suppressed ? 'suppressed' : c.value);

/** A table in long form: one line per row x column, then the totals. */
export const tableCsv = (t: Omit<stats.StatsTable, 'region'> & { region: string }) => {
  const rowName = t.rows ?? '';
  const colName = t.columns ?? '';
  const waiting = t.definition.kind === 'waiting-time';
  const line = (r: string, c: string, v: stats.CellValue) => [
    t.region,
    t.period,
    t.indicator,
    r,
    c,
    shown(v),
    ...(waiting ? [v.median, v.p90] : []),
  ];
  const rows = [
    ...t.rowKeys.flatMap((r, i) => t.columnKeys.map((c, j) => line(r, c, t.cells[i]![j]!))),
    ...t.rowKeys.map((r, i) => line(r, 'TOTAL', t.rowTotals[i]!)),
    ...t.columnKeys.map((c, j) => line('TOTAL', c, t.columnTotals[j]!)),
    line('TOTAL', 'TOTAL', t.total),
  ];
  return toCsv(
    [
      'region',
      'period',
      'indicator',
      rowName || 'rows',
      colName || 'columns',
      'value',
      ...(waiting ? ['median_days', 'p90_days'] : []),
    ],
    rows,
    [
      ...definitionComments(t.definition),
      `view: ${t.view}; cells below ${t.threshold} suppressed (primary and secondary)`,
    ],
  );
};
