// The disclosure auditor: an attacker with a spreadsheet and a linear-programming solver. It reads
// every table the stats API serves its caller (every indicator asked for, every kept breakdown and
// two-way breakdown, every month, quarter and year of the periods given), turns each published
// figure into the interval of true counts it allows under the publishing method (which is public;
// only the secret is not), links the cells by what the attacker knows of their structure (a
// total is the sum of its parts, a year the sum of its quarters, a quarter of its months; for
// unique clients only "at most the sum, at least each part"), and for every cell it is asked to
// protect computes with HiGHS the smallest and largest true value consistent with all of it.
// A protected cell leaks when that range is a single value or lies inside 1 … threshold − 1.
import type { stats } from '@spolu/contracts';
import highsLoader from 'highs';
import { cellId, dimSetName } from '../domain/cells';
import { intervalOf as cellKeyInterval } from '../domain/cell-key';
import { definitionOf } from '../domain/definitions';

type Dimension = stats.Dimension;
type Table = stats.StatsTable;
type CellValue = stats.CellValue;

/** A GET against the stats API as the attacker: the parsed JSON body, or undefined on a refusal. */
export type Fetch = (path: string) => Promise<unknown>;

/** What the attacker knows of the publishing method: the interval of true counts a published
 * figure allows, and the interval of a cell no table lists (its row or column not shown). */
export interface Method {
  interval: (c: CellValue, threshold: number) => [number, number];
  unlisted: (threshold: number) => [number, number];
}

/** Cell-key perturbation (the default): hidden is 0 … threshold − 1 + noise, a value ± noise;
 * rows and columns are listed only with a published total, so an unlisted cell is hidden too. */
export const cellKeyIntervals: Method = {
  interval: (c, threshold) => cellKeyInterval(c.value, threshold),
  unlisted: (threshold) => cellKeyInterval(null, threshold),
};
/** The old per-table suppression: values exact, a primary cell 1 … threshold − 1, a secondary one
 * anything non-zero; every counted row is listed, so an unlisted cell is 0. */
export const perTableIntervals: Method = {
  interval: (c, threshold) =>
    c.value !== null
      ? [c.value, c.value]
      : c.suppressed === 'primary'
        ? [1, threshold - 1]
        : [1, Number.POSITIVE_INFINITY],
  unlisted: () => [0, 0],
};

export interface Observation {
  indicator: stats.IndicatorId;
  period: string;
  cell: string;
  lo: number;
  hi: number;
}

/** `indicator|period|cell` */
export const varKey = (indicator: string, period: string, cell: string) => `${indicator}|${period}|${cell}`;

/** The periods an attacker would ask for around a year: its months, quarters and the year. */
export const periodsOfYear = (year: string) => [
  ...Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
  ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
  year,
];

/** The breakdowns of the region view: kept dimension sets of at most two dimensions, no provider. */
export const regionBreakdowns = (indicator: stats.IndicatorId): Dimension[][] =>
  definitionOf(indicator).dimensions.filter(
    (set) => set.length >= 1 && set.length <= 2 && !set.includes('provider'),
  ) as Dimension[][];

export interface Collected {
  /** Knowledge per variable (`varKey`), intersected over every table that shows it. */
  bounds: Map<string, [number, number]>;
  /** Every table read (for the literal attacks and reports). */
  tables: { path: string; table: Table }[];
  threshold: number;
  periods: readonly string[];
  method: Method;
  /** Every value of every dimension seen in any table. */
  universe: Map<Dimension, Set<string>>;
}

const qs = (q: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)).toString();

