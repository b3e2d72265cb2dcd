// Handover of a client's key work to another provider, as deciders: a command and what the store
// knows give the next handover (and the event it announces) or a broken rule. The handler only
// loads the state, calls these and writes what they return.
import type { referrals, referralsEvents } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';
import type { ConsentView } from './sharing';
import { consentsFor } from './sharing';

/** A handover as stored: the consents it relies on stay with it (the receiver's access ends
 * when one of them is withdrawn). */
export type StoredHandover = referrals.Handover & { consentIds: string[] };

export interface CreateHandover {
  body: z.infer<typeof referrals.CreateHandoverBody>;
  /** The sending provider (the caller's tenant) and worker. */
  providerId: string;
  userId: string;
  id: string;
  subjectKey: string;
  at: string;
}

export interface CreateHandoverState {
  /** The receiving service as the directory has it, if it exists. */
  service?: { providerId: string };
  /** Whether `body.referralId` (when given) is a referral of the sender. */
  referralKnown: boolean;
  /** The sender's consents of this client. */
  consents: readonly ConsentView[];
}

/** A new pending handover, or the rule it breaks. */
export const decideCreateHandover = (cmd: CreateHandover, state: CreateHandoverState): StoredHandover => {
  const { body } = cmd;
  if (body.toProviderId === cmd.providerId)
    throw new DomainRuleViolation(
      'handover-same-provider',
      'a handover goes to another provider; within the provider use an internal referral',
      'body.toProviderId',
    );
  if (!state.service || state.service.providerId !== body.toProviderId)
    throw new DomainRuleViolation(
      'unknown-service',
      'no such service of the receiving provider',
      'body.toServiceId',
    );
  if (body.referralId && !state.referralKnown)
    throw new DomainRuleViolation('unknown-referral', 'no such referral of yours', 'body.referralId');
  const { consentIds } = consentsFor(state.consents, body.clientId, body.toProviderId);
  if (consentIds.length === 0)
    throw new DomainRuleViolation(
      'no-consent',
      'the client has not consented to share data with the receiving provider',
      'body.toProviderId',
    );
  return {
    id: cmd.id,
    status: 'pending',
    fromProviderId: cmd.providerId,
    fromUserId: cmd.userId,
    toProviderId: body.toProviderId,
    toServiceId: body.toServiceId,
    clientId: body.clientId,
    subjectKey: cmd.subjectKey,
    referralId: body.referralId,
    summary: body.summary,
    consentIds,
    version: 1,
    createdAt: cmd.at,
    updatedAt: cmd.at,
  };
};

export interface ConfirmHandover {
  /** The confirming provider (the caller's tenant) and worker. */
  providerId: string;
  userId: string;
  at: string;
}

/** The completed handover and what HandoverCompleted says, or the rule the confirmation breaks. */
export const decideConfirmHandover = (
  cmd: ConfirmHandover,
  h: StoredHandover,
): { next: StoredHandover; completed: z.input<typeof referralsEvents.HandoverCompleted.data> } => {
  if (h.toProviderId !== cmd.providerId)
    throw new DomainRuleViolation(
      'handover-wrong-side',
      'only the receiving provider confirms',
      'params.handoverId',
    );
  if (h.status !== 'pending')
    throw new DomainRuleViolation('handover-done', 'the handover is already confirmed', 'params.handoverId');
  const next: StoredHandover = {
    ...h,
    status: 'completed',
    confirmedBy: cmd.userId,
    confirmedAt: cmd.at,
    version: h.version + 1,
    updatedAt: cmd.at,
  };
  return {
    next,
    completed: {
      handoverId: h.id,
      fromProviderId: h.fromProviderId,
      toProviderId: h.toProviderId,
      toServiceId: h.toServiceId,
      referralId: h.referralId,
      subjectKey: h.subjectKey,
      createdAt: h.createdAt,
      completedAt: cmd.at,
    },
  };
};
