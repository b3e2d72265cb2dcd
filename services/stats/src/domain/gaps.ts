// The planners' gaps report (document 001: no addiction care for children, child psychiatry
// waits of ~4 months): for every need x district x target group x age band with assessed demand
// in the period, the matching supply from the directory — active services that list the need,
// serve that district and target group and take clients of some age in that band. Missing: none;
// overloaded: none of them accepts referrals within the waiting-time limit.
import type { TargetGroup } from '@spolu/contracts';
import { AgeBand, ageBands } from '@spolu/contracts';
import type { ServiceSupply } from '../store';
import { cellId, dimSetPrefix, factsOfCell } from './cells';
import { cellKeyOf, publishRegionCount } from './cell-key';

export const gapsDefinition =
  'Demand: unique clients with the need assessed in the period (needs-assessed by need x district x target group x age band). Supply: active services listing the need, serving the district and the target group, whose age range (ageMin-ageMax) includes at least one age of the band. missing = no such service; overloaded = every such service is closed to referrals or waits at least overloadedWaitingDays. Demand is published as the region tables are (noise of at most ±2, hidden below the threshold or where the providers other than the largest have fewer than the threshold).';

/** The dimension set gaps read: demand by need, district, target group and age band. */
export const gapsDimensions = ['need', 'district', 'targetGroup', 'ageBand'] as const;

/** A service covers an age band when its age range takes at least one age of the band (a service
 * for 18+ covers 16-18 for the 18-year-olds, never 11-15). Services without a known range cover all. */
export const coversAgeBand = (s: Pick<ServiceSupply, 'ageMin' | 'ageMax'>, band: AgeBand) => {
  const [min, max] = ageBands[band];
  return (s.ageMin ?? 0) <= max && (s.ageMax ?? 130) >= min;
};

export const gapsOf = (
  cells: Map<string, Record<string, unknown>>,
  services: readonly ServiceSupply[],
  opts: {
    threshold: number;
    overloadedWaitingDays: number;
    ageBand?: AgeBand;
    /** The region tables' disclosure control (default) or the old exact-or-hidden rule. */
    disclosure?: 'cell-key' | 'per-table';
  },
) => {
  // The providers' shares of each demand cell (its twin by provider), for the insider rule.
  const largest = new Map<string, number>();
  for (const [id, item] of cells) {
    const { provider, ...facts } = factsOfCell(id);
    if (provider === undefined || typeof item.n !== 'number') continue;
    const base = cellId(gapsDimensions, facts);
    largest.set(base, Math.max(largest.get(base) ?? 0, item.n));
  }
  const demandOf = (id: string, n: number, k: number) => {
    if ((opts.disclosure ?? 'cell-key') === 'per-table')
      return n < opts.threshold ? { value: null, suppressed: 'primary' as const } : { value: n };
    const shown = publishRegionCount(n, cellKeyOf(k), largest.get(id) ?? n, opts.threshold);
    return shown.value === null ? { value: null, suppressed: 'primary' as const } : { value: shown.value };
  };
  const out = [];
  for (const [id, item] of cells) {
    if (!id.startsWith(dimSetPrefix(gapsDimensions))) continue;
    const f = factsOfCell(id);
    const band = AgeBand.safeParse(f.ageBand);
    if (!band.success || (opts.ageBand && band.data !== opts.ageBand)) continue;
    const ageBand = band.data;
    const n = typeof item.n === 'number' ? item.n : 0;
    if (n === 0) continue;
    const matching = services.filter(
      (s) =>
        s.active &&
        s.needCodes.includes(f.need!) &&
        s.districts.includes(f.district!) &&
        s.targetGroups.includes(f.targetGroup!) &&
        coversAgeBand(s, ageBand),
    );
    const accepting = matching.filter(
      (s) => s.acceptingReferrals && s.capacity > 0 && s.waitingDays < opts.overloadedWaitingDays,
    );
    const status: 'missing' | 'overloaded' | 'covered' =
      matching.length === 0 ? 'missing' : accepting.length === 0 ? 'overloaded' : 'covered';
    if (status === 'covered') continue;
    out.push({
      need: f.need!,
      district: f.district!,
      targetGroup: f.targetGroup! as TargetGroup,
      ageBand,
      demand: demandOf(id, n, typeof item.k === 'number' ? item.k : 0),
      services: matching.length,
      acceptingServices: accepting.length,
      minWaitingDays: matching.length ? Math.min(...matching.map((s) => s.waitingDays)) : null,
      status,
    });
  }
  // Largest known demand first; suppressed demand after, stable by codes.
  return out.sort(
    (a, b) =>
      (b.demand.value ?? 0) - (a.demand.value ?? 0) ||
      `${a.need}|${a.district}|${a.targetGroup}|${a.ageBand}`.localeCompare(
        `${b.need}|${b.district}|${b.targetGroup}|${b.ageBand}`,
      ),
  );
};
