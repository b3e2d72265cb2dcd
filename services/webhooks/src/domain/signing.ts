// Secrets and signatures per Standard Webhooks, through the `standardwebhooks` library.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new `whsec_` secret: 32 random bytes, base64 (the library's convention). */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export interface StoredSecret {
  secret: string;
  /** Set on the old secret during a rotation overlap; absent on the current one. */
  validUntil?: string;
}

export const activeSecrets = (secrets: readonly StoredSecret[], now: Date) =>
  secrets.filter((s) => !s.validUntil || Date.parse(s.validUntil) > now.getTime());

/** The webhook-signature header: one `v1,<sig>` per active secret, space separated. */
export const signatureHeader = (
  secrets: readonly StoredSecret[],
  msgId: string,
  at: Date,
  payload: string,
): string => secrets.map((s) => new Webhook(s.secret).sign(msgId, at, payload)).join(' ');

export const webhookHeaders = (msgId: string, at: Date, signature: string) => ({
  'webhook-id': msgId,
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': signature,
});
