// The coordinator screens' default period: the last complete quarter, so a screen opens on figures
// that are whole (the current month is partial and mostly below the suppression threshold).

/** The last calendar quarter that has ended before `now`, as the stats API's period (`2026-Q3`).
 * Quarters follow the calendar in UTC: on 2026-01-15 the last complete quarter is `2025-Q4`. */
export const lastCompleteQuarter = (now: Date): string => {
  const current = Math.floor(now.getUTCMonth() / 3) + 1;
  const year = now.getUTCFullYear();
  return current === 1 ? `${year - 1}-Q4` : `${year}-Q${current - 1}`;
};

/** The default period of the coordinator screens. */
export const defaultPeriod = () => lastCompleteQuarter(new Date());
