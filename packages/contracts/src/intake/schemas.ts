// Intake: applicants and clients (named or anonymous by client code), first consultation,
// agreements (dohoda/kontrakt), consents, contacts and interventions (výkony), needs assessment,
// appointments, phone arrangements, home visits, questionnaires, the client file (spis).
// Everything here is special-category client data unless said otherwise.
import { Ulid } from '../ids';
import {
  AgeBand,
  DistrictCode,
  IsoDate,
  IsoDateTime,
  Name,
  NeedCode,
  Phone,
  Sex,
  ServiceType,
  TargetGroup,
  Text,
  TextCharacters,
} from '../values';
import * as z from 'zod';
import { informationTopics } from '../value-lists';
import { ShareableField } from '../shareable-field';
import { ContractMessages as M } from '../messages';
import { Warnings } from '../warnings';

const Audit = {
  version: z.number().int().min(1),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};
const Recorded = {
  /** The worker (token subject) who recorded it. */
  recordedBy: z.string(),
};
const nonEmpty = <T extends z.ZodType>(s: T) =>
  s.refine((b) => Object.keys(b as object).length > 0, M.nothingToChange);

const Minutes = z.number().int().min(1).max(1440).meta({ description: 'Duration in minutes' });
const Count = z.number().int().min(0).max(10000);

// ---- clients ----

export const ClientStatus = z
  .enum(['applicant', 'client', 'former-client'])
  .meta({ description: 'zájemce (before any agreement), uživatel (with an agreement), former client' });

export const ClientContact = z.strictObject({
  phone: Phone.optional(),
  email: z.email().max(254).optional(),
  address: Text(300).optional(),
});

export const NamedIdentity = z
  .strictObject({
    kind: z.literal('named'),
    name: Name(120),
    birthDate: IsoDate,
    sex: Sex.default('unknown'),
    contact: ClientContact.default({}),
    district: DistrictCode,
  })
  .meta({ id: 'NamedIdentity' });
export const AnonymousIdentity = z
  .strictObject({
    kind: z.literal('anonymous'),
    clientCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{3,24}$/, M.clientCode)
      .meta({
        description: 'Code chosen by the service (e.g. initials + birth year), unique per service',
      }),
    birthYear: z.number().int().min(1900).max(2100),
    sex: Sex,
    district: DistrictCode,
  })
  .meta({ id: 'AnonymousIdentity' });
export const Identity = z.discriminatedUnion('kind', [NamedIdentity, AnonymousIdentity]);
export type Identity = z.infer<typeof Identity>;

export const RegisterClientBody = z
  .strictObject({
    serviceId: Ulid.meta({ description: 'The service the person approached' }),
    identity: Identity,
    targetGroup: TargetGroup.optional().meta({
      description: "One of the service's target groups; defaults to its first",
    }),
  })
  .meta({ id: 'RegisterClientBody' });
export const UpdateClientBody = nonEmpty(
  z
    .strictObject({
      identity: Identity,
      targetGroup: TargetGroup,
      keyWorkerId: z.string().min(1).max(64).nullable(),
    })
    .partial(),
).meta({ id: 'UpdateClientBody' });

export const Client = z
  .strictObject({
    id: Ulid,
    providerId: Ulid,
    serviceId: Ulid,
    identity: Identity,
    /** Kept through anonymisation so statistics keep counting. */
    ageBand: AgeBand,
    targetGroup: TargetGroup,
    status: ClientStatus,
    keyWorkerId: z.string().optional(),
    anonymisedAt: IsoDateTime.optional(),
    lastActivityAt: IsoDateTime,
    ...Recorded,
    ...Audit,
  })
  .meta({ id: 'Client' });
/** A newly registered client and what the worker should look at twice (an age outside the
 * service's limits). */
export const RegisteredClient = Client.extend({ warnings: Warnings.optional() }).meta({
  id: 'RegisteredClient',
});
export type Client = z.infer<typeof Client>;

