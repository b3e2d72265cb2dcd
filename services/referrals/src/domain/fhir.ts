// The FHIR face of a referral (docs/REFERRALS.md, "FHIR"), pure: a referral as the ServiceRequest
// (what is asked) and the Task (its fulfilment) each side sees, and the step a Task update asks
// for. The sender sees its client as Patient/<id>; the receiver only the pseudonymous subject key.
import { fhir, fhirCoding as coding, fhirSubjectKey, fhirTaskOf, fhirTaskStatusOf } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { referrals } from './types';

type Referral = referrals.Referral;
type Status = referrals.ReferralStatus;
type FhirTaskShape = fhir.FhirTaskShape;
type TaskStatus = FhirTaskShape['status'];
const S = fhir.FhirSystems;

/** Spolu status -> Task.status (completed without success is FHIR's `failed`). */
export const taskStatusOf = (r: Pick<Referral, 'status' | 'outcome'>): TaskStatus =>
  fhirTaskStatusOf(r.status, r.outcome);

/** Task.status values a search asks for -> whether a referral matches. */
export const matchesTaskStatuses = (r: Pick<Referral, 'status' | 'outcome'>, wanted: readonly string[]) =>
  wanted.includes(taskStatusOf(r));

const serviceRequestStatusOf = (status: Status) =>
  status === 'draft'
    ? 'draft'
    : status === 'completed'
      ? 'completed'
      : ['cancelled', 'declined', 'expired'].includes(status)
        ? 'revoked'
        : 'active';

const organization = (id: string, display?: string) => ({
  reference: `Organization/${id}`,
  ...(display ? { display } : {}),
});

/** The client: the sender's own Patient, for the receiver only the pseudonymous subject key. */
const subjectFor = (r: Referral, viewer: string) =>
  r.senderProviderId === viewer && r.clientId
    ? { reference: `Patient/${r.clientId}` }
    : fhirSubjectKey(r.subjectKey);

const meta = (r: Referral) => ({ versionId: String(r.version), lastUpdated: r.updatedAt });

export const serviceRequestOf = (r: Referral, viewer: string) => ({
  resourceType: 'ServiceRequest' as const,
  id: r.id,
  meta: meta(r),
  status: serviceRequestStatusOf(r.status),
  intent: 'order' as const,
  subject: subjectFor(r, viewer),
  requester: organization(r.senderProviderId, r.sender?.providerName),
  performer: [{ reference: `HealthcareService/${r.toServiceId}`, display: r.toServiceName }],
  reasonCode: r.needCodes.map((code) => coding(S.need, code)),
  extension: [
    { url: S.ageBand, valueCode: r.ageBand },
    { url: S.district, valueCode: r.district },
    { url: S.targetGroup, valueCode: r.targetGroup },
  ],
  authoredOn: r.createdAt,
});

export const taskOf = (r: Referral, viewer: string) =>
  fhirTaskOf({
    referralId: r.id,
    version: r.version,
    status: r.status,
    outcome: r.outcome,
    reason: r.reason,
    expectedDate: r.expectedDate,
    senderProviderId: r.senderProviderId,
    senderName: r.sender?.providerName,
    receiverProviderId: r.receiverProviderId,
    subject: subjectFor(r, viewer),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  });

type Step = referrals.TransitionBody;

const reasonOf = (task: FhirTaskShape, status: TaskStatus) => {
  const reason = fhir.fhirReasonOf(task);
  if (!reason)
    throw new DomainRuleViolation(
      'fhir-reason-required',
      `Task.status ${status} needs statusReason with a ${S.reason} code`,
      'body.statusReason',
    );
  return reason;
};

const noteOf = (task: FhirTaskShape) => {
  const text = task.note?.[0]?.text;
  return text ? { note: text } : {};
};

/** The step a Task with this status asks of a referral in its current status: a transition, or
 * nothing when the status is the current one (a PUT that changes nothing else is a no-op). */
export const stepForTask = (
  current: Pick<Referral, 'status' | 'outcome'>,
  task: FhirTaskShape,
): Step | undefined => {
  const status = task.status;
  if (status === taskStatusOf(current)) return undefined;
  switch (status) {
    case 'requested':
      return { action: 'send', clientData: fhir.fhirClientDataOf(task) };
    case 'received':
      return { action: 'receive' };
    case 'accepted':
      return { action: 'accept', ...noteOf(task) };
    case 'rejected':
      return { action: 'decline', reason: reasonOf(task, status), ...noteOf(task) };
    case 'on-hold': {
      const expectedDate = task.restriction?.period?.start?.slice(0, 10);
      if (!expectedDate || !/^\d{4}-\d{2}-\d{2}$/.test(expectedDate))
        throw new DomainRuleViolation(
          'fhir-expected-date-required',
          'Task.status on-hold needs the expected date in restriction.period.start',
          'body.restriction',
        );
      return { action: 'waitlist', expectedDate, ...noteOf(task) };
    }
    case 'in-progress':
      return { action: 'start', ...noteOf(task) };
    case 'completed':
      return { action: 'complete', outcome: 'successful', ...noteOf(task) };
    case 'failed':
      return {
        action: 'complete',
        outcome: 'not-successful',
        reason: reasonOf(task, status),
        ...noteOf(task),
      };
    case 'cancelled':
      return { action: 'cancel', reason: reasonOf(task, status), ...noteOf(task) };
    default:
      throw new DomainRuleViolation(
        'fhir-status-not-a-step',
        `Task.status ${status} is not a step of a Spolu referral (steps: ${fhirSteps.join(', ')})`,
        'body.status',
      );
  }
};

/** The Task statuses a Task update may ask for. */
export const fhirSteps: readonly TaskStatus[] = [
  'requested',
  'received',
  'accepted',
  'rejected',
  'on-hold',
  'in-progress',
  'completed',
  'failed',
  'cancelled',
];
