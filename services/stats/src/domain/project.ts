// Events -> increments. Pure: the consumer turns these into cell writes. Only codes, bands and the
// pseudonymous subject key are taken from an event; ids of clients and records are never kept.
import type { AnyEnvelope, stats } from '@spolu/contracts';
import { intakeEvents as ev, plansEvents, referralsEvents } from '@spolu/contracts';
import type { Facts, Increment } from './cells';
import { storedDimensionsOf as dimensionsOf } from './definitions';
import { daysBetween } from './periods';

type ClientFacts = {
  subjectKey: string;
  serviceId?: string;
  serviceType: string;
  targetGroup: string;
  ageBand: string;
  district: string;
};

const factsOf = (e: AnyEnvelope, d: ClientFacts & { sex?: string }): Facts => ({
  district: d.district,
  serviceType: d.serviceType,
  targetGroup: d.targetGroup,
  ageBand: d.ageBand,
  sex: d.sex,
  provider: e.tenantId,
  service: d.serviceId,
});

const served = (at: string, facts: Facts, subjectKey: string): Increment => ({
  indicator: 'clients',
  at,
  facts,
  dimSets: dimensionsOf('clients'),
  subjectKey,
});

const count = (indicator: stats.IndicatorId, at: string, facts: Facts, add = 1): Increment => ({
  indicator,
  at,
  facts,
  dimSets: dimensionsOf(indicator),
  add,
});

export const intakeIncrements: Record<string, (e: AnyEnvelope) => Increment[]> = {
  ClientRegistered: (e) => {
    const d = ev.ClientRegistered.data.parse(e.data);
    const f = factsOf(e, d);
    return [served(e.occurredAt, f, d.subjectKey), count('new-clients', e.occurredAt, f)];
  },
  FirstConsultationHeld: (e) => {
    const d = ev.FirstConsultationHeld.data.parse(e.data);
    const f = factsOf(e, d);
    return [served(d.heldAt, f, d.subjectKey), count('first-contacts', d.heldAt, f)];
  },
  AgreementMade: (e) => {
    const d = ev.AgreementMade.data.parse(e.data);
    const f = factsOf(e, d);
    return [served(d.madeAt, f, d.subjectKey), count('agreements', d.madeAt, f)];
  },
  NeedsAssessed: (e) => {
    const d = ev.NeedsAssessed.data.parse(e.data);
    const f = factsOf(e, d);
    return [
      served(e.occurredAt, f, d.subjectKey),
      ...[...new Set(d.needCodes)].map((need): Increment => ({
        indicator: 'needs-assessed',
        at: e.occurredAt,
        facts: { ...f, need },
        dimSets: dimensionsOf('needs-assessed'),
        subjectKey: d.subjectKey,
      })),
    ];
  },
  HomeVisitClosed: (e) => {
    const d = ev.HomeVisitClosed.data.parse(e.data);
    return [served(d.endedAt, factsOf(e, d), d.subjectKey)];
  },
  ContactRecorded: (e) => contactIncrements(e, ev.ContactRecorded.data.parse(e.data), 1),
  // A correction takes back what the contact counted for and adds what it counts for now; a void
  // takes it back. Each event carries both sides, so they add up the same in any order and the
  // inbox applies each once. Unique clients are not taken back: a client stays served in a
  // period (other records may count them there too); a corrected time may add them to another.
  ContactCorrected: (e) => {
    const d = ev.ContactCorrected.data.parse(e.data);
    return [
      ...contactIncrements(e, { ...d, ...d.before }, -1),
      ...contactIncrements(e, { ...d, ...d.after }, 1),
    ];
  },
  ContactVoided: (e) => contactIncrements(e, ev.ContactVoided.data.parse(e.data), -1),
};

