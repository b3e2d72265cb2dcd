// Small statistics and timing helpers shared by the measurements.
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();

export const quantile = (values: readonly number[], q: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
};

export const median = (values: readonly number[]) => quantile(values, 0.5);
export const p95 = (values: readonly number[]) => quantile(values, 0.95);

export const round = (value: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Time one async call in milliseconds. */
export const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const start = now();
  await fn();
  return now() - start;
};
