// Statistics contracts: indicator definitions, tables of counts (with small-cell suppression),
// the gaps report and the cooperation map. Nothing here is client-level: only codes, bands,
// periods and counts. Subject keys never leave the stats table.
import { Ulid } from '../ids';
import { AgeBand, DistrictCode, NeedCode, RegionCode, ServiceType, TargetGroup } from '../values';
import * as z from 'zod';
import { ContractMessages as M } from '../messages';

export const IndicatorId = z.enum([
  'clients',
  'new-clients',
  'first-contacts',
  'agreements',
  'contacts',
  'close-persons-served',
  'interventions',
  'needles-given',
  'needles-returned',
  'tests-performed',
  'needs-assessed',
  'needs-met',
  'needs-unmet',
  'goals-achieved',
  'goals-not-achieved',
  'referrals-sent',
  'referrals-accepted',
  'referrals-declined',
  'wait-sent-to-accepted',
  'wait-sent-to-started',
  'recovery-transitions',
]);
export type IndicatorId = z.infer<typeof IndicatorId>;

/** Dimensions a table can be broken down by. `provider` only in a provider's own view. */
export const Dimension = z.enum([
  'district',
  'serviceType',
  'targetGroup',
  'ageBand',
  'sex',
  'provider',
  'need',
  'intervention',
  'test',
  'reason',
  'phase',
  'service',
]);
export type Dimension = z.infer<typeof Dimension>;

export const Period = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, M.period)
  .meta({ description: 'Month (2026-11), quarter (2026-Q4) or year (2026)', example: '2026-11' });

export const IndicatorDefinition = z
  .strictObject({
    id: IndicatorId,
    name: z.string(),
    nameCs: z.string(),
    kind: z.enum(['count', 'unique-clients', 'waiting-time']),
    formula: z.string(),
    events: z.array(z.string()),
    period: z.string().meta({ description: 'Which date puts the event into a period' }),
    dimensions: z.array(z.array(Dimension)).meta({ description: 'Breakdowns the API serves' }),
    available: z.boolean().meta({ description: 'False until the events it needs exist' }),
  })
  .meta({ id: 'IndicatorDefinition' });
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

export const IndicatorList = z.strictObject({ items: z.array(IndicatorDefinition) });

/** A published value: a number, or null when suppressed (with `suppressed` saying why). */
export const CellValue = z
  .strictObject({
    value: z.number().nullable(),
    suppressed: z.enum(['primary', 'secondary']).optional(),
    median: z.number().nullable().optional(),
    p90: z.number().nullable().optional(),
  })
  .meta({ id: 'StatsCellValue' });
export type CellValue = z.infer<typeof CellValue>;

export const TableQuery = z.strictObject({
  period: Period,
  rows: Dimension.optional(),
  columns: Dimension.optional(),
  view: z
    .enum(['region', 'own'])
    .default('region')
    .meta({ description: "region: suppressed region figures; own: the caller's provider, unsuppressed" }),
});

export const StatsTable = z
  .strictObject({
    indicator: IndicatorId,
    definition: IndicatorDefinition,
    region: RegionCode,
    period: Period,
    view: z.enum(['region', 'own']),
    threshold: z.number().int(),
    rows: Dimension.optional(),
    columns: Dimension.optional(),
    rowKeys: z.array(z.string()),
    columnKeys: z.array(z.string()),
    cells: z.array(z.array(CellValue)).meta({ description: 'cells[row][column]' }),
    rowTotals: z.array(CellValue),
    columnTotals: z.array(CellValue),
    total: CellValue,
    note: z.string().optional(),
  })
  .meta({ id: 'StatsTable' });
export type StatsTable = z.infer<typeof StatsTable>;

/** The national view (docs/NATIONAL.md): the same table query, always with the region view's
 * disclosure control (there is no own view nationally). */
export const NationalTableQuery = TableQuery.omit({ view: true });
/** A national table: the regions' exported cells added up, published with the national stack's
 * own cell key and the insider rule per contributing region. */
export const NationalStatsTable = StatsTable.omit({ region: true })
  .extend({
    regions: z.array(RegionCode).meta({
      description:
        'The regions whose exports the national figures add up (each exports its exact cells; unique clients are summed over regions, a person served in two regions counts twice)',
    }),
  })
  .meta({ id: 'NationalStatsTable' });
export type NationalStatsTable = z.infer<typeof NationalStatsTable>;

export const GapsQuery = z.strictObject({
  period: Period,
  overloadedWaitingDays: z.coerce.number().int().min(1).max(3650).default(30),
  ageBand: AgeBand.optional().meta({ description: 'Only this age band (default: every band)' }),
});
export const Gap = z
  .strictObject({
    need: NeedCode,
    district: DistrictCode,
    targetGroup: TargetGroup,
    ageBand: AgeBand.meta({
      description:
        "The clients' age band; supply counts only services whose age range takes some age of the band",
    }),
    demand: CellValue.meta({ description: 'Unique clients with the need assessed in the period' }),
    services: z.number().int(),
    acceptingServices: z.number().int(),
    minWaitingDays: z.number().int().nullable(),
    status: z.enum(['missing', 'overloaded', 'covered']),
  })
  .meta({ id: 'StatsGap' });
