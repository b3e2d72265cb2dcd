// HL7 FHIR R4 for health partners (hospitals): a referral is a ServiceRequest (what is asked)
// with a Task (its fulfilment and status), the closed-loop pattern of the HL7 SDOH Clinical Care
// guide. Spolu's own codes travel in Spolu code systems and extensions (FhirSystems). A resource
// Spolu accepts must be valid FHIR R4 as a whole (the HL7 JSON schema, validate.ts) besides having
// the elements Spolu maps; elements Spolu does not map are accepted and not stored
// (docs/REFERRALS.md, "FHIR").
import * as z from 'zod';
import { ContractMessages as M } from '../messages';
import { AgeBand, DistrictCode, Email, IsoDate, Name, NeedCode, Phone, TargetGroup, Text } from '../values';
import { ReasonCode } from '../referrals/schemas';
import type { FhirResourceType } from './validate';
import { FhirSystems } from './systems';
import { fhirSchemaIssues } from './validate';

export { FhirSystems, fhirMediaType } from './systems';

const ulidPattern = '[0-9A-HJKMNP-TV-Z]{26}';
const idOf = (reference: string) => reference.slice(reference.indexOf('/') + 1);

/** A reference to a Spolu record, `Type/<ULID>`. */
const SpoluReference = (type: string) =>
  z.looseObject({
    reference: z
      .string()
      .max(64)
      .regex(new RegExp(`^${type}/${ulidPattern}$`), M.fhirReference),
    display: z.string().max(200).optional(),
  });
const AnyReference = z.looseObject({
  reference: z.string().max(200).optional(),
  display: z.string().max(200).optional(),
});
const Coding = z.looseObject({
  system: z.string().max(200).optional(),
  code: z.string().max(64).optional(),
  display: z.string().max(200).optional(),
});
const CodeableConcept = z.looseObject({
  coding: z.array(Coding).max(10).optional(),
  text: z.string().max(500).optional(),
});
const Extension = z.looseObject({ url: z.string().max(200), valueCode: z.string().max(64).optional() });
const Annotation = z.looseObject({ text: z.string().max(500) });
const Meta = z.looseObject({
  versionId: z.string().max(20).optional(),
  lastUpdated: z.string().max(40).optional(),
});

/** The resource as a whole is valid FHIR R4 (the HL7 JSON schema), wherever Spolu does not look. */
const validFhir = (type: FhirResourceType) => (value: unknown, ctx: z.RefinementCtx) => {
  for (const issue of fhirSchemaIssues(type, value))
    ctx.addIssue({ code: 'custom', message: M.fhirSchema, path: issue.path, input: value });
};

const codesIn = (concepts: readonly z.infer<typeof CodeableConcept>[] | undefined, system: string) =>
  (concepts ?? []).flatMap((c) =>
    (c.coding ?? []).filter((x) => x.system === system && x.code).map((x) => x.code ?? ''),
  );
const extensionCode = (extensions: readonly z.infer<typeof Extension>[] | undefined, url: string) =>
  extensions?.find((e) => e.url === url)?.valueCode;

// ---- inbound: ServiceRequest (create a referral draft) ----

const serviceRequestShape = z.looseObject({
  resourceType: z.literal('ServiceRequest'),
  id: z.string().max(64).optional(),
  meta: Meta.optional(),
  status: z
    .enum(['draft', 'active'])
    .meta({ description: 'draft (Spolu keeps it as a draft until a Task asks for it)' }),
  intent: z.literal('order'),
  subject: SpoluReference('Patient').meta({
    description: "Patient/<the client's id in the sender's intake>",
  }),
  performer: z
    .array(SpoluReference('HealthcareService'))
    .min(1)
    .max(1)
    .meta({ description: 'HealthcareService/<the receiving Spolu service id> (GET /referral-matches)' }),
  requester: AnyReference.optional(),
  reasonCode: z
    .array(CodeableConcept)
    .min(1)
    .max(20)
    .meta({ description: `The needs: codings with system ${FhirSystems.need} (GET /needs)` }),
  extension: z
    .array(Extension)
    .min(3)
    .max(10)
    .meta({
      description: `Spolu's matching facts: valueCode extensions ${FhirSystems.ageBand}, ${FhirSystems.district}, ${FhirSystems.targetGroup}`,
    }),
  note: z.array(Annotation).max(5).optional(),
});

