// Cell-key perturbation (ABS TableBuilder; the UK and German 2021/22 censuses): the disclosure
// control of published counts. Every unit that is counted carries a fixed record key (a keyed
// hash of the pseudonymous subject key for unique clients, of the event id for event counts);
// a cell's key is the sum of its units' record keys modulo 2^24, kept next to the cell's counter
// as the cell is incremented. The published figure is the true count plus a perturbation looked
// up from a fixed table by the cell key, and anything that comes out below the threshold —
// including true zeros and true small counts — is shown only as "below the threshold". So:
// - the same query always gives the same figure (the key is a function of the contributors);
// - two cells with the same contributors (a year and its only active quarter, a district and the
//   region when everything is in that district) get the same figure, so comparing them says
//   nothing;
// - totals are counted cells with their own contributors and keys, not sums of the published
//   cells: published tables no longer add up exactly (documented in docs/STATISTICS.md).
import { createHmac } from 'node:crypto';

/** Record and cell keys live in [0, 2^24): sums of many stay exact as DynamoDB numbers read
 * into JavaScript (2^53 / 2^24 = 2^29 unit increments per cell and period). */
export const keyModulus = 2 ** 24;

/** The fixed record key of a unit (a subject key or an event id), keyed with the region's secret so
 * nobody without it can compute which perturbation a set of contributors gets. */
export const recordKey = (secret: string, unit: string) =>
  createHmac('sha256', secret).update(`cell-key|${unit}`).digest().readUIntBE(0, 3);

/** A cell's key from the stored running sum of its record keys. */
export const cellKeyOf = (sum: number | undefined) => (((sum ?? 0) % keyModulus) + keyModulus) % keyModulus;

/** Largest perturbation, public: a published count is within ±maxNoise of the true count. */
export const maxNoise = 2;

/** The perturbation table: cumulative probability -> noise. Unbiased (mean 0), 40 % unchanged. */
const ptable: readonly (readonly [number, number])[] = [
  [0.1, -2],
  [0.3, -1],
  [0.7, 0],
  [0.9, 1],
  [1, 2],
];

/** The noise for a cell of true count `n` with cell key `key`. The count takes part in the
 * look-up (as in the ABS ptable), so cells that share a key but differ in count are not
 * perturbed in lock-step. */
export const noiseOf = (n: number, key: number) => {
  // A fixed, well-mixed position in [0, 1) from (key, n): multiply by an odd constant mod 2^24.
  const mixed = ((key + Math.imul(n, 0x9e3779) + 0x5bd1e9) * 0x2c1b3) % keyModulus;
  const u = (((mixed % keyModulus) + keyModulus) % keyModulus) / keyModulus;
  return ptable.find(([p]) => u < p)![1];
};

export type Protected = { value: number } | { value: null; below: true };

/** The published figure of a count: the perturbed count when it is at least the threshold, else
 * "below the threshold" (true zeros included, so a hidden cell may be 0). A threshold of 1
 * publishes every count as counted (no disclosure control; test and own-view settings). */
export const publishCount = (n: number, key: number, threshold: number): Protected => {
  if (threshold <= 1) return { value: n };
  const p = n === 0 ? 0 : n + noiseOf(n, key);
  return p >= threshold ? { value: p } : { value: null, below: true };
};

/** The published figure of a region cell: hidden, whatever its size, when the providers other
 * than its largest contributor count fewer than threshold + margin there (margin 0 … threshold
 * from the cell key; the insider rule); else as
 * `publishCount`. A provider's staff know their own figures exactly; without this rule they would
 * subtract them from a hidden region cell (0 … threshold + 1) and be left with a small count of
 * the other providers. With it, every published region cell has, for each contributing provider,
 * at least `threshold` units of the others, and a hidden one may hold any count. Others = 0 (a
 * cell of one provider) is hidden too: else "hidden" with a large own share would tell that
 * provider the others are 1 … threshold − 1. `largestShare` is the largest provider's own count
 * (unique clients: its own unique clients); it is a function of the contributors, so the same
 * query still always gives the same figure. */
export const publishRegionCount = (
  n: number,
  key: number,
  largestShare: number,
  threshold: number,
): Protected => {
  if (threshold <= 1) return { value: n };
  if (n - largestShare < threshold + dominanceMargin(key, threshold)) return { value: null, below: true };
  return publishCount(n, key, threshold);
};

/** The insider rule's margin: 0 … threshold, fixed by the cell key (so the same contributors
 * always get the same). With a bare "others below the threshold", a hidden cell would tell a
 * provider with a large own share that the others hold 0 … threshold − 1 there, and one published
 * neighbour could then rule out 0; with the margin it only learns 0 … 2 × threshold − 1. */
export const dominanceMargin = (key: number, threshold: number) => {
  const mixed = ((key ^ 0x5a5a5a) * 0x1b873) % keyModulus;
  return Math.floor(((((mixed % keyModulus) + keyModulus) % keyModulus) / keyModulus) * (threshold + 1));
};

/** What an attacker who knows the method (but not the secret) learns from one published figure:
 * the interval of true counts it is consistent with. A hidden region cell may be any count (the
 * insider rule hides large cells of one dominant provider too). */
export const intervalOf = (value: number | null, threshold: number): [number, number] =>
  threshold <= 1
    ? [value ?? 0, value ?? 0]
    : value === null
      ? [0, Number.POSITIVE_INFINITY]
      : [Math.max(0, value - maxNoise), value + maxNoise];

/** What a provider that contributes `own` to a hidden region cell learns from its being hidden:
 * with `own` ≥ 2 × threshold only it can be the dominant provider (any other's "others" include
 * its own, above threshold + margin), so the others contribute at most 2 × threshold − 1 — the
 * total is at most own + 2 × threshold − 1 (also true when hidden below the threshold). 0 stays
 * possible, so a hidden cell never tells a provider that the others' count is a small non-zero
 * one by itself. Undefined: nothing learnt. */
export const hiddenUpperGivenOwn = (own: number, threshold: number): number | undefined =>
  threshold > 1 && own >= 2 * threshold ? own + 2 * threshold - 1 : undefined;
