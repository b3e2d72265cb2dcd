// Partner webhooks: subscriptions, delivered messages with their attempt log, and signed inbound
// status updates from partner systems. Secrets are shown once (on create and rotation) and never
// again; the subscription record itself carries no secret.
import { Ulid } from '../ids';
import { PageQuery } from '../pagination';
import { IsoDateTime, Text } from '../values';
import * as z from 'zod';
import { ContractMessages as M } from '../messages';

/** An event type name from the catalogue (`allEvents`); the service refuses unknown names. */
export const EventTypeName = z
  .string()
  .regex(/^[A-Z][A-Za-z0-9]{1,63}$/)
  .meta({ example: 'ContactRecorded' });

export const SubscriptionFilter = z
  .strictObject({
    /** Only events addressed to this provider (e.g. referrals sent to it), none of its own. */
    addressedToProvider: z.boolean().optional(),
  })
  .meta({ id: 'WebhookSubscriptionFilter' });

/** What a delivery's `data` is: Spolu's own event data, or for referral events an HL7 FHIR R4
 * Task (health partners; other events keep Spolu's form). */
export const PayloadFormat = z.enum(['spolu', 'fhir']).meta({
  description:
    "spolu: the event's own data (default). fhir: referral events carry the referral as an HL7 FHIR R4 Task (docs/WEBHOOKS.md); other events stay in Spolu's form",
});

export const CreateSubscriptionBody = z
  .strictObject({
    url: z.url().max(2048).meta({ example: 'https://partner.example/spolu/webhooks' }),
    eventTypes: z.array(EventTypeName).min(1).max(100),
    description: Text(500).optional(),
    filter: SubscriptionFilter.optional(),
    payload: PayloadFormat.optional(),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'CreateWebhookSubscriptionBody' });
export type CreateSubscriptionBody = z.infer<typeof CreateSubscriptionBody>;

export const UpdateSubscriptionBody = z
  .strictObject({
    url: z.url().max(2048),
    eventTypes: z.array(EventTypeName).min(1).max(100),
    description: Text(500),
    filter: SubscriptionFilter,
    payload: PayloadFormat,
    enabled: z.boolean(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, M.nothingToChange)
  .meta({ id: 'UpdateWebhookSubscriptionBody' });
export type UpdateSubscriptionBody = z.infer<typeof UpdateSubscriptionBody>;

export const DisabledReason = z.enum(['manual', 'gone', 'failing']);

export const Subscription = z
  .strictObject({
    id: Ulid,
    providerId: Ulid,
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string().optional(),
    filter: SubscriptionFilter.optional(),
    payload: PayloadFormat.optional(),
    enabled: z.boolean(),
    /** Why delivery stopped: the admin switched it off, the receiver answered 410, or it kept failing. */
    disabledReason: DisabledReason.optional(),
    disabledAt: IsoDateTime.optional(),
    /** While set, messages carry the old and the new secret's signatures. */
    previousSecretValidUntil: IsoDateTime.optional(),
    secretRotatedAt: IsoDateTime.optional(),
    version: z.number().int(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'WebhookSubscription' });
export type Subscription = z.infer<typeof Subscription>;

export const WebhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/=]{32,}$/)
  .meta({ description: 'Standard Webhooks secret (`whsec_` + base64); shown only once' });

export const SubscriptionWithSecret = Subscription.extend({ secret: WebhookSecret }).meta({
  id: 'WebhookSubscriptionWithSecret',
});

export const RotateSecretBody = z
  .strictObject({
    /** How long the old secret keeps signing too (0 ends it at once). */
    overlapHours: z.number().int().min(0).max(168).default(24),
  })
  .meta({ id: 'RotateWebhookSecretBody' });

export const DeliveryStatus = z.enum(['pending', 'delivered', 'dead-lettered']);

export const Delivery = z
  .strictObject({
    /** The `webhook-id` header: the same on every attempt and replay of this message. */
    id: Ulid,
    providerId: Ulid,
    subscriptionId: Ulid,
    eventId: Ulid.optional(),
    eventType: z.string(),
    status: DeliveryStatus,
    attempts: z.number().int().min(0),
    nextAttemptAt: IsoDateTime.optional(),
    lastStatusCode: z.number().int().optional(),
    lastError: z.string().optional(),
    deliveredAt: IsoDateTime.optional(),
    deadLetteredAt: IsoDateTime.optional(),
    replays: z.number().int().min(0),
    version: z.number().int(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'WebhookDelivery' });
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryListQuery = PageQuery.extend({ status: DeliveryStatus.optional() });

export const AttemptOutcome = z.enum(['succeeded', 'failed', 'gone', 'refused']);

export const DeliveryAttempt = z
  .strictObject({
    deliveryId: Ulid,
    attempt: z.number().int().min(1),
    at: IsoDateTime,
    outcome: AttemptOutcome,
    statusCode: z.number().int().optional(),
    latencyMs: z.number().int().min(0),
    error: z.string().optional(),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const ReplaySinceBody = z.strictObject({ since: IsoDateTime }).meta({ id: 'WebhookReplayBody' });
export const ReplayResult = z
  .strictObject({ replayed: z.number().int().min(0) })
  .meta({ id: 'WebhookReplayResult' });

export const InboundSecret = z
  .strictObject({ partnerClientId: Ulid, secret: WebhookSecret, createdAt: IsoDateTime })
  .meta({ id: 'PartnerInboundSecret' });

// ---- inbound status updates (signed by the partner with its inbound secret) ----

export const InboundStatus = z.enum([
  'appointment.attended',
  'appointment.missed',
  'referral.accepted',
  'referral.declined',
  'client.contacted',
]);
export const InboundSubjectType = z.enum(['appointment', 'referral', 'client']);

export const InboundStatusUpdate = z
  .strictObject({
    type: InboundStatus,
    timestamp: IsoDateTime,
    data: z.strictObject({
      subjectType: InboundSubjectType,
      subjectId: Ulid,
      occurredAt: IsoDateTime,
    }),
  })
  .meta({ id: 'PartnerStatusUpdate', description: 'Standard Webhooks payload; only ids, codes and times' });
export type InboundStatusUpdate = z.infer<typeof InboundStatusUpdate>;

export const InboundReceipt = z
  .strictObject({ id: z.string(), partnerClientId: Ulid, type: InboundStatus, receivedAt: IsoDateTime })
  .meta({ id: 'PartnerStatusReceipt' });
