// Referrals (doporučení, předání), shared care (společný klient) and handover between providers.
// A referral record carries ids, codes and bands only; the client's personal data travels in the
// share package, limited to the fields the client consented to share with the receiving provider.
import { Ulid } from '../ids';
import {
  AgeBand,
  DistrictCode,
  Email,
  IsoDate,
  IsoDateTime,
  Name,
  NeedCode,
  Phone,
  RegionCode,
  ServiceType,
  Sex,
  TargetGroup,
  Text,
} from '../values';
import { ShareableField } from '../shareable-field';
import { Warnings } from '../warnings';
import * as z from 'zod';
import { ContractMessages as M } from '../messages';

const Audit = {
  version: z.number().int().min(1),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

// ---- matching ----

export const MatchQuery = z
  .strictObject({
    needs: z
      .string()
      .min(1)
      .max(400)
      .transform((s) => s.split(',').map((c) => c.trim()))
      .pipe(z.array(NeedCode).min(1).max(20))
      .meta({ description: 'Comma-separated need codes', example: 'detox,addiction-treatment' }),
    ageBand: AgeBand.optional().meta({
      description: "The client's age band, when the exact age is not known",
    }),
    age: z.coerce.number().int().min(0).max(130).optional().meta({
      description:
        'The exact age in years; a service whose age limits do not cover it is unsuitable (reason age)',
    }),
    birthYear: z.coerce
      .number()
      .int()
      .min(1890)
      .max(2200)
      .optional()
      .meta({ description: 'The birth year, when only that is known (the age is one of two)' }),
    birthDate: IsoDate.optional().meta({
      description: 'The birth date (the exact age on the day of the question)',
    }),
    district: DistrictCode,
    targetGroup: TargetGroup,
    type: ServiceType.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine(
    (q) => {
      const exact = [q.age, q.birthYear, q.birthDate].filter((x) => x !== undefined).length;
      return exact <= 1 && (exact === 1 || q.ageBand !== undefined);
    },
    { message: M.matchAge, path: ['age'] },
  )
  .meta({ id: 'MatchQuery' });
export type MatchQuery = z.infer<typeof MatchQuery>;

export const MatchReasonCode = z.enum([
  'need-matched',
  'no-need-matched',
  'age-out-of-range',
  'age-partly-in-range',
  'age',
  'district-not-served',
  'target-group-not-served',
  'not-accepting-referrals',
  'waiting-time',
  'no-capacity',
]);
export type MatchReasonCode = z.infer<typeof MatchReasonCode>;

export const MatchReason = z.strictObject({
  code: MatchReasonCode,
  /** Blocking reasons make the service unsuitable as things stand; the rest are trade-offs. */
  blocking: z.boolean(),
  needCodes: z.array(NeedCode).optional(),
  waitingDays: z.number().int().optional(),
});
export type MatchReason = z.infer<typeof MatchReason>;

export const ServiceMatch = z
  .strictObject({
    rank: z.number().int().min(1),
    serviceId: Ulid,
    providerId: Ulid,
    providerName: z.string(),
    serviceName: z.string(),
    type: ServiceType,
    suitable: z.boolean(),
    matchedNeeds: z.array(NeedCode),
    waitingDays: z.number().int(),
    acceptingReferrals: z.boolean(),
    referralResponseDays: z.number().int(),
    reasons: z.array(MatchReason),
  })
  .meta({ id: 'ServiceMatch' });
export type ServiceMatch = z.infer<typeof ServiceMatch>;
export const MatchResult = z.object({ items: z.array(ServiceMatch) }).meta({ id: 'MatchResult' });

/** What referrals keeps of a directory service (read model from directory events). */
export const ServiceView = z.strictObject({
  id: Ulid,
  providerId: Ulid,
  providerName: z.string(),
  region: RegionCode,
  name: z.string(),
  type: ServiceType,
  targetGroups: z.array(TargetGroup),
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  districts: z.array(z.string()),
  needCodes: z.array(z.string()),
  hours: z.array(z.strictObject({ day: z.string(), opens: z.string(), closes: z.string() })),
  capacity: z.number().int(),
  waitingDays: z.number().int(),
  acceptingReferrals: z.boolean(),
  referralResponseDays: z.number().int(),
  active: z.boolean(),
  revision: z.number().int(),
});
export type ServiceView = z.infer<typeof ServiceView>;

// ---- referrals ----

export const ReferralStatus = z.enum([
  'draft',
  'sent',
  'received',
  'accepted',
  'declined',
  'waitlisted',
  'in-progress',
  'completed',
  'cancelled',
  'expired',
]);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export const ReasonCode = z.enum([
  'no-capacity',
  'not-eligible',
  'client-refused',
  'client-unreachable',
  'referred-elsewhere',
  'no-longer-needed',
  'other',
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

export const Outcome = z.enum(['successful', 'not-successful']);

/** The client's data as the sender supplies it when sending; only consented fields are kept. */
export const ClientDataInput = z
  .strictObject({
    name: Name(160).optional(),
    birthDate: IsoDate.optional(),
    contact: z
      .strictObject({ phone: Phone.optional(), email: Email.optional(), address: Text(300).optional() })
      .optional(),
    district: DistrictCode.optional(),
    ageBand: AgeBand.optional(),
    sex: Sex.optional(),
    goal: Text(2000).optional(),
    needs: z.array(NeedCode).max(20).optional(),
    questionnaire: Text(4000).optional(),
    contacts: Text(4000).optional(),
    testResults: Text(1000).optional(),
    agreement: Text(2000).optional(),
  })
  .meta({ id: 'ClientDataInput' });
export type ClientDataInput = z.infer<typeof ClientDataInput>;

export const HistoryEntry = z.strictObject({
  status: ReferralStatus,
  at: IsoDateTime,
  by: z.strictObject({ providerId: z.string(), userId: z.string() }),
  reason: ReasonCode.optional(),
  outcome: Outcome.optional(),
  note: z.string().optional(),
  expectedDate: IsoDate.optional(),
  /** A change beside the status: the client withdrew a consent the share package relied on. The
   * status stays as it was; the receiver loses the package at once. */
  event: z.enum(['consent-withdrawn']).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const CreateReferralBody = z
  .strictObject({
    clientId: Ulid.meta({ description: "The client's id in the sender's intake" }),
    fromServiceId: Ulid.optional(),
    toServiceId: Ulid,
    toWorkerId: z
      .string()
      .regex(/^[A-Za-z0-9_.@:-]{1,64}$/, M.handoverWorkerId)
      .optional()
      .meta({
        description: 'Internal referral: the colleague of the same provider who takes the client over',
      }),
    ageBand: AgeBand,
    district: DistrictCode,
    targetGroup: TargetGroup,
    needCodes: z.array(NeedCode).min(1).max(20),
    senderContact: z.strictObject({ phone: Phone.optional(), email: Email.optional() }).optional().meta({
      description: 'How the receiving service reaches the referring worker (shown before accepting)',
    }),
  })
  .meta({ id: 'CreateReferralBody' });

/** Who refers: the receiving service sees it before accepting (name and contact of the worker). */
export const ReferralSender = z
  .strictObject({
    providerName: z.string(),
    workerName: z.string().optional(),
    phone: Phone.optional(),
    email: Email.optional(),
  })
  .meta({ id: 'ReferralSender' });
export type ReferralSender = z.infer<typeof ReferralSender>;

/** What the receiving side is told about a referral it can no longer act on: the client withdrew
 * the consent it was sent under (shown without any client data), or the sender cancelled it and
 * the place the receiver held is free again. */
export const ReceiverNotice = z.enum(['consent-withdrawn', 'place-free']);
export type ReceiverNotice = z.infer<typeof ReceiverNotice>;

export const Referral = z
  .strictObject({
    id: Ulid,
    status: ReferralStatus,
    internal: z.boolean(),
    senderProviderId: Ulid,
    fromServiceId: Ulid.optional(),
    receiverProviderId: Ulid,
    toServiceId: Ulid,
    toServiceName: z.string(),
    toServiceType: ServiceType,
    toWorkerId: z.string().optional(),
    clientId: Ulid.optional().meta({ description: "Shown to the sender only (its own client's id)" }),
    subjectKey: z.string(),
    ageBand: AgeBand,
    district: z.string(),
    targetGroup: TargetGroup,
    needCodes: z.array(NeedCode),
    sharedFields: z.array(ShareableField),
    sentAt: IsoDateTime.optional(),
    respondBy: IsoDateTime.optional(),
    expectedDate: IsoDate.optional(),
    reason: ReasonCode.optional(),
    outcome: Outcome.optional(),
    history: z.array(HistoryEntry),
    sender: ReferralSender.optional(),
    consentWithdrawnAt: IsoDateTime.optional().meta({
      description: 'When the client withdrew a consent the share package relied on',
    }),
    receiverNotice: ReceiverNotice.optional().meta({ description: 'Shown to the receiving provider only' }),
    warnings: Warnings.optional().meta({
      description:
        'Advisory answers of create and send (target group not served, nothing shared); never stored',
    }),
    createdBy: z.string(),
    ...Audit,
  })
  .meta({ id: 'Referral' });
export type Referral = z.infer<typeof Referral>;

const note = Text(500).optional().meta({ description: 'Why (shared with both providers; no client data)' });
export const TransitionBody = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.literal('send'), clientData: ClientDataInput }),
    z.strictObject({ action: z.literal('receive') }),
    z.strictObject({
      action: z.literal('accept'),
      note,
      makeKeyWorker: z.boolean().optional().meta({
        description:
          "Internal referral only: the receiving colleague (toWorkerId, else who accepts) becomes the key worker of the client's plan",
      }),
    }),
    z.strictObject({ action: z.literal('decline'), reason: ReasonCode, note }),
    z.strictObject({ action: z.literal('waitlist'), expectedDate: IsoDate, note }),
    z.strictObject({ action: z.literal('start'), note }),
    z.strictObject({
      action: z.literal('complete'),
      outcome: Outcome,
      reason: ReasonCode.optional(),
      note,
    }),
    z.strictObject({ action: z.literal('cancel'), reason: ReasonCode, note }),
  ])
  .meta({ id: 'ReferralTransitionBody' });
export type TransitionBody = z.infer<typeof TransitionBody>;

export const ReferralListQuery = z.strictObject({
  direction: z.enum(['incoming', 'outgoing']).optional(),
  status: ReferralStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const SharePackage = z
  .strictObject({
    referralId: Ulid,
    senderProviderId: Ulid,
    receiverProviderId: Ulid,
    sharedFields: z.array(ShareableField),
    frozenAt: IsoDateTime,
    data: ClientDataInput,
  })
  .meta({ id: 'SharePackage' });
export type SharePackage = z.infer<typeof SharePackage>;

export const PackageRead = z
  .strictObject({
    at: IsoDateTime,
    providerId: z.string(),
    userId: z.string(),
    providerName: z.string().optional(),
    userName: z.string().optional(),
  })
  .meta({ id: 'SharePackageRead' });
export type PackageRead = z.infer<typeof PackageRead>;

// ---- shared care (společný klient) ----

export const WorkerContact = z.strictObject({
  name: Name(120),
  phone: Phone.optional(),
  email: Email.optional(),
});
export const CareParty = z.strictObject({
  providerId: Ulid,
  serviceId: Ulid.optional(),
  responsibilities: Text(500).meta({ description: 'What this provider does for the client' }),
  contact: WorkerContact,
});
export const CreateSharedCareBody = z
  .strictObject({
    clientId: Ulid,
    parties: z.array(CareParty).min(2).max(8),
    coordinatorProviderId: Ulid,
    nextReviewAt: IsoDate,
  })
  .meta({ id: 'CreateSharedCareBody' });
export const UpdateSharedCareBody = z
  .strictObject({
    parties: z.array(CareParty).min(1).max(8),
    coordinatorProviderId: Ulid,
    nextReviewAt: IsoDate,
    status: z.enum(['active', 'ended']),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, M.nothingToChange)
  .meta({ id: 'UpdateSharedCareBody' });
export const SharedCare = z
  .strictObject({
    id: Ulid,
    status: z.enum(['active', 'ended']),
    ownerProviderId: Ulid,
    clientId: Ulid.optional().meta({ description: "Shown to the owner only (its own client's id)" }),
    subjectKey: z.string(),
    parties: z.array(CareParty),
    formerProviderIds: z.array(Ulid),
    coordinatorProviderId: Ulid,
    nextReviewAt: IsoDate,
    ...Audit,
  })
  .meta({ id: 'SharedCare' });
export type SharedCare = z.infer<typeof SharedCare>;

// ---- handover ----

export const HandoverSummary = z
  .strictObject({
    goal: Text(2000),
    progress: Text(4000),
    currentSteps: z.array(Text(300)).max(20).default([]),
    risks: Text(2000).optional(),
    supportNetwork: Text(2000).optional(),
    nextAppointment: IsoDateTime.optional(),
  })
  .meta({ id: 'HandoverSummary' });
export const CreateHandoverBody = z
  .strictObject({
    clientId: Ulid,
    toProviderId: Ulid,
    toServiceId: Ulid,
    referralId: Ulid.optional(),
    summary: HandoverSummary,
  })
  .meta({ id: 'CreateHandoverBody' });
export const Handover = z
  .strictObject({
    id: Ulid,
    status: z.enum(['pending', 'completed']),
    fromProviderId: Ulid,
    fromUserId: z.string(),
    toProviderId: Ulid,
    toServiceId: Ulid,
    clientId: Ulid.optional(),
    subjectKey: z.string(),
    referralId: Ulid.optional(),
    summary: HandoverSummary,
    confirmedBy: z.string().optional(),
    confirmedAt: IsoDateTime.optional(),
    ...Audit,
  })
  .meta({ id: 'Handover' });
export type Handover = z.infer<typeof Handover>;