export const GapsReport = z
  .strictObject({
    region: RegionCode,
    period: Period,
    threshold: z.number().int(),
    definition: z.string(),
    items: z.array(Gap),
  })
  .meta({ id: 'StatsGapsReport' });

export const CooperationQuery = z.strictObject({ period: Period });
export const CooperationMap = z
  .strictObject({
    region: RegionCode,
    period: Period,
    nodes: z.array(
      z.strictObject({
        id: z.string(),
        referralsSent: z.number().nullable(),
        referralsReceived: z.number().nullable(),
      }),
    ),
    edges: z.array(
      z.strictObject({
        from: z.string(),
        to: z.string(),
        kind: z.enum(['referral', 'shared-care']),
        weight: z.number().nullable(),
        suppressed: z.boolean().optional(),
      }),
    ),
  })
  .meta({ id: 'StatsCooperationMap' });

export const ExportParams = z.strictObject({
  table: z.enum(['indicator', 'gaps', 'cooperation', 'definitions']),
});
export const ExportQuery = TableQuery.extend({
  indicator: IndicatorId.optional(),
  ageBand: GapsQuery.shape.ageBand,
  overloadedWaitingDays: GapsQuery.shape.overloadedWaitingDays.optional(),
  delimiter: z.enum(['semicolon', 'comma']).default('semicolon').meta({
    description: 'semicolon: for Czech spreadsheets (Excel with Czech settings); comma: RFC 4180',
  }),
  lang: z
    .enum(['cs', 'en'])
    .default('cs')
    .meta({ description: 'Language of the header and of the names next to the codes' }),
});
/** The export is the CSV itself (text/csv, UTF-8); the file name comes in Content-Disposition. */
export const CsvExport = z.string().meta({
  id: 'StatsCsvExport',
  description:
    "UTF-8 CSV with a byte-order mark, `;` between fields (`,` with delimiter=comma, RFC 4180) and CRLF line ends; the header is the first line. Coded values come as a name (Czech, or English with lang=en) and the code in its own column. A protected cell has an empty value and 'ano' ('yes') in the column Chráněno (Protected). The definitions of the figures are the export `definitions`.",
});

/** A provider's annual figures per service (the Ministry's yearly statement, grant applications):
 * its own, exact, for its own staff only. */
export const AnnualReportParams = z.strictObject({ providerId: Ulid });
export const AnnualReportQuery = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, M.period)
    .meta({ description: 'Calendar year (Europe/Prague)', example: '2026' }),
});
export const AnnualReportExportQuery = AnnualReportQuery.extend({
  delimiter: ExportQuery.shape.delimiter,
  lang: ExportQuery.shape.lang,
});
const CountsBy = z.record(z.string(), z.number().int());
const WaitingTimes = z.strictObject({
  count: z.number().int(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
});
export const AnnualServiceFigures = z
  .strictObject({
    serviceId: Ulid,
    registryId: z.string().nullable().meta({ description: 'Identifier in the registry of social services' }),
    name: z.string().nullable(),
    serviceType: ServiceType.nullable().meta({ description: 'Service type (§ of Act 108/2006)' }),
    clients: z.number().int().meta({ description: 'Unique clients served in the year' }),
    clientsBySex: CountsBy.meta({ description: 'Clients registered in the year, by sex' }),
    clientsByAgeBand: CountsBy.meta({ description: 'Unique clients by age band' }),
    contacts: z.number().int(),
    interventions: CountsBy.meta({ description: 'Interventions by kind' }),
    refusedNoCapacity: z
      .number()
      .int()
      .meta({ description: 'Referrals to the service declined for lack of capacity' }),
    waitSentToAccepted: WaitingTimes.meta({ description: 'Days from a referral sent to its acceptance' }),
    waitSentToStarted: WaitingTimes.meta({ description: 'Days from a referral sent to the start of care' }),
  })
  .meta({ id: 'StatsAnnualServiceFigures' });
export const AnnualReport = z
  .strictObject({
    region: RegionCode,
    providerId: Ulid,
    year: z.string(),
    services: z.array(AnnualServiceFigures),
  })
  .meta({ id: 'StatsAnnualReport' });
export type AnnualReport = z.infer<typeof AnnualReport>;

export type TableQueryOutput = z.output<typeof TableQuery>;
export type GapsReportOutput = z.output<typeof GapsReport>;
export type CooperationMapOutput = z.output<typeof CooperationMap>;
