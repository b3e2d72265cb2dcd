// Building a published table from precomputed cells: pick the cells of the requested breakdown,
// read totals from their own cells (unique-client totals are counted, never summed), and apply
// small-cell suppression in the region view. Pure: the handler passes the cells in.
import type { stats } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { Facts } from './cells';
import { canonical, cellId, dimSetName, dimSetPrefix, factsOfCell } from './cells';
import { definitionOf } from './definitions';
import { histogramOf, percentile, protectedPercentile } from './histogram';
import type { Mark } from './suppression';
import { suppressGrid } from './suppression';
import { cellKeyOf, publishRegionCount } from './cell-key';

type Dimension = stats.Dimension;
type CellItem = Record<string, unknown>;

export interface TableRequest {
  indicator: stats.IndicatorId;
  period: string;
  rows?: Dimension;
  columns?: Dimension;
  view: 'region' | 'own';
  /** The caller's provider, for the own view. */
  provider?: string;
  threshold: number;
  /** Region-view disclosure control: cell-key perturbation (default), or the old per-table
   * suppression, which leaks across tables and periods and is kept only to test the auditor. */
  disclosure?: 'cell-key' | 'per-table';
}

const same = (a: readonly Dimension[], b: readonly Dimension[]) =>
  canonical(a).join('+') === canonical(b).join('+');

/** The dimension sets a table reads (base, rows, columns, rows x columns), checked against the
 * indicator's kept breakdowns; as stored dimension-set names (`region`, `district+serviceType`). */
export const tableDimSets = (req: Omit<TableRequest, 'threshold'>): string[] => {
  const def = definitionOf(req.indicator);
  const base: Dimension[] = req.view === 'own' ? ['provider'] : [];
  if (req.rows && req.rows === req.columns)
    throw new DomainRuleViolation('distinct-dimensions', 'rows and columns must differ', 'query.columns');
  if (req.view === 'region' && (req.rows === 'provider' || req.columns === 'provider'))
    throw new DomainRuleViolation(
      'provider-own-view',
      "figures by provider are shown only in a provider's own view",
      'query.rows',
    );
  const needed = [
    base,
    ...(req.rows ? [[...base, req.rows]] : []),
    ...(req.columns ? [[...base, req.columns]] : []),
    ...(req.rows && req.columns ? [[...base, req.rows, req.columns]] : []),
  ];
  for (const set of needed) {
    if (!def.dimensions.some((d) => same(d, set)))
      throw new DomainRuleViolation(
        'unsupported-breakdown',
        `${req.indicator} is not kept by ${set.join(' x ') || 'region'}; see the definition's dimensions`,
        'query.rows',
      );
  }
  // Region view: each shown set's twin by provider too (the providers' shares, for the insider
  // rule in `buildTable`); never shown.
  const shares = req.view === 'region' ? needed.map((set): Dimension[] => ['provider', ...set]) : [];
  return [...needed, ...shares].map(dimSetName);
};

/** The largest provider's share of every region cell, from the cells' twins by provider. */
const largestShares = (cells: Map<string, CellItem>) => {
  const largest = new Map<string, number>();
  for (const [id, it] of cells) {
    const { provider, ...facts } = factsOfCell(id);
    if (provider === undefined || typeof it.n !== 'number') continue;
    const base = cellId(Object.keys(facts) as Dimension[], facts);
    largest.set(base, Math.max(largest.get(base) ?? 0, it.n));
  }
  return largest;
};

