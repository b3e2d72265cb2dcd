// Each kind of notice reads as a Czech sentence with the client and the service in words, and a
// link to where the worker acts on it (issue 21 item 1); never a code or an id in the sentence.
import { describe, expect, it } from '@jest/globals';
import type { inbox } from '@spolu/contracts';
import { createIntl } from 'react-intl';
import { cs } from '../src/i18n/cs';
import type { MessageId } from '../src/i18n/cs';
import type { NoticeContext } from '../src/screens/worker/inbox/noticeText';
import { noticeLines } from '../src/screens/worker/inbox/noticeText';

const intl = createIntl({ locale: 'cs', messages: cs });
const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
const context: NoticeContext = {
  serviceName: 'Detoxifikační jednotka',
  clientName: 'Jana Nováková',
  formatDate: (iso: string) => intl.formatDate(iso),
  needNames: (codes: readonly string[]) =>
    codes.map((c) => (c === 'detox' ? 'detoxifikace' : 'duševní zdraví')).join(', '),
};
const base = { id: '01JD0000000000000000000N01', at: '2026-12-06T10:00:00.000Z', read: false };
const lines = (n: Omit<inbox.Notice, 'id' | 'at' | 'read'>, c = context) =>
  noticeLines({ ...base, ...n }, t, c);

describe('notices in words', () => {
  it('an incoming referral names the service, the needs in words and the answer date', () => {
    const out = lines({
      kind: 'referral-received',
      referralId: '01JD0000000000000000000R01',
      needCodes: ['detox', 'mental-health'],
      respondBy: '2026-12-13T10:00:00.000Z',
    });
    expect(out.headline).toBe('Nové doporučení do služby Detoxifikační jednotka');
    expect(out.details.join(' ')).toMatch(/^Potřeby: .+Odpovězte do 13\. 12\. 2026\.$/);
    expect(out.details.join(' ')).not.toContain('mental-health');
    expect(out.href).toBe('/referrals/01JD0000000000000000000R01');
    // A referral no longer readable still reads as a sentence.
    expect(
      lines(
        { kind: 'referral-received', referralId: 'R1' },
        { formatDate: context.formatDate, needNames: context.needNames },
      ).headline,
    ).toBe('Nové doporučení');
  });

  it('an answer says what the service decided about whom, with the reason or date in words', () => {
    const answer = (n: Partial<inbox.Notice>) =>
      lines({ kind: 'referral-answered', referralId: '01JD0000000000000000000R01', ...n }).headline;
    expect(answer({ referralStatus: 'accepted' })).toBe(
      'Doporučení Jana Nováková do služby Detoxifikační jednotka bylo přijato.',
    );
    expect(answer({ referralStatus: 'declined', reason: 'no-capacity' })).toContain(
      '(nedostatečná kapacita)',
    );
    expect(answer({ referralStatus: 'waitlisted', expectedDate: '2027-01-15' })).toBe(
      'Služba Detoxifikační jednotka zařadila Jana Nováková do pořadníku, předpoklad 15. 1. 2027.',
    );
  });

  it('a withdrawn consent, a handover and shared care link to where the worker acts', () => {
    expect(lines({ kind: 'consent-withdrawn', clientId: 'C1', consentId: 'K1' })).toMatchObject({
      headline: 'Odvolaný souhlas (Jana Nováková). Údaje na jeho základě už nesdílejte.',
      href: '/clients/C1/consents',
    });
    expect(lines({ kind: 'key-worker-assigned', clientId: 'C1', planId: 'L1' }).href).toBe('/plans/L1');
    expect(lines({ kind: 'shared-care-started', sharedCareId: 'S1' }).href).toBe('/shared-care/S1');
    // Before the client's name is loaded, the sentence still reads.
    expect(
      lines(
        { kind: 'consent-withdrawn', clientId: 'C1' },
        { formatDate: context.formatDate, needNames: context.needNames },
      ).headline,
    ).toBe('Odvolaný souhlas (klienta). Údaje na jeho základě už nesdílejte.');
  });
});
