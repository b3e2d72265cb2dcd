// What each side of a referral sees of it. The sender sees its own record (with its client's id).
// The receiver never sees the client's id; once the client withdraws a consent the referral was
// sent under, the receiver keeps a line in its list saying so — the service, the dates and the
// statuses, but no needs and no notes — instead of the referral silently vanishing. A referral the
// sender cancelled after sending tells the receiver the place it held is free.
import type { referrals } from './types';

type Referral = referrals.Referral;

/** The consent withdrawal as one entry of the referral's history (the status does not change). */
export const withdrawalNoted = <R extends Referral>(r: R, senderProviderId: string, at: string): R => ({
  ...r,
  consentWithdrawnAt: at,
  history: [
    ...r.history,
    // The client withdrew (a worker recorded it in intake); the entry names the client, not a worker.
    {
      status: r.status,
      at,
      by: { providerId: senderProviderId, userId: 'client' },
      event: 'consent-withdrawn',
    },
  ],
  version: r.version + 1,
  updatedAt: at,
});

/** The referral as provider `t` sees it; `shareStands`: the consents behind the package still hold. */
export const referralAsSeenBy = (r: Referral, t: string, shareStands: boolean): Referral => {
  if (r.senderProviderId === t) return r;
  const receiverCopy: Referral = { ...r, clientId: undefined };
  if (!shareStands)
    return {
      ...receiverCopy,
      needCodes: [],
      sharedFields: [],
      history: r.history.map(({ note: _note, ...entry }) => entry),
      receiverNotice: 'consent-withdrawn',
    };
  if (r.status === 'cancelled' && r.sentAt) return { ...receiverCopy, receiverNotice: 'place-free' };
  return receiverCopy;
};
