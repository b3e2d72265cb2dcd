// Times as the day log and the outbox show and edit them: on the Prague clock for reading, on the
// device's clock for a `datetime-local` field.

/** '7. 12. 14:05': day, month and time in Prague, whatever the device's time zone. */
export const pragueDateTime = (iso: string) =>
  new Intl.DateTimeFormat('cs-CZ', {
    timeZone: 'Europe/Prague',
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

/** An instant as a `datetime-local` value on the device's clock (as the contact form takes it). */
export const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
