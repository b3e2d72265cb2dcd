// The session, the API client and the console configuration for every screen.
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ConsoleConfig } from '../config';
import { useLocale } from '../i18n/locale';
import type { Session } from '../auth/session';
import { loadSession, saveSession } from '../auth/session';
import type { Api, ApiError } from './client';
import { createApi, newIdempotencyKey } from './client';

interface AppContextValue {
  config: ConsoleConfig;
  session?: Session;
  signIn: (s: Session) => void;
  signOut: () => void;
  api: Api;
  expired: boolean;
}

const AppContext = createContext<AppContextValue | undefined>(undefined);

export const AppProvider = ({ config, children }: { config: ConsoleConfig; children: ReactNode }) => {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [expired, setExpired] = useState(false);
  // The API words its problems in the console's language (Accept-Language), not the browser's.
  const { locale } = useLocale();
  const language = useRef(locale);
  useEffect(() => {
    language.current = locale;
  }, [locale]);
  const signIn = useCallback((s: Session) => {
    saveSession(s);
    setExpired(false);
    setSession(s);
  }, []);
  const signOut = useCallback(() => {
    saveSession(undefined);
    setSession(undefined);
    // In AWS the Cognito session must end too, or the next sign-in would skip the password.
    if (config.auth.kind === 'oidc' && config.auth.logoutUrl) window.location.assign(config.auth.logoutUrl);
  }, [config.auth]);
  const api = useMemo(
    () =>
      createApi({
        baseUrl: config.apiUrl,
        token: session?.token,
        onUnauthorized: () => {
          saveSession(undefined);
          setExpired(true);
          setSession(undefined);
        },
        language: () => language.current,
      }),
    [config.apiUrl, session?.token],
  );
  const value = useMemo(
    () => ({ config, session, signIn, signOut, api, expired }),
    [config, session, signIn, signOut, api, expired],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
};

export const useApp = () => {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppProvider');
  return ctx;
};

export const useSession = () => {
  const { session } = useApp();
  if (!session) throw new Error('useSession on a signed-out screen');
  return session;
};

export interface Loaded<T> {
  data?: T;
  error?: ApiError | Error;
  loading: boolean;
  reload: () => void;
}

/** What `useLoad` gives: `set` replaces the data with what a save answered (the record and its
 * new ETag), so the next change sends the new ETag at once instead of racing the reload. */
export interface Settable<T> extends Loaded<T> {
  set: (data: T) => void;
}

/** Loads `load()` when its dependencies change; `reload()` loads again (e.g. after a save). */
export const useLoad = <T,>(load: (api: Api) => Promise<T>, deps: readonly unknown[]): Settable<T> => {
  const { api } = useApp();
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load(api).then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [api, tick, ...deps]);
  return {
    ...state,
    reload: useCallback(() => setTick((t) => t + 1), []),
    set: useCallback((data: T) => setState({ data, loading: false }), []),
  };
};

/** One Idempotency-Key per record the worker means to create: a retried save after a network
 * failure is the same request; only a success starts a new one (`renew`). */
export const useIdempotencyKey = () => {
  const [key, setKey] = useState(newIdempotencyKey);
  return [key, useCallback(() => setKey(newIdempotencyKey()), [])] as const;
};