/** Read every region table of the indicators and periods; intersect what they say per cell. */
export const collect = async (
  fetch: Fetch,
  indicators: readonly stats.IndicatorId[],
  periods: readonly string[],
  method: Method,
): Promise<Collected> => {
  const bounds = new Map<string, [number, number]>();
  const universe = new Map<Dimension, Set<string>>();
  const seen = (dim: Dimension, value: string) =>
    universe.set(dim, (universe.get(dim) ?? new Set()).add(value));
  const tables: Collected['tables'] = [];
  let threshold = 1;
  const know = (indicator: string, period: string, cell: string, lo: number, hi: number) => {
    const key = varKey(indicator, period, cell);
    const [l, h] = bounds.get(key) ?? [0, Number.POSITIVE_INFINITY];
    bounds.set(key, [Math.max(l, lo), Math.min(h, hi)]);
  };
  for (const indicator of indicators)
    for (const period of periods)
      for (const set of regionBreakdowns(indicator)) {
        const [rows, columns] = set as [Dimension, Dimension | undefined];
        const path = `/stats/indicators/${indicator}/table?${qs({ period, rows, columns, view: 'region' })}`;
        const t = (await fetch(path)) as Table | undefined;
        if (!t) continue;
        tables.push({ path, table: t });
        threshold = t.threshold;
        const put = (dims: Dimension[], facts: Partial<Record<Dimension, string>>, c: CellValue) => {
          const [lo, hi] = method.interval(c, t.threshold);
          know(indicator, period, cellId(dims, facts), lo, hi);
        };
        put([], {}, t.total);
        t.rowKeys.forEach((r, i) => {
          seen(rows, r);
          put([rows], { [rows]: r }, t.rowTotals[i]!);
          // A row is listed only when its cell was counted: it is at least 1.
          know(indicator, period, cellId([rows], { [rows]: r }), 1, Number.POSITIVE_INFINITY);
        });
        if (columns)
          t.columnKeys.forEach((c, j) => {
            seen(columns, c);
            put([columns], { [columns]: c }, t.columnTotals[j]!);
            know(indicator, period, cellId([columns], { [columns]: c }), 1, Number.POSITIVE_INFINITY);
            t.rowKeys.forEach((r, i) => put([rows, columns], { [rows]: r, [columns]: c }, t.cells[i]![j]!));
          });
      }
  return { bounds, tables, threshold, periods, method, universe };
};

/** How a total relates to its parts: exactly their sum, at most their sum (a unit in several
 * parts, unique clients), at least their sum (units without a value of the dimension), or only
 * at least each part (`sup`: both at once, the weakest). */
export type Relation = 'eq' | 'le' | 'ge' | 'sup';

export interface Link {
  parent: string;
  children: string[];
}

const parentPeriods = (period: string): string[] => {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return [`${m[1]}-Q${Math.ceil(Number(m[2]) / 3)}`];
  const q = /^(\d{4})-Q\d$/.exec(period);
  if (q) return [q[1]!];
  return [];
};

/** Every total-of-parts link among the variables of one indicator: in each period, a cell and
 * the cells one dimension finer; across periods, a cell in a quarter (year) and the same cell in
 * its months (quarters). Parts never listed are true zeros and drop out. */
export const linksOf = (indicator: stats.IndicatorId, vars: ReadonlySet<string>): Link[] => {
  const prefix = `${indicator}|`;
  const byPeriod = new Map<string, string[]>();
  for (const v of vars) {
    if (!v.startsWith(prefix)) continue;
    const [, period, cell] = v.split('|') as [string, string, string];
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), cell]);
  }
  const links: Link[] = [];
  const sets = regionBreakdowns(indicator);
  for (const [period, cells] of byPeriod) {
    const facts = new Map(cells.map((c) => [c, factsOf(c)]));
    // Parent dimension sets: region and each 1-D set; children: one more dimension.
    const parents: Dimension[][] = [[], ...sets.filter((d) => d.length === 1)];
    for (const pd of parents)
      for (const cd of sets) {
        if (cd.length !== pd.length + 1 || !pd.every((d) => cd.includes(d))) continue;
        const childSet = dimSetName(cd);
        const parentSet = dimSetName(pd);
        const groups = new Map<string, string[]>();
        for (const [c, f] of facts) {
          if (f.set !== childSet) continue;
          const parent = cellId(pd, f.facts);
          groups.set(parent, [...(groups.get(parent) ?? []), varKey(indicator, period, c)]);
        }
        for (const [c, f] of facts) {
          if (f.set !== parentSet) continue;
          links.push({ parent: varKey(indicator, period, c), children: groups.get(c) ?? [] });
        }
      }
  }
  // Across periods: the same cell in a year and its quarters, a quarter and its months.
  const byCell = new Map<string, string[]>();
  for (const [period, cells] of byPeriod)
    for (const c of cells) byCell.set(c, [...(byCell.get(c) ?? []), period]);
  for (const [c, periods] of byCell)
    for (const p of periods) {
      const children = periods
        .filter((q) => parentPeriods(q).includes(p))
        .map((q) => varKey(indicator, q, c));
      links.push({ parent: varKey(indicator, p, c), children });
    }
  return links;
};

