// The one shared definition of every indicator (document 001: providers read the allocation
// formulas differently — here each figure has exactly one written formula). The API serves these,
// docs/STATISTICS.md lists them, and the projection writes exactly the dimension sets named here.
import type { stats } from '@spolu/contracts';

type Dimension = stats.Dimension;
type Def = stats.IndicatorDefinition;

/** Breakdowns of client events (they carry district, service type, target group, age band). */
const clientDims: Dimension[][] = [
  [],
  ['district'],
  ['serviceType'],
  ['targetGroup'],
  ['ageBand'],
  ['sex'],
  ['district', 'serviceType'],
  ['district', 'targetGroup'],
  ['provider'],
  ['provider', 'serviceType'],
  ['provider', 'district'],
];
const contactDims: Dimension[][] = [
  [],
  ['district'],
  ['serviceType'],
  ['ageBand'],
  ['district', 'serviceType'],
  ['provider'],
  ['provider', 'serviceType'],
];
/** A category (need, intervention type, test kind, ...) crossed with a base, plus the base itself
 * (the totals of the category tables: a subject with several needs counts once there). */
const by = (d: Dimension, base: Dimension[][]) => [...base, ...base.map((set) => [d, ...set])];
const needDims: Dimension[][] = [
  ...by('need', [[], ['district'], ['targetGroup'], ['serviceType'], ['provider']]),
  ['district', 'targetGroup'],
  ['need', 'district', 'targetGroup'],
];

/** Plan events carry the agreement's facts (no sex). */
const planDims: Dimension[][] = clientDims.filter((d) => !d.includes('sex'));
const goalDims: Dimension[][] = [
  ...planDims,
  ...[[], ['district'], ['targetGroup'], ['provider']].map((set): Dimension[] => [
    'need',
    ...(set as Dimension[]),
  ]),
];

const month = 'The month (and its quarter and year) of ';

const refDims: Dimension[][] = [
  [],
  ['district'],
  ['serviceType'],
  ['targetGroup'],
  ['ageBand'],
  ['district', 'serviceType'],
  ['provider'],
  ['provider', 'serviceType'],
];
const referral = (
  id: stats.IndicatorId,
  name: string,
  nameCs: string,
  kind: Def['kind'],
  formula: string,
  events: string[],
  period: string,
  dimensions: Dimension[][] = refDims,
): Def => ({ id, name, nameCs, kind, formula, events, period, dimensions, available: true });

/** Referral indicators: the receiving service's type, the client's district, band and group. */
function referralDefinitions(): Def[] {
  return [
    {
      id: 'needs-unmet',
      name: 'Needs unmet',
      nameCs: 'Nenaplněné potřeby',
      kind: 'unique-clients',
      formula:
        'Distinct subject keys with a need of a referral that was declined for no capacity, waitlisted or expired in the period. Needs with no service of that type for that target group in that district at all are in the gaps report (status missing).',
      events: [
        'referrals.ReferralDeclined (no-capacity)',
        'referrals.ReferralWaitlisted',
        'referrals.ReferralExpired',
      ],
      period: `${month}the decline, waitlisting or expiry`,
      dimensions: needDims,
      available: true,
    },
    referral(
      'referrals-sent',
      'Referrals sent',
      'Odeslaná doporučení',
      'count',
      'Number of referrals sent; provider = the sender.',
      ['referrals.ReferralSent'],
      `${month}sending`,
    ),
    referral(
      'referrals-accepted',
      'Referrals accepted',
      'Přijatá doporučení',
      'count',
      'Number of referrals accepted; provider = the receiver.',
      ['referrals.ReferralAccepted'],
      `${month}acceptance`,
    ),
    referral(
      'referrals-declined',
      'Referrals declined by reason',
      'Odmítnutá doporučení podle důvodu',
      'count',
      'Number of referrals declined, by reason code; provider = the receiver.',
      ['referrals.ReferralDeclined'],
      `${month}the decline`,
      by('reason', refDims),
    ),
    referral(
      'wait-sent-to-accepted',
      'Waiting time: sent to accepted',
      'Čekací doba: odeslání → přijetí',
      'waiting-time',
      'value = referrals accepted; median and p90 = nearest-rank percentiles of whole days from sentAt to acceptance, from a day-bucket histogram (days 0-60 exact, then weekly to 182, then 30-day buckets; reported as the bucket upper bound).',
      ['referrals.ReferralAccepted (with sentAt)'],
      `${month}acceptance`,
    ),
    referral(
      'wait-sent-to-started',
      'Waiting time: sent to started',
      'Čekací doba: odeslání → zahájení',
      'waiting-time',
      'value = referrals started; median and p90 of whole days from sentAt to the start of care (same histogram as above).',
      ['referrals.ReferralStarted (with sentAt)'],
      `${month}the start`,
    ),
  ];
}

