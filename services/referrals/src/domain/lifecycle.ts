// The closed-loop referral lifecycle: draft -> sent -> received -> accepted | declined |
// waitlisted -> in progress -> completed, or cancelled by the sender, or expired when the
// receiving service does not answer within its referralResponseDays. The table of transitions is
// the contracts' referralLifecycle (the console offers actions from the same table); the rules
// applying it live here, pure.
import type { ReferralSide, referrals } from '@spolu/contracts';
import { referralLifecycle as rules } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';

type Referral = referrals.Referral;
type Body = referrals.TransitionBody;
export type Side = ReferralSide;

/** Which side(s) of the referral the caller's provider is. An internal referral is both. */
export const sidesOf = (
  r: Pick<Referral, 'senderProviderId' | 'receiverProviderId'>,
  tenant: string,
): Side[] => [
  ...(r.senderProviderId === tenant ? (['sender'] as const) : []),
  ...(r.receiverProviderId === tenant ? (['receiver'] as const) : []),
];

const days = (n: number) => n * 86_400_000;

export interface Actor {
  providerId: string;
  userId: string;
}

/** Apply one action; returns the next record (version bumped, history appended). */
export const transition = (
  r: Referral,
  body: Body | { action: 'expire' },
  actor: Actor,
  sides: readonly Side[],
  now: Date,
  opts: { responseDays?: number; sharedFields?: Referral['sharedFields'] } = {},
): Referral => {
  const rule = rules[body.action];
  if (!sides.includes(rule.by))
    throw new DomainRuleViolation(
      'referral-wrong-side',
      rule.by === 'sender'
        ? `only the sending provider may ${body.action} a referral`
        : `only the receiving provider may ${body.action} a referral`,
      'body.action',
    );
  if (!rule.from.includes(r.status))
    throw new DomainRuleViolation(
      'referral-status',
      `a ${r.status} referral cannot be ${rule.to} (allowed from: ${rule.from.join(', ')})`,
      'body.action',
    );
  const at = now.toISOString();
  const entry: referrals.HistoryEntry = { status: rule.to, at, by: actor };
  const next: Referral = { ...r, status: rule.to, version: r.version + 1, updatedAt: at };
  switch (body.action) {
    case 'send':
      next.sentAt = at;
      next.respondBy = new Date(now.getTime() + days(opts.responseDays ?? 14)).toISOString();
      next.sharedFields = opts.sharedFields ?? [];
      break;
    case 'decline':
    case 'cancel':
      next.reason = entry.reason = body.reason;
      break;
    case 'waitlist':
      if (new Date(`${body.expectedDate}T23:59:59Z`) < now)
        throw new DomainRuleViolation(
          'waitlist-date',
          'the expected date lies in the past',
          'body.expectedDate',
        );
      next.expectedDate = entry.expectedDate = body.expectedDate;
      break;
    case 'complete':
      if (body.outcome === 'not-successful' && !body.reason)
        throw new DomainRuleViolation(
          'outcome-reason',
          'an unsuccessful outcome carries a reason code',
          'body.reason',
        );
      next.outcome = entry.outcome = body.outcome;
      if (body.reason) next.reason = entry.reason = body.reason;
      break;
    default:
      break;
  }
  if ('note' in body && body.note) entry.note = body.note;
  if ('reason' in body && body.reason === 'other' && !body.note)
    throw new DomainRuleViolation('reason-other-note', 'the reason "other" needs a note', 'body.note');
  next.history = [...r.history, entry];
  return next;
};

/** Whether the receiving service's response period has passed (the scheduled expiry). */
export const isOverdue = (r: Pick<Referral, 'status' | 'respondBy'>, now: Date) =>
  rules.expire.from.includes(r.status) && r.respondBy !== undefined && new Date(r.respondBy) <= now;
