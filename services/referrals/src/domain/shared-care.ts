// Shared care (společný klient, document 004): providers agree who does what for one client and
// who coordinates (the case coordinator document 001 asks for). Pure rules only.
import type { referrals } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';

type SharedCare = referrals.SharedCare;
type Party = SharedCare['parties'][number];

export const assertParties = (parties: readonly Party[], coordinator: string) => {
  const ids = parties.map((p) => p.providerId);
  if (new Set(ids).size !== ids.length)
    throw new DomainRuleViolation('duplicate-party', 'a provider is a party only once', 'body.parties');
  if (!ids.includes(coordinator))
    throw new DomainRuleViolation(
      'coordinator-not-party',
      'the coordinator must be one of the parties',
      'body.coordinatorProviderId',
    );
};

export interface PartyChange {
  joined: string[];
  left: string[];
}

export const partyChange = (before: readonly Party[], after: readonly Party[]): PartyChange => {
  const b = before.map((p) => p.providerId);
  const a = after.map((p) => p.providerId);
  return { joined: a.filter((id) => !b.includes(id)), left: b.filter((id) => !a.includes(id)) };
};

export const changeSharedCare = (
  current: SharedCare,
  body: Partial<Pick<SharedCare, 'parties' | 'coordinatorProviderId' | 'nextReviewAt' | 'status'>>,
  caller: string,
  now: Date,
): { next: SharedCare; change: PartyChange } => {
  if (current.status === 'ended')
    throw new DomainRuleViolation('shared-care-ended', 'the agreement has ended', 'params.sharedCareId');
  const parties = body.parties ?? current.parties;
  const coordinator = body.coordinatorProviderId ?? current.coordinatorProviderId;
  const change = partyChange(current.parties, parties);
  // A party may leave by removing itself; only the coordinator removes others.
  const removesOthers = change.left.some((id) => id !== caller);
  if (removesOthers && caller !== current.coordinatorProviderId)
    throw new DomainRuleViolation(
      'only-coordinator-removes',
      'only the coordinating provider removes other parties',
      'body.parties',
    );
  if (parties.length > 0) assertParties(parties, coordinator);
  return {
    next: {
      ...current,
      parties,
      coordinatorProviderId: coordinator,
      nextReviewAt: body.nextReviewAt ?? current.nextReviewAt,
      status: body.status ?? (parties.length < 2 ? 'ended' : current.status),
      formerProviderIds: [...new Set([...current.formerProviderIds, ...change.left])],
      version: current.version + 1,
      updatedAt: now.toISOString(),
    },
    change,
  };
};