/** A contact counts from its recording; a correction moves its counts, a void takes them back. */
const contactEvents = ['intake.ContactRecorded', 'intake.ContactCorrected', 'intake.ContactVoided'];

export const definitions: Def[] = [
  {
    id: 'clients',
    name: 'Clients served',
    nameCs: 'Počet klientů (unikátních)',
    kind: 'unique-clients',
    formula:
      'Number of distinct subject keys with at least one client event in the period and cell. Each subject is counted once per cell; cells are never summed across each other. Sex is known only from registration, so the sex breakdown counts clients registered in the period.',
    events: [
      'intake.ClientRegistered',
      'intake.FirstConsultationHeld',
      'intake.AgreementMade',
      'intake.NeedsAssessed',
      'intake.ContactRecorded (client contacts)',
      'intake.ContactCorrected (client contacts, the corrected time)',
      'intake.HomeVisitClosed',
    ],
    period: `${month}each event (its own date: heldAt, madeAt, occurredAt, endedAt; else the event time)`,
    dimensions: clientDims,
    available: true,
  },
  {
    id: 'new-clients',
    name: 'New clients (applicants registered)',
    nameCs: 'Noví zájemci / klienti',
    kind: 'count',
    formula: 'Number of ClientRegistered events (one per registration).',
    events: ['intake.ClientRegistered'],
    period: `${month}the registration`,
    dimensions: clientDims,
    available: true,
  },
  {
    id: 'first-contacts',
    name: 'First contacts (first consultations)',
    nameCs: 'První kontakty (první konzultace)',
    kind: 'count',
    formula: 'Number of first consultations held.',
    events: ['intake.FirstConsultationHeld'],
    period: `${month}heldAt`,
    dimensions: clientDims.filter((d) => !d.includes('sex')),
    available: true,
  },
  {
    id: 'agreements',
    name: 'Agreements made',
    nameCs: 'Uzavřené dohody / smlouvy',
    kind: 'count',
    formula: 'Number of agreements made (oral or written).',
    events: ['intake.AgreementMade'],
    period: `${month}madeAt`,
    dimensions: clientDims.filter((d) => !d.includes('sex')),
    available: true,
  },
  {
    id: 'contacts',
    name: 'Contacts',
    nameCs: 'Kontakty',
    kind: 'count',
    formula: 'Number of recorded contacts of any kind (client, unnamed, close person).',
    events: contactEvents,
    period: `${month}the contact (occurredAt)`,
    dimensions: contactDims,
    available: true,
  },
  {
    id: 'close-persons-served',
    name: 'Contacts with close persons',
    nameCs: 'Kontakty s osobami blízkými',
    kind: 'count',
    formula: 'Number of contacts whose kind is close-person (osoba blízká served in their own right).',
    events: contactEvents,
    period: `${month}the contact`,
    dimensions: contactDims,
    available: true,
  },
  {
    id: 'interventions',
    name: 'Interventions by type',
    nameCs: 'Výkony podle typu',
    kind: 'count',
    formula:
      'Number of interventions by type (counselling, crisis intervention, information, material, test, needle exchange, ...): each intervention of a contact counts once; needles given/returned and tests by kind are their own indicators.',
    events: contactEvents,
    period: `${month}the contact`,
    dimensions: by('intervention', contactDims),
    available: true,
  },
  {
    id: 'needles-given',
    name: 'Needle exchange: needles given',
    nameCs: 'Výměnný program: vydané jehly',
    kind: 'count',
    formula: 'Sum of `given` over needle-exchange interventions.',
    events: contactEvents,
    period: `${month}the contact`,
    dimensions: contactDims,
    available: true,
  },
  {
    id: 'needles-returned',
    name: 'Needle exchange: needles returned',
    nameCs: 'Výměnný program: přijaté jehly',
    kind: 'count',
    formula: 'Sum of `returned` over needle-exchange interventions.',
    events: contactEvents,
    period: `${month}the contact`,
    dimensions: contactDims,
    available: true,
  },
  {
    id: 'tests-performed',
    name: 'Tests performed by type',
    nameCs: 'Provedené testy podle typu',
    kind: 'count',
    formula: 'Number of test interventions by test kind (HIV, HCV, syphilis). Results never leave intake.',
    events: contactEvents,
    period: `${month}the contact`,
    dimensions: by('test', contactDims),
    available: true,
  },
  {
    id: 'needs-assessed',
    name: 'Clients with a need assessed',
    nameCs: 'Klienti se zmapovanou potřebou',
    kind: 'unique-clients',
    formula:
      'Number of distinct subject keys with the need among the needCodes (priority other than none) of a needs assessment in the period.',
    events: ['intake.NeedsAssessed'],
    period: `${month}the assessment`,
    // need x district x target group x age band: the demand of the gaps report.
    dimensions: [...needDims, ['need', 'district', 'targetGroup', 'ageBand']],
    available: true,
  },
  {
    id: 'needs-met',
    name: 'Needs met',
    nameCs: 'Naplněné potřeby',
    kind: 'unique-clients',
    formula:
      'Distinct subject keys with a need linked to a goal that became active in the period (GoalSet or GoalStatusChanged to active), or to a referral accepted in the period.',
    events: ['plans.GoalSet', 'plans.GoalStatusChanged', 'referrals.ReferralAccepted'],
    period: `${month}the goal becoming active or the acceptance`,
    dimensions: needDims,
    available: true,
  },
  {
    id: 'goals-achieved',
    name: 'Goals achieved',
    nameCs: 'Dosažené cíle',
    kind: 'count',
    formula:
      'Number of goal status changes to achieved or partly-achieved. A goal linked to several needs counts once in the totals and once under each of its needs.',
    events: ['plans.GoalStatusChanged'],
    period: `${month}the status change`,
    dimensions: goalDims,
    available: true,
  },
  {
    id: 'goals-not-achieved',
    name: 'Goals not achieved',
    nameCs: 'Nedosažené cíle',
    kind: 'count',
    formula: 'Number of goal status changes to not-achieved or dropped (same need rule as goals achieved).',
    events: ['plans.GoalStatusChanged'],
    period: `${month}the status change`,
    dimensions: goalDims,
    available: true,
  },
  {
    id: 'recovery-transitions',
    name: 'Recovery-phase transitions',
    nameCs: 'Přechody fází zotavení',
    kind: 'count',
    formula:
      'Number of recovery-phase changes, by the phase entered (stabilisation, re-orientation, re-integration); setting the first phase counts as entering it.',
    events: ['plans.RecoveryPhaseChanged'],
    period: `${month}the change (its since date)`,
    dimensions: by('phase', planDims),
    available: true,
  },
  ...referralDefinitions(),
];

