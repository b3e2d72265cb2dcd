// Cells: the precomputed aggregates. A cell is an indicator + a period + a canonical tuple of
// dimension values (a dimension set). An event becomes increments, and each increment is written
// to every period it falls into and every dimension set the API serves whose values the event has.
import type { stats } from '@spolu/contracts';
import { stats as s } from '@spolu/contracts';
import { periodsOf } from './periods';

type Dimension = stats.Dimension;
type IndicatorId = stats.IndicatorId;
export type Facts = Partial<Record<Dimension, string>>;

const order = s.Dimension.options;
export const canonical = (dims: readonly Dimension[]) =>
  [...dims].sort((a, b) => order.indexOf(a) - order.indexOf(b));

/** `district+serviceType#semily|s59`; the region-wide cell is `region#-`. */
export const cellId = (dims: readonly Dimension[], facts: Facts) => {
  const names = canonical(dims);
  if (names.length === 0) return 'region#-';
  return `${names.join('+')}#${names.map((d) => facts[d]).join('|')}`;
};
export const dimSetPrefix = (dims: readonly Dimension[]) =>
  dims.length === 0 ? 'region#' : `${canonical(dims).join('+')}#`;

/** Parse a cell id back into its facts. */
export const factsOfCell = (id: string): Facts => {
  const [names, values] = id.split('#') as [string, string];
  if (names === 'region') return {};
  const dims = names.split('+') as Dimension[];
  const vals = values.split('|');
  return Object.fromEntries(dims.map((d, i) => [d, vals[i]]));
};

export interface Increment {
  /** An indicator, or `cooperation` for the edges of the cooperation map. */
  indicator: IndicatorId | 'cooperation';
  /** The instant that places it in a period. */
  at: string;
  facts: Facts;
  dimSets: readonly (readonly Dimension[])[];
  /** Explicit cell ids instead of dimension sets (cooperation edges: `edge#kind|from|to`). */
  cells?: readonly string[];
  /** Count each subject once per cell (unique clients). */
  subjectKey?: string;
  /** Amount added to the count (default 1). */
  add?: number;
  /** A waiting time in days, added to the cell's histogram. */
  days?: number;
}

export interface CellWrite {
  indicator: Increment['indicator'];
  period: string;
  cell: string;
  subjectKey?: string;
  add: number;
  days?: number[];
}

/** Every cell write of a list of increments, merged and in a stable order. */
export const expand = (increments: readonly Increment[]): CellWrite[] => {
  const merged = new Map<string, CellWrite>();
  for (const inc of increments) {
    if (inc.add === 0) continue;
    // Unique counts need their own quarter and year cells (a subject seen in two months is one
    // client in the quarter); plain counts are kept per month and summed on read (<= 12 cells).
    const [month, ...longer] = periodsOf(inc.at);
    for (const period of inc.subjectKey ? [month, ...longer] : [month]) {
      const ids =
        inc.cells ??
        inc.dimSets
          .filter((dims) => dims.every((d) => inc.facts[d] !== undefined))
          .map((dims) => cellId(dims, inc.facts));
      for (const cell of ids) {
        const key = `${inc.indicator}#${period}#${cell}#${inc.subjectKey ?? ''}`;
        const existing = merged.get(key);
        if (existing) {
          // The same subject twice in one cell counts once; plain counts add up.
          if (!inc.subjectKey) existing.add += inc.add ?? 1;
          if (inc.days !== undefined) existing.days = [...(existing.days ?? []), inc.days];
          continue;
        }
        merged.set(key, {
          indicator: inc.indicator,
          period,
          cell,
          subjectKey: inc.subjectKey,
          add: inc.subjectKey ? 1 : (inc.add ?? 1),
          days: inc.days === undefined ? undefined : [inc.days],
        });
      }
    }
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, w]) => w);
};

/** The months whose cells make up a period (plain counts are kept per month only). */
export const monthsOf = (period: string): string[] => {
  if (/^\d{4}-\d{2}$/.test(period)) return [period];
  const year = period.slice(0, 4);
  const q = /^\d{4}-Q([1-4])$/.exec(period);
  const first = q ? (Number(q[1]) - 1) * 3 + 1 : 1;
  const count = q ? 3 : 12;
  return Array.from({ length: count }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
};

/** Add up month cells into one period's cells (counts and histogram buckets). */
export const sumCells = (months: Map<string, Record<string, unknown>>[]) => {
  const out = new Map<string, Record<string, number>>();
  for (const cells of months) {
    for (const [id, item] of cells) {
      const acc = out.get(id) ?? {};
      for (const [k, v] of Object.entries(item)) {
        if ((k === 'n' || /^h\d+$/.test(k)) && typeof v === 'number') acc[k] = (acc[k] ?? 0) + v;
      }
      out.set(id, acc);
    }
  }
  return out;
};

/** The subject marker a unique write is checked against: one per indicator, period and subject. */
export const markerOf = (w: CellWrite) =>
  w.subjectKey ? `${w.indicator}#${w.period}#${w.subjectKey}` : undefined;

/** Pack writes into transaction-sized chunks: a write costs one item, plus one for the first
 * write of each subject marker in the chunk. The packing depends only on the writes, so a
 * redelivered event gets the same chunks. */
export const chunk = (writes: readonly CellWrite[], budget: number): CellWrite[][] => {
  const chunks: CellWrite[][] = [];
  let current: CellWrite[] = [];
  let markers = new Set<string>();
  let used = 0;
  for (const w of writes) {
    const marker = markerOf(w);
    const costIn = (set: Set<string>) => 1 + (marker && !set.has(marker) ? 1 : 0);
    if (used + costIn(markers) > budget && current.length > 0) {
      chunks.push(current);
      current = [];
      markers = new Set();
      used = 0;
    }
    used += costIn(markers);
    current.push(w);
    if (marker) markers.add(marker);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};
