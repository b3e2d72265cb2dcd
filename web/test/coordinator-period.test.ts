// The coordinator screens open on the last complete quarter (issue 21 item 9).
import { describe, expect, it } from '@jest/globals';
import { lastCompleteQuarter } from '../src/screens/coordinator/period';

const at = (iso: string) => lastCompleteQuarter(new Date(iso));

describe('lastCompleteQuarter', () => {
  it('is the quarter before the one a date falls in', () => {
    expect(at('2026-05-10T12:00:00Z')).toBe('2026-Q1');
    expect(at('2026-08-20T12:00:00Z')).toBe('2026-Q2');
    expect(at('2026-12-06T18:00:00Z')).toBe('2026-Q3');
  });

  it('takes the first and last days of a quarter as inside it', () => {
    expect(at('2026-04-01T00:00:00Z')).toBe('2026-Q1');
    expect(at('2026-06-30T23:59:59Z')).toBe('2026-Q1');
    expect(at('2026-07-01T00:00:00Z')).toBe('2026-Q2');
    expect(at('2026-10-01T00:00:00Z')).toBe('2026-Q3');
    expect(at('2026-09-30T23:59:59Z')).toBe('2026-Q2');
  });

  it('goes back to the last quarter of the previous year in the first quarter', () => {
    expect(at('2027-01-01T00:00:00Z')).toBe('2026-Q4');
    expect(at('2027-02-14T09:30:00Z')).toBe('2026-Q4');
    expect(at('2027-03-31T23:59:59Z')).toBe('2026-Q4');
    expect(at('2026-12-31T23:59:59Z')).toBe('2026-Q3');
  });

  it('matches the period format the stats API takes', () => {
    expect(at('2026-12-06T18:00:00Z')).toMatch(/^\d{4}-Q[1-4]$/);
  });
});
