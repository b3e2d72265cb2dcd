// Cell-key perturbation as a pure function: the same contributors always give the same figure,
// no small count is ever published as itself, and the published interval holds the truth.
import { describe, expect, it } from '@jest/globals';
import {
  cellKeyOf,
  dominanceMargin,
  hiddenUpperGivenOwn,
  intervalOf,
  keyModulus,
  maxNoise,
  noiseOf,
  publishCount,
  recordKey,
} from '../src/domain/cell-key';
import { buildTable } from '../src/domain/tables';

describe('cell-key perturbation', () => {
  const secret = 'test-secret';
  const keyOf = (units: string[]) => cellKeyOf(units.reduce((s, u) => s + recordKey(secret, u), 0));

  it('gives a fixed figure for a fixed set of contributors, whatever the order', () => {
    const units = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const one = publishCount(units.length, keyOf(units), 5);
    const other = publishCount(units.length, keyOf([...units].reverse()), 5);
    expect(other).toEqual(one);
    expect(recordKey(secret, 'a')).toBe(recordKey(secret, 'a'));
    expect(recordKey(secret, 'a')).not.toBe(recordKey('another-region', 'a'));
    expect(recordKey(secret, 'a')).toBeLessThan(keyModulus);
  });

  it('never publishes 1..threshold-1 as themselves, and stays within the public bound', () => {
    const seen = new Map<number, Set<number | null>>();
    for (let n = 0; n <= 30; n++)
      for (let i = 0; i < 300; i++) {
        const key = recordKey(secret, `${n}/${i}`);
        const p = publishCount(n, key, 5);
        seen.set(n, (seen.get(n) ?? new Set()).add(p.value));
        if (p.value !== null) {
          expect(p.value).toBeGreaterThanOrEqual(5);
          expect(Math.abs(p.value - n)).toBeLessThanOrEqual(maxNoise);
        }
        const [lo, hi] = intervalOf(p.value, 5);
        expect(n).toBeGreaterThanOrEqual(lo);
        expect(n).toBeLessThanOrEqual(hi);
      }
    for (const n of [1, 2]) expect([...seen.get(n)!]).toEqual([null]);
    for (const n of [3, 4]) expect(seen.get(n)!.has(n)).toBe(false);
    // The noise takes every value of its table, centred on 0.
    const noise = Array.from({ length: 5000 }, (_, i) => noiseOf(20, recordKey(secret, String(i))));
    expect(new Set(noise)).toEqual(new Set([-2, -1, 0, 1, 2]));
    expect(Math.abs(noise.reduce((s, x) => s + x, 0) / noise.length)).toBeLessThan(0.1);
  });

  it('sets the insider margin from the cell key, within 0 … threshold', () => {
    const margins = new Set(
      Array.from({ length: 2000 }, (_, i) => dominanceMargin(recordKey(secret, `m${i}`), 5)),
    );
    expect(margins).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(hiddenUpperGivenOwn(9, 5)).toBeUndefined();
    expect(hiddenUpperGivenOwn(10, 5)).toBe(19);
  });

  it('publishes every count as counted with a threshold of 1', () => {
    expect(publishCount(3, 12345, 1)).toEqual({ value: 3 });
  });

  it('perturbs cells and totals of a region table on their own keys', () => {
    const cells = new Map<string, Record<string, unknown>>([
      ['region#-', { n: 30, k: keyOf(['t']) }],
      ['district#semily', { n: 27, k: keyOf(['s']) }],
      ['district#jilemnice', { n: 3, k: keyOf(['j']) }],
      // The providers' shares (twins by provider): P1 15 and P2 15 of the region, 12 and 15 of Semily.
      ['provider#P1', { n: 15 }],
      ['provider#P2', { n: 15 }],
      ['district+provider#semily|P1', { n: 12 }],
      ['district+provider#semily|P2', { n: 15 }],
      ['district+provider#jilemnice|P1', { n: 3 }],
    ]);
    const req = {
      indicator: 'new-clients',
      period: '2026-11',
      rows: 'district',
      view: 'region',
      threshold: 5,
    } as const;
    const t = buildTable(req, cells);
    // Jilemnice (3) is below the threshold: its row is not listed at all.
    expect(t.rowKeys).toEqual(['semily']);
    expect(Math.abs(t.rowTotals[0]!.value! - 27)).toBeLessThanOrEqual(maxNoise);
    expect(Math.abs(t.total.value! - 30)).toBeLessThanOrEqual(maxNoise);
    expect(t.note).toMatch(/do not add up/);
    expect(buildTable(req, cells)).toEqual(t);
  });

  it('hides a region cell where the providers other than the largest count fewer than the threshold', () => {
    const req = {
      indicator: 'new-clients',
      period: '2026-11',
      rows: 'district',
      view: 'region',
      threshold: 5,
    } as const;
    const cells = (semilyShares: [number, number]) =>
      new Map<string, Record<string, unknown>>([
        ['region#-', { n: 40, k: keyOf(['t']) }],
        ['provider#P1', { n: 20 }],
        ['provider#P2', { n: 20 }],
        ['district#semily', { n: 27, k: keyOf(['s']) }],
        ['district+provider#semily|P1', { n: semilyShares[0] }],
        ['district+provider#semily|P2', { n: semilyShares[1] }],
      ]);
    // 24 + 3: P1 knows its 24 and would read the others' 3 off the region's figure.
    const dominated = buildTable(req, cells([24, 3]));
    expect(dominated.rowKeys).toEqual([]);
    expect(dominated.total.value).not.toBeNull();
    // 27 of one provider alone: hidden too (else "hidden" would tell P1 the others are 1 … 4).
    expect(buildTable(req, cells([27, 0])).rowKeys).toEqual([]);
    // 14 + 13: each sees at least 2 × 5 − 1 of the others' (above any margin).
    expect(buildTable(req, cells([14, 13])).rowKeys).toEqual(['semily']);
    // No recorded shares (cells stored before the twins): hidden rather than published unchecked.
    const noShares = new Map([...cells([14, 13])].filter(([id]) => !id.startsWith('district+provider')));
    expect(buildTable(req, noShares).rowKeys).toEqual([]);
  });
});
