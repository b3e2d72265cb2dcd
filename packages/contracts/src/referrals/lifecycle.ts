// The closed-loop referral lifecycle as data: which action moves a referral from which statuses to
// which, and which side takes it. The referrals service decides transitions by it and the console
// offers exactly these actions, so the two cannot drift apart.
import type { ReferralStatus } from './schemas';
import { TransitionBody } from './schemas';

export type ReferralAction = TransitionBody['action'] | 'expire';
export type ReferralSide = 'sender' | 'receiver' | 'system';

export interface ReferralTransition {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  by: ReferralSide;
}

const open = ['sent', 'received', 'waitlisted'] as const;

export const referralLifecycle: Readonly<Record<ReferralAction, ReferralTransition>> = {
  send: { from: ['draft'], to: 'sent', by: 'sender' },
  receive: { from: ['sent'], to: 'received', by: 'receiver' },
  accept: { from: open, to: 'accepted', by: 'receiver' },
  decline: { from: open, to: 'declined', by: 'receiver' },
  waitlist: { from: open, to: 'waitlisted', by: 'receiver' },
  start: { from: ['accepted'], to: 'in-progress', by: 'receiver' },
  complete: { from: ['accepted', 'in-progress'], to: 'completed', by: 'receiver' },
  cancel: {
    from: ['draft', 'sent', 'received', 'accepted', 'waitlisted', 'in-progress'],
    to: 'cancelled',
    by: 'sender',
  },
  expire: { from: ['sent', 'received'], to: 'expired', by: 'system' },
};

/** The actions a person takes (expiry is the system's), in the order the body schema lists them. */
const personActions = TransitionBody.options.map((o) => o.shape.action.value);

/** The actions one side may take on a referral in this status, in lifecycle order. */
export const referralActionsFor = (status: ReferralStatus, side: 'sender' | 'receiver') =>
  personActions.filter((a) => referralLifecycle[a].by === side && referralLifecycle[a].from.includes(status));
