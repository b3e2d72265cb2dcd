// Locale state (Czech first, English second), the react-intl provider, and zod's own messages in
// the same language so a form's validation reads like the rest of the page.
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import * as z from 'zod';
import { cs as zodCs, en as zodEn } from 'zod/locales';
import type { MessageId } from './cs';
import { cs } from './cs';
import { en } from './en';

export type { Locale } from './language';
import type { Locale } from './language';
const catalogues: Record<Locale, Record<MessageId, string>> = { cs, en };
const storageKey = 'spolu.locale';

const initialLocale = (): Locale => {
  const stored = localStorage.getItem(storageKey);
  if (stored === 'cs' || stored === 'en') return stored;
  return 'cs';
};

const LocaleContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({
  locale: 'cs',
  setLocale: () => undefined,
});

export const LocaleProvider = ({ children }: { children: ReactNode }) => {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(storageKey, l);
    setLocaleState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    z.config(locale === 'cs' ? zodCs() : zodEn());
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={catalogues[locale]} defaultLocale="cs">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
};

export const useLocale = () => useContext(LocaleContext);

type Values = Record<string, string | number | Date>;
/** `t('id', values)`: a message of the current locale; ids are checked against the catalogue. */
export const useT = () => {
  const intl = useIntl();
  return useCallback((id: MessageId, values?: Values) => intl.formatMessage({ id }, values), [intl]);
};
export type T = ReturnType<typeof useT>;

/** Labels that only exist in one form in the data (e.g. district names) stay as they are; labels
 * with a known prefix are looked up, falling back to the code so an unknown value still shows. */
export const useLabel = () => {
  const intl = useIntl();
  return useCallback(
    (prefix: string, code: string) => {
      const id = `${prefix}.${code}`;
      return intl.messages[id] ? intl.formatMessage({ id }) : code;
    },
    [intl],
  );
};