const factsOf = (cell: string) => {
  const [names, values] = cell.split('#') as [string, string];
  if (names === 'region') return { set: 'region', facts: {} };
  const dims = names.split('+') as Dimension[];
  const vals = values.split('|');
  return {
    set: names,
    facts: Object.fromEntries(dims.map((d, i) => [d, vals[i]])) as Partial<Record<Dimension, string>>,
  };
};

export interface Finding {
  variable: string;
  truth?: number;
  min: number;
  max: number;
  leak: boolean;
}

export interface AuditResult {
  checked: number;
  leaks: Finding[];
  findings: Finding[];
  tables: number;
  threshold: number;
}

type Solver = Awaited<ReturnType<typeof highsLoader>>;
let highsInstance: Promise<Solver> | undefined;
const solver = (): Promise<Solver> => (highsInstance ??= highsLoader());

export interface AuditInput {
  collected: Collected;
  indicators: readonly stats.IndicatorId[];
  /** Which variables to protect; with truth, those whose true value is 1 … threshold − 1. */
  targets: string[];
  /** True values (missing = 0), when known (tests): they decide each link's relation, so the
   * attacker is the strongest one consistent with the data. Without it, `relationOf` decides. */
  truth?: ReadonlyMap<string, number>;
  relationOf?: (indicator: stats.IndicatorId, link: Link) => Relation;
  /** Figures the attacker knows exactly on top (a provider's own, unsuppressed), subtracted from
   * the region's: the target is then what the other providers contribute. */
  known?: ReadonlyMap<string, number>;
  /** The public lists of values (the region's districts, service types, bands): cells of a value
   * no table lists are variables too, so parts are complete without the ground truth. */
  domains?: Partial<Record<Dimension, readonly string[]>>;
}

