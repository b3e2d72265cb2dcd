// Intake events. They leave the service, so they carry codes, counts, bands and a pseudonymous
// subject key — never names, birth dates, addresses, phone numbers, client codes or free text.
// Strict schemas make the envelope refuse anything else (the unit of work parses every event).
import { defineEvent } from '../events/envelope';
import { Ulid } from '../ids';
import { AgeBand, DistrictCode, IsoDateTime, NeedCode, Sex, ServiceType, TargetGroup } from '../values';
import * as z from 'zod';
import {
  AgreementForm,
  ConsentPurpose,
  ConsultationOutcome,
  ContactKind,
  FinalSay,
  InterventionType,
  PlaceKind,
  Priority,
  ShareableField,
  TestKind,
} from './schemas';

const SubjectKey = z.string().min(20).max(64).meta({ description: 'HMAC pseudonym of tenant + client' });

/** What statistics need about the client and service in every client event. */
const ClientFacts = {
  clientId: Ulid,
  subjectKey: SubjectKey,
  serviceId: Ulid,
  serviceType: ServiceType,
  targetGroup: TargetGroup,
  ageBand: AgeBand,
  district: DistrictCode,
};

export const ClientRegistered = defineEvent({
  type: 'ClientRegistered',
  version: 1,
  source: 'intake',
  description: 'An applicant (zájemce) was registered at a service, named or anonymous.',
  data: z.strictObject({ ...ClientFacts, sex: Sex, anonymous: z.boolean() }),
});

export const FirstConsultationHeld = defineEvent({
  type: 'FirstConsultationHeld',
  version: 1,
  source: 'intake',
  description: 'A first consultation was given without a contract.',
  data: z.strictObject({
    ...ClientFacts,
    consultationId: Ulid,
    heldAt: IsoDateTime,
    durationMinutes: z.number().int(),
    outcome: ConsultationOutcome,
  }),
});

const AgreementFacts = {
  ...ClientFacts,
  agreementId: Ulid,
  form: AgreementForm,
  courtOrdered: z.boolean(),
  keyWorkerId: z.string().optional(),
  status: z.enum(['active', 'ended']),
};
export const AgreementMade = defineEvent({
  type: 'AgreementMade',
  version: 1,
  source: 'intake',
  description:
    'An agreement made the applicant a client (uživatel) of the service; plans opens an individual plan.',
  data: z.strictObject({ ...AgreementFacts, madeAt: IsoDateTime }),
});
export const AgreementChanged = defineEvent({
  type: 'AgreementChanged',
  version: 1,
  source: 'intake',
  description: 'An agreement changed (form, goal, key worker) or ended.',
  data: z.strictObject({ ...AgreementFacts, changedFields: z.array(z.string()) }),
});

export const NeedsAssessed = defineEvent({
  type: 'NeedsAssessed',
  version: 1,
  source: 'intake',
  description:
    "A needs assessment was recorded; each need with its final priority (the client's, unless court-ordered).",
  data: z.strictObject({
    ...ClientFacts,
    assessmentId: Ulid,
    finalSay: FinalSay,
    needCodes: z.array(NeedCode),
    needs: z.array(z.strictObject({ code: NeedCode, finalPriority: Priority })),
  }),
});

const ConsentFacts = {
  consentId: Ulid,
  clientId: Ulid,
  subjectKey: SubjectKey,
  serviceId: Ulid,
  purpose: ConsentPurpose,
  recipientProviderId: Ulid.optional(),
  sharedFields: z.array(ShareableField).optional(),
};
export const ConsentGiven = defineEvent({
  type: 'ConsentGiven',
  version: 1,
  source: 'intake',
  description: 'The client gave a purpose-specific consent (referrals scope data sharing by it).',
  data: z.strictObject({ ...ConsentFacts, givenAt: IsoDateTime }),
});
export const ConsentWithdrawn = defineEvent({
  type: 'ConsentWithdrawn',
  version: 1,
  source: 'intake',
  description: 'The client withdrew a consent; it stops any further access at once.',
  data: z.strictObject({ ...ConsentFacts, withdrawnAt: IsoDateTime }),
});

