// Consent-scoped sharing. The share package keeps only the fields the client consented to share
// with the receiving provider (intake's ConsentGiven/ConsentWithdrawn, mirrored here), frozen at
// sending; the receiver may read it only while every consent it relied on still stands.
import type { ShareableFieldName, referrals } from './types';

export interface ConsentView {
  consentId: string;
  clientId: string;
  /** The provider whose client gave it (the sender). */
  providerId: string;
  purpose: string;
  recipientProviderId?: string;
  sharedFields: ShareableFieldName[];
  status: 'given' | 'withdrawn';
  at: string;
}

/** Standing referral consents of this client towards this recipient, and the fields they allow. */
export const consentsFor = (consents: readonly ConsentView[], clientId: string, recipient: string) => {
  const standing = consents.filter(
    (c) =>
      c.clientId === clientId &&
      c.status === 'given' &&
      c.purpose === 'referral-share' &&
      c.recipientProviderId === recipient,
  );
  const fields = [...new Set(standing.flatMap((c) => c.sharedFields))].sort() as ShareableFieldName[];
  return { consentIds: standing.map((c) => c.consentId), fields };
};

/** Access stands while every consent the package relied on is still given. */
export const accessStands = (consents: readonly ConsentView[], consentIds: readonly string[]) =>
  consentIds.length > 0 &&
  consentIds.every((id) => consents.some((c) => c.consentId === id && c.status === 'given'));

/** Keep only the consented fields of what the sender supplied. */
export const filterPackage = (
  data: referrals.ClientDataInput,
  fields: readonly ShareableFieldName[],
): referrals.ClientDataInput =>
  Object.fromEntries(
    Object.entries(data).filter(([k, v]) => v !== undefined && fields.includes(k as ShareableFieldName)),
  ) as referrals.ClientDataInput;

/** Out-of-order delivery: a withdrawal is final, so a late ConsentGiven never revives it. */
export const mergeConsent = (
  current: ConsentView | undefined,
  next: ConsentView,
): ConsentView | undefined => {
  if (!current) return next;
  if (current.status === 'withdrawn') return undefined;
  return next.status === 'withdrawn' ? next : undefined;
};