type ContactData = ReturnType<typeof ev.ContactRecorded.data.parse>;
/** A contact's counts, added (sign 1) or taken back (sign -1). */
const contactIncrements = (e: AnyEnvelope, d: ContactData, sign: 1 | -1): Increment[] => {
  const at = d.occurredAt;
  const f: Facts = {
    district: d.district,
    serviceType: d.serviceType,
    ageBand: d.ageBand,
    provider: e.tenantId,
    service: d.serviceId,
  };
  const out: Increment[] = [count('contacts', at, f, sign)];
  if (d.contactKind === 'close-person') out.push(count('close-persons-served', at, f, sign));
  // Client contacts count the client as served; unnamed and close-person contacts have no subject.
  if (sign > 0 && d.contactKind === 'client' && d.subjectKey)
    out.push({
      ...served(at, f, d.subjectKey),
      dimSets: dimensionsOf('clients').filter((s) => !s.includes('targetGroup') && !s.includes('sex')),
    });
  for (const i of d.interventions) {
    // Each intervention counts once; needles (and test kinds) are counted on their own.
    out.push(count('interventions', at, { ...f, intervention: i.type }, sign));
    if (i.type === 'needle-exchange') {
      out.push(count('needles-given', at, f, sign * (i.given ?? 0)));
      out.push(count('needles-returned', at, f, sign * (i.returned ?? 0)));
    }
    if (i.type === 'test' && i.test)
      out.push(count('tests-performed', at, { ...f, test: i.test }, sign * i.count));
  }
  return out;
};

/** A count over a category list (needs of a goal): the totals once, each category once. */
const perCategory = (
  base: Omit<Increment, 'dimSets' | 'indicator'> & { indicator: stats.IndicatorId },
  dim: 'need',
  values: readonly string[],
): Increment[] => {
  const sets = dimensionsOf(base.indicator);
  return [
    { ...base, dimSets: sets.filter((s) => !s.includes(dim)) },
    ...[...new Set(values)].map((v) => ({
      ...base,
      facts: { ...base.facts, [dim]: v },
      dimSets: sets.filter((s) => s.includes(dim)),
    })),
  ];
};

const achieved = new Set(['achieved', 'partly-achieved']);
const notAchieved = new Set(['not-achieved', 'dropped']);

export const plansIncrements: Record<string, (e: AnyEnvelope) => Increment[]> = {
  GoalSet: (e) => {
    const d = plansEvents.GoalSet.data.parse(e.data);
    if (d.status !== 'active') return [];
    return perCategory(
      { indicator: 'needs-met', at: e.occurredAt, facts: factsOf(e, d), subjectKey: d.subjectKey },
      'need',
      d.needCodes,
    );
  },
  GoalStatusChanged: (e) => {
    const d = plansEvents.GoalStatusChanged.data.parse(e.data);
    const facts = factsOf(e, d);
    if (d.to === 'active')
      return perCategory(
        { indicator: 'needs-met', at: e.occurredAt, facts, subjectKey: d.subjectKey },
        'need',
        d.needCodes,
      );
    if (achieved.has(d.to))
      return perCategory({ indicator: 'goals-achieved', at: e.occurredAt, facts }, 'need', d.needCodes);
    if (notAchieved.has(d.to))
      return perCategory({ indicator: 'goals-not-achieved', at: e.occurredAt, facts }, 'need', d.needCodes);
    return [];
  },
  RecoveryPhaseChanged: (e) => {
    const d = plansEvents.RecoveryPhaseChanged.data.parse(e.data);
    // `since` is a calendar date: noon UTC is that same day in Prague.
    return [count('recovery-transitions', `${d.since}T12:00:00Z`, { ...factsOf(e, d), phase: d.to })];
  },
};

const unmetReasons = new Set(['no-capacity']);

type ReferralData = ReturnType<typeof referralsEvents.ReferralSent.data.parse>;
/** Referral facts: the receiving service's type, the client's district, band and target group.
 * Sent counts belong to the sender; answers and waits to the receiving provider. */
