// A subscription with `payload: "fhir"` gets each referral event's referral as an HL7 FHIR R4
// Task (the same builder as GET /fhir/Task), for health partners whose systems speak FHIR. An event
// that is not about a referral's status keeps Spolu's own form.
import type { AnyEnvelope } from '@spolu/contracts';
import { fhirSubjectKey, fhirTaskOf, referrals } from '@spolu/contracts';
import * as z from 'zod';

/** The facts every referral status event carries (packages/contracts/src/referrals/events.ts). */
const ReferralFacts = z.looseObject({
  referralId: z.string(),
  senderProviderId: z.string(),
  receiverProviderId: z.string(),
  status: referrals.ReferralStatus,
  at: z.string(),
  subjectKey: z.string(),
  reason: referrals.ReasonCode.optional(),
  outcome: z.string().optional(),
  expectedDate: z.string().optional(),
});

/** The Task a referral event describes, or undefined for any other event. */
export const fhirTaskOfEvent = (event: AnyEnvelope) => {
  if (event.subject.type !== 'referral') return undefined;
  const facts = ReferralFacts.safeParse(event.data);
  if (!facts.success) return undefined;
  const f = facts.data;
  return fhirTaskOf({
    referralId: f.referralId,
    version: event.subject.revision,
    status: f.status,
    outcome: f.outcome,
    reason: f.reason,
    expectedDate: f.expectedDate,
    senderProviderId: f.senderProviderId,
    receiverProviderId: f.receiverProviderId,
    // Events carry no client data: the subject is the pseudonymous key for every recipient.
    subject: fhirSubjectKey(f.subjectKey),
    updatedAt: f.at,
  });
};