export const buildTable = (
  req: TableRequest,
  cells: Map<string, CellItem>,
): Omit<stats.StatsTable, 'region'> => {
  const def = definitionOf(req.indicator);
  const fixed: Facts = req.view === 'own' ? { provider: req.provider } : {};
  const base: Dimension[] = req.view === 'own' ? ['provider'] : [];
  tableDimSets(req);

  const keysOf = (dim: Dimension | undefined) => {
    if (!dim) return [];
    const prefix = dimSetPrefix([...base, dim]);
    const keys = new Set<string>();
    for (const id of cells.keys()) {
      if (!id.startsWith(prefix)) continue;
      const f = factsOfCell(id);
      if (req.view === 'own' && f.provider !== req.provider) continue;
      keys.add(f[dim]!);
    }
    return [...keys].sort();
  };
  // Cell key: a row or column is listed only when its own total is published, so a listed key
  // says nothing about a small count (an unlisted one is "below the threshold", as a hidden cell).
  const cellKey = req.view === 'region' && (req.disclosure ?? 'cell-key') === 'cell-key';
  const shares = cellKey ? largestShares(cells) : new Map<string, number>();
  // A cell with a count but no recorded shares (stored before the twins existed, until a rebuild)
  // is taken as one provider's: hidden rather than published without the insider rule.
  const shareOf = (id: string, n: number) => shares.get(id) ?? n;
  const published = (n: number, k: number, id: string) =>
    publishRegionCount(n, cellKeyOf(k), shareOf(id, n), req.threshold);
  const listed = (dim: Dimension | undefined) =>
    keysOf(dim).filter((v) => {
      if (!cellKey || !dim) return true;
      const id = cellId([dim], { [dim]: v });
      const it = cells.get(id);
      const n = typeof it?.n === 'number' ? it.n : 0;
      return published(n, typeof it?.k === 'number' ? it.k : 0, id).value !== null;
    });
  const rowKeys = listed(req.rows);
  const columnKeys = listed(req.columns);

  const rowFacts = (r: string): Facts => (req.rows ? { [req.rows]: r } : {});
  const colFacts = (c: string): Facts => (req.columns ? { [req.columns]: c } : {});

  const waiting = def.kind === 'waiting-time';
  const raw = (facts: Facts) => {
    const all = { ...fixed, ...facts };
    const id = cellId(Object.keys(all) as Dimension[], all);
    const it = cells.get(id);
    const n = typeof it?.n === 'number' ? it.n : 0;
    const k = typeof it?.k === 'number' ? it.k : 0;
    if (!waiting) return { n, k, id };
    const h = it ? histogramOf(it) : {};
    // Region view: a percentile of few cases is one person's wait (histogram.ts).
    const of = (q: number) => (cellKey ? protectedPercentile(h, q, req.threshold) : percentile(h, q));
    return { n, k, id, median: of(50), p90: of(90) };
  };

  const body = rowKeys.map((r) => columnKeys.map((c) => raw({ ...rowFacts(r), ...colFacts(c) })));
  const rowTotals = rowKeys.map((r) => raw(rowFacts(r)));
  const columnTotals = columnKeys.map((c) => raw(colFacts(c)));
  const total = raw({});

  // The extended grid: body with the row totals as last column, column totals + total as last row.
  const grid: number[][] = [
    ...rowKeys.map((_, i) => [...body[i]!.map((x) => x.n), rowTotals[i]!.n]),
    [...columnTotals.map((x) => x.n), total.n],
  ];
  const marks: Mark[][] =
    req.view === 'region' && !cellKey
      ? suppressGrid(grid, req.threshold)
      : grid.map((row) => row.map(() => undefined));

  // Region view: every figure (cells and totals alike) is published on its own through the cell
  // key (cell-key.ts); below the threshold it is shown as `primary` (a hidden cell may be 0).
  type Raw = { n: number; k: number; id: string; median?: number | null; p90?: number | null };
  const publish = (x: Raw, mark: Mark) => {
    const shown = cellKey ? published(x.n, x.k, x.id) : { value: x.n };
    return mark || shown.value === null
      ? { value: null, suppressed: mark ?? 'primary', ...(waiting ? { median: null, p90: null } : {}) }
      : { value: shown.value, ...(waiting ? { median: x.median ?? null, p90: x.p90 ?? null } : {}) };
  };
  const C = columnKeys.length;
  return {
    indicator: req.indicator,
    definition: def,
    period: req.period,
    view: req.view,
    threshold: req.threshold,
    rows: req.rows,
    columns: req.columns,
    rowKeys,
    columnKeys,
    cells: body.map((row, i) => row.map((x, j) => publish(x, marks[i]![j]))),
    rowTotals: rowTotals.map((x, i) => publish(x, marks[i]![C])),
    columnTotals: columnTotals.map((x, j) => publish(x, marks[rowKeys.length]![j])),
    total: publish(total, marks[rowKeys.length]![C]),
    ...(cellKey && req.threshold > 1
      ? {
          note: `Figures carry small random but fixed noise (at most ±2); values below ${req.threshold} are hidden, and so are cells of one provider or where the other providers have only a few, so cells do not add up to totals exactly; totals are counted on their own.`,
        }
      : def.kind === 'unique-clients'
        ? { note: 'Unique clients: totals are counted on their own, not summed from cells.' }
        : {}),
  };
};
