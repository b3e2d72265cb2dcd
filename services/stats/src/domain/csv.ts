// CSV exports planners open in a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the
// Czech characters), `;` between fields by default (Czech Excel's list separator) or `,` for
// RFC 4180 (`delimiter=comma`), CRLF line ends, the header on the first line. Every coded value
// comes as a name (Czech by default, English with `lang=en`) with its code in its own column.
// A protected cell is the same everywhere: an empty value and `ano` / `yes` in the column
// `Chráněno` / `Protected`. The definitions of the figures are their own export (`definitions`).
import type { stats } from '@spolu/contracts';
import { gapsDefinition } from './gaps';
import type { Lang } from './labels';
import { dimensionNames, regionName, valueName } from './labels';

export interface CsvOptions {
  delimiter: 'semicolon' | 'comma';
  lang: Lang;
}
type Field = string | number | null | undefined;

const bom = '\uFEFF';
const separator = (o: CsvOptions) => (o.delimiter === 'comma' ? ',' : ';');

/** A field as text: quoted when it holds the separator, a quote or a line break; text that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe. */
const field = (v: Field, sep: string) => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const toCsv = (header: string[], rows: Field[][], o: CsvOptions) => {
  const sep = separator(o);
  const line = (r: Field[]) => r.map((v) => field(v, sep)).join(sep);
  return bom + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
};

const t = (o: CsvOptions, cs: string, en: string) => (o.lang === 'cs' ? cs : en);
const codeHeader = (o: CsvOptions, name: string) => t(o, `${name} – kód`, `${name} code`);
/** The one marker of a protected cell: an empty value and this column saying so. */
const protectedHeader = (o: CsvOptions) => t(o, 'Chráněno', 'Protected');
const protectedFlag = (o: CsvOptions, isProtected: boolean) => (isProtected ? t(o, 'ano', 'yes') : '');
const totalName = (o: CsvOptions) => t(o, 'Celkem', 'Total');

type Table = Omit<stats.StatsTable, 'region'> & { region: string };

/** A table in long form: one line per row × column, then the row, column and grand totals. */
export const tableCsv = (tb: Table, o: CsvOptions, providerNames?: ReadonlyMap<string, string>) => {
  const waiting = tb.definition.kind === 'waiting-time';
  const dims = [tb.rows, tb.columns].filter((d): d is stats.Dimension => d !== undefined);
  const name = (dim: stats.Dimension) => dimensionNames[dim][o.lang];
  const header = [
    t(o, 'Kraj', 'Region'),
    codeHeader(o, t(o, 'Kraj', 'Region')),
    t(o, 'Období', 'Period'),
    t(o, 'Ukazatel', 'Indicator'),
    codeHeader(o, t(o, 'Ukazatel', 'Indicator')),
    ...dims.flatMap((d) => [name(d), codeHeader(o, name(d))]),
    t(o, 'Hodnota', 'Value'),
    protectedHeader(o),
    ...(waiting ? [t(o, 'Medián (dny)', 'Median (days)'), t(o, '90. percentil (dny)', 'P90 (days)')] : []),
  ];
  const key = (dim: stats.Dimension | undefined, code: string | null): Field[] =>
    dim === undefined
      ? []
      : code === null
        ? [totalName(o), '']
        : [valueName(dim, code, o.lang, providerNames), code];
  const line = (r: string | null, c: string | null, v: stats.CellValue): Field[] => [
    regionName(tb.region),
    tb.region,
    tb.period,
    o.lang === 'cs' ? tb.definition.nameCs : tb.definition.name,
    tb.indicator,
    ...key(tb.rows, r),
    ...key(tb.columns, c),
    v.value,
    protectedFlag(o, v.value === null),
    ...(waiting ? [v.median, v.p90] : []),
  ];
  const rows = tb.rows
    ? [
        ...tb.rowKeys.flatMap((r, i) =>
          tb.columns ? tb.columnKeys.map((c, j) => line(r, c, tb.cells[i]![j]!)) : [],
        ),
        ...tb.rowKeys.map((r, i) => line(r, null, tb.rowTotals[i]!)),
        ...(tb.columns ? tb.columnKeys.map((c, j) => line(null, c, tb.columnTotals[j]!)) : []),
        line(null, null, tb.total),
      ]
    : [line(null, null, tb.total)];
  return toCsv(header, rows, o);
};

const kinds: Record<stats.IndicatorDefinition['kind'], { cs: string; en: string }> = {
  'unique-clients': { cs: 'unikátní klienti', en: 'unique clients' },
  count: { cs: 'počet', en: 'count' },
  'waiting-time': { cs: 'čekací doba', en: 'waiting time' },
};

