// The referral lifecycle table both the referrals service and the console read: what each side may
// do in each status.
import { describe, expect, it } from '@jest/globals';
import { referralActionsFor, referralLifecycle, referrals } from '../src';

describe('referral lifecycle', () => {
  it('offers the receiver its answers and the sender its cancellation while a referral is open', () => {
    expect(referralActionsFor('sent', 'receiver')).toEqual(['receive', 'accept', 'decline', 'waitlist']);
    expect(referralActionsFor('waitlisted', 'receiver')).toEqual(['accept', 'decline', 'waitlist']);
    expect(referralActionsFor('accepted', 'receiver')).toEqual(['start', 'complete']);
    expect(referralActionsFor('sent', 'sender')).toEqual(['cancel']);
    expect(referralActionsFor('in-progress', 'sender')).toEqual(['cancel']);
    expect(referralActionsFor('draft', 'sender')).toEqual(['send', 'cancel']);
  });

  it('offers nothing once a referral is closed, and never the system expiry to a person', () => {
    for (const status of ['declined', 'completed', 'cancelled', 'expired'] as const) {
      expect([...referralActionsFor(status, 'sender'), ...referralActionsFor(status, 'receiver')]).toEqual(
        [],
      );
    }
    for (const status of referrals.ReferralStatus.options) {
      expect(referralActionsFor(status, 'sender')).not.toContain('expire');
      expect(referralActionsFor(status, 'receiver')).not.toContain('expire');
    }
  });

  it('has a transition for every action a request can name', () => {
    const named = referrals.TransitionBody.options.map((o) => o.shape.action.value);
    expect(named.filter((a) => !referralLifecycle[a])).toEqual([]);
  });
});