export const ClientListQuery = z.strictObject({
  serviceId: Ulid.optional(),
  status: ClientStatus.optional(),
  q: z.string().trim().min(1).max(100).optional().meta({
    description:
      'Search: every word must begin a word of the name, or be the whole client code or the 4-digit birth year; accents and case do not matter ("benes" finds Beneš)',
  }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

// ---- first consultation (bez kontraktu) ----

export const ConsultationOutcome = z.enum([
  'agreement-wanted',
  'no-further-contact',
  'referred-elsewhere',
  'undecided',
]);
export const RecordConsultationBody = z
  .strictObject({
    serviceId: Ulid,
    heldAt: IsoDateTime,
    durationMinutes: Minutes,
    request: Text(2000).optional().meta({ description: "The person's request in their own words (zakázka)" }),
    notes: Text(4000).optional(),
    outcome: ConsultationOutcome,
  })
  .meta({ id: 'RecordConsultationBody' });
export const Consultation = RecordConsultationBody.extend({
  id: Ulid,
  clientId: Ulid,
  first: z.boolean(),
  ...Recorded,
  ...Audit,
}).meta({ id: 'Consultation' });
export type Consultation = z.infer<typeof Consultation>;

// ---- agreements (dohoda / Smlouva o poskytování sociální služby) ----

export const AgreementForm = z.enum(['oral', 'written']);
export const WrittenTerms = z
  .strictObject({
    contractDate: IsoDate,
    validFrom: IsoDate,
    validUntil: IsoDate.optional().meta({ description: 'Omit for an indefinite term' }),
    signedBy: z.array(Name(120)).min(1).max(5).meta({ description: 'Who signed (client, worker, guardian)' }),
  })
  .refine((w) => !w.validUntil || w.validUntil >= w.validFrom, {
    message: M.validityRange,
    path: ['validUntil'],
  });

const agreementShape = {
  serviceId: Ulid,
  form: AgreementForm,
  written: WrittenTerms.optional(),
  goal: Text(2000).meta({ description: "The client's overall goal (zakázka) in their own words" }),
  courtOrdered: z
    .boolean()
    .default(false)
    .meta({ description: 'Court-ordered treatment: the worker has the final say on needs' }),
  keyWorkerId: z.string().min(1).max(64).optional(),
};
const writtenMatchesForm = (a: { form?: string; written?: unknown }) =>
  a.form === undefined || (a.form === 'written') === (a.written !== undefined);

export const MakeAgreementBody = z
  .strictObject(agreementShape)
  .refine(writtenMatchesForm, {
    message: M.writtenTerms,
    path: ['written'],
  })
  .meta({ id: 'MakeAgreementBody' });
export const ChangeAgreementBody = nonEmpty(
  z
    .strictObject({
      form: AgreementForm,
      written: WrittenTerms.nullable(),
      goal: Text(2000),
      keyWorkerId: z.string().min(1).max(64),
      status: z.enum(['active', 'ended']),
      changeNote: Text(1000),
    })
    .partial(),
).meta({ id: 'ChangeAgreementBody' });
export const Agreement = z
  .strictObject({
    ...agreementShape,
    courtOrdered: z.boolean(),
    id: Ulid,
    clientId: Ulid,
    status: z.enum(['active', 'ended']),
    madeAt: IsoDateTime,
    endedAt: IsoDateTime.optional(),
    changes: z
      .array(
        z.strictObject({
          at: IsoDateTime,
          by: z.string(),
          fields: z.array(z.string()),
          note: z.string().optional(),
        }),
      )
      .max(500),
    ...Recorded,
    ...Audit,
  })
  .meta({ id: 'Agreement' });
export type Agreement = z.infer<typeof Agreement>;
/** A new agreement and what the worker should look at twice (the client's age outside the
 * service's limits, a target group the service does not serve). */
export const MadeAgreement = Agreement.extend({ warnings: Warnings.optional() }).meta({
  id: 'MadeAgreement',
});
export type MadeAgreement = z.infer<typeof MadeAgreement>;

// ---- consents ----

/** Fields of the client file a referral consent may let another provider see. */
export { ShareableField } from '../shareable-field';

export const ConsentPurpose = z.enum([
  'service-provision',
  'referral-share',
  'involve-close-person',
  'involve-institution',
]);
export const InvolvedParty = z.strictObject({
  name: Name(160),
  relation: Name(80).meta({ description: 'e.g. mother, partner, probation officer' }),
});

export const GiveConsentBody = z
  .strictObject({
    purpose: ConsentPurpose,
    serviceId: Ulid,
    recipientProviderId: Ulid.optional(),
    sharedFields: z.array(ShareableField).min(1).max(12).optional(),
    involvedParty: InvolvedParty.optional(),
    givenAt: IsoDateTime,
    form: z.enum(['oral', 'written']).default('written'),
  })
  .superRefine((c, ctx) => {
    const need = (ok: boolean, path: string, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (c.purpose === 'referral-share') {
      need(c.recipientProviderId !== undefined, 'recipientProviderId', M.consentRecipient);
      need(c.sharedFields !== undefined, 'sharedFields', M.consentFields);
    } else {
      need(c.recipientProviderId === undefined, 'recipientProviderId', M.consentNoRecipient);
      need(c.sharedFields === undefined, 'sharedFields', M.consentNoFields);
    }
    const involves = c.purpose === 'involve-close-person' || c.purpose === 'involve-institution';
    need(involves === (c.involvedParty !== undefined), 'involvedParty', M.involvedParty);
    if (c.sharedFields)
      need(new Set(c.sharedFields).size === c.sharedFields.length, 'sharedFields', M.fieldsRepeat);
  })
  .meta({ id: 'GiveConsentBody' });
export const WithdrawConsentBody = z
  .strictObject({ withdrawnAt: IsoDateTime.optional(), reason: Text(500).optional() })
  .meta({ id: 'WithdrawConsentBody' });
export const Consent = z
  .strictObject({
    id: Ulid,
    clientId: Ulid,
    serviceId: Ulid,
    purpose: ConsentPurpose,
    recipientProviderId: Ulid.optional(),
    sharedFields: z.array(ShareableField).optional(),
    involvedParty: InvolvedParty.optional(),
    form: z.enum(['oral', 'written']),
    status: z.enum(['given', 'withdrawn']),
    givenAt: IsoDateTime,
    givenRecordedBy: z.string(),
    withdrawnAt: IsoDateTime.optional(),
    withdrawnRecordedBy: z.string().optional(),
    withdrawalReason: z.string().optional(),
    ...Recorded,
    ...Audit,
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof Consent>;

// ---- contacts and interventions (kontakty, výkony) ----

export const TestKind = z.enum(['hiv', 'hcv', 'syphilis']);
/** What an information intervention was about (the console requires it; older records have none). */
export const InformationTopic = z.enum(informationTopics).meta({ id: 'InformationTopic' });
export type InformationTopic = z.infer<typeof InformationTopic>;
export const TestResult = z.enum(['negative', 'reactive', 'invalid']);
export const Intervention = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('needle-exchange'), given: Count, returned: Count }),
    z.strictObject({
      type: z.literal('material'),
      items: z
        .array(
          z.strictObject({
            item: z.enum([
              'swabs',
              'filters',
              'citric-acid',
              'water',
              'condoms',
              'foils',
              'gelatin-capsules',
              'other',
            ]),
            count: Count,
          }),
        )
        .min(1)
        .max(20),
    }),
    z.strictObject({ type: z.literal('test'), test: TestKind, result: TestResult.optional() }),
    z.strictObject({ type: z.literal('information'), topic: InformationTopic.optional() }),
    z.strictObject({ type: z.literal('counselling') }),
    z.strictObject({ type: z.literal('crisis-intervention') }),
    z.strictObject({ type: z.literal('home-visit') }),
    z.strictObject({ type: z.literal('phone-contact') }),
  ])
  .meta({ id: 'Intervention' });
export type Intervention = z.infer<typeof Intervention>;
export const InterventionType = z.enum([
  'needle-exchange',
  'material',
  'test',
  'information',
  'counselling',
  'crisis-intervention',
  'home-visit',
  'phone-contact',
]);

export const PlaceKind = z.enum(['centre', 'field', 'client-home', 'phone']);
export const Place = z
  .strictObject({
    kind: PlaceKind,
    fieldPlace: Name(120).optional().meta({ description: "For `field`: one of the service's field places" }),
  })
  .refine((p) => (p.kind === 'field') === (p.fieldPlace !== undefined), {
    message: M.fieldPlace,
    path: ['fieldPlace'],
  });

export const ContactKind = z.enum(['client', 'unnamed', 'close-person']).meta({
  description:
    'client; unnamed person (first contact in field work); close person (osoba blízká) in their own right',
});
export const CloseRelation = z.enum([
  'parent',
  'partner',
  'child',
  'sibling',
  'other-relative',
  'friend',
  'other',
]);

export const RecordContactBody = z
  .strictObject({
    serviceId: Ulid,
    kind: ContactKind,
    clientId: Ulid.optional(),
    closePersonRelation: CloseRelation.optional(),
    occurredAt: IsoDateTime,
    durationMinutes: Minutes,
    place: Place,
    interventions: z.array(Intervention).min(1).max(30),
    notes: Text(4000).optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.kind === 'client') !== (c.clientId !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['clientId'],
        message: M.contactClient,
      });
    if ((c.kind === 'close-person') !== (c.closePersonRelation !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['closePersonRelation'],
        message: M.closePersonRelation,
      });
  })
  .meta({ id: 'RecordContactBody' });
