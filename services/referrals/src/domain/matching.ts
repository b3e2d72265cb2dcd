// Matching a client's needs against the region's services: a pure, ranked function that says why
// each candidate fits or does not, so a worker sees the trade-off (a 120-day wait vs. a service
// that does not cover the district). Services of another region are never offered.
import type { AgeBand, NeedCode, RegionCode, ServiceType, TargetGroup, referrals } from '@spolu/contracts';
import { ageBands } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';

type ServiceView = referrals.ServiceView;
type MatchReason = referrals.MatchReason;

/** The ages the client can have: one when the age or birth date is known, two from a birth year. */
export type KnownAges = readonly [youngest: number, oldest: number];

export interface MatchCriteria {
  region: RegionCode;
  needs: NeedCode[];
  /** Used only when the exact age is not known. */
  ageBand?: AgeBand;
  ages?: KnownAges;
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

/** The age against the service's limits. A known age outside them blocks (`age`: a 70-year-old is
 * not suitable for a 15–65 service); a band only says it lies outside (`age-out-of-range`) or
 * straddles a limit (`age-partly-in-range`, check the exact age), as does a birth year whose two
 * possible ages straddle one. */
const ageReasons = (s: ServiceView, c: MatchCriteria): MatchReason[] => {
  const [youngest, oldest] = c.ages ?? (c.ageBand ? ageBands[c.ageBand] : [s.ageMin, s.ageMax]);
  if (oldest < s.ageMin || youngest > s.ageMax)
    return [{ code: c.ages ? 'age' : 'age-out-of-range', blocking: true }];
  if (youngest < s.ageMin || oldest > s.ageMax) return [{ code: 'age-partly-in-range', blocking: false }];
  return [];
};

/** Why one service fits the client or does not. Blocking reasons make it unsuitable today. */
export const assess = (s: ServiceView, c: MatchCriteria): Candidate => {
  const matchedNeeds = c.needs.filter((n) => s.needCodes.includes(n));
  const reasons: MatchReason[] = [];
  if (matchedNeeds.length > 0)
    reasons.push({ code: 'need-matched', blocking: false, needCodes: matchedNeeds });
  else reasons.push({ code: 'no-need-matched', blocking: true });
  reasons.push(...ageReasons(s, c));
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

/** The ages a client can have on `today` from what the worker knows: the age itself, a birth date,
 * or a birth year (the age before or after this year's birthday). Undefined when only a band is.
 * A birth in the future or more than 120 years back is refused, as intake refuses it. */
export const knownAges = (
  q: { age?: number; birthYear?: number; birthDate?: string },
  today: Date,
): KnownAges | undefined => {
  if (q.age !== undefined) return [q.age, q.age];
  const year = today.getUTCFullYear();
  const [ages, field]: [KnownAges, string] | [undefined, undefined] =
    q.birthDate !== undefined
      ? [agesFromBirthDate(q.birthDate, today), 'query.birthDate']
      : q.birthYear !== undefined
        ? [[year - q.birthYear - 1, year - q.birthYear], 'query.birthYear']
        : [undefined, undefined];
  if (!ages) return undefined;
  if (ages[1] < 0)
    throw new DomainRuleViolation('birth-in-future', 'the birth date lies in the future', field);
  if (ages[0] > 120)
    throw new DomainRuleViolation('birth-implausible', 'the birth date is more than 120 years ago', field);
  return [Math.max(0, ages[0]), ages[1]];
};

const agesFromBirthDate = (birthDate: string, today: Date): KnownAges => {
  const hadBirthday = birthDate.slice(5) <= today.toISOString().slice(5, 10);
  const age = today.getUTCFullYear() - Number(birthDate.slice(0, 4)) - (hadBirthday ? 0 : 1);
  return [age, age];
};