/** The two reports that are not indicators, defined in the same export. */
const reports = [
  {
    id: 'gaps',
    cs: 'Chybějící a přetížené služby (gaps)',
    en: 'Gaps report',
    formula: gapsDefinition,
    events:
      'intake.NeedsAssessed; directory.ServiceRegistered; directory.ServiceUpdated; directory.CapacityChanged',
  },
  {
    id: 'cooperation',
    cs: 'Mapa spolupráce',
    en: 'Cooperation map',
    formula:
      'Edges between providers: referrals sent (directed, sender to receiver, internal referrals excluded) and shared-care agreements started (one undirected edge per provider pair), counted in the period; the referrals a provider sent and received add up its referral edges. Small weights are protected.',
    events: 'referrals.ReferralSent; referrals.SharedCareStarted',
  },
];

/** Every indicator's definition (name, kind, formula, events, period, breakdowns), then the gaps
 * report's and the cooperation map's. */
export const definitionsCsv = (defs: readonly stats.IndicatorDefinition[], o: CsvOptions) =>
  toCsv(
    [
      codeHeader(o, t(o, 'Ukazatel', 'Indicator')),
      t(o, 'Ukazatel', 'Indicator'),
      t(o, 'Druh', 'Kind'),
      t(o, 'Vzorec (anglicky)', 'Formula'),
      t(o, 'Události', 'Events'),
      t(o, 'Období (anglicky)', 'Period'),
      t(o, 'Členění', 'Breakdowns'),
      t(o, 'Dostupný', 'Available'),
    ],
    defs
      .map((d) => [
        d.id,
        o.lang === 'cs' ? d.nameCs : d.name,
        kinds[d.kind]?.[o.lang] ?? d.kind,
        d.formula,
        d.events.join('; '),
        d.period,
        d.dimensions
          .map((s) => s.map((dim) => dimensionNames[dim][o.lang]).join(' × ') || t(o, 'kraj', 'region'))
          .join('; '),
        d.available ? t(o, 'ano', 'yes') : t(o, 'ne', 'no'),
      ])
      .concat(
        reports.map((r) => [
          r.id,
          r[o.lang],
          t(o, 'přehled', 'report'),
          r.formula,
          r.events,
          t(o, 'měsíc, čtvrtletí nebo rok', 'a month, quarter or year'),
          '',
          t(o, 'ano', 'yes'),
        ]),
      ),
    o,
  );

const statuses: Record<string, { cs: string; en: string }> = {
  missing: { cs: 'chybí služba', en: 'missing' },
  overloaded: { cs: 'přetížené služby', en: 'overloaded' },
  covered: { cs: 'pokryto', en: 'covered' },
};

/** The gaps report: need × district × target group × age band with demand and supply. */
export const gapsCsv = (g: stats.GapsReportOutput, o: CsvOptions) => {
  const named = (dim: stats.Dimension) => [
    dimensionNames[dim][o.lang],
    codeHeader(o, dimensionNames[dim][o.lang]),
  ];
  return toCsv(
    [
      t(o, 'Období', 'Period'),
      ...named('need'),
      ...named('district'),
      ...named('targetGroup'),
      ...named('ageBand'),
      t(o, 'Poptávka (klienti)', 'Demand (clients)'),
      protectedHeader(o),
      t(o, 'Služby', 'Services'),
      t(o, 'Služby přijímající doporučení', 'Services accepting referrals'),
      t(o, 'Nejkratší čekání (dny)', 'Shortest wait (days)'),
      t(o, 'Stav', 'Status'),
      codeHeader(o, t(o, 'Stav', 'Status')),
    ],
    g.items.map((i) => [
      g.period,
      valueName('need', i.need, o.lang),
      i.need,
      valueName('district', i.district, o.lang),
      i.district,
      valueName('targetGroup', i.targetGroup, o.lang),
      i.targetGroup,
      valueName('ageBand', i.ageBand, o.lang),
      i.ageBand,
      i.demand.value,
      protectedFlag(o, i.demand.value === null),
      i.services,
      i.acceptingServices,
      i.minWaitingDays,
      statuses[i.status]?.[o.lang] ?? i.status,
      i.status,
    ]),
    o,
  );
};

const edgeKinds: Record<string, { cs: string; en: string }> = {
  referral: { cs: 'doporučení', en: 'referrals' },
  'shared-care': { cs: 'sdílená péče', en: 'shared care' },
};

