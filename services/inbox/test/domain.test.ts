// The inbox's pure rules: who is told of what, and when an e-mail notice goes out.
import { describe, expect, it } from '@jest/globals';
import type { MailDue } from '../src/domain/mail';
import { decideMail, mailGraceMs, noticeMail, withNotice } from '../src/domain/mail';
import type { KnownWorker } from '../src/domain/notices';
import {
  caseWorkersOf,
  consentWithdrawn,
  keyWorkerAssigned,
  markedRead,
  maxRecipients,
  referralReceived,
  sharedCareStarted,
} from '../src/domain/notices';

const worker = (id: string, serviceIds: string[], over: Partial<KnownWorker> = {}): KnownWorker => ({
  id,
  providerId: 'P1',
  roles: ['worker'],
  serviceIds,
  active: true,
  ...over,
});
const at = '2026-12-06T10:00:00.000Z';
const referral = {
  referralId: 'R1',
  senderProviderId: 'P0',
  receiverProviderId: 'P1',
  fromServiceId: 'S0',
  serviceId: 'S1',
  needCodes: ['detox'],
  status: 'sent' as const,
  respondBy: '2026-12-13T10:00:00.000Z',
};

describe('who is told', () => {
  it('tells the active case workers of the receiving service, not admins, leavers or other services', () => {
    const workers = [
      worker('a', ['S1']),
      worker('b', ['S2']),
      worker('c', ['S1'], { active: false }),
      worker('d', ['S1'], { roles: ['provider-admin'] }),
      worker('e', ['S1', 'S2'], { roles: ['key-worker'] }),
    ];
    const out = referralReceived('E1', at, referral, workers);
    expect(out.map((n) => n.userId)).toEqual(['a', 'e']);
    expect(out[0]).toMatchObject({ tenantId: 'P1', notice: { kind: 'referral-received', read: false } });
  });

  it('caps the recipients so the notices fit one transaction', () => {
    const many = Array.from({ length: 50 }, (_, i) => worker(`w${i}`, ['S1']));
    expect(referralReceived('E1', at, referral, many)).toHaveLength(maxRecipients);
    expect(caseWorkersOf(many)).toHaveLength(50);
  });

  it('tells a withdrawn consent to each key worker once, and a handover only to the new key worker', () => {
    expect(
      consentWithdrawn('E2', at, 'P1', { clientId: 'C1', consentId: 'K1' }, ['a', 'a', 'b']),
    ).toHaveLength(2);
    const handed = { planId: 'L1', clientId: 'C1', keyWorkerId: 'b', handover: true };
    expect(keyWorkerAssigned('E3', at, 'P1', handed).map((n) => n.userId)).toEqual(['b']);
    expect(keyWorkerAssigned('E3', at, 'P1', { ...handed, handover: false })).toEqual([]);
  });

  it('tells shared care to the other providers, each under its own tenant', () => {
    const out = sharedCareStarted(
      'E4',
      at,
      { sharedCareId: 'SC', ownerProviderId: 'P0', providerIds: ['P0', 'P1', 'P2'] },
      (p) => [worker(`${p}-w`, [], { providerId: p })],
    );
    expect(out.map((n) => [n.tenantId, n.userId])).toEqual([
      ['P1', 'P1-w'],
      ['P2', 'P2-w'],
    ]);
  });

  it('keeps the first time a notice was read', () => {
    const n = referralReceived('E1', at, referral, [worker('a', ['S1'])])[0]!.notice;
    const once = markedRead(n, '2026-12-06T11:00:00.000Z');
    expect(markedRead(once, '2026-12-06T12:00:00.000Z')).toBe(once);
  });
});

describe('e-mail notices', () => {
  const due: MailDue = {
    tenantId: 'P1',
    userId: 'a',
    email: 'a@example.org',
    since: at,
    kinds: ['referral-received'],
  };
  const later = (ms: number) => new Date(Date.parse(at) + ms);

  it('waits out the grace, then sends unless the worker was in the console after the notice', () => {
    expect(decideMail(due, undefined, later(mailGraceMs - 1))).toBe('wait');
    expect(decideMail(due, undefined, later(mailGraceMs))).toBe('send');
    expect(decideMail(due, '2026-12-06T09:00:00.000Z', later(mailGraceMs))).toBe('send');
    expect(decideMail(due, '2026-12-06T10:00:30.000Z', later(mailGraceMs))).toBe('seen');
  });

  it('makes one e-mail of several notices, from the first one’s time', () => {
    const next = withNotice(due, {
      tenantId: 'P1',
      userId: 'a',
      email: 'a@example.org',
      since: '2026-12-06T10:01:00.000Z',
      kind: 'consent-withdrawn',
    });
    expect(next).toMatchObject({ since: at, kinds: ['referral-received', 'consent-withdrawn'] });
  });

  it('starts a new e-mail after the worker was in the console: what waited before was seen', () => {
    const next = withNotice(
      due,
      {
        tenantId: 'P1',
        userId: 'a',
        email: 'a@example.org',
        since: '2026-12-06T11:00:00.000Z',
        kind: 'consent-withdrawn',
      },
      '2026-12-06T10:30:00.000Z',
    );
    expect(next).toMatchObject({ since: '2026-12-06T11:00:00.000Z', kinds: ['consent-withdrawn'] });
    expect(decideMail(next, '2026-12-06T10:30:00.000Z', new Date('2026-12-06T11:05:00.000Z'))).toBe('send');
  });

  it('says in Czech that something waits, with the link, and nothing of a client', () => {
    const mail = noticeMail(due, 'https://liberecky.spolu.cz/');
    expect(mail.subject).toBe('Spolu: Máte nové doporučení');
    expect(mail.text).toContain('https://liberecky.spolu.cz/#/inbox');
    expect(noticeMail({ ...due, kinds: ['consent-withdrawn'] }, 'x').subject).toBe(
      'Spolu: Máte nová upozornění',
    );
  });
});
