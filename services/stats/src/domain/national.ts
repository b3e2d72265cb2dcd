// National figures (docs/NATIONAL.md). Each region exports its exact, unperturbed cell counts —
// counts and waiting-time histograms keyed `indicator|period|cell`, for the region view's
// breakdowns only: no provider, no subject key, no record key or cell key, no client data. The
// national stack adds the regions' cells up and publishes them exactly as a region publishes its
// own (tables.ts: `buildTable`), with two national choices:
// - the cell key is the national stack's own: a keyed hash (the national secret) of the cell's
//   per-region counts, so the same contributions always get the same noise and nobody without the
//   secret can compute it;
// - the insider rule runs per contributing REGION, as it runs per provider in a region: each
//   region's share of a national cell is written as the cell's twin "by provider" with the region
//   code in the provider's place, which is what `buildTable` reads as shares and never serves.
// Unique clients cannot be deduplicated across regions (subject keys are per-region HMACs by
// design), so a national unique count is the sum of the regions' distinct counts.
import type { RegionCode, stats } from '@spolu/contracts';
import { recordKey } from './cell-key';
import { cellId, dimSetName, dimSetOfCell, factsOfCell, readCells } from './cells';
import type { Facts } from './cells';
import { definitions, dimensionsOf } from './definitions';
import type { TableRequest } from './tables';
import { buildTable } from './tables';

type Dimension = stats.Dimension;
type IndicatorId = stats.IndicatorId;
/** A cell as exported and combined: `n` and the waiting-time buckets `h<b>`, nothing else. */
export type ExportedCell = Record<string, number>;

/** What leaves a region: one year of its exact cells. */
export interface RegionExport {
  format: 'spolu.stats.region-export/1';
  region: RegionCode;
  year: string;
  exportedAt: string;
  /** `indicator|period|cell` (`clients|2026-03|district+serviceType#semily|s59`) -> the exact
   * count `n` and, for waiting times, the day-bucket counts `h<b>`. */
  cells: Record<string, ExportedCell>;
}

/** The periods of a year a region exports: its months, quarters and the year. */
export const periodsOfYear = (year: string) => [
  ...Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
  ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
  year,
];

/** The dimension sets a region exports for an indicator: the region view's breakdowns (and the
 * region total), never a set with the provider (the own view and the insider rule's twins). */
export const exportedDimSets = (indicator: IndicatorId) => [
  ...new Set(
    [[], ...dimensionsOf(indicator)]
      .filter((set) => !set.includes('provider'))
      .map((set) => dimSetName(set as Dimension[])),
  ),
];

/** Only the count and the histogram buckets of a read cell: the running sum of record keys (`k`,
 * the region's cell key) stays in the region (for a cell of one person it is a pseudonym). */
const exactOnly = (cell: Record<string, number>): ExportedCell =>
  Object.fromEntries(Object.entries(cell).filter(([k]) => k === 'n' || /^h\d+$/.test(k)));

/** A region's export of a year from its stored cell items, read per indicator (`items` are the
 * items of the indicator's event types and exported dimension sets, as the store returns them). */
export const regionExportOf = (
  region: RegionCode,
  year: string,
  exportedAt: string,
  itemsOf: ReadonlyMap<IndicatorId, readonly Record<string, unknown>[]>,
): RegionExport => {
  const cells: Record<string, ExportedCell> = {};
  for (const def of definitions) {
    const items = itemsOf.get(def.id) ?? [];
    for (const period of periodsOfYear(year))
      for (const [cell, read] of readCells(items, def.id, period)) {
        // Only the region view's sets, whatever items were passed in (no provider's own figures).
        if (dimSetOfCell(cell).split('+').includes('provider')) continue;
        const exact = exactOnly(read);
        if (!exact.n) continue; // a cell taken back to 0 (voided contacts) is not a contribution
        cells[`${def.id}|${period}|${cell}`] = exact;
      }
  }
  return { format: 'spolu.stats.region-export/1', region, year, exportedAt, cells };
};

/** The national cell key: a keyed hash (the national stack's secret) of the cell's per-region
 * counts. The same contributions give the same key, so the same query always gives the same
 * figure, and a year gets the figure of its only active quarter. */
export const nationalCellKey = (secret: string, perRegion: readonly (readonly [RegionCode, number])[]) =>
  recordKey(
    secret,
    `national|${[...perRegion]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([r, n]) => `${r}:${n}`)
      .join(',')}`,
  );

/** The national cells of one indicator and period: every cell summed over the regions (count and
 * histogram buckets), its national key as `k`, and each region's count as the cell's twin by
 * "provider" (the region in the provider's place) for the insider rule of `buildTable`. */
export const combineNational = (
  regions: readonly { region: RegionCode; cells: ReadonlyMap<string, ExportedCell> }[],
  secret: string,
): Map<string, Record<string, number>> => {
  const sums = new Map<string, Record<string, number>>();
  const shares = new Map<string, [RegionCode, number][]>();
  for (const { region, cells } of regions)
    for (const [id, cell] of cells) {
      // A region never exports provider sets; should one arrive, it is not a national cell.
      if (dimSetOfCell(id).split('+').includes('provider')) continue;
      const acc = sums.get(id) ?? {};
      for (const [k, v] of Object.entries(exactOnly(cell))) acc[k] = (acc[k] ?? 0) + v;
      sums.set(id, acc);
      shares.set(id, [...(shares.get(id) ?? []), [region, cell.n ?? 0]]);
    }
  const out = new Map<string, Record<string, number>>();
  for (const [id, acc] of sums) {
    const perRegion = shares.get(id)!;
    out.set(id, { ...acc, k: nationalCellKey(secret, perRegion) });
    const facts: Facts = factsOfCell(id);
    const dims = Object.keys(facts) as Dimension[];
    for (const [region, n] of perRegion)
      out.set(cellId(['provider', ...dims], { ...facts, provider: region }), { n });
  }
  return out;
};

/** A published national table: the region view's publishing (noise from the national key,
 * threshold, the insider rule per region) over the combined cells. `disclosure: 'per-table'` (the
 * old exact-or-hidden rule, no insider rule) exists only for the auditor's test that shows the
 * attack on national and regional tables together finds the leak it makes. */
export const nationalTableOf = (
  req: Omit<TableRequest, 'view' | 'provider'>,
  regions: readonly { region: RegionCode; cells: ReadonlyMap<string, ExportedCell> }[],
  secret: string,
): Omit<stats.NationalStatsTable, 'regions'> => {
  const table = buildTable(
    { ...req, view: 'region', disclosure: req.disclosure ?? 'cell-key' },
    combineNational(regions, secret),
  );
  return {
    ...table,
    ...(req.threshold > 1 && (req.disclosure ?? 'cell-key') === 'cell-key'
      ? {
          note: `National figures: the regions' exact cells added up (unique clients: the sum of the regions' distinct counts; a person served in two regions counts twice). Figures carry small random but fixed noise (at most ±2); values below ${req.threshold} are hidden, and so are cells of one region or where the other regions have only a few, so cells do not add up to totals exactly; totals are counted on their own.`,
        }
      : {}),
  };
};