/** The cooperation map's edges, providers named (directory names, else the id). */
export const cooperationCsv = (
  m: { period: string; edges: { from: string; to: string; kind: string; weight: number | null }[] },
  o: CsvOptions,
  providerNames: ReadonlyMap<string, string>,
) =>
  toCsv(
    [
      t(o, 'Období', 'Period'),
      t(o, 'Od poskytovatele', 'From provider'),
      codeHeader(o, t(o, 'Od poskytovatele', 'From provider')),
      t(o, 'K poskytovateli', 'To provider'),
      codeHeader(o, t(o, 'K poskytovateli', 'To provider')),
      t(o, 'Druh spolupráce', 'Kind'),
      codeHeader(o, t(o, 'Druh spolupráce', 'Kind')),
      t(o, 'Počet', 'Count'),
      protectedHeader(o),
    ],
    m.edges.map((e) => [
      m.period,
      providerNames.get(e.from) ?? e.from,
      e.from,
      providerNames.get(e.to) ?? e.to,
      e.to,
      edgeKinds[e.kind]?.[o.lang] ?? e.kind,
      e.kind,
      e.weight,
      protectedFlag(o, e.weight === null),
    ]),
    o,
  );

/** A provider's annual figures: one line per service and figure (a breakdown value, or the total
 * with an empty code), the service named with its registry id and its type with the §. */
export const annualCsv = (r: stats.AnnualReport, o: CsvOptions, providerName: string | undefined) => {
  const figure = (code: string, cs: string, en: string) => [t(o, cs, en), code];
  const lines: Field[][] = [];
  for (const s of r.services) {
    const service: Field[] = [
      r.year,
      providerName ?? r.providerId,
      r.providerId,
      s.name ?? s.serviceId,
      s.serviceId,
      s.registryId,
      s.serviceType ? valueName('serviceType', s.serviceType, o.lang) : null,
      s.serviceType,
    ];
    const add = (what: Field[], breakdown: Field[], value: number | null) =>
      lines.push([...service, ...what, ...breakdown, value]);
    const total = [totalName(o), ''];
    const each = (what: Field[], dim: stats.Dimension, counts: Record<string, number>) =>
      Object.entries(counts).forEach(([code, n]) => add(what, [valueName(dim, code, o.lang), code], n));
    add(figure('clients', 'Klienti (unikátní)', 'Clients (unique)'), total, s.clients);
    each(figure('clients-by-sex', 'Klienti podle pohlaví', 'Clients by sex'), 'sex', s.clientsBySex);
    each(
      figure('clients-by-age-band', 'Klienti podle věku', 'Clients by age band'),
      'ageBand',
      s.clientsByAgeBand,
    );
    add(figure('contacts', 'Kontakty', 'Contacts'), total, s.contacts);
    each(
      figure('interventions', 'Výkony podle typu', 'Interventions by kind'),
      'intervention',
      s.interventions,
    );
    add(
      figure(
        'refused-no-capacity',
        'Odmítnutí zájemci pro nedostatek kapacity',
        'Refused for lack of capacity',
      ),
      total,
      s.refusedNoCapacity,
    );
    for (const [code, cs, en, w] of [
      [
        'wait-sent-to-accepted',
        'Čekací doba: odeslání → přijetí',
        'Waiting: sent to accepted',
        s.waitSentToAccepted,
      ],
      [
        'wait-sent-to-started',
        'Čekací doba: odeslání → zahájení',
        'Waiting: sent to started',
        s.waitSentToStarted,
      ],
    ] as const) {
      add(figure(code, cs, en), [t(o, 'Počet doporučení', 'Referrals'), 'count'], w.count);
      add(figure(code, cs, en), [t(o, 'Medián (dny)', 'Median (days)'), 'median'], w.median);
      add(figure(code, cs, en), [t(o, '90. percentil (dny)', 'P90 (days)'), 'p90'], w.p90);
    }
  }
  return toCsv(
    [
      t(o, 'Rok', 'Year'),
      t(o, 'Poskytovatel', 'Provider'),
      codeHeader(o, t(o, 'Poskytovatel', 'Provider')),
      t(o, 'Služba', 'Service'),
      codeHeader(o, t(o, 'Služba', 'Service')),
      t(o, 'Registrační číslo', 'Registry id'),
      t(o, 'Druh služby', 'Service type'),
      codeHeader(o, t(o, 'Druh služby', 'Service type')),
      t(o, 'Ukazatel', 'Figure'),
      codeHeader(o, t(o, 'Ukazatel', 'Figure')),
      t(o, 'Členění', 'Breakdown'),
      codeHeader(o, t(o, 'Členění', 'Breakdown')),
      t(o, 'Hodnota', 'Value'),
    ],
    lines,
    o,
  );
};