/** Who and what a contact event is about (the same in every contact event). */
const ContactParties = {
  contactId: Ulid,
  serviceId: Ulid,
  serviceType: ServiceType,
  contactKind: ContactKind,
  clientId: Ulid.optional(),
  subjectKey: SubjectKey.optional(),
  ageBand: AgeBand.optional(),
};
/** What a contact counts for in statistics: where, when, how long, which interventions. */
const ContactCounts = {
  district: DistrictCode.optional().meta({
    description:
      "The client's district; for a contact without a client (unnamed, close person) the district of its place (the field place's district, else the service's location or first district)",
  }),
  occurredAt: IsoDateTime,
  durationMinutes: z.number().int(),
  placeKind: PlaceKind,
  interventions: z.array(
    z.strictObject({
      type: InterventionType,
      count: z.number().int().min(0),
      given: z.number().int().min(0).optional(),
      returned: z.number().int().min(0).optional(),
      test: TestKind.optional(),
    }),
  ),
};

export const ContactRecorded = defineEvent({
  type: 'ContactRecorded',
  version: 1,
  source: 'intake',
  description: 'A contact with interventions (výkony) was recorded. Test results never leave intake.',
  data: z.strictObject({ ...ContactParties, ...ContactCounts }),
});

export const ContactCorrected = defineEvent({
  type: 'ContactCorrected',
  version: 1,
  source: 'intake',
  description:
    'A contact was corrected within its correction window: `before` is what it counted for until now, `after` what it counts for from now (statistics take the one back and add the other). The reason stays in intake.',
  data: z.strictObject({
    ...ContactParties,
    correctedAt: IsoDateTime,
    before: z.strictObject(ContactCounts),
    after: z.strictObject(ContactCounts),
  }),
});

export const ContactVoided = defineEvent({
  type: 'ContactVoided',
  version: 1,
  source: 'intake',
  description:
    'A contact recorded in error was voided within its correction window: it counts nowhere from now (statistics take back what it counted for). The reason stays in intake.',
  data: z.strictObject({ ...ContactParties, ...ContactCounts, voidedAt: IsoDateTime }),
});

export const AppointmentMissed = defineEvent({
  type: 'AppointmentMissed',
  version: 1,
  source: 'intake',
  description: 'A client did not come to an appointment or phone arrangement (no-show).',
  data: z.strictObject({
    ...ClientFacts,
    appointmentId: Ulid,
    kind: z.enum(['consultation', 'phone-arrangement']),
    scheduledAt: IsoDateTime,
  }),
});

export const HomeVisitClosed = defineEvent({
  type: 'HomeVisitClosed',
  version: 1,
  source: 'intake',
  description: 'A home visit ended with its leave-safety assessment.',
  data: z.strictObject({
    ...ClientFacts,
    homeVisitId: Ulid,
    endedAt: IsoDateTime,
    risk: z.boolean().meta({ description: 'Acute danger, psychosis or suicidality was assessed' }),
    professionalHelpCalled: z.boolean(),
  }),
});

export const ClientAnonymised = defineEvent({
  type: 'ClientAnonymised',
  version: 1,
  source: 'intake',
  description:
    "A client's identifying data was erased after the retention period; other services erase their copies.",
  data: z.strictObject({ clientId: Ulid, subjectKey: SubjectKey, anonymisedAt: IsoDateTime }),
});

export const intakeEvents = [
  ClientRegistered,
  FirstConsultationHeld,
  AgreementMade,
  AgreementChanged,
  NeedsAssessed,
  ConsentGiven,
  ConsentWithdrawn,
  ContactRecorded,
  ContactCorrected,
  ContactVoided,
  AppointmentMissed,
  HomeVisitClosed,
  ClientAnonymised,
] as const;
