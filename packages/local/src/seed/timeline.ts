// A simulated calendar for demo seeding. Statistics count events by their own dates, and some
// dates come only from the service's clock (when an agreement was made, a referral sent or
// accepted, a goal evaluated). To give the demo months of history through the public API, the
// seed moves the region runtime's clock (never the machine's) back to each simulated working day,
// lets the "stories" (one per client) act on that day, then moves on; at the end the clock is back
// where it was. Deterministic: a seeded PRNG, no Math.random.
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import type { RegionRuntime } from '../runtime';

/** FNV-1a of the seed text: the same generator state for the same seed on every run. */
const seedNumber = (seed: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h | 0;
};

/** A seeded generator (pure-rand's xoroshiro128+) with the picks the seed needs. */
export const prng = (seed: string) => {
  const rng = xoroshiro128plus(seedNumber(seed));
  /** Uniform in [0, 1). */
  const next = () => unsafeUniformIntDistribution(0, 0xffffffff, rng) / 4294967296;
  return {
    next,
    /** Integer in [min, max]. */
    int: (min: number, max: number) => unsafeUniformIntDistribution(min, max, rng),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    /** k distinct items in the original order. */
    some: <T>(xs: readonly T[], k: number): T[] => {
      const idx = xs.map((_, i) => i);
      for (let i = idx.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [idx[i], idx[j]] = [idx[j]!, idx[i]!];
      }
      return idx
        .slice(0, Math.min(k, xs.length))
        .sort((x, y) => x - y)
        .map((i) => xs[i]!);
    },
  };
};
export type Prng = ReturnType<typeof prng>;

const DAY = 86_400_000;
/** Simulated days end at 15:00 UTC (16:00/17:00 in Prague); events that day get earlier hours. */
const DAY_END_UTC_HOUR = 15;

export interface Calendar {
  /** Number of simulated days; day 0 is the oldest, day `days - 1` the last (today or yesterday). */
  days: number;
  /** The end of simulated day d (the runtime clock is set here while day d runs). */
  end: (d: number) => Date;
  /** A moment on day d at hh:mm UTC (not after the day's end). */
  at: (d: number, hour: number, minute?: number) => string;
  /** Day d as YYYY-MM-DD. */
  date: (d: number) => string;
  /** The nearest working day at or after d (Mon–Fri); the last working day if none is left. */
  workday: (d: number) => number;
  isWeekend: (d: number) => boolean;
}

export const calendar = (now: Date, days: number): Calendar => {
  const todayEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DAY_END_UTC_HOUR);
  const lastEnd = todayEnd <= now.getTime() ? todayEnd : todayEnd - DAY;
  const end = (d: number) => new Date(lastEnd - (days - 1 - d) * DAY);
  const isWeekend = (d: number) => [0, 6].includes(end(d).getUTCDay());
  return {
    days,
    end,
    at: (d, hour, minute = 0) => {
      const e = end(d);
      const t = Date.UTC(e.getUTCFullYear(), e.getUTCMonth(), e.getUTCDate(), hour, minute);
      return new Date(Math.min(t, e.getTime() - 60_000)).toISOString();
    },
    date: (d) => end(d).toISOString().slice(0, 10),
    isWeekend,
    workday: (d) => {
      let x = Math.max(0, Math.min(d, days - 1));
      while (isWeekend(x) && x < days - 1) x++;
      while (isWeekend(x) && x > 0) x--;
      return x;
    },
  };
};

/** Runs stories day by day. A story is an async function that calls `day(d)` to wait until the
 * simulated day d (it never goes back); every story waiting for the same day runs concurrently,
 * and API calls are bounded by `limit`. */
export const runStories = async (
  rt: RegionRuntime,
  cal: Calendar,
  stories: ((day: (d: number) => Promise<void>) => Promise<void>)[],
  opts: { onDay?: (d: number) => Promise<void> } = {},
) => {
  const startOffset = rt.clock.now().getTime() - Date.now();
  const setClock = (to: Date) => rt.clock.advance(to.getTime() - rt.clock.now().getTime());
  let current = -1;
  let active = 0;
  const waiting = new Map<number, (() => void)[]>();
  let failure: unknown;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));

  const advance = () => {
    if (active > 0) return;
    if (failure !== undefined || waiting.size === 0) return finish();
    const next = Math.min(...waiting.keys());
    const wake = waiting.get(next)!;
    waiting.delete(next);
    current = next;
    setClock(cal.end(next));
    active += wake.length;
    void (opts.onDay ? opts.onDay(next) : Promise.resolve()).then(
      () => wake.forEach((w) => w()),
      (err: unknown) => {
        failure = err;
        wake.forEach((w) => w());
      },
    );
  };
  const day = (d: number) => {
    if (failure !== undefined) return Promise.reject(failure as Error);
    if (d <= current) return Promise.resolve();
    active -= 1;
    return new Promise<void>((resolve) => {
      const list = waiting.get(d) ?? [];
      list.push(resolve);
      waiting.set(d, list);
      queueMicrotask(advance);
    }).then(() => {
      if (failure !== undefined) throw failure as Error;
    });
  };

  try {
    active = stories.length;
    for (const story of stories)
      void story(day).then(
        () => {
          active -= 1;
          queueMicrotask(advance);
        },
        (err: unknown) => {
          failure ??= err;
          active -= 1;
          queueMicrotask(advance);
        },
      );
    if (stories.length === 0) finish();
    await done;
    if (failure !== undefined) throw failure as Error;
  } finally {
    rt.clock.advance(Date.now() + startOffset - rt.clock.now().getTime());
  }
};

/** At most n promises in flight. */
export const limiter = (n: number) => {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((r) => queue.push(r));
    running += 1;
    try {
      return await fn();
    } finally {
      running -= 1;
      queue.shift()?.();
    }
  };
};