/** The referral draft a ServiceRequest asks for (the fields of POST /referrals). */
const referralDraftOf = (sr: z.infer<typeof serviceRequestShape>) => ({
  clientId: idOf(sr.subject.reference),
  toServiceId: idOf(sr.performer[0]?.reference ?? ''),
  needCodes: codesIn(sr.reasonCode, FhirSystems.need),
  ageBand: extensionCode(sr.extension, FhirSystems.ageBand),
  district: extensionCode(sr.extension, FhirSystems.district),
  targetGroup: extensionCode(sr.extension, FhirSystems.targetGroup),
});

const draftFields = z.object({
  needCodes: z.array(NeedCode).min(1).max(20),
  ageBand: AgeBand,
  district: DistrictCode,
  targetGroup: TargetGroup,
});
const draftFieldPaths: Record<keyof z.infer<typeof draftFields>, (string | number)[]> = {
  needCodes: ['reasonCode'],
  ageBand: ['extension'],
  district: ['extension'],
  targetGroup: ['extension'],
};

export const FhirServiceRequestInput = serviceRequestShape
  .superRefine(validFhir('ServiceRequest'))
  .superRefine((sr, ctx) => {
    const checked = draftFields.safeParse(referralDraftOf(sr));
    for (const issue of checked.error?.issues ?? []) {
      const field = issue.path[0] as keyof typeof draftFieldPaths;
      ctx.addIssue({ code: 'custom', message: M.fhirCoding, path: draftFieldPaths[field] ?? [], input: sr });
    }
  })
  .transform((sr) => {
    const draft = referralDraftOf(sr);
    return { resource: sr, referral: { ...draft, ...draftFields.parse(draft) } };
  })
  .meta({
    id: 'FhirServiceRequestInput',
    description: 'An HL7 FHIR R4 ServiceRequest asking for a referral',
  });

// ---- inbound: Task (send, then follow and answer) ----

/** The client as the sender shares it: a Patient contained in the Task (`Task.for = #id`). */
const ContainedPatient = z.looseObject({
  resourceType: z.literal('Patient'),
  id: z.string().max(64),
  name: z
    .array(
      z.looseObject({
        text: Name(160).optional(),
        family: Name(80).optional(),
        given: z.array(Name(80)).max(3).optional(),
      }),
    )
    .max(3)
    .optional(),
  birthDate: IsoDate.optional(),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  telecom: z
    .array(z.looseObject({ system: z.string().max(20).optional(), value: z.string().max(254).optional() }))
    .max(5)
    .optional(),
  address: z
    .array(z.looseObject({ text: Text(300).optional() }))
    .max(3)
    .optional(),
});

const taskShape = z.looseObject({
  resourceType: z.literal('Task'),
  id: z.string().max(64).optional(),
  meta: Meta.optional(),
  status: z.enum([
    'draft',
    'requested',
    'received',
    'accepted',
    'rejected',
    'ready',
    'cancelled',
    'in-progress',
    'on-hold',
    'failed',
    'completed',
    'entered-in-error',
  ]),
  intent: z.literal('order'),
  focus: SpoluReference('ServiceRequest').meta({ description: 'ServiceRequest/<referral id>' }),
  for: AnyReference.optional().meta({
    description: '#<id of the contained Patient> when the Task shares client data',
  }),
  contained: z.array(ContainedPatient).max(1).optional(),
  description: Text(2000).optional().meta({ description: "The client's goal (shared when consented)" }),
  statusReason: CodeableConcept.optional().meta({
    description: `Why (decline, cancel, failed): system ${FhirSystems.reason}`,
  }),
  restriction: z
    .looseObject({ period: z.looseObject({ start: z.string().max(40).optional() }).optional() })
    .optional(),
  note: z.array(Annotation).max(5).optional(),
});
export type FhirTaskShape = z.infer<typeof taskShape>;

