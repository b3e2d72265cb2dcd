// Every reason code matching can answer (GET /referral-matches, `reasons[].code`) has a Czech and
// an English text in the console's catalogue, so a worker never sees a bare code beside a service.
import { describe, expect, it } from '@jest/globals';
import { referrals } from '@spolu/contracts';
import { cs } from '../src/i18n/cs';
import { en } from '../src/i18n/en';

const text = (catalogue: Record<string, string>, code: string) => catalogue[`match.${code}`];

describe('matching reasons', () => {
  it('each has a Czech and an English text', () => {
    const codes = referrals.MatchReasonCode.options;
    expect(codes).toContain('age');
    for (const code of codes) {
      expect(text(cs, code)).toMatch(/\S/);
      expect(text(en, code)).toMatch(/\S/);
      expect(text(cs, code)).not.toBe(text(en, code));
    }
    expect(text(cs, 'age')).toBe('věk mimo rozmezí služby');
  });
});