const referralFacts = (
  d: Pick<ReferralData, 'district' | 'serviceType' | 'targetGroup' | 'ageBand'>,
  provider: string,
): Facts => ({
  district: d.district,
  serviceType: d.serviceType,
  targetGroup: d.targetGroup,
  ageBand: d.ageBand,
  provider,
});
/** Answers and waits: the receiving provider and its service (the annual report's per service). */
const receiverFacts = (
  d: Pick<
    ReferralData,
    'district' | 'serviceType' | 'targetGroup' | 'ageBand' | 'serviceId' | 'receiverProviderId'
  >,
): Facts => ({ ...referralFacts(d, d.receiverProviderId), service: d.serviceId });
const edge = (kind: 'referral' | 'shared-care', from: string, to: string) => `edge#${kind}|${from}|${to}`;
const needsOf = (
  indicator: 'needs-met' | 'needs-unmet',
  at: string,
  facts: Facts,
  subjectKey: string,
  needCodes: string[],
) => perCategory({ indicator, at, facts, subjectKey }, 'need', needCodes);
const waited = (
  indicator: 'wait-sent-to-accepted' | 'wait-sent-to-started',
  d: { sentAt?: string; at: string },
  facts: Facts,
): Increment[] =>
  d.sentAt
    ? [{ indicator, at: d.at, facts, dimSets: dimensionsOf(indicator), days: daysBetween(d.sentAt, d.at) }]
    : [];

export const referralsIncrements: Record<string, (e: AnyEnvelope) => Increment[]> = {
  ReferralSent: (e) => {
    const d = referralsEvents.ReferralSent.data.parse(e.data);
    const out = [count('referrals-sent', d.at, referralFacts(d, d.senderProviderId))];
    if (!d.internal)
      out.push({
        indicator: 'cooperation',
        at: d.at,
        facts: {},
        dimSets: [],
        cells: [edge('referral', d.senderProviderId, d.receiverProviderId)],
      });
    return out;
  },
  ReferralAccepted: (e) => {
    const d = referralsEvents.ReferralAccepted.data.parse(e.data);
    const f = receiverFacts(d);
    return [
      count('referrals-accepted', d.at, f),
      ...waited('wait-sent-to-accepted', d, f),
      ...needsOf('needs-met', d.at, f, d.subjectKey, d.needCodes),
    ];
  },
  ReferralStarted: (e) => {
    const d = referralsEvents.ReferralStarted.data.parse(e.data);
    return waited('wait-sent-to-started', d, receiverFacts(d));
  },
  ReferralDeclined: (e) => {
    const d = referralsEvents.ReferralDeclined.data.parse(e.data);
    // The contract's extra fields are not in its inferred type; the parse above checked them.
    const { reason } = d as typeof d & { reason: string };
    const f = receiverFacts(d);
    return [
      count('referrals-declined', d.at, { ...f, reason }),
      ...(unmetReasons.has(reason) ? needsOf('needs-unmet', d.at, f, d.subjectKey, d.needCodes) : []),
    ];
  },
  ReferralWaitlisted: (e) => {
    const d = referralsEvents.ReferralWaitlisted.data.parse(e.data);
    return needsOf('needs-unmet', d.at, receiverFacts(d), d.subjectKey, d.needCodes);
  },
  ReferralExpired: (e) => {
    const d = referralsEvents.ReferralExpired.data.parse(e.data);
    return needsOf('needs-unmet', d.at, receiverFacts(d), d.subjectKey, d.needCodes);
  },
  SharedCareStarted: (e) => {
    const d = referralsEvents.SharedCareStarted.data.parse(e.data);
    const ids = [...new Set([d.ownerProviderId, ...d.providerIds])].sort();
    // Shared care is mutual: one undirected edge per pair of providers (smaller id first).
    const cells = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => edge('shared-care', a, b)));
    return cells.length ? [{ indicator: 'cooperation', at: d.at, facts: {}, dimSets: [], cells }] : [];
  },
};