export const FhirTaskInput = taskShape
  .superRefine(validFhir('Task'))
  .superRefine((task, ctx) => {
    const reasons = codesIn(task.statusReason ? [task.statusReason] : [], FhirSystems.reason);
    if (task.statusReason && !reasons.every((code) => ReasonCode.safeParse(code).success))
      ctx.addIssue({ code: 'custom', message: M.fhirCoding, path: ['statusReason'], input: task });
  })
  .meta({
    id: 'FhirTaskInput',
    description: 'An HL7 FHIR R4 Task: its status moves the referral (docs/REFERRALS.md)',
  });
export type FhirTaskInput = z.infer<typeof FhirTaskInput>;

export const fhirReasonOf = (task: FhirTaskShape) =>
  ReasonCode.safeParse(codesIn(task.statusReason ? [task.statusReason] : [], FhirSystems.reason)[0]).data;

/** The client's data the Task shares (the contained Patient it points at), as the send action takes it. */
export const fhirClientDataOf = (task: FhirTaskShape) => {
  const patient = task.contained?.find((p) => task.for?.reference === `#${p.id}`);
  const name = patient?.name?.[0];
  const phone = patient?.telecom?.find((t) => t.system === 'phone')?.value;
  const email = patient?.telecom?.find((t) => t.system === 'email')?.value;
  const address = patient?.address?.[0]?.text;
  const fullName = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  return {
    ...(fullName ? { name: fullName } : {}),
    ...(patient?.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(patient?.gender ? { sex: patient.gender } : {}),
    ...(phone || email || address
      ? {
          contact: {
            ...(phone && Phone.safeParse(phone).success ? { phone } : {}),
            ...(email && Email.safeParse(email).success ? { email } : {}),
            ...(address ? { address } : {}),
          },
        }
      : {}),
    ...(task.description ? { goal: task.description } : {}),
  };
};

// ---- outbound ----

const resource = (type: string) =>
  z.looseObject({ resourceType: z.literal(type), id: z.string(), meta: Meta.optional() });
export const FhirTask = resource('Task').meta({ id: 'FhirTask', description: 'An HL7 FHIR R4 Task' });
export const FhirServiceRequest = resource('ServiceRequest').meta({
  id: 'FhirServiceRequest',
  description: 'An HL7 FHIR R4 ServiceRequest',
});
export const FhirTaskBundle = z
  .looseObject({
    resourceType: z.literal('Bundle'),
    type: z.literal('searchset'),
    total: z.number().int().optional(),
    link: z.array(z.looseObject({ relation: z.string(), url: z.string() })),
    entry: z.array(
      z.looseObject({ resource: FhirTask, search: z.looseObject({ mode: z.literal('match') }) }),
    ),
  })
  .meta({ id: 'FhirTaskBundle', description: 'A FHIR searchset Bundle of Tasks, one page (link next)' });
export const FhirCapabilityStatement = z
  .looseObject({ resourceType: z.literal('CapabilityStatement'), fhirVersion: z.literal('4.0.1') })
  .meta({ id: 'FhirCapabilityStatement', description: 'What this FHIR endpoint does (HL7 FHIR R4)' });

export const FhirTaskSearch = z.strictObject({
  status: z
    .string()
    .max(200)
    .regex(/^[a-z-]+(,[a-z-]+)*$/)
    .optional()
    .meta({ description: 'Task.status codes, comma-separated (any of)' }),
  owner: z
    .string()
    .max(64)
    .regex(new RegExp(`^(Organization/)?${ulidPattern}$`), M.fhirReference)
    .optional()
    .meta({ description: 'Organization/<receiving provider id>' }),
  requester: z
    .string()
    .max(64)
    .regex(new RegExp(`^(Organization/)?${ulidPattern}$`), M.fhirReference)
    .optional()
    .meta({ description: 'Organization/<sending provider id>' }),
  _count: z.coerce.number().int().min(1).max(100).default(25),
  _cursor: z.string().max(2048).optional(),
});
export type FhirTaskSearch = z.infer<typeof FhirTaskSearch>;
