// Locale state (Czech first, English second), the react-intl provider, and zod's own messages in
// the same language so a form's validation reads like the rest of the page (zodLocale.ts follows
// setActiveLocale). Only Czech is in the first download; English is a chunk loaded when chosen
// (issue 24 item 5): main.tsx awaits prepareLocale() before the first render.
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { setActiveLocale } from './activeLocale';
import type { MessageId } from './cs';
import { cs } from './cs';

export type { Locale } from './language';
import type { Locale } from './language';
type Catalogue = Record<MessageId, string>;
const catalogues: Partial<Record<Locale, Catalogue>> = { cs };
// The texts only coordinator and admin screens show are, in the build, a module per language of
// their own (vite.config.ts): those screens' chunks load them (routes.tsx), and a catalogue loaded
// after that (the language switch) gets them too. In `npm run dev` the modules are empty.
let staffWanted = false;
const addStaffMessages = async (locale: Locale, catalogue: Catalogue) => {
  if (!staffWanted) return;
  const { messages } = await (locale === 'en'
    ? import('virtual:spolu-staff-messages/en')
    : import('virtual:spolu-staff-messages/cs'));
  Object.assign(catalogue, messages);
};
/** Before a coordinator or admin screen renders: its texts in every loaded language. */
export const loadStaffMessages = async () => {
  staffWanted = true;
  await Promise.all(
    Object.entries(catalogues).map(([locale, catalogue]) =>
      addStaffMessages(locale === 'en' ? 'en' : 'cs', catalogue),
    ),
  );
};
const loadCatalogue = async (locale: Locale): Promise<Catalogue> => {
  const loaded = catalogues[locale];
  if (loaded) return loaded;
  const catalogue = locale === 'en' ? (await import('./en')).en : cs;
  await addStaffMessages(locale, catalogue);
  return (catalogues[locale] = catalogue);
};
const storageKey = 'spolu.locale';

const initialLocale = (): Locale => {
  const stored = localStorage.getItem(storageKey);
  if (stored === 'cs' || stored === 'en') return stored;
  return 'cs';
};

/** The stored language's catalogue, loaded before the first render (Czech is already here). */
export const prepareLocale = () => loadCatalogue(initialLocale()).then(() => undefined);

const LocaleContext = createContext<{ locale: Locale; setLocale: (l: Locale) => void }>({
  locale: 'cs',
  setLocale: () => undefined,
});

export const LocaleProvider = ({ children }: { children: ReactNode }) => {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(storageKey, l);
    void loadCatalogue(l).then(() => setLocaleState(l));
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    setActiveLocale(locale);
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={catalogues[locale] ?? cs} defaultLocale="cs">
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
