// The services' domain rules in English, and the rule in either language, for the console (the
// API words a rule in English itself and needs only the Czech texts of rule-texts.ts).
import type { ProblemLanguage } from './problem-texts';
import type { RuleCode } from './rule-texts';
import { czechRuleTexts } from './rule-texts';

const en: Record<RuleCode, string> = {
  'age-range': 'The lowest age must not exceed the highest.',
  'age-outside-service': "The client's age lies outside the service's age limits.",
  'agreement-ended': 'An ended agreement cannot change.',
  'agreement-exists':
    'The client already has an active agreement with this service; change that one instead.',
  'agreement-form': 'A written agreement needs its terms; an oral one has none.',
  'anonymous-not-allowed': 'This service does not work with anonymous clients; record a name and birth date.',
  'answers-in-future': 'Questionnaire answers cannot be recorded for the future.',
  'anonymous-required': 'This service works only anonymously; record a client code instead of a name.',
  'arrival-in-future': 'The arrival time lies in the future.',
  'assessment-in-future': 'A needs assessment cannot be recorded for the future.',
  'attendance-recorded': 'Attendance was already recorded.',
  'birth-implausible': 'The birth date is more than 120 years ago.',
  'birth-in-future': 'The birth date lies in the future.',
  'caller-not-party': 'Your provider must be one of the parties.',
  'client-active': 'End the active agreements before anonymising.',
  'client-anonymised': 'The client was anonymised; nothing more can be recorded.',
  'consent-in-future': 'A consent cannot be given in the future.',
  'consultation-in-future': 'A consultation cannot be recorded for the future.',
  'consent-required': "Involving them needs the client's consent (recorded in the client file).",
  'consent-withdrawn': 'The consent was already withdrawn.',
  'contact-correction-window': 'A contact can be corrected or voided only within 7 days of its time.',
  'contact-days': 'The last day must not be before the first, at most 31 days after it.',
  'contact-nothing-to-correct': 'The correction changes nothing; change at least one field.',
  'contact-voided': 'The contact was voided; it can no longer be changed.',
  'coordinator-not-party': 'The coordinating provider must be one of the parties.',
  'distinct-dimensions': 'Rows and columns must differ.',
  'district-outside-region': 'Some districts lie outside this region.',
  'done-at-without-done': 'A done date goes only with a step that is done.',
  'done-in-future': 'A step cannot be done in the future.',
  'duplicate-party': 'A provider is a party only once.',
  'final-review-open-goals':
    'A final evaluation gives every goal an outcome (achieved, partly, not achieved, dropped).',
  'goal-change-without-deviation': 'A goal change version goes with the deviation "goal changed".',
  'goal-closed': 'An evaluated goal stays as it was; set a new goal instead.',
  'goal-repeated': 'Each goal is reviewed once.',
  'goal-status-transition': 'The goal cannot move to this status.',
  'handover-done': 'The handover is already confirmed.',
  'handover-note-required':
    'A change of key worker needs a handover note: what the next worker needs to know.',
  'handover-same-provider':
    'A handover goes to another provider; within your own provider use an internal referral.',
  'handover-wrong-side': 'Only the receiving provider confirms a handover.',
  'arrangement-contact-not-unnamed':
    'A phone arrangement without a client points only to a contact with an unnamed person (not a client or close person).',
  'field-place-town': "A field place's town is given together with its district (ORP).",
  'field-place-district-mismatch':
    "The district of the field place's town differs from the district given for the place.",
  'help-called-outside-visit':
    'Professional help is called during the visit: the time lies between its start and end.',
  'help-called-without-help':
    'When and whom the worker called is recorded only when professional help was called.',
  'home-visit-address-anonymous':
    "An anonymous client's address is not recorded (it would identify the client).",
  'home-visit-checklist-complete': 'The checklist is met: schedule the visit instead of refusing it.',
  'home-visit-refused': 'The visit was refused and did not take place; it cannot be closed.',
  'home-visit-checklist-incomplete': 'A home visit can be scheduled only with the checklist complete.',
  'home-visit-closed': 'The visit is already closed.',
  'home-visit-end': 'The visit ends between its start and now.',
  'in-future': 'A contact cannot be recorded for the future.',
  'indicator-required': 'Choose an indicator.',
  'internal-needs-worker': 'A referral within your own provider names the colleague.',
  'involvement-ended': 'Their involvement has ended.',
  'key-worker-internal-only':
    'Only an internal referral makes its receiver the key worker; another provider names its own.',
  'key-worker-listed': 'The key worker is not one of the other workers.',
  'leave-safety':
    'The client was psychotic, suicidal or in acute danger: record that professional help was called before closing the visit.',
  'needle-exchange-once': 'Record one needle exchange per contact.',
  'next-review-past': 'The next review comes after this one.',
  'no-consent': 'The client has not consented to share with this provider.',
  'not-accepting': 'The service does not accept referrals at the moment.',
  'number-range': "A question's minimum exceeds its maximum.",
  'only-coordinator-removes': 'Only the coordinating provider removes other parties.',
  'option-codes-repeat': 'Option codes of a question repeat.',
  'outcome-reason': 'An unsuccessful outcome needs a reason.',
  'period-required': 'Choose a period.',
  'phase-date-order': 'A phase starts after the previous one.',
  'phase-in-future': 'A phase starts today or earlier.',
  'phone-wait-exceeded':
    'The worker waits only the agreed time; a later arrival is a no-show (contact centre or next day).',
  'plan-anonymised': 'The client was anonymised.',
  'plan-closed': 'The plan is closed.',
  'provider-own-view': "Figures by provider are shown only in a provider's own view.",
  'reason-other-note': 'The reason "other" needs a note.',
  'referral-nothing-shared':
    'The client has not consented to share any data with the receiving provider: the referral went without client data.',
  'referral-target-group-not-served': "The client's target group is not one of the service's target groups.",
  'fhir-expected-date-required':
    'Status on-hold (waiting list) needs the expected date in restriction.period.start.',
  'fhir-reason-required': 'This Task status needs a reason in statusReason (a Spolu code).',
  'fhir-status-not-a-step': 'A Spolu referral cannot be moved to this Task status.',
  'fhir-task-focus': "A referral's Task has the referral's id and its ServiceRequest as focus.",
  'fhir-task-requested': 'A new Task asks for the referral: status requested.',
  'referral-status': "The referral's status does not allow this change.",
  'referral-wrong-side': 'This step belongs to the other side of the referral.',
  'retention-not-over': 'The retention period is not over yet.',
  'review-in-future': 'Record a review once it was held.',
  'same-key-worker': 'This worker already is the key worker.',
  'same-phase': 'The client is in this phase already.',
  'service-not-own': "Some services are not your provider's.",
  'session-in-future': 'Record a session once it was held.',
  'shared-care-ended': 'The shared care has ended.',
  'support-person-not-assignee': 'Only support-person steps name a support person.',
  'target-date-past': 'A new goal needs a target date ahead.',
  'target-group': "Not one of the service's target groups.",
  'too-early-for-no-show':
    'A no-show can be recorded only after the agreed time (for a phone arrangement, after the waiting time).',
  'too-many-subscriptions': 'The provider has the most subscriptions allowed.',
  'unknown-event-type': 'Unknown event type.',
  'unknown-field-place': "Not one of the service's field places.",
  'unknown-needs-assessment': "No needs assessment of this client at the plan's service.",
  'unknown-plan-version': 'No such version of this plan.',
  'unknown-goal': 'No such goal in this plan.',
  'unknown-provider': 'No such provider in this region.',
  'unknown-referral': 'No such referral of yours.',
  'unknown-service': 'No such active service.',
  'unknown-step': 'No such step in this plan.',
  'unknown-support-person': 'No such support person in this plan.',
  'unsupported-breakdown': 'This indicator is not kept in this breakdown.',
  'waitlist-date': 'The expected date lies in the past.',
  'webhook-url-not-allowed': 'This address cannot receive webhooks (public https addresses only).',
  'withdrawal-time': 'A withdrawal lies between the consent and now.',
  'worker-not-assignee': 'Only worker steps name a worker.',
};

const catalogues: Record<ProblemLanguage, Readonly<Record<string, string>>> = { cs: czechRuleTexts, en };

/** The rule in that language, or undefined when the code is not a known domain rule. */
export const ruleText = (code: string | undefined, language: ProblemLanguage): string | undefined =>
  code && Object.hasOwn(czechRuleTexts, code) ? catalogues[language][code] : undefined;