export const definitionOf = (id: stats.IndicatorId) => definitions.find((d) => d.id === id)!;
export const dimensionsOf = (id: stats.IndicatorId) => definitionOf(id).dimensions;

/** Kept only for a provider's annual report (annual.ts), per service of the provider; not
 * breakdowns of the tables (a service is one provider's, so it is never a region breakdown). */
export const annualDimensions: Partial<Record<stats.IndicatorId, Dimension[][]>> = {
  clients: [
    ['provider', 'service'],
    ['provider', 'service', 'sex'],
    ['provider', 'service', 'ageBand'],
  ],
  contacts: [['provider', 'service']],
  interventions: [['provider', 'service', 'intervention']],
  'referrals-declined': [['provider', 'service', 'reason']],
  'wait-sent-to-accepted': [['provider', 'service']],
  'wait-sent-to-started': [['provider', 'service']],
};
/** Every dimension set the projection writes for an indicator: the breakdowns and the annual
 * report's sets (and, added in `expand`, each region set's twin by provider). */
export const storedDimensionsOf = (id: stats.IndicatorId) => [
  ...dimensionsOf(id),
  ...(annualDimensions[id] ?? []),
];

/** The event types that feed an indicator, read from its definition's events
 * (`referrals.ReferralDeclined (no-capacity)` -> `ReferralDeclined`). Counters are stored per
 * event type, so these are exactly the items a read of the indicator touches. */
export const familiesOf = (id: stats.IndicatorId) =>
  definitionOf(id).events.map((e) => /^\w+\.(\w+)/.exec(e)![1]!);
/** The cooperation map's edges come from these events. */
export const cooperationFamilies = ['ReferralSent', 'SharedCareStarted'];
