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
import { gapsDimensions } from '../domain/gaps';
import { hiddenUpperGivenOwn, intervalOf as cellKeyInterval, maxNoise } from '../domain/cell-key';
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
  /** What a provider contributing `own` to a hidden (or unlisted) cell learns from its being
   * hidden: an upper bound on the cell, or undefined. */
  hiddenGivenOwn?: (own: number, threshold: number) => number | undefined;
  /** A cooperation edge's weight (listed only when counted): no insider rule there. */
  edge: (weight: number | null, threshold: number) => [number, number];
  /** An edge not listed in a period when it is listed in another. */
  unlistedEdge: (threshold: number) => [number, number];
}

/** Cell-key perturbation with the insider rule (the default): a value ± noise; hidden is any
 * count (a dominant provider's large cell is hidden too), except that a provider with a large own
 * share knows the others hold at most threshold − 1 there; rows and columns are listed only with
 * a published total, so an unlisted cell is hidden too. */
export const cellKeyIntervals: Method = {
  interval: (c, threshold) => cellKeyInterval(c.value, threshold),
  unlisted: (threshold) => cellKeyInterval(null, threshold),
  hiddenGivenOwn: hiddenUpperGivenOwn,
  edge: (weight, threshold) =>
    weight === null ? [1, threshold - 1 + maxNoise] : [Math.max(0, weight - maxNoise), weight + maxNoise],
  // Listed only when published: an unlisted edge is 0 or hidden.
  unlistedEdge: (threshold) => [0, threshold - 1 + maxNoise],
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
  edge: (weight) => (weight === null ? [1, Number.POSITIVE_INFINITY] : [weight, weight]),
  unlistedEdge: () => [0, 0],
};

/** `indicator|period|cell` */
export const varKey = (indicator: string, period: string, cell: string) => `${indicator}|${period}|${cell}`;

/** A variable of one of several publishers read together (`CZ051/clients|2025-Q1|region#-`, the
 * national stack's as `national/…`); no scope: `varKey`. */
export const scopedKey = (scope: string | undefined, indicator: string, period: string, cell: string) =>
  `${scope ? `${scope}/` : ''}${varKey(indicator, period, cell)}`;

/** `[scope/]indicator|period|cell` back into its parts (a cell id may hold `|` itself:
 * `district+serviceType#semily|s59`, `edge#referral|from|to`). */
export const parseVar = (v: string) => {
  const first = v.indexOf('|');
  const second = v.indexOf('|', first + 1);
  const head = v.slice(0, first);
  const slash = head.indexOf('/');
  return {
    scope: slash < 0 ? '' : head.slice(0, slash),
    indicator: head.slice(slash + 1),
    period: v.slice(first + 1, second),
    cell: v.slice(second + 1),
  };
};

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

/** The cooperation map's edges are audited as an indicator of their own. */
export const cooperation = 'cooperation' as const;
export type Audited = stats.IndicatorId | typeof cooperation;

/** Dimension sets published outside the indicator tables: the gaps report's demand. */
export const extraSets = (indicator: Audited): Dimension[][] =>
  indicator === 'needs-assessed' ? [[...gapsDimensions]] : [];

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
  /** Variables some table shows hidden (value null). */
  hidden: Set<string>;
  /** Whose tables these are, when several publishers' tables are audited together (`scopedKey`). */
  scope?: string;
}

const qs = (q: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)).toString();

