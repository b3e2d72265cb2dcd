// The planners' gaps report (document 001: no addiction care for children, child psychiatry
// waits of ~4 months): for every need x district x target group with assessed demand in the
// period, the matching supply from the directory — active services that list the need and serve
// that district and target group. Missing: none; overloaded: none of them accepts referrals
// within the waiting-time limit.
import type { TargetGroup } from '@spolu/contracts';
import type { ServiceSupply } from '../store';
import { dimSetPrefix, factsOfCell } from './cells';

export const gapsDefinition =
  'Demand: unique clients with the need assessed in the period (needs-assessed by need x district x target group). Supply: active services listing the need, serving the district and the target group. missing = no such service; overloaded = every such service is closed to referrals or waits at least overloadedWaitingDays. Demand below the threshold is suppressed.';

export const gapsOf = (
  cells: Map<string, Record<string, unknown>>,
  services: readonly ServiceSupply[],
  opts: { threshold: number; overloadedWaitingDays: number },
) => {
  const out = [];
  for (const [id, item] of cells) {
    if (!id.startsWith(dimSetPrefix(['need', 'district', 'targetGroup']))) continue;
    const f = factsOfCell(id);
    const n = typeof item.n === 'number' ? item.n : 0;
    if (n === 0) continue;
    const matching = services.filter(
      (s) =>
        s.active &&
        s.needCodes.includes(f.need!) &&
        s.districts.includes(f.district!) &&
        s.targetGroups.includes(f.targetGroup!),
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
      demand: n < opts.threshold ? { value: null, suppressed: 'primary' as const } : { value: n },
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
      `${a.need}|${a.district}|${a.targetGroup}`.localeCompare(`${b.need}|${b.district}|${b.targetGroup}`),
  );
};
