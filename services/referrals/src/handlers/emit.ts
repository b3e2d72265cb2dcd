// Every referral status change is an event (the stats and webhooks services listen).
import type { referrals } from '@spolu/contracts';
import { referralsEvents as ev } from '@spolu/contracts';
import type { UnitOfWork } from '@spolu/platform';
import { subjectOf } from '@spolu/platform';

type Referral = referrals.Referral;

const eventFor = {
  sent: ev.ReferralSent,
  received: ev.ReferralReceived,
  accepted: ev.ReferralAccepted,
  declined: ev.ReferralDeclined,
  waitlisted: ev.ReferralWaitlisted,
  'in-progress': ev.ReferralStarted,
  completed: ev.ReferralCompleted,
  cancelled: ev.ReferralCancelled,
  expired: ev.ReferralExpired,
} as const;

/** The event of one status change; the envelope's tenant is the sender (the referral's owner). */
export const emitStatus = (tx: UnitOfWork, next: Referral, facts: Record<string, unknown>) => {
  if (next.status === 'draft') return;
  const contract = eventFor[next.status];
  const extra: Record<string, unknown> = {};
  if (next.status === 'sent') {
    extra.respondBy = next.respondBy;
    extra.sharedFieldCount = next.sharedFields.length;
  }
  if (next.status === 'declined' || next.status === 'cancelled') extra.reason = next.reason;
  if (next.status === 'waitlisted') extra.expectedDate = next.expectedDate;
  if (next.status === 'completed') {
    extra.outcome = next.outcome;
    if (next.reason) extra.reason = next.reason;
  }
  tx.emit(contract, {
    tenantId: next.senderProviderId,
    subject: subjectOf('referral', next),
    data: { ...facts, ...extra } as never,
  });
};