export const Contact = z
  .strictObject({
    id: Ulid,
    providerId: Ulid,
    serviceId: Ulid,
    kind: ContactKind,
    clientId: Ulid.optional(),
    closePersonRelation: CloseRelation.optional(),
    occurredAt: IsoDateTime,
    durationMinutes: Minutes,
    place: Place,
    interventions: z.array(Intervention),
    /** True when test results were removed because the caller may not see them. */
    testResultsHidden: z.boolean().optional(),
    notes: z.string().optional(),
    workerId: z.string(),
    counted: z
      .strictObject({ district: DistrictCode.optional(), ageBand: AgeBand.optional() })
      .optional()
      .meta({
        description:
          'The district and age band the contact counts in for statistics, as when it was recorded (a correction or void takes its counts back from there)',
      }),
    corrections: z
      .array(z.strictObject({ at: IsoDateTime, by: z.string(), reason: z.string() }))
      .optional()
      .meta({ description: 'Corrections made to the contact, oldest first, each with its reason' }),
    voided: z.strictObject({ at: IsoDateTime, by: z.string(), reason: z.string() }).optional().meta({
      description: 'Set when the contact was voided (zrušený záznam): it stays readable but counts nowhere',
    }),
    correctableUntil: IsoDateTime.optional().meta({
      description:
        'Until when the contact may still be corrected or voided (the correction window after its time); absent once voided',
    }),
    ...Recorded,
    ...Audit,
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof Contact>;
const ContactDays = {
  from: IsoDate.optional().meta({
    description: 'First day (Prague time) of contacts to include; with `to` alone, that one day',
  }),
  to: IsoDate.optional().meta({
    description: 'Last day (Prague time), inclusive; at most 31 days after `from`. Defaults to `from`',
  }),
  serviceId: Ulid.optional(),
};
export const ContactListQuery = z.strictObject({
  ...ContactDays,
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
export const ContactTallyQuery = z.strictObject(ContactDays);
export const ContactTally = z
  .strictObject({
    from: IsoDate,
    to: IsoDate,
    serviceId: Ulid.optional(),
    contacts: z.number().int().min(0).meta({ description: 'Contacts in the days, voided ones left out' }),
    needlesGiven: z.number().int().min(0),
    needlesReturned: z.number().int().min(0),
    tests: z.number().int().min(0).meta({ description: 'Test interventions (any kind)' }),
    interventions: z
      .record(InterventionType, z.number().int().min(0))
      .meta({ description: 'Interventions by type: each intervention of a contact counts once' }),
    voided: z.number().int().min(0).meta({ description: 'Voided contacts in the days (not counted above)' }),
  })
  .meta({ id: 'ContactTally' });
export type ContactTally = z.infer<typeof ContactTally>;
const Reason = Text(500).meta({ description: 'Why (kept with the contact and in the audit trail)' });
export const CorrectContactBody = z
  .strictObject({
    occurredAt: IsoDateTime.optional(),
    durationMinutes: Minutes.optional(),
    place: Place.optional(),
    interventions: z.array(Intervention).min(1).max(30).optional(),
    notes: Text(4000).optional(),
    reason: Reason,
  })
  .meta({ id: 'CorrectContactBody' });
export const VoidContactBody = z.strictObject({ reason: Reason }).meta({ id: 'VoidContactBody' });

// ---- needs assessment (mapování potřeb) ----

export const Priority = z.enum(['high', 'medium', 'low', 'none']);
export const AssessNeedsBody = z
  .strictObject({
    serviceId: Ulid,
    assessedAt: IsoDateTime,
    needs: z
      .array(
        z.strictObject({
          code: NeedCode,
          clientPriority: Priority.meta({ description: "The client's own priority" }),
          workerPriority: Priority.meta({ description: "The worker's professional view" }),
          clientWords: Text(1000).optional(),
        }),
      )
      .min(1)
      .max(40)
      .refine((n) => new Set(n.map((x) => x.code)).size === n.length, M.needOnce),
  })
  .meta({ id: 'AssessNeedsBody' });
export const FinalSay = z.enum(['client', 'worker']);
export const NeedsAssessment = z
  .strictObject({
    id: Ulid,
    clientId: Ulid,
    serviceId: Ulid,
    assessedAt: IsoDateTime,
    finalSay: FinalSay,
    courtOrdered: z.boolean(),
    needs: z.array(
      z.strictObject({
        code: z.string(),
        level: z.string(),
        domain: z.string(),
        clientPriority: Priority,
        workerPriority: Priority,
        finalPriority: Priority,
        clientWords: z.string().optional(),
      }),
    ),
    ...Recorded,
    ...Audit,
  })
  .meta({ id: 'NeedsAssessment' });
export type NeedsAssessment = z.infer<typeof NeedsAssessment>;

// ---- appointments and phone arrangements (domluva po telefonu) ----

export const PhoneArrangement = z
  .strictObject({
    place: Text(200),
    recognitionSigns: Text(300).meta({
      description: 'How the client will recognise the worker (poznávací znaky)',
    }),
    callbackNumber: Phone.optional(),
    request: z.enum(['needle-exchange', 'information', 'counselling', 'other']),
  })
  .meta({ id: 'PhoneArrangement' });
export const ScheduleAppointmentBody = z
  .strictObject({
    serviceId: Ulid,
    kind: z.enum(['consultation', 'phone-arrangement']),
    scheduledAt: IsoDateTime,
    durationMinutes: Minutes.default(60),
    place: Place,
    phoneArrangement: PhoneArrangement.optional(),
  })
  .refine((a) => (a.kind === 'phone-arrangement') === (a.phoneArrangement !== undefined), {
    message: M.phoneArrangement,
    path: ['phoneArrangement'],
  })
  .meta({ id: 'ScheduleAppointmentBody' });
export const Attendance = z.enum(['scheduled', 'attended', 'cancelled', 'no-show']);
export const RecordAttendanceBody = z
  .strictObject({
    attendance: Attendance.exclude(['scheduled']),
    arrivedAt: IsoDateTime.optional(),
    cancelledBy: z.enum(['client', 'service']).optional(),
  })
  .meta({ id: 'RecordAttendanceBody' });
/** The contact centre a missed arrangement proposes, as the intake read model of the directory
 * knows it: name, address and its opening hours on the day of the missed arrangement. */
export const ProposedCentre = z.strictObject({
  serviceId: Ulid,
  name: z.string(),
  address: z.string().optional(),
  day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  openingHours: z
    .array(z.strictObject({ opens: z.string(), closes: z.string() }))
    .meta({ description: 'Hours on that day, Europe/Prague wall clock; empty when closed that day' }),
});
export const NoShowProposal = z.strictObject({
  contactCentre: z.boolean().meta({ description: 'Refer the client to the contact centre' }),
  nextDayFrom: IsoDateTime.meta({
    description: 'Or arrange the exchange the next day (UTC instant; nextDay names it in Prague time)',
  }),
  /** The provider's contact centre, when it runs one the directory lists. */
  centre: ProposedCentre.optional(),
  nextDay: z
    .strictObject({
      date: IsoDate,
      time: z.string().meta({ description: 'HH:MM on the wall clock in Prague' }),
      timeZone: z.literal('Europe/Prague'),
      at: IsoDateTime.meta({ description: 'The same instant with the Prague offset' }),
    })
    .optional(),
});
/** A phone arrangement with an unnamed person: no client is registered (no invented birth year,
 * nothing in client statistics); it may point to the contact in which it was agreed. */
export const ArrangeWithUnnamedBody = z
  .strictObject({
    serviceId: Ulid,
    scheduledAt: IsoDateTime,
    durationMinutes: Minutes.default(30),
    place: Place,
    phoneArrangement: PhoneArrangement,
    contactId: Ulid.optional().meta({ description: 'The unnamed-person contact in which it was agreed' }),
  })
  .meta({ id: 'ArrangeWithUnnamedBody' });
export const Appointment = z
  .strictObject({
    id: Ulid,
    clientId: Ulid.optional().meta({ description: 'Absent for a phone arrangement with an unnamed person' }),
    contactId: Ulid.optional(),
    serviceId: Ulid,
    kind: z.enum(['consultation', 'phone-arrangement']),
    scheduledAt: IsoDateTime,
    durationMinutes: Minutes,
    place: Place,
    phoneArrangement: PhoneArrangement.optional(),
    attendance: Attendance,
    arrivedAt: IsoDateTime.optional(),
    cancelledBy: z.enum(['client', 'service']).optional(),
    /** For a missed phone arrangement: what the client is offered (document 003). */
    noShowProposal: NoShowProposal.optional(),
    workerId: z.string(),
    ...Recorded,
    ...Audit,
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;

/** Appointments across the provider's clients in a time window (a worker's day or week). */
const maxWindowMs = 31 * 24 * 3_600_000;
export const AppointmentListQuery = z
  .strictObject({
    from: IsoDateTime,
    to: IsoDateTime,
    workerId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: 'Only the appointments this worker booked' }),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(2048).optional(),
  })
  .refine(
    (q) => {
      const span = Date.parse(q.to) - Date.parse(q.from);
      return span > 0 && span <= maxWindowMs;
    },
    { message: M.appointmentWindow, path: ['to'] },
  )
  .meta({ id: 'AppointmentListQuery' });

// ---- home visits (návštěva v bytě) ----

export const HomeVisitChecklist = z
  .strictObject({
    everyonePresentInformed: z
      .boolean()
      .meta({ description: 'Everyone who will be in the flat knows about the visit' }),
    timeAndFormAgreed: z
      .boolean()
      .meta({ description: 'Time, address, who is present and how many workers come' }),
    prohibitedActivitiesAcknowledged: z.boolean().meta({
      description: 'No making or selling drugs, no children in unsuitable conditions, nothing reportable',
    }),
    expectationsClear: z.boolean(),
    workerWillIntroduce: z.boolean().meta({
      description: 'The worker introduces themselves to everyone present and will not lie or cover',
    }),
  })
  .meta({ id: 'HomeVisitChecklist' });
export type HomeVisitChecklist = z.infer<typeof HomeVisitChecklist>;
export const ScheduleHomeVisitBody = z
  .strictObject({
    serviceId: Ulid,
    scheduledAt: IsoDateTime,
    workerCount: z.number().int().min(1).max(4),
    checklist: HomeVisitChecklist,
    address: Text(300)
      .optional()
      .meta({ description: "Named clients only; defaults to the client's contact address" }),
  })
  .meta({ id: 'ScheduleHomeVisitBody' });
/** A visit that did not take place because the checklist was not met, kept in the client file. */
export const RefuseHomeVisitBody = z
  .strictObject({
    serviceId: Ulid,
    scheduledAt: IsoDateTime.meta({ description: 'When the visit was wanted' }),
    workerCount: z.number().int().min(1).max(4).default(1),
    checklist: HomeVisitChecklist,
    reason: Text(1000).meta({ description: "Why the visit is refused, in the worker's words" }),
  })
  .meta({ id: 'RefuseHomeVisitBody' });
export const HelpCalled = z
  .enum(['emergency-155', 'crisis-centre', 'other'])
  .meta({ description: 'Who was called: 155 (emergency medical service), a crisis centre, other' });
export const HomeVisitOutcome = z
  .enum(['completed', 'ended-early-safety', 'client-not-present'])
  .meta({ description: 'completed; ended early for safety; the client was not present' });
export const LeaveSafety = z
  .strictObject({
    acuteDanger: z.boolean().meta({ description: 'Someone in the flat is in acute danger' }),
    clientPsychotic: z.boolean(),
    clientSuicidal: z.boolean(),
    professionalHelpCalled: z.boolean(),
    helpCalledAt: IsoDateTime.optional().meta({ description: 'Lies within the visit' }),
    helpCalledWho: HelpCalled.optional(),
    helpCalledDetail: Text(200).optional().meta({ description: 'Whom exactly, e.g. for `other`' }),
  })
  .meta({ id: 'LeaveSafety' });
export type LeaveSafety = z.infer<typeof LeaveSafety>;
export const CloseHomeVisitBody = z
  .strictObject({
    endedAt: IsoDateTime,
    leaveSafety: LeaveSafety,
    outcome: HomeVisitOutcome.default('completed'),
    notes: Text(4000).optional(),
  })
  .meta({ id: 'CloseHomeVisitBody' });
export const HomeVisit = z
  .strictObject({
    id: Ulid,
    clientId: Ulid,
    serviceId: Ulid,
    scheduledAt: IsoDateTime,
    workerCount: z.number().int(),
    checklist: HomeVisitChecklist,
    status: z.enum(['scheduled', 'closed', 'refused']),
    address: z.string().optional(),
    refusalReason: z.string().optional(),
    outcome: HomeVisitOutcome.optional(),
    endedAt: IsoDateTime.optional(),
    leaveSafety: LeaveSafety.optional(),
    notes: z.string().optional(),
    ...Recorded,
    ...Audit,
  })
  .meta({ id: 'HomeVisit' });
export type HomeVisit = z.infer<typeof HomeVisit>;

// ---- questionnaires (in-come dotazník) — templates are not client data ----

const QuestionCode = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, M.questionCode);
const Option = z.strictObject({ code: QuestionCode, label: Text(200) });
const questionBase = { code: QuestionCode, label: Text(300), required: z.boolean().default(true) };
export const Question = z
  .discriminatedUnion('type', [
    z.strictObject({
      ...questionBase,
      type: z.literal('single-choice'),
      options: z.array(Option).min(2).max(50),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal('multi-choice'),
      options: z.array(Option).min(2).max(50),
      maxChoices: z.number().int().min(1).max(50).optional(),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal('number'),
      min: z.number().optional(),
      max: z.number().optional(),
      integer: z.boolean().default(true),
      unit: Text(40).optional(),
    }),
    z.strictObject({ ...questionBase, type: z.literal('duration') }),
    z.strictObject({
      ...questionBase,
      type: z.literal('text'),
      maxLength: z.number().int().min(1).max(4000).default(1000),
    }),
  ])
  .meta({ id: 'Question' });
export type Question = z.infer<typeof Question>;

export const TemplateFields = z
  .strictObject({
    name: Name(200),
    description: Text(1000).optional(),
    questions: z
      .array(Question)
      .min(1)
      .max(100)
      .refine((q) => new Set(q.map((x) => x.code)).size === q.length, M.questionCodesRepeat),
  })
  .meta({ id: 'TemplateFields' });
export const CreateTemplateBody = TemplateFields.extend({ serviceId: Ulid }).meta({
  id: 'CreateTemplateBody',
});
export const QuestionnaireTemplate = TemplateFields.extend({
  id: Ulid,
  providerId: Ulid,
  serviceId: Ulid,
  ...Audit,
}).meta({ id: 'QuestionnaireTemplate' });
export type QuestionnaireTemplate = z.infer<typeof QuestionnaireTemplate>;
export const TemplateListQuery = z.strictObject({
  serviceId: Ulid.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
export const TemplateVersionQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

export const DurationAnswer = z.strictObject({
  amount: z.number().int().min(0).max(1200),
  unit: z.enum(['days', 'weeks', 'months', 'years']),
});
export const Answer = z.union([
  // A text answer is free text: the same characters are refused as in any note.
  TextCharacters(4000),
  z.array(z.string().max(40)).max(50),
  z.number(),
  DurationAnswer,
]);
export type Answer = z.infer<typeof Answer>;
export const SubmitQuestionnaireBody = z
  .strictObject({
    templateId: Ulid,
    templateVersion: z.number().int().min(1),
    answeredAt: IsoDateTime,
    answers: z.record(QuestionCode, Answer),
  })
  .meta({ id: 'SubmitQuestionnaireBody' });
export const QuestionnaireResponse = z
  .strictObject({
    id: Ulid,
    clientId: Ulid,
    serviceId: Ulid,
    templateId: Ulid,
    templateVersion: z.number().int(),
    answeredAt: IsoDateTime,
    answers: z.record(z.string(), Answer),
    ...Recorded,
    ...Audit,
  })
  .meta({ id: 'QuestionnaireResponse' });
export type QuestionnaireResponse = z.infer<typeof QuestionnaireResponse>;

// ---- client file (spis), export, anonymisation ----

export const TimelineKind = z.enum([
  'registration',
  'consultation',
  'agreement',
  'questionnaire',
  'needs-assessment',
  'consent',
  'contact',
  'appointment',
  'home-visit',
]);
export const TimelineEntry = z
  .strictObject({
    kind: TimelineKind,
    id: Ulid,
    at: IsoDateTime,
    record: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TimelineEntry' });
export const ClientFile = z
  .strictObject({
    client: Client,
    keyWorkerId: z.string().optional(),
    activeAgreements: z.array(Agreement),
    items: z.array(TimelineEntry),
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'ClientFile' });
export const ClientExport = z
  .strictObject({
    exportedAt: IsoDateTime,
    client: Client,
    records: z.array(TimelineEntry),
    accessLog: z.array(
      z.strictObject({
        at: IsoDateTime,
        actor: z.string(),
        action: z.string(),
        recordType: z.string(),
        recordId: z.string(),
      }),
    ),
    /** Reads of this client's referral share packages by the receiving providers (from referrals). */
    packageReads: z
      .array(
        z.strictObject({
          at: IsoDateTime,
          referralId: z.string(),
          readerProviderId: z.string(),
          readerUserId: z.string(),
          sharedFields: z.array(z.string()),
        }),
      )
      .optional(),
  })
  .meta({ id: 'ClientExport' });
export const AnonymiseClientBody = z
  .strictObject({ reason: Text(300).optional() })
  .meta({ id: 'AnonymiseClientBody' });

// ---- the intake read model of the directory's services (not client data) ----

export const ServiceView = z.strictObject({
  id: Ulid,
  providerId: Ulid,
  type: ServiceType,
  targetGroups: z.array(TargetGroup),
  districts: z.array(z.string()),
  fieldPlaces: z.array(z.string()),
  /** Districts of the service's locations (first = the main one) and of its field places. */
  locationDistricts: z.array(z.string()).optional(),
  fieldPlaceDistricts: z.record(z.string(), z.string()).optional(),
  /** Name, address (first location) and weekly hours: what a missed arrangement proposes.
   * Absent in views kept before they were carried. */
  name: z.string().optional(),
  address: z.string().optional(),
  hours: z
    .array(
      z.strictObject({
        day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
        opens: z.string(),
        closes: z.string(),
      }),
    )
    .optional(),
  fieldPlaceDetails: z
    .record(
      z.string(),
      z.strictObject({ kind: z.string(), town: z.string().optional(), district: z.string().optional() }),
    )
    .optional(),
  anonymousMode: z.enum(['not-allowed', 'allowed', 'required']),
  /** The service's age limits and whether they are a condition (absent in views kept before the
   * directory's event carried them into intake: then no age warning is given). */
  ageMin: z.number().int().optional(),
  ageMax: z.number().int().optional(),
  ageLimitsStrict: z.boolean().optional(),
  active: z.boolean(),
  revision: z.number().int(),
});
export type ServiceView = z.infer<typeof ServiceView>;