/** Read every region table of the indicators and periods; intersect what they say per cell. */
export const collect = async (
  fetch: Fetch,
  indicators: readonly stats.IndicatorId[],
  periods: readonly string[],
  method: Method,
  /** Besides the indicator tables (JSON): their CSV exports, the gaps report (with
   * needs-assessed) and the cooperation map (JSON and CSV). All on by default. `national`: the
   * national tables (`/stats/national/…`, JSON only: no CSV, gaps or map there) instead of the
   * region's. `scope`: whose tables, when several publishers' are audited together. */
  reach: { csv?: boolean; gaps?: boolean; cooperation?: boolean; national?: boolean; scope?: string } = {},
): Promise<Collected> => {
  const { national = false, scope } = reach;
  const { csv = !national, gaps = !national, cooperation: coop = !national } = reach;
  const bounds = new Map<string, [number, number]>();
  const universe = new Map<Dimension, Set<string>>();
  const seen = (dim: Dimension, value: string) =>
    universe.set(dim, (universe.get(dim) ?? new Set()).add(value));
  const tables: Collected['tables'] = [];
  let threshold = 1;
  const hidden = new Set<string>();
  const edgesSeen = new Set<string>();
  const varKey = (indicator: string, period: string, cell: string) =>
    scopedKey(scope, indicator, period, cell);
  const know = (indicator: string, period: string, cell: string, lo: number, hi: number) => {
    const key = varKey(indicator, period, cell);
    const [l, h] = bounds.get(key) ?? [0, Number.POSITIVE_INFINITY];
    bounds.set(key, [Math.max(l, lo), Math.min(h, hi)]);
  };
  for (const indicator of indicators)
    for (const period of periods)
      for (const set of regionBreakdowns(indicator)) {
        const [rows, columns] = set as [Dimension, Dimension | undefined];
        const path = national
          ? `/stats/national/indicators/${indicator}/table?${qs({ period, rows, columns })}`
          : `/stats/indicators/${indicator}/table?${qs({ period, rows, columns, view: 'region' })}`;
        const t = (await fetch(path)) as Table | undefined;
        if (!t) continue;
        tables.push({ path, table: t });
        threshold = t.threshold;
        const put = (dims: Dimension[], facts: Partial<Record<Dimension, string>>, c: CellValue) => {
          const [lo, hi] = method.interval(c, t.threshold);
          know(indicator, period, cellId(dims, facts), lo, hi);
          if (c.value === null) hidden.add(varKey(indicator, period, cellId(dims, facts)));
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
        if (!csv) continue;
        // The same table as CSV: every line is a figure (codes in their own columns, an empty code
        // for a total, an empty value for a protected one).
        const file = await fetch(
          `/stats/exports/indicator?${qs({ indicator, period, rows, columns, view: 'region', lang: 'cs' })}`,
        );
        const [, ...lines] = parseCsv(String(file ?? ''));
        const dims = [rows, columns].filter((d): d is Dimension => d !== undefined);
        for (const line of lines) {
          const facts: Partial<Record<Dimension, string>> = {};
          dims.forEach((d, i) => {
            const code = line[6 + 2 * i];
            if (code) facts[d] = code;
          });
          const raw = line[5 + 2 * dims.length];
          put(Object.keys(facts) as Dimension[], facts, { value: raw ? Number(raw) : null });
        }
      }
  for (const period of periods) {
    if (gaps && indicators.includes('needs-assessed')) {
      const g = (await fetch(`/stats/gaps?${qs({ period })}`)) as { items: stats.GapsReportOutput['items'] };
      const file = csv ? String((await fetch(`/stats/exports/gaps?${qs({ period })}`)) ?? '') : '';
      const fromCsv = parseCsv(file).slice(1);
      const demand = [
        ...g.items.map((i) => ({ facts: i, value: i.demand.value })),
        // CSV: need, district, target group and age band codes at 2, 4, 6, 8; demand at 9.
        ...fromCsv.map((l) => ({
          facts: { need: l[2], district: l[4], targetGroup: l[6], ageBand: l[8] },
          value: l[9] ? Number(l[9]) : null,
        })),
      ];
      for (const { facts, value } of demand) {
        const cell = cellId([...gapsDimensions], facts);
        const [lo, hi] = method.interval({ value }, threshold);
        know('needs-assessed', period, cell, lo, hi);
        // Listed only with some demand.
        know('needs-assessed', period, cell, 1, Number.POSITIVE_INFINITY);
        if (value === null) hidden.add(varKey('needs-assessed', period, cell));
        for (const d of gapsDimensions) seen(d, facts[d]!);
      }
    }
    if (coop) {
      const m = (await fetch(`/stats/cooperation?${qs({ period })}`)) as stats.CooperationMapOutput;
      const file = csv ? String((await fetch(`/stats/exports/cooperation?${qs({ period })}`)) ?? '') : '';
      const edges = [
        ...m.edges,
        // CSV: from and to provider ids at 2 and 4, kind code at 6, count at 7.
        ...parseCsv(file)
          .slice(1)
          .map((l) => ({ from: l[2]!, to: l[4]!, kind: l[6]!, weight: l[7] ? Number(l[7]) : null })),
      ];
      for (const e of edges) {
        const [lo, hi] = method.edge(e.weight, threshold);
        know(cooperation, period, `edge#${e.kind}|${e.from}|${e.to}`, lo, hi);
        edgesSeen.add(`edge#${e.kind}|${e.from}|${e.to}`);
      }
    }
  }
  // An edge listed in some period is a variable in every period (unlisted: the method says what).
  for (const period of periods)
    for (const edge of edgesSeen) {
      if (bounds.has(varKey(cooperation, period, edge))) continue;
      const [lo, hi] = method.unlistedEdge(threshold);
      know(cooperation, period, edge, lo, hi);
    }
  return { bounds, tables, threshold, periods, method, universe, hidden, ...(scope ? { scope } : {}) };
};

/** RFC 4180 (either separator, found from the header), without the byte-order mark. */
export const parseCsv = (text: string): string[][] => {
  const body = text.replace(/^\uFEFF/, '');
  if (!body) return [];
  const sep = body.split('\r\n')[0]!.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
};

/** How a total relates to its parts: exactly their sum, at most their sum (a unit in several
 * parts, unique clients), at least their sum (units without a value of the dimension), or only
 * at least each part (`sup`: both at once, the weakest). */
export type Relation = 'eq' | 'le' | 'ge' | 'sup';

export interface Link {
  parent: string;
  children: string[];
  /** Only some parts are published (the gaps report lists missing and overloaded needs only). */
  partial?: boolean;
  /** A publisher's cell and the same cell of the publishers it adds up (`AuditInput.sums`). */
  across?: boolean;
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
 * its months (quarters). Parts never listed are true zeros and drop out. Variables of several
 * scopes (publishers) are linked within their scope. */
export const linksOf = (indicator: Audited, vars: ReadonlySet<string>): Link[] => {
  const byScope = new Map<string, Set<string>>();
  for (const v of vars) {
    const { scope, indicator: i } = parseVar(v);
    if (i === indicator) byScope.set(scope, (byScope.get(scope) ?? new Set()).add(v));
  }
  return [...byScope].flatMap(([scope, own]) => scopeLinksOf(indicator, own, scope));
};

const scopeLinksOf = (indicator: Audited, vars: ReadonlySet<string>, scope: string): Link[] => {
  const varKey = (i: string, period: string, cell: string) => scopedKey(scope, i, period, cell);
  const byPeriod = new Map<string, string[]>();
  for (const v of vars) {
    const { period, cell } = parseVar(v);
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), cell]);
  }
  const links: Link[] = [];
  const sets = indicator === cooperation ? [] : regionBreakdowns(indicator);
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
    // The gaps report's demand under each two-way breakdown it refines (the parts it lists).
    for (const extra of indicator === cooperation ? [] : extraSets(indicator))
      for (const pd of sets.filter((d) => d.length === 2 && d.every((x) => extra.includes(x)))) {
        const groups = new Map<string, string[]>();
        for (const [c, f] of facts) {
          if (f.set !== dimSetName(extra)) continue;
          const parent = varKey(indicator, period, cellId(pd, f.facts));
          groups.set(parent, [...(groups.get(parent) ?? []), varKey(indicator, period, c)]);
        }
        for (const [parent, children] of groups)
          if (vars.has(parent)) links.push({ parent, children, partial: true });
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
  /** null: not solved, the minimum alone rules a leak out (see `audit`). */
  max: number | null;
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
  /** One publisher's tables, or several publishers' together (each with its `scope`). */
  collected: Collected | readonly Collected[];
  indicators: readonly stats.IndicatorId[];
  /** Which variables to protect; with truth, those whose true value is 1 … threshold − 1. */
  targets: string[];
  /** True values (missing = 0), when known (tests): they decide each link's relation, so the
   * attacker is the strongest one consistent with the data. Without it, `relationOf` decides. */
  truth?: ReadonlyMap<string, number>;
  relationOf?: (indicator: Audited, link: Link) => Relation;
  /** Figures the attacker knows exactly on top (a provider's own, unsuppressed), subtracted from
   * the region's: the target is then what the other providers contribute. */
  known?: ReadonlyMap<string, number>;
  /** The public lists of values (the region's districts, service types, bands): cells of a value
   * no table lists are variables too, so parts are complete without the ground truth. */
  domains?: Partial<Record<Dimension, readonly string[]>>;
  /** Publishers whose every cell is the sum of the same cell (indicator, period, cell) of others:
   * the national stack's of the regions' (`{ total: 'national', parts: ['CZ051', …] }`). A part
   * the attacker cannot name (a district of another region) is a true zero and drops out. The
   * relation is the truth's when known, else equality (the national count of unique clients is
   * by definition the sum of the regions' distinct counts) unless `relationOf` says otherwise. */
  sums?: readonly { total: string; parts: readonly string[] }[];
}

