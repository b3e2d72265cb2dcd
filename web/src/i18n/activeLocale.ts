// The console's current language outside React, for code that is loaded later and must follow it
// (zod's messages, zodLocale.ts): LocaleProvider sets it, a listener is told now and on each change.
import type { Locale } from './language';

let active: Locale = 'cs';
const listeners = new Set<(locale: Locale) => void>();

export const setActiveLocale = (locale: Locale) => {
  active = locale;
  for (const listen of listeners) listen(locale);
};

export const followActiveLocale = (listen: (locale: Locale) => void) => {
  listeners.add(listen);
  listen(active);
};
