import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { AppProvider } from './api/context';
import { createQueryClient } from './api/queries';
import { App } from './App';
import { loadSession, saveSession, sessionFromToken } from './auth/session';
import { loadConfig } from './config';
import { LocaleProvider, prepareLocale } from './i18n/locale';
import { ToastProvider } from './ui/toast';
import { registerServiceWorker } from './offline/register';
import { preloadScreen } from './routes';
import { readEarly } from './api/earlyReads';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const queryClient = createQueryClient();

const start = async () => {
  // The screen the page opens on loads while config.json does (the hash is the route).
  const path = window.location.hash.replace(/^#/, '').split('?')[0] || '/';
  preloadScreen(path, loadSession());
  const [config] = await Promise.all([loadConfig(), prepareLocale()]);
  if (config.auth.kind === 'oidc') {
    // The OIDC client is only needed in AWS: loaded on demand, not in the local runtime's bundle.
    const { completeRedirect } = await import('./auth/oidc');
    const signedIn = await completeRedirect(config.auth);
    if (signedIn) saveSession(await sessionFromToken(signedIn.token, signedIn.name));
  }
  // Its first reads start now, while its chunk may still be on the way.
  readEarly(path, loadSession(), config.apiUrl, localStorage.getItem('spolu.locale') === 'en' ? 'en' : 'cs');
  // A transition: React draws the first screen in slices and yields between them instead of one long
  // task on a slow phone's main thread (issue 24 item 5); nothing else is on the page to wait for it.
  startTransition(() =>
    root.render(
      <StrictMode>
        <LocaleProvider>
          <ToastProvider>
            <QueryClientProvider client={queryClient}>
              <AppProvider config={config}>
                <App />
              </AppProvider>
            </QueryClientProvider>
          </ToastProvider>
        </LocaleProvider>
      </StrictMode>,
    ),
  );
};

// The service worker: the shell and config.json then load without signal (issue 22).
registerServiceWorker();

start().catch((err: unknown) => {
  root.render(<p role="alert">Spolu: {err instanceof Error ? err.message : String(err)}</p>);
});
