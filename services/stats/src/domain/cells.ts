// Cells: the precomputed aggregates. A cell is an indicator + a period + a canonical tuple of
// dimension values (a dimension set). An event becomes increments, and each increment is written
// to every period it falls into and every dimension set the API serves whose values the event has.
// Storage packs them: one item per (event type, year, cell) holds every indicator's month,
// quarter and year counters as attributes, so an event writes one item per cell it touches.
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
/** The stored name of a dimension set: `district+serviceType`, `region` for none. */
export const dimSetName = (dims: readonly Dimension[]) =>
  dims.length === 0 ? 'region' : canonical(dims).join('+');
export const dimSetPrefix = (dims: readonly Dimension[]) => `${dimSetName(dims)}#`;

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
  /** This write's share of the cell key (cell-key.ts): the unit's record key, times `add` for a
   * count; summed into `<counter>.k` next to the counter. */
  key?: number;
}

/** The dimension sets an increment is written to: the served ones and, for every region set
 * without `provider`, its twin by provider (`provider+district`). The twins are each provider's
 * share of a region cell, read only by the insider rule of the region view (cell-key.ts:
 * `publishRegionCount`); the region view never serves them as a breakdown. */
export const withProviderShares = (sets: readonly (readonly Dimension[])[]): (readonly Dimension[])[] => {
  const out = new Map<string, readonly Dimension[]>();
  for (const set of sets) {
    out.set(dimSetName(set), set);
    if (!set.includes('provider')) out.set(dimSetName(['provider', ...set]), ['provider', ...set]);
  }
  return [...out.values()];
};

/** Every cell write of a list of increments, merged and in a stable order. Every increment is
 * written to its month, quarter and year: the three land on the same stored item (see
 * `itemsOf`), so the longer periods cost attributes, not items, and are read without summing. */
export const expand = (increments: readonly Increment[]): CellWrite[] => {
  const merged = new Map<string, CellWrite>();
  for (const inc of increments) {
    if (inc.add === 0) continue;
    for (const period of periodsOf(inc.at)) {
      const ids =
        inc.cells ??
        (inc.facts.provider === undefined ? inc.dimSets : withProviderShares(inc.dimSets))
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

/** The attribute key of a period inside its year's item: `m03`, `q1`, `y`. */
export const periodKey = (period: string) => {
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (month) return `m${month[1]}`;
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) return `q${quarter[1]}`;
  if (/^\d{4}$/.test(period)) return 'y';
  throw new Error(`not a period: ${period}`);
};
/** The counter attribute of an indicator and period on a stored item (`clients.m03`); waiting
 * times add one histogram attribute per day bucket (`wait-sent-to-accepted.m03.h12`). */
export const counterAttribute = (indicator: string, period: string) => `${indicator}.${periodKey(period)}`;

/** The dimension set of a cell id (`district+serviceType`, `region`, `edge`). */
export const dimSetOfCell = (cell: string) => cell.slice(0, cell.indexOf('#'));

/** One stored item: the counters of one event type (the family), one year, one cell. All the
 * writes of an event that land on it become one UpdateItem with several ADDs. */
export interface ItemWrite {
  family: string;
  year: string;
  cell: string;
  writes: CellWrite[];
}

/** Group an event's cell writes into stored items, in a stable order. */
export const itemsOf = (writes: readonly CellWrite[], family: string): ItemWrite[] => {
  const items = new Map<string, ItemWrite>();
  for (const w of writes) {
    const year = w.period.slice(0, 4);
    const id = `${year}#${w.cell}`;
    const item = items.get(id) ?? { family, year, cell: w.cell, writes: [] };
    item.writes.push(w);
    items.set(id, item);
  }
  return [...items.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, i]) => i);
};

/** The subject marker a unique write is checked against: one per indicator, year and subject;
 * it holds `<periodKey>|<cell>` for every cell and period the subject was counted in. */
export const markerOf = (w: CellWrite) =>
  w.subjectKey ? `${w.indicator}#${w.period.slice(0, 4)}#${w.subjectKey}` : undefined;
export const markerEntry = (w: CellWrite) => `${periodKey(w.period)}|${w.cell}`;

/** Pack items into transaction-sized chunks: an item costs one, plus one for the first use of
 * each subject marker in the chunk. The packing depends only on the writes, so a redelivered
 * event gets the same chunks. */
export const chunk = (items: readonly ItemWrite[], budget: number): ItemWrite[][] => {
  const chunks: ItemWrite[][] = [];
  let current: ItemWrite[] = [];
  let markers = new Set<string>();
  let used = 0;
  for (const item of items) {
    const own = new Set(item.writes.map(markerOf).filter((m): m is string => m !== undefined));
    const costIn = (set: Set<string>) => 1 + [...own].filter((m) => !set.has(m)).length;
    if (used + costIn(markers) > budget && current.length > 0) {
      chunks.push(current);
      current = [];
      markers = new Set();
      used = 0;
    }
    used += costIn(markers);
    current.push(item);
    own.forEach((m) => markers.add(m));
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

/** Read one indicator and period out of stored items (as queried: `sk` is the cell id):
 * `n` and the histogram buckets `h<b>` per cell id, summed over the families. Summing families
 * is exact for unique counts too: the subject marker lets a subject into a cell once, whichever
 * event type carried it. Items without the indicator's counter are not cells of it. */
export const readCells = (
  items: readonly Record<string, unknown>[],
  indicator: string,
  period: string,
): Map<string, Record<string, number>> => {
  const attr = counterAttribute(indicator, period);
  const out = new Map<string, Record<string, number>>();
  for (const item of items) {
    const n = item[attr];
    if (typeof n !== 'number') continue;
    const cell = item.sk as string;
    const acc = out.get(cell) ?? {};
    acc.n = (acc.n ?? 0) + n;
    // The running sum of record keys (the cell key, cell-key.ts), over the families as the count.
    const key = item[`${attr}.k`];
    if (typeof key === 'number') acc.k = (acc.k ?? 0) + key;
    for (const [k, v] of Object.entries(item)) {
      if (k.startsWith(`${attr}.h`) && typeof v === 'number') {
        const bucket = k.slice(attr.length + 1);
        acc[bucket] = (acc[bucket] ?? 0) + v;
      }
    }
    out.set(cell, acc);
  }
  return out;
};
