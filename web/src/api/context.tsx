// The session, the API client and the console configuration for every screen.
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { QueryKey } from '@tanstack/react-query';
import { hashKey, keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsoleConfig } from '../config';
import { useLocale } from '../i18n/locale';
import type { Session } from '../auth/session';
import { loadSession, saveSession } from '../auth/session';
import type { Api, ApiError } from './client';
import { createApi, newIdempotencyKey } from './client';
import { clearDataCaches } from '../offline/caches';

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
  // What one person loaded is never shown to the next one signing in on this browser.
  const queryClient = useQueryClient();
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
    queryClient.clear();
    // The outbox, its key and every cache but the app shell's leave the device (offline/outbox.ts).
    // The outbox code is its own chunk (issue 24 item 5), in the module cache already when a case
    // worker used it and precached by the service worker; should it still not load, the caches go.
    const wiped = import('../offline/outbox').then(
      (m) => m.wipeOfflineData(),
      () => clearDataCaches(),
    );
    setSession(undefined);
    // In AWS the Cognito session must end too, or the next sign-in would skip the password.
    const logoutUrl = config.auth.kind === 'oidc' ? config.auth.logoutUrl : undefined;
    if (logoutUrl) void wiped.finally(() => window.location.assign(logoutUrl));
  }, [config.auth, queryClient]);
  const api = useMemo(
    () =>
      createApi({
        baseUrl: config.apiUrl,
        token: session?.token,
        onUnauthorized: () => {
          saveSession(undefined);
          queryClient.clear();
          setExpired(true);
          setSession(undefined);
        },
        language: () => language.current,
      }),
    [config.apiUrl, session?.token, queryClient],
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

/** The cache key of a screen's data: the caller's `key` (shared by every screen that names it, so
 * each of them must load the same thing under it) or this component's own, then the dependencies. */
export const useQueryKey = (key: QueryKey | undefined, deps: readonly unknown[]): QueryKey => {
  const own = useId();
  const queryKey = [...(key ?? ['screen', own]), ...deps];
  const hash = hashKey(queryKey);
  // The same key (by value) is the same array, so callbacks built on it stay the same.
  return useMemo(() => queryKey, [hash]);
};

/**
 * Loads `load()` when its dependencies change, from the console's query cache: loaded again when
 * the person comes back to the tab and after any save (useSubmit invalidates); `reload()` loads
 * again now. While other dependencies load, the last data stays on screen; a failed refresh keeps
 * it too (the error shows only when there is nothing to show).
 */
export const useLoad = <T,>(
  load: (api: Api) => Promise<T>,
  deps: readonly unknown[],
  key?: QueryKey,
): Settable<T> => {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const queryKey = useQueryKey(key, deps);
  const query = useQuery({
    queryKey,
    queryFn: () => load(api),
    placeholderData: keepPreviousData,
  });
  const { refetch } = query;
  return {
    data: query.data,
    error: query.data === undefined ? (query.error ?? undefined) : undefined,
    loading: query.isFetching,
    reload: useCallback(() => void refetch(), [refetch]),
    // A save's answer wins over a refresh already on its way (it may have left before the save):
    // that one is cancelled first, so an older version cannot overwrite the new ETag.
    set: useCallback(
      (data: T) =>
        void queryClient
          .cancelQueries({ queryKey, exact: true })
          .then(() => queryClient.setQueryData(queryKey, data)),
      [queryClient, queryKey],
    ),
  };
};

/** One Idempotency-Key per record the worker means to create: a retried save after a network
 * failure is the same request; only a success starts a new one (`renew`). */
export const useIdempotencyKey = () => {
  const [key, setKey] = useState(newIdempotencyKey);
  return [key, useCallback(() => setKey(newIdempotencyKey()), [])] as const;
};