/** Min and max of every target over everything collected. */
export const audit = async (input: AuditInput): Promise<AuditResult> => {
  const { collected, truth, known } = input;
  const highs = await solver();
  const T = collected.threshold;
  // Every cell the attacker can name (values seen anywhere, and — in tests — every value the data
  // has, as the lists of districts and service types are public) is a variable; a cell no table
  // lists gets the method's interval for unlisted cells.
  const universe = new Map([...collected.universe].map(([d, v]) => [d, new Set(v)]));
  for (const [d, values] of Object.entries(input.domains ?? {}) as [Dimension, readonly string[]][])
    universe.set(d, new Set([...(universe.get(d) ?? []), ...values]));
  for (const v of truth?.keys() ?? []) {
    const { facts } = factsOf(v.split('|')[2]!);
    for (const [d, value] of Object.entries(facts) as [Dimension, string][])
      universe.set(d, (universe.get(d) ?? new Set()).add(value));
  }
  const bounds = new Map(collected.bounds);
  for (const indicator of input.indicators)
    for (const period of collected.periods)
      for (const dims of [[], ...regionBreakdowns(indicator)]) {
        let combos: Partial<Record<Dimension, string>>[] = [{}];
        for (const d of dims)
          combos = combos.flatMap((f) => [...(universe.get(d) ?? [])].map((v) => ({ ...f, [d]: v })));
        for (const f of combos) {
          const key = varKey(indicator, period, cellId(dims, f));
          if (!bounds.has(key)) bounds.set(key, collected.method.unlisted(T));
        }
      }
  const vars = new Set(bounds.keys());
  const name = new Map([...vars].map((v, i) => [v, `x${i}`]));
  const findings: Finding[] = [];
  for (const indicator of input.indicators) {
    const kind = definitionOf(indicator).kind;
    const constraints: string[] = [];
    for (const link of linksOf(indicator, vars)) {
      const relation: Relation = truth
        ? (() => {
            const p = truth.get(link.parent) ?? 0;
            const sum = link.children.reduce((n, c) => n + (truth.get(c) ?? 0), 0);
            return p === sum ? 'eq' : p < sum ? 'le' : 'ge';
          })()
        : (input.relationOf?.(indicator, link) ?? (kind === 'unique-clients' ? 'le' : 'eq'));
      const lhs = [name.get(link.parent)!, ...link.children.map((c) => `- ${name.get(c)!}`)].join(' ');
      if (relation !== 'sup')
        constraints.push(`${lhs} ${relation === 'eq' ? '=' : relation === 'le' ? '<=' : '>='} 0`);
      // At most the sum of its parts: still at least each part.
      if (relation === 'le' || relation === 'sup')
        for (const c of link.children) constraints.push(`${name.get(link.parent)!} - ${name.get(c)!} >= 0`);
    }
    const own = [...vars].filter((v) => v.startsWith(`${indicator}|`));
    const lines = own.map((v) => {
      const [lo0, hi] = bounds.get(v)!;
      const lo = Math.max(lo0, known?.get(v) ?? 0);
      return `${Number.isFinite(hi) ? `${lo} <= ${name.get(v)!} <= ${hi}` : `${name.get(v)!} >= ${lo}`}`;
    });
    const lp = (sense: 'Minimize' | 'Maximize', target: string) =>
      [
        sense,
        ` obj: ${name.get(target)!}`,
        'Subject To',
        ...constraints.map((c, i) => ` c${i}: ${c}`),
        'Bounds',
        ...lines.map((b) => ` ${b}`),
        'End',
      ].join('\n');
    for (const target of input.targets.filter((t) => t.startsWith(`${indicator}|`))) {
      if (!name.has(target)) continue;
      const offset = known?.get(target) ?? 0;
      const min = highs.solve(lp('Minimize', target));
      const max = highs.solve(lp('Maximize', target));
      if (min.Status !== 'Optimal')
        throw new Error(`auditor: ${target}: ${min.Status} (the model does not hold the truth)`);
      const lo = Math.ceil(min.ObjectiveValue - offset - 1e-6);
      const hi =
        max.Status === 'Optimal' ? Math.floor(max.ObjectiveValue - offset + 1e-6) : Number.POSITIVE_INFINITY;
      const leak = lo === hi || (lo >= 1 && hi <= T - 1);
      findings.push({
        variable: target,
        ...(truth ? { truth: (truth.get(target) ?? 0) - offset } : {}),
        min: lo,
        max: hi,
        leak,
      });
    }
  }
  return {
    checked: findings.length,
    leaks: findings.filter((f) => f.leak),
    findings,
    tables: collected.tables.length,
    threshold: T,
  };
};

/** The cells an auditor protects: with truth, every true 1 … threshold − 1 (less what the caller
 * knows exactly); without, every cell whose published interval reaches into 1 … threshold − 1. */
export const targetsOf = (
  collected: Collected,
  truth?: ReadonlyMap<string, number>,
  known?: ReadonlyMap<string, number>,
): string[] => {
  const T = collected.threshold;
  return [...(truth?.keys() ?? collected.bounds.keys())].filter((v) => {
    if (truth) {
      const n = (truth.get(v) ?? 0) - (known?.get(v) ?? 0);
      return n >= 1 && n <= T - 1;
    }
    const [lo, hi] = collected.bounds.get(v)!;
    return lo <= T - 1 && hi >= 1;
  });
};
