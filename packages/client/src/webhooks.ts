// Spolu signs each webhook delivery the Standard Webhooks way (webhook-id, webhook-timestamp,
// webhook-signature over `id.timestamp.body` with the subscription's `whsec_...` secret). Verify
// the raw body before parsing it: a re-serialised JSON would not match the signature.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export { WebhookVerificationError };

export type WebhookHeaders = Record<string, string | string[] | undefined> | Headers;

const plainHeaders = (headers: WebhookHeaders): Record<string, string> => {
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) plain[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  return plain;
};

/** The delivery's payload when the signature and timestamp hold; throws WebhookVerificationError otherwise. */
export const verifyWebhook = <Payload = unknown>(
  secret: string,
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
): Payload => {
  const body = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  return new Webhook(secret).verify(body, plainHeaders(headers)) as Payload;
};
