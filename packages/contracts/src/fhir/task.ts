// A referral as an HL7 FHIR R4 Task, built from what both its readers know: the referral record
// (GET /fhir/Task) and a referral event (webhooks with FHIR payloads). One builder, so a partner
// sees the same Task in both.
import type { ReasonCode, ReferralStatus } from '../referrals/schemas';
import { FhirSystems as S, fhirCoding as coding } from './systems';

export type FhirTaskStatus =
  | 'draft'
  | 'requested'
  | 'received'
  | 'accepted'
  | 'rejected'
  | 'cancelled'
  | 'in-progress'
  | 'on-hold'
  | 'failed'
  | 'completed';

/** Spolu status -> Task.status (completed without success, and expired, are FHIR's `failed`). */
export const fhirTaskStatusOf = (status: ReferralStatus, outcome?: string): FhirTaskStatus => {
  const byStatus: Record<ReferralStatus, FhirTaskStatus> = {
    draft: 'draft',
    sent: 'requested',
    received: 'received',
    accepted: 'accepted',
    waitlisted: 'on-hold',
    declined: 'rejected',
    'in-progress': 'in-progress',
    completed: outcome === 'not-successful' ? 'failed' : 'completed',
    cancelled: 'cancelled',
    expired: 'failed',
  };
  return byStatus[status];
};

export interface FhirTaskView {
  referralId: string;
  version: number;
  status: ReferralStatus;
  outcome?: string;
  reason?: ReasonCode;
  expectedDate?: string;
  senderProviderId: string;
  senderName?: string;
  receiverProviderId: string;
  /** The client: the sender's own Patient, or (for anyone else) the pseudonymous subject key. */
  subject: { reference: string } | { identifier: { system: string; value: string } };
  createdAt?: string;
  updatedAt: string;
}

export const fhirSubjectKey = (subjectKey: string) => ({
  identifier: { system: S.subjectKey, value: subjectKey },
});

export const fhirTaskOf = (v: FhirTaskView) => ({
  resourceType: 'Task' as const,
  id: v.referralId,
  meta: { versionId: String(v.version), lastUpdated: v.updatedAt },
  status: fhirTaskStatusOf(v.status, v.outcome),
  businessStatus: coding(S.referralStatus, v.status),
  intent: 'order' as const,
  focus: { reference: `ServiceRequest/${v.referralId}` },
  for: v.subject,
  ...(v.createdAt ? { authoredOn: v.createdAt } : {}),
  lastModified: v.updatedAt,
  requester: {
    reference: `Organization/${v.senderProviderId}`,
    ...(v.senderName ? { display: v.senderName } : {}),
  },
  owner: { reference: `Organization/${v.receiverProviderId}` },
  ...(v.reason ? { statusReason: coding(S.reason, v.reason) } : {}),
  ...(v.expectedDate ? { restriction: { period: { start: v.expectedDate } } } : {}),
});
