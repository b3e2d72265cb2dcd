// Purpose-specific consents. A withdrawal is final and takes effect at once.
import type { intake } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';
import type { Stamp } from './clients';
import { bumped, created } from './clients';

type Consent = intake.Consent;

export const newConsent = (
  body: z.output<typeof intake.GiveConsentBody>,
  clientId: string,
  stamp: Stamp,
): Consent => {
  if (new Date(body.givenAt) > stamp.now)
    throw new DomainRuleViolation(
      'consent-in-future',
      'a consent cannot be given in the future',
      'body.givenAt',
    );
  return { ...body, id: stamp.id, clientId, status: 'given', givenRecordedBy: stamp.by, ...created(stamp) };
};

export const withdrawConsent = (
  consent: Consent,
  body: z.output<typeof intake.WithdrawConsentBody>,
  by: string,
  now: Date,
): Consent => {
  if (consent.status === 'withdrawn')
    throw new DomainRuleViolation(
      'consent-withdrawn',
      'the consent was already withdrawn',
      'params.consentId',
    );
  const at = body.withdrawnAt ? new Date(body.withdrawnAt) : now;
  if (at > now || at < new Date(consent.givenAt))
    throw new DomainRuleViolation(
      'withdrawal-time',
      'a withdrawal lies between the consent and now',
      'body.withdrawnAt',
    );
  return {
    ...consent,
    status: 'withdrawn',
    withdrawnAt: at.toISOString(),
    withdrawnRecordedBy: by,
    ...(body.reason ? { withdrawalReason: body.reason } : {}),
    ...bumped(consent, now),
  };
};

/** What the consent events (given, withdrawn) say of a consent: ids, purpose and scope only. */
export const consentFacts = (c: Consent, subjectKey: string) => ({
  consentId: c.id,
  clientId: c.clientId,
  subjectKey,
  serviceId: c.serviceId,
  purpose: c.purpose,
  recipientProviderId: c.recipientProviderId,
  sharedFields: c.sharedFields,
});