/** Links between publishers (`AuditInput.sums`): a total's cell and the same cell of its parts. */
export const sumLinksOf = (
  indicator: Audited,
  vars: ReadonlySet<string>,
  sums: NonNullable<AuditInput['sums']>,
): Link[] =>
  sums.flatMap(({ total, parts }) =>
    [...vars].flatMap((v) => {
      const { scope, indicator: i, period, cell } = parseVar(v);
      if (scope !== total || i !== indicator) return [];
      const children = parts.map((p) => scopedKey(p, i, period, cell)).filter((c) => vars.has(c));
      return [{ parent: v, children, across: true }];
    }),
  );

/** Min and max of every target over everything collected. */
export const audit = async (input: AuditInput): Promise<AuditResult> => {
  const { truth, known } = input;
  const all: readonly Collected[] = Array.isArray(input.collected)
    ? (input.collected as readonly Collected[])
    : [input.collected as Collected];
  const highs = await solver();
  const T = Math.max(...all.map((c) => c.threshold));
  const methodOf = new Map(all.map((c) => [c.scope ?? '', c.method]));
  const bounds = new Map<string, [number, number]>();
  // Hidden: shown hidden somewhere, or listed nowhere (a row is listed only with a published total).
  const hidden = new Set<string>();
  for (const collected of all) {
    const scope = collected.scope ?? '';
    // Every cell the attacker can name (values seen anywhere in this publisher's tables, and — in
    // tests — every value its data has, as the lists of districts and service types are public)
    // is a variable; a cell no table lists gets the method's interval for unlisted cells.
    const universe = new Map([...collected.universe].map(([d, v]) => [d, new Set(v)]));
    for (const [d, values] of Object.entries(input.domains ?? {}) as [Dimension, readonly string[]][])
      universe.set(d, new Set([...(universe.get(d) ?? []), ...values]));
    for (const v of truth?.keys() ?? []) {
      const parsed = parseVar(v);
      if (parsed.scope !== scope) continue;
      for (const [d, value] of Object.entries(factsOf(parsed.cell).facts) as [Dimension, string][])
        universe.set(d, (universe.get(d) ?? new Set()).add(value));
    }
    for (const [v, [lo, hi]] of collected.bounds) {
      const [l, h] = bounds.get(v) ?? [0, Number.POSITIVE_INFINITY];
      bounds.set(v, [Math.max(l, lo), Math.min(h, hi)]);
    }
    collected.hidden.forEach((v) => hidden.add(v));
    for (const indicator of input.indicators)
      for (const period of collected.periods)
        for (const dims of [[], ...regionBreakdowns(indicator)] as Dimension[][]) {
          let combos: Partial<Record<Dimension, string>>[] = [{}];
          for (const d of dims)
            combos = combos.flatMap((f) => [...(universe.get(d) ?? [])].map((v) => ({ ...f, [d]: v })));
          for (const f of combos) {
            const key = scopedKey(scope, indicator, period, cellId(dims, f));
            if (bounds.has(key)) continue;
            bounds.set(key, collected.method.unlisted(collected.threshold));
            hidden.add(key);
          }
        }
  }
  const vars = new Set(bounds.keys());
  const name = new Map([...vars].map((v, i) => [v, `x${i}`]));
  const findings: Finding[] = [];
  const audited: Audited[] = [
    ...input.indicators,
    ...([...vars].some((v) => parseVar(v).indicator === cooperation) ? [cooperation as Audited] : []),
  ];
  for (const indicator of audited) {
    const kind = indicator === cooperation ? 'count' : definitionOf(indicator).kind;
    const constraints: string[] = [];
    for (const link of [...linksOf(indicator, vars), ...sumLinksOf(indicator, vars, input.sums ?? [])]) {
      const relation: Relation = truth
        ? (() => {
            const p = truth.get(link.parent) ?? 0;
            const sum = link.children.reduce((n, c) => n + (truth.get(c) ?? 0), 0);
            return p === sum ? 'eq' : p < sum ? 'le' : 'ge';
          })()
        : link.partial
          ? 'sup'
          : (input.relationOf?.(indicator, link) ??
            (kind === 'unique-clients' && !link.across ? 'le' : 'eq'));
      const lhs = [name.get(link.parent)!, ...link.children.map((c) => `- ${name.get(c)!}`)].join(' ');
      if (relation !== 'sup')
        constraints.push(`${lhs} ${relation === 'eq' ? '=' : relation === 'le' ? '<=' : '>='} 0`);
      // At most the sum of its parts: still at least each part.
      if (relation === 'le' || relation === 'sup')
        for (const c of link.children) constraints.push(`${name.get(link.parent)!} - ${name.get(c)!} >= 0`);
    }
    const own = [...vars].filter((v) => parseVar(v).indicator === indicator);
    const lines = own.map((v) => {
      const [lo0, hi0] = bounds.get(v)!;
      const own = known?.get(v) ?? 0;
      const lo = Math.max(lo0, own);
      // What a hidden cell tells the provider that knows its own share of it (the insider rule).
      const fromHidden =
        hidden.has(v) && known ? methodOf.get(parseVar(v).scope)?.hiddenGivenOwn?.(own, T) : undefined;
      const hi = fromHidden === undefined ? hi0 : Math.min(hi0, fromHidden);
      return `${Number.isFinite(hi) ? `${lo} <= ${name.get(v)!} <= ${hi}` : `${name.get(v)!} >= ${lo}`}`;
    });
    /** `objective`: the target, or several targets summed (a term a line). */
    const lp = (sense: 'Minimize' | 'Maximize', objective: string | readonly string[]) =>
      [
        sense,
        ...(typeof objective === 'string' ? [objective] : objective).map(
          (t, i) => `${i === 0 ? ' obj: ' : ' + '}${name.get(t)!}`,
        ),
        'Subject To',
        ...constraints.map((c, i) => ` c${i}: ${c}`),
        'Bounds',
        ...lines.map((b) => ` ${b}`),
        'End',
      ].join('\n');
    const targets = input.targets.filter((t) => parseVar(t).indicator === indicator && name.has(t));
    // With the truth known, a target whose minimum is its known part (0 for the others' share)
    // needs no LP of its own (see below). Every target is at least its known part, so one LP
    // minimising the targets' sum finds a point where many are there at once: each of those has
    // that minimum. Repeated over the rest while it finds more; the others get their own LPs.
    const atMinimum = new Set<string>();
    if (truth) {
      let rest = targets.filter((t) => (truth.get(t) ?? 0) - (known?.get(t) ?? 0) >= 1);
      while (rest.length > 1) {
        const sum = highs.solve(lp('Minimize', rest));
        if (sum.Status !== 'Optimal') break;
        const there = rest.filter((t) => {
          const value = sum.Columns[name.get(t)!];
          return value !== undefined && 'Primal' in value && value.Primal - (known?.get(t) ?? 0) <= 1e-6;
        });
        if (there.length === 0) break;
        there.forEach((t) => atMinimum.add(t));
        rest = rest.filter((t) => !atMinimum.has(t));
      }
    }
    for (const target of targets) {
      const offset = known?.get(target) ?? 0;
      if (atMinimum.has(target)) {
        findings.push({
          variable: target,
          truth: truth!.get(target)! - offset,
          min: 0,
          max: null,
          leak: false,
        });
        continue;
      }
      const min = highs.solve(lp('Minimize', target));
      if (min.Status !== 'Optimal')
        throw new Error(`auditor: ${target}: ${min.Status} (the model does not hold the truth)`);
      const lo = Math.ceil(min.ObjectiveValue - offset - 1e-6);
      const trueValue = truth ? (truth.get(target) ?? 0) - offset : undefined;
      // With the truth known the model holds it, so the maximum is at least the true value (a
      // target's is 1 or more): a minimum of 0 or less then rules a leak out (not pinned, not
      // forced into 1 … T − 1) and the second solve is skipped (about half of them in the tests).
      if (trueValue !== undefined && trueValue >= 1 && lo <= 0) {
        findings.push({ variable: target, truth: trueValue, min: lo, max: null, leak: false });
        continue;
      }
      const max = highs.solve(lp('Maximize', target));
      const hi =
        max.Status === 'Optimal' ? Math.floor(max.ObjectiveValue - offset + 1e-6) : Number.POSITIVE_INFINITY;
      const leak = lo === hi || (lo >= 1 && hi <= T - 1);
      findings.push({
        variable: target,
        ...(trueValue !== undefined ? { truth: trueValue } : {}),
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
    tables: all.reduce((n, c) => n + c.tables.length, 0),
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
