import type { directory, Weekday } from '@spolu/contracts';
import type { z } from 'zod';

type OpeningHours = z.output<typeof directory.OpeningHours>;

const pragueClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Prague',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Weekday and HH:MM of an instant on the wall clock in Prague (services keep local hours). */
export const pragueWallClock = (instant: Date): { day: Weekday; time: string } => {
  const parts = Object.fromEntries(pragueClock.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    day: String(parts.weekday).toLowerCase().slice(0, 3) as Weekday,
    time: `${parts.hour}:${parts.minute}`,
  };
};

export const isOpenAt = (hours: readonly OpeningHours[], instant: Date) => {
  const { day, time } = pragueWallClock(instant);
  return hours.some((h) => h.day === day && h.opens <= time && time < h.closes);
};
