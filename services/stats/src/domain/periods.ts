// Periods: an event falls into one month, one quarter and one year, by its date in Prague
// (a contact at 23:30 on 31 March local time belongs to March, not April).
const pragueDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Prague',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD of an instant in Europe/Prague. */
export const localDate = (iso: string) => pragueDate.format(new Date(iso));

export const periodsOf = (iso: string): [string, string, string] => {
  const [y, m] = localDate(iso).split('-');
  const quarter = Math.floor((Number(m) - 1) / 3) + 1;
  return [`${y}-${m}`, `${y}-Q${quarter}`, `${y}`];
};

/** Whole days between two instants (waiting times), never negative. */
export const daysBetween = (fromIso: string, toIso: string) =>
  Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000));
