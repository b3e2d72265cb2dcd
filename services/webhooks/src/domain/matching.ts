// Which subscriptions get an event. A partner only ever receives events of its own provider,
// plus events another provider addressed to it (a referral sent to it); nothing else.
import type { AnyEnvelope, webhooks } from '@spolu/contracts';
import { fhirTaskOfEvent } from './fhir-payload';

/** Data fields through which an event names the provider(s) it is addressed to: a referral's
 * receiver, a handover's target, the members of a shared-care agreement. */
export const addressedProviderFields = ['receiverProviderId', 'toProviderId', 'targetProviderId'] as const;
export const addressedProviderListFields = ['providerIds'] as const;

export const addressedProviders = (event: AnyEnvelope): string[] => {
  const single = addressedProviderFields.map((f) => event.data[f]);
  const lists = addressedProviderListFields.flatMap((f) => {
    const v = event.data[f];
    return Array.isArray(v) ? (v as unknown[]) : [];
  });
  return [...single, ...lists].filter((v): v is string => typeof v === 'string' && v !== event.tenantId);
};

/** Providers whose subscriptions may receive the event. */
export const recipientProviders = (event: AnyEnvelope): string[] => [
  ...new Set([event.tenantId, ...addressedProviders(event)]),
];

export const matches = (sub: webhooks.Subscription, event: AnyEnvelope): boolean => {
  if (!sub.enabled) return false;
  if (!sub.eventTypes.includes(event.type)) return false;
  const own = event.tenantId === sub.providerId;
  const addressed = addressedProviders(event).includes(sub.providerId);
  if (!own && !addressed) return false;
  if (sub.filter?.addressedToProvider) return addressed;
  return true;
};

/** The Standard Webhooks payload: `{ type, timestamp, data }`. Events carry no personal data by
 * contract (strict schemas); the envelope's ids are added so receivers can dedupe and order. A
 * subscription that asks for FHIR gets a referral event's referral as a FHIR Task in `data`. */
export const payloadOf = (event: AnyEnvelope, format: webhooks.Subscription['payload'] = 'spolu') => {
  const task = format === 'fhir' ? fhirTaskOfEvent(event) : undefined;
  return task ? { type: event.type, timestamp: event.occurredAt, data: task } : spoluPayloadOf(event);
};

const spoluPayloadOf = (event: AnyEnvelope) => ({
  type: event.type,
  timestamp: event.occurredAt,
  data: {
    eventId: event.id,
    version: event.version,
    occurredAt: event.occurredAt,
    providerId: event.tenantId,
    region: event.region,
    subject: event.subject,
    ...event.data,
  },
});
