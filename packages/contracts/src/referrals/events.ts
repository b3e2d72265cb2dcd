// Referral events. Every status change is one, so stats can measure waits and outcomes and
// webhooks can tell partners. They carry ids, codes, bands and the pseudonymous subject key —
// never names, notes or other free text. The envelope's tenantId is the sender (the referral's
// owner); both providers' ids are in the data.
import { defineEvent } from '../events/envelope';
import { Ulid } from '../ids';
import { AgeBand, DistrictCode, IsoDate, IsoDateTime, NeedCode, ServiceType, TargetGroup } from '../values';
import * as z from 'zod';
import { Outcome, ReasonCode, ReferralStatus } from './schemas';

const SubjectKey = z.string().min(20).max(64);

const ReferralFacts = {
  referralId: Ulid,
  senderProviderId: Ulid,
  receiverProviderId: Ulid,
  fromServiceId: Ulid.optional(),
  serviceId: Ulid,
  serviceType: ServiceType,
  internal: z.boolean(),
  district: DistrictCode,
  ageBand: AgeBand,
  targetGroup: TargetGroup,
  needCodes: z.array(NeedCode),
  subjectKey: SubjectKey,
  status: ReferralStatus,
  previousStatus: ReferralStatus,
  at: IsoDateTime,
  sentAt: IsoDateTime.optional(),
};

/** A status-change event: the facts every referral event carries, plus its own fields (typed end to
 * end, so producers and consumers are checked against exactly this event's data). */
const referralEvent = <T extends string, E extends z.ZodRawShape>(type: T, description: string, extra: E) =>
  defineEvent({
    type,
    version: 1,
    source: 'referrals',
    description,
    data: z.strictObject({ ...ReferralFacts, ...extra }),
  });

export const ReferralSent = referralEvent('ReferralSent', 'A referral was sent to a service.', {
  respondBy: IsoDateTime,
  sharedFieldCount: z.number().int().min(0),
});
export const ReferralReceived = referralEvent(
  'ReferralReceived',
  'The receiving service saw the referral.',
  {},
);
/** On ReferralAccepted of an internal referral accepted with makeKeyWorker: plans names the
 * colleague the key worker of the client's plan. Ids only; both sides are the same provider. */
export const KeyWorkerHandover = z.strictObject({ clientId: Ulid, keyWorkerId: z.string().min(1).max(64) });
export const ReferralAccepted = referralEvent(
  'ReferralAccepted',
  'The receiving service accepted the client.',
  {
    keyWorkerHandover: KeyWorkerHandover.optional(),
  },
);
export const ReferralDeclined = referralEvent(
  'ReferralDeclined',
  'The receiving service declined, with a reason code.',
  {
    reason: ReasonCode,
  },
);
export const ReferralWaitlisted = referralEvent(
  'ReferralWaitlisted',
  'The receiving service put the client on its waiting list, with the expected date.',
  { expectedDate: IsoDate },
);
export const ReferralStarted = referralEvent(
  'ReferralStarted',
  'The client started at the receiving service.',
  {},
);
export const ReferralCompleted = referralEvent('ReferralCompleted', 'The referral closed with an outcome.', {
  outcome: Outcome,
  reason: ReasonCode.optional(),
});
export const ReferralCancelled = referralEvent('ReferralCancelled', 'The sender cancelled the referral.', {
  reason: ReasonCode,
});
export const ReferralExpired = referralEvent(
  'ReferralExpired',
  "No answer within the receiving service's response period (referralResponseDays).",
  {},
);

const SharedCareFacts = {
  sharedCareId: Ulid,
  ownerProviderId: Ulid,
  providerIds: z.array(Ulid),
  coordinatorProviderId: Ulid,
  subjectKey: SubjectKey,
  nextReviewAt: IsoDate,
  at: IsoDateTime,
};
export const SharedCareStarted = defineEvent({
  type: 'SharedCareStarted',
  version: 1,
  source: 'referrals',
  description: 'Providers agreed to share care of one client (společný klient).',
  data: z.strictObject(SharedCareFacts),
});
export const SharedCareChanged = defineEvent({
  type: 'SharedCareChanged',
  version: 1,
  source: 'referrals',
  description: 'Providers joined or left a shared-care agreement, or its coordinator or review changed.',
  data: z.strictObject({ ...SharedCareFacts, joined: z.array(Ulid), left: z.array(Ulid) }),
});
export const SharedCareEnded = defineEvent({
  type: 'SharedCareEnded',
  version: 1,
  source: 'referrals',
  description: 'A shared-care agreement ended.',
  data: z.strictObject(SharedCareFacts),
});
export const HandoverCompleted = defineEvent({
  type: 'HandoverCompleted',
  version: 1,
  source: 'referrals',
  description: "The receiving key worker confirmed a client's handover.",
  data: z.strictObject({
    handoverId: Ulid,
    fromProviderId: Ulid,
    toProviderId: Ulid,
    toServiceId: Ulid,
    referralId: Ulid.optional(),
    subjectKey: SubjectKey,
    createdAt: IsoDateTime,
    completedAt: IsoDateTime,
  }),
});

/** The receiving provider opened a share package. The sender's intake keeps it with the client, so
 * the client's data export lists who read what was shared; the sender's own client id is in the
 * data because only the sender (the envelope's tenant) receives it. Names stay out: ids only. */
export const SharePackageRead = defineEvent({
  type: 'SharePackageRead',
  version: 1,
  source: 'referrals',
  description: "A provider opened the client data a referral shared with it (the sender's access log).",
  data: z.strictObject({
    referralId: Ulid,
    clientId: Ulid,
    senderProviderId: Ulid,
    readerProviderId: Ulid,
    readerUserId: z.string().max(64),
    serviceId: Ulid,
    sharedFields: z.array(z.string().max(40)).max(20),
    at: IsoDateTime,
  }),
});

export const referralsEvents = [
  ReferralSent,
  ReferralReceived,
  ReferralAccepted,
  ReferralDeclined,
  ReferralWaitlisted,
  ReferralStarted,
  ReferralCompleted,
  ReferralCancelled,
  ReferralExpired,
  SharedCareStarted,
  SharedCareChanged,
  SharedCareEnded,
  HandoverCompleted,
  SharePackageRead,
] as const;
