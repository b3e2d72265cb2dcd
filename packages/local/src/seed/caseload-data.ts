// Demo caseload for every seeded service (../shared/seeds 000-004): who the clients are, what a
// contact with them looks like, which needs are mapped and which goals agreed, and where they are
// referred. The figures and texts are data (packages/local/data/caseload.json), validated here by
// the schema below when the module loads, so a typo in a need code or a target group stops
// `npm start` with the path of the bad entry instead of seeding nonsense. seed-caseload.ts turns
// this into months of work through the public API.
//
// FICTITIOUS DATA: every person is invented. Names are common Czech first names and surnames put
// together at random by a seeded generator; any match with a real person is chance. Client codes
// follow the services' own scheme (initials + year of birth + a letter, document 003).
import { NeedCode, TargetGroup } from '@spolu/contracts';
import * as z from 'zod';
import caseloadJson from '../../data/caseload.json' with { type: 'json' };

const Range = z.tuple([z.number().int().min(0), z.number().int().min(0)]).readonly();
const Share = z.number().min(0).max(1);
const Text = z.string().min(1).max(300);

/** What happens at one contact: the interventions and where. */
const ContactStyle = z.enum([
  'harm-reduction',
  'field',
  'counselling',
  'crisis',
  'workshop',
  'home-care',
  'family-home',
  'clinic',
  'residential',
]);

const ServiceProfile = z.strictObject({
  /** Clients registered directly (walk-ins); referred clients come on top. */
  clients: z.number().int().min(0),
  /** Share of clients with an anonymous client code (only where the service allows it). */
  anonymous: Share,
  ages: Range,
  female: Share,
  targetGroups: z.array(TargetGroup).readonly().optional(),
  /** A first consultation without a contract (000) before any agreement. */
  firstConsultation: Share,
  /** Share of clients who make an agreement; the rest stay applicants or anonymous contacts. */
  agreement: Share,
  agreementForm: z.enum(['oral', 'written', 'mixed']),
  courtOrdered: z.boolean().optional(),
  contacts: Range,
  /** Days between contacts. */
  every: Range,
  style: ContactStyle,
  /** Needs mapped (the service's own ones first). */
  needs: z.array(NeedCode).readonly(),
  /** Close persons (osoby blízké) served in their own right, over the whole period. */
  closePersons: z.number().int().min(0).optional(),
  /** Unnamed people met in field work (first contacts), over the whole period. */
  unnamed: z.number().int().min(0).optional(),
  homeVisits: z.number().int().min(0).optional(),
  phoneArrangements: z.number().int().min(0).optional(),
  recovery: z.boolean().optional(),
  questionnaire: z.boolean().optional(),
  /** Involve a close person (consent, then the plan's support network). */
  involveClosePerson: Share.optional(),
});
export type ServiceProfile = z.infer<typeof ServiceProfile>;

const Response = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('accept'),
    after: Range,
    receive: z.boolean().optional(),
    start: Range.optional(),
    complete: z.enum(['successful', 'not-successful']).optional(),
  }),
  z.strictObject({
    kind: z.literal('waitlist'),
    after: Range,
    wait: Range,
    thenAccept: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal('decline'),
    after: Range,
    reason: z.enum([
      'no-capacity',
      'not-eligible',
      'client-refused',
      'client-unreachable',
      'referred-elsewhere',
      'other',
    ]),
    note: Text.optional(),
  }),
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('cancel'), after: Range }),
]);
export type Response = z.infer<typeof Response>;

const ReferralRoute = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  targetGroup: TargetGroup,
  needs: z.array(NeedCode).readonly(),
  /** One referral per response, from the sender's clients in turn. */
  responses: z.array(Response).readonly(),
  /** Fields the client agrees to share. */
  share: z.array(z.enum(['name', 'birthDate', 'contact', 'needs', 'goal', 'agreement'])).readonly(),
});
export type ReferralRoute = z.infer<typeof ReferralRoute>;

const Caseload = z.strictObject({
  firstNames: z.strictObject({ male: z.array(Text).min(1), female: z.array(Text).min(1) }),
  /** [male, female]; none of them is a seeded worker's surname. */
  surnames: z.array(z.tuple([Text, Text]).readonly()).min(1),
  goalTexts: z.partialRecord(NeedCode, z.array(Text).min(1)),
  stepTexts: z.partialRecord(NeedCode, Text),
  /** By `provider-slug/service-slug` of the seeded directory. */
  profiles: z.record(z.string(), ServiceProfile),
  /** Referrals between the seeded services (001: detox, psychiatry, therapeutic communities,
   * probation, legal advice; 004: the Otrokovice network's follow-up services). */
  routes: z.array(ReferralRoute),
});

export const { firstNames, surnames, goalTexts, stepTexts, profiles, routes } = Caseload.parse(caseloadJson);
