// The handover deciders, given/when/then: given what the store knows, when a provider creates or
// confirms a handover, then the new handover (and the event) or exactly the rule it breaks.
import { describe, expect, it } from '@jest/globals';
import { newId, referrals } from '@spolu/contracts';
import { brokenRule } from '../../../packages/local/test-support/rules';
import type { CreateHandover, CreateHandoverState, StoredHandover } from '../src/domain/handover';
import { decideConfirmHandover, decideCreateHandover } from '../src/domain/handover';
import type { ConsentView } from '../src/domain/sharing';

const sender = newId();
const receiver = newId();
const clientId = newId();
const toServiceId = newId();
const at = '2026-11-20T09:00:00.000Z';

const consent = (over: Partial<ConsentView> = {}): ConsentView => ({
  consentId: newId(),
  clientId,
  providerId: sender,
  purpose: 'referral-share',
  recipientProviderId: receiver,
  sharedFields: ['name'],
  status: 'given',
  at,
  ...over,
});

const command = (body: Partial<CreateHandover['body']> = {}): CreateHandover => ({
  body: referrals.CreateHandoverBody.parse({
    clientId,
    toProviderId: receiver,
    toServiceId,
    summary: { goal: 'Najít práci.', progress: 'Bydlí u matky, chodí na skupinu.' },
    ...body,
  }),
  providerId: sender,
  userId: 'pavla',
  id: newId(),
  subjectKey: 'sk-0123456789abcdefghij',
  at,
});
const given = (over: Partial<CreateHandoverState> = {}): CreateHandoverState => ({
  service: { providerId: receiver },
  referralKnown: false,
  consents: [consent()],
  ...over,
});

describe('creating a handover', () => {
  it('given a consent to share with the receiver and its service, a pending handover relying on that consent', () => {
    const state = given();
    const h = decideCreateHandover(command(), state);
    expect(h).toMatchObject({
      status: 'pending',
      fromProviderId: sender,
      fromUserId: 'pavla',
      toProviderId: receiver,
      toServiceId,
      clientId,
      version: 1,
      createdAt: at,
      updatedAt: at,
      consentIds: [state.consents[0]!.consentId],
    });
  });

  it('refuses a handover to the own provider', () => {
    expect(brokenRule(() => decideCreateHandover(command({ toProviderId: sender }), given()))).toBe(
      'handover-same-provider',
    );
  });

  it('refuses a service that does not exist or belongs to another provider', () => {
    expect(brokenRule(() => decideCreateHandover(command(), given({ service: undefined })))).toBe(
      'unknown-service',
    );
    expect(
      brokenRule(() => decideCreateHandover(command(), given({ service: { providerId: newId() } }))),
    ).toBe('unknown-service');
  });

  it('refuses a referral the sender does not have, and accepts one it has', () => {
    const referralId = newId();
    expect(brokenRule(() => decideCreateHandover(command({ referralId }), given()))).toBe('unknown-referral');
    expect(decideCreateHandover(command({ referralId }), given({ referralKnown: true })).referralId).toBe(
      referralId,
    );
  });

  it('refuses without a standing consent to share with that receiver', () => {
    for (const consents of [
      [],
      [consent({ status: 'withdrawn' })],
      [consent({ recipientProviderId: newId() })],
      [consent({ purpose: 'involve-close-person' })],
      [consent({ clientId: newId() })],
    ])
      expect(brokenRule(() => decideCreateHandover(command(), given({ consents })))).toBe('no-consent');
  });
});

describe('confirming a handover', () => {
  const pending = (): StoredHandover => ({ ...decideCreateHandover(command(), given()) });
  const confirmedAt = '2026-11-21T10:00:00.000Z';

  it('given a pending handover, the receiver completes it and HandoverCompleted names both sides', () => {
    const h = pending();
    const { next, completed } = decideConfirmHandover(
      { providerId: receiver, userId: 'marketa', at: confirmedAt },
      h,
    );
    expect(next).toMatchObject({
      status: 'completed',
      confirmedBy: 'marketa',
      confirmedAt,
      version: 2,
      updatedAt: confirmedAt,
      createdAt: at,
    });
    expect(completed).toEqual({
      handoverId: h.id,
      fromProviderId: sender,
      toProviderId: receiver,
      toServiceId,
      referralId: undefined,
      subjectKey: h.subjectKey,
      createdAt: at,
      completedAt: confirmedAt,
    });
  });

  it('refuses the sender (or anyone but the receiver)', () => {
    for (const providerId of [sender, newId()])
      expect(
        brokenRule(() => decideConfirmHandover({ providerId, userId: 'x', at: confirmedAt }, pending())),
      ).toBe('handover-wrong-side');
  });

  it('refuses a second confirmation', () => {
    const { next } = decideConfirmHandover(
      { providerId: receiver, userId: 'marketa', at: confirmedAt },
      pending(),
    );
    expect(
      brokenRule(() => decideConfirmHandover({ providerId: receiver, userId: 'marketa', at }, next)),
    ).toBe('handover-done');
  });
});
