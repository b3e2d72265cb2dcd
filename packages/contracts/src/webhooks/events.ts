// Events of the webhooks service. The service never delivers its own events to partners: they
// tell the provider's admin (and the console) what happened to its endpoints.
import { defineEvent } from '../events/envelope';
import { Ulid } from '../ids';
import { IsoDateTime } from '../values';
import * as z from 'zod';
import { InboundStatus, InboundSubjectType } from './schemas';

export const WebhookEndpointDisabled = defineEvent({
  type: 'WebhookEndpointDisabled',
  version: 1,
  source: 'webhooks',
  description: 'Delivery to a subscription stopped: the receiver answered 410 or kept failing.',
  data: z.strictObject({ subscriptionId: Ulid, reason: z.enum(['gone', 'failing']), deliveryId: Ulid }),
});

export const WebhookMessageDeadLettered = defineEvent({
  type: 'WebhookMessageDeadLettered',
  version: 1,
  source: 'webhooks',
  description: 'A message failed its last attempt and went to the dead-letter record.',
  data: z.strictObject({
    subscriptionId: Ulid,
    deliveryId: Ulid,
    eventType: z.string().max(64),
    attempts: z.number().int().min(1),
  }),
});

export const PartnerStatusReported = defineEvent({
  type: 'PartnerStatusReported',
  version: 1,
  source: 'webhooks',
  description:
    'A partner system reported a status (e.g. an appointment attended) through a signed inbound webhook.',
  data: z.strictObject({
    partnerClientId: Ulid,
    status: InboundStatus,
    subjectType: InboundSubjectType,
    subjectId: Ulid,
    occurredAt: IsoDateTime,
  }),
});

export const webhooksEvents = [WebhookEndpointDisabled, WebhookMessageDeadLettered, PartnerStatusReported];
