// Every referral status change is an event (the stats and webhooks services listen). Each status
// emits its own contract with that contract's data type, so a field an event needs cannot be left
// out (or a stray one slipped in) without the compiler saying so.
import type { DataOf, referrals } from '@spolu/contracts';
import { referralsEvents as ev } from '@spolu/contracts';
import type { UnitOfWork } from '@spolu/platform';
import { subjectOf } from '@spolu/platform';

type Referral = referrals.Referral;

/** The facts every referral event carries (helpers.facts builds them from the referral). */
export type ReferralFacts = DataOf<typeof ev.ReferralReceived>;

/** What one status change adds to the facts, where the event has more to say. */
export interface StatusExtras {
  /** An internal referral accepted with makeKeyWorker: plans makes the colleague the key worker. */
  keyWorkerHandover?: DataOf<typeof ev.ReferralAccepted>['keyWorkerHandover'];
}

/** A field the lifecycle always sets for this status; missing means a bug, not bad input. */
const present = <V>(value: V | undefined, field: string, status: string): V => {
  if (value === undefined) throw new Error(`a ${status} referral has no ${field}`);
  return value;
};

/** The event of one status change; the envelope's tenant is the sender (the referral's owner). */
export const emitStatus = (
  tx: UnitOfWork,
  next: Referral,
  facts: ReferralFacts,
  extras: StatusExtras = {},
) => {
  const envelope = { tenantId: next.senderProviderId, subject: subjectOf('referral', next) };
  const status = next.status;
  switch (status) {
    case 'draft':
      return;
    case 'sent':
      tx.emit(ev.ReferralSent, {
        ...envelope,
        data: {
          ...facts,
          respondBy: present(next.respondBy, 'respondBy', status),
          sharedFieldCount: next.sharedFields.length,
        },
      });
      return;
    case 'received':
      tx.emit(ev.ReferralReceived, { ...envelope, data: facts });
      return;
    case 'accepted':
      tx.emit(ev.ReferralAccepted, {
        ...envelope,
        data: {
          ...facts,
          ...(extras.keyWorkerHandover ? { keyWorkerHandover: extras.keyWorkerHandover } : {}),
        },
      });
      return;
    case 'declined':
      tx.emit(ev.ReferralDeclined, {
        ...envelope,
        data: { ...facts, reason: present(next.reason, 'reason', status) },
      });
      return;
    case 'waitlisted':
      tx.emit(ev.ReferralWaitlisted, {
        ...envelope,
        data: { ...facts, expectedDate: present(next.expectedDate, 'expectedDate', status) },
      });
      return;
    case 'in-progress':
      tx.emit(ev.ReferralStarted, { ...envelope, data: facts });
      return;
    case 'completed':
      tx.emit(ev.ReferralCompleted, {
        ...envelope,
        data: {
          ...facts,
          outcome: present(next.outcome, 'outcome', status),
          ...(next.reason ? { reason: next.reason } : {}),
        },
      });
      return;
    case 'cancelled':
      tx.emit(ev.ReferralCancelled, {
        ...envelope,
        data: { ...facts, reason: present(next.reason, 'reason', status) },
      });
      return;
    case 'expired':
      tx.emit(ev.ReferralExpired, { ...envelope, data: facts });
      return;
    default: {
      const unhandled: never = status;
      throw new Error(`no event for referral status ${String(unhandled)}`);
    }
  }
};
