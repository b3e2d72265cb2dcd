// Wall-clock time in Prague. Workers and clients agree times on the local clock; the API stores
// instants. A "next day at the same time" is the same wall-clock time, which is 23 or 25 hours
// later across a change to or from summer time.
import type { Weekday } from '@spolu/contracts';

export const pragueTimeZone = 'Europe/Prague';

const pragueClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: pragueTimeZone,
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface PragueWallClock {
  date: string;
  time: string;
  day: Weekday;
  /** Minutes ahead of UTC (60 in winter, 120 in summer). */
  offsetMinutes: number;
}

export const pragueWallClock = (instant: Date): PragueWallClock => {
  const p = Object.fromEntries(pragueClock.formatToParts(instant).map((x) => [x.type, x.value]));
  const [year, month, day, hour, minute, second] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(
    Number,
  ) as [number, number, number, number, number, number];
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    time: `${p.hour}:${p.minute}`,
    day: String(p.weekday).toLowerCase().slice(0, 3) as Weekday,
    offsetMinutes: Math.round((asIfUtc - wholeSeconds) / 60_000),
  };
};

/** The instant one calendar day later at the same wall-clock time in Prague. */
export const sameTimeNextDay = (instant: Date): Date => {
  const offsetThen = pragueWallClock(instant).offsetMinutes;
  const dayLater = instant.getTime() + 24 * 3_600_000;
  const offsetNext = pragueWallClock(new Date(dayLater)).offsetMinutes;
  return new Date(dayLater - (offsetNext - offsetThen) * 60_000);
};

/** An instant written with Prague's offset, e.g. 2026-12-07T14:00:00+01:00. */
export const withPragueOffset = (instant: Date): string => {
  const { offsetMinutes } = pragueWallClock(instant);
  const shifted = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${shifted}${sign}${hh}:${mm}`;
};
