// Matching a client's needs against the region's services: a pure, ranked function that says why
// each candidate fits or does not, so a worker sees the trade-off (a 120-day wait vs. a service
// that does not cover the district). Services of another region are never offered.
import type { AgeBand, NeedCode, RegionCode, ServiceType, TargetGroup, referrals } from '@spolu/contracts';
import { ageBands } from '@spolu/contracts';

type ServiceView = referrals.ServiceView;
type MatchReason = referrals.MatchReason;

export interface MatchCriteria {
  region: RegionCode;
  needs: NeedCode[];
  ageBand: AgeBand;
  district: string;
  targetGroup: TargetGroup;
  type?: ServiceType;
}

export interface Candidate {
  service: ServiceView;
  matchedNeeds: string[];
  suitable: boolean;
  reasons: MatchReason[];
}

/** Why one service fits the client or does not. Blocking reasons make it unsuitable today. */
export const assess = (s: ServiceView, c: MatchCriteria): Candidate => {
  const matchedNeeds = c.needs.filter((n) => s.needCodes.includes(n));
  const reasons: MatchReason[] = [];
  if (matchedNeeds.length > 0)
    reasons.push({ code: 'need-matched', blocking: false, needCodes: matchedNeeds });
  else reasons.push({ code: 'no-need-matched', blocking: true });
  const [min, max] = ageBands[c.ageBand];
  if (max < s.ageMin || min > s.ageMax) reasons.push({ code: 'age-out-of-range', blocking: true });
  else if (min < s.ageMin || max > s.ageMax) reasons.push({ code: 'age-partly-in-range', blocking: false });
  if (!s.districts.includes(c.district)) reasons.push({ code: 'district-not-served', blocking: true });
  if (!s.targetGroups.includes(c.targetGroup))
    reasons.push({ code: 'target-group-not-served', blocking: true });
  if (!s.acceptingReferrals) reasons.push({ code: 'not-accepting-referrals', blocking: true });
  if (s.capacity === 0) reasons.push({ code: 'no-capacity', blocking: true });
  if (s.waitingDays > 0) reasons.push({ code: 'waiting-time', blocking: false, waitingDays: s.waitingDays });
  return { service: s, matchedNeeds, suitable: !reasons.some((r) => r.blocking), reasons };
};

const blockingCount = (c: Candidate) => c.reasons.filter((r) => r.blocking).length;

/** Order: suitable first; then fewer blocking reasons; more of the client's needs met; shorter
 * wait; name (stable, so the same question always gets the same answer). */
export const compareCandidates = (a: Candidate, b: Candidate) =>
  Number(b.suitable) - Number(a.suitable) ||
  blockingCount(a) - blockingCount(b) ||
  b.matchedNeeds.length - a.matchedNeeds.length ||
  a.service.waitingDays - b.service.waitingDays ||
  a.service.name.localeCompare(b.service.name, 'cs');

/** Ranked candidates: services of the region that meet at least one of the needs. */
export const matchServices = (services: readonly ServiceView[], c: MatchCriteria): Candidate[] =>
  services
    .filter((s) => s.region === c.region && s.active)
    .filter((s) => !c.type || s.type === c.type)
    .map((s) => assess(s, c))
    .filter((x) => x.matchedNeeds.length > 0)
    .sort(compareCandidates);

export const toMatch = (x: Candidate, rank: number): referrals.ServiceMatch => ({
  rank,
  serviceId: x.service.id,
  providerId: x.service.providerId,
  providerName: x.service.providerName,
  serviceName: x.service.name,
  type: x.service.type,
  suitable: x.suitable,
  matchedNeeds: x.matchedNeeds,
  waitingDays: x.service.waitingDays,
  acceptingReferrals: x.service.acceptingReferrals,
  referralResponseDays: x.service.referralResponseDays,
  reasons: x.reasons,
});
