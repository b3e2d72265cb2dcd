// Accepting an internal referral may hand the key work over (000: the key worker follows the
// client): the receiving colleague becomes the key worker of the client's plan. Referrals only
// announces it on ReferralAccepted; plans, which owns the key worker, applies it.
import type { referrals } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';

/** What ReferralAccepted tells plans, or nothing when the acceptance hands no key work over. */
export const keyWorkerHandover = (
  referral: Pick<referrals.Referral, 'internal' | 'toWorkerId' | 'clientId'>,
  body: referrals.TransitionBody,
  acceptedBy: string,
): { clientId: string; keyWorkerId: string } | undefined => {
  if (body.action !== 'accept' || !body.makeKeyWorker) return undefined;
  if (!referral.internal || !referral.clientId)
    throw new DomainRuleViolation(
      'key-worker-internal-only',
      'only an internal referral makes its receiver the key worker; another provider names its own',
      'body.makeKeyWorker',
    );
  return { clientId: referral.clientId, keyWorkerId: referral.toWorkerId ?? acceptedBy };
};
