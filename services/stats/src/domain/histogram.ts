// Waiting times are kept at write time as a fixed-bucket histogram per cell (one attribute per
// day bucket, ADDed to), so the median and the 90th percentile are read without the events.
// Buckets: days 0..60 one each, then weekly up to 182 days, then monthly up to two years, then
// one open bucket. A percentile is reported as the bucket's upper bound (in days).

const bounds: number[] = [];
for (let d = 0; d <= 60; d++) bounds.push(d);
for (let d = 67; d <= 182; d += 7) bounds.push(d);
for (let d = 212; d <= 730; d += 30) bounds.push(d);

export const openBucket = bounds.length;

/** Index of the bucket holding `days`. */
export const bucketOf = (days: number) => {
  const i = bounds.findIndex((b) => days <= b);
  return i < 0 ? openBucket : i;
};

export const bucketAttribute = (bucket: number) => `h${bucket}`;

/** Upper bound of a bucket in days (the open bucket reports its lower bound). */
export const bucketUpperDays = (bucket: number) => bounds[bucket] ?? bounds[bounds.length - 1]! + 1;

/** Nearest-rank percentile over the histogram; null when it is empty. */
export const percentile = (histogram: Record<number, number>, p: number): number | null => {
  const total = Object.values(histogram).reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const bucket of Object.keys(histogram)
    .map(Number)
    .sort((a, b) => a - b)) {
    seen += histogram[bucket] ?? 0;
    if (seen >= rank) return bucketUpperDays(bucket);
  }
  return null;
};

/** The histogram held in a cell item's `h<n>` attributes. */
export const histogramOf = (item: Record<string, unknown>) => {
  const h: Record<number, number> = {};
  for (const [k, v] of Object.entries(item)) {
    if (/^h\d+$/.test(k) && typeof v === 'number') h[Number(k.slice(1))] = v;
  }
  return h;
};

/** A percentile for the region view: shown only when at least `minEachSide` cases lie at or below
 * its bucket and at least as many at or above it. Else it would be the waiting time of one or a
 * few people (the p90 of 6 cases is the longest wait): null, as a hidden figure. */
export const protectedPercentile = (
  histogram: Record<number, number>,
  p: number,
  minEachSide: number,
): number | null => {
  const value = percentile(histogram, p);
  if (value === null || minEachSide <= 1) return value;
  let below = 0;
  let above = 0;
  for (const [bucket, n] of Object.entries(histogram)) {
    const days = bucketUpperDays(Number(bucket));
    if (days <= value) below += n;
    if (days >= value) above += n;
  }
  return below >= minEachSide && above >= minEachSide ? value : null;
};
