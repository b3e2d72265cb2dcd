// The console: sign-in, then role-aware navigation. A regional coordinator gets only the
// statistics screens, never client screens; a provider admin the provider's setup.
import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { Link, Route, Router, Switch, useLocation, useRoute } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { useApp } from './api/context';
import { SignIn } from './auth/SignIn';
import type { Session } from './auth/session';
import { isCaseWorker } from './auth/session';
import type { MessageId } from './i18n/cs';
import type { Locale } from './i18n/locale';
import { useLocale, useT } from './i18n/locale';
import { Loading, Page } from './ui/page';
import { OfflineBanner } from './ui/OfflineBanner';
import { useToast } from './ui/toast';
import { appRoutes, audienceAllows, navFor } from './routes';

// The outbox's sender (and IndexedDB, the vault) is a chunk of its own, loaded for a signed-in case
// worker next to the first screen: not in the first download (issue 24 item 5).
const OutboxSync = lazy(() => import('./offline/sync').then((m) => ({ default: m.OutboxSync })));
// The unread count beside "Upozornění", for people with an inbox (asked every 10 s).
const InboxBadge = lazy(() =>
  import('./screens/worker/inbox/InboxBadge').then((m) => ({ default: m.InboxBadge })),
);
// `npm start`'s seeding notice: only the local runtime has one, so only it loads the code.
const SeedNotice = lazy(() => import('./ui/SeedNotice').then((m) => ({ default: m.SeedNotice })));

interface NavItem {
  path: string;
  label: MessageId;
}

const NavLink = ({ item }: { item: NavItem }) => {
  const t = useT();
  const [active] = useRoute(item.path);
  return (
    <li>
      <Link href={item.path} aria-current={active ? 'page' : undefined}>
        {t(item.label)}
        {item.path === '/inbox' && (
          <Suspense fallback={null}>
            <InboxBadge />
          </Suspense>
        )}
      </Link>
    </li>
  );
};

const LanguageSwitch = () => {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <label className="language">
      <span className="visually-hidden">{t('app.language')}</span>
      <select
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        aria-label={t('app.language')}
      >
        <option value="cs">Čeština</option>
        <option value="en">English</option>
      </select>
    </label>
  );
};

const NotFound = () => {
  const t = useT();
  return (
    <Page title={t('app.notFound')}>
      <Link href="/">{t('app.back')}</Link>
    </Page>
  );
};

const SignedIn = ({ session }: { session: Session }) => {
  const ctx = { session, notFound: <NotFound /> };
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        {appRoutes
          .filter((r) => audienceAllows[r.audience](session))
          .map((r) => (
            <Route key={r.path} path={r.path}>
              {(params) => r.render(params, ctx)}
            </Route>
          ))}
        <Route component={NotFound} />
      </Switch>
    </Suspense>
  );
};

/** The header's menu on a phone: closed again when the page changes; Escape closes it too. */
const useMenu = () => {
  const [open, setOpen] = useState(false);
  const [location] = useLocation();
  const toast = useToast();
  useEffect(() => {
    setOpen(false);
    // An error belongs to the page it was shown on; a confirmation goes along to the page a form
    // opens after saving (a new client's file, the referral just sent).
    toast.clear('error');
  }, [location, toast]);
  return { open, setOpen };
};

const Header = ({ session }: { session?: Session }) => {
  const t = useT();
  const { signOut, config } = useApp();
  const { open, setOpen } = useMenu();
  const button = useRef<HTMLButtonElement>(null);
  const header = useRef<HTMLElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  // A tap outside the header closes the open menu, as on any phone.
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (e.target instanceof Node && !header.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open, setOpen]);
  return (
    <header className="app-header" ref={header}>
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◍
        </span>{' '}
        {t('app.title')} <span className="region">{config.regionName}</span>
      </div>
      {session && isCaseWorker(session) && (
        // On a phone the nav is behind the menu: the notices and their count stay in view.
        <Link href="/inbox" className="inbox-shortcut" aria-label={t('inbox.nav')}>
          <svg aria-hidden="true" className="bell" viewBox="0 0 24 24" width="22" height="22">
            <path
              fill="currentColor"
              d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            />
          </svg>
          <Suspense fallback={null}>
            <InboxBadge />
          </Suspense>
        </Link>
      )}
      {session && (
        <button
          type="button"
          ref={button}
          className="menu-button"
          aria-expanded={open}
          aria-controls="app-menu"
          aria-label={t('phoneLayout.menuLabel')}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true" className="menu-icon">
            ☰
          </span>{' '}
          {t('phoneLayout.menu')}
        </button>
      )}
      {/* On a phone the menu (behind the button); on a wider screen it lays out in the header as is. */}
      <div
        id="app-menu"
        className={session ? (open ? 'app-menu open' : 'app-menu') : 'app-menu signed-out'}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) close();
        }}
        onClick={(e) => {
          // Choosing the page already shown changes no location: the menu closes all the same.
          if (e.target instanceof Element && e.target.closest('nav a')) setOpen(false);
        }}
      >
        {config.auth.kind === 'dev' && (
          <Suspense fallback={null}>
            <SeedNotice />
          </Suspense>
        )}
        <div className="user">
          <LanguageSwitch />
          {session && (
            <>
              <span className="who">{t('app.signedInAs', { name: session.name ?? session.userId })}</span>
              <button type="button" className="link" onClick={signOut}>
                {t('app.signOut')}
              </button>
            </>
          )}
        </div>
        {session && (
          <nav aria-label={t('nav.main')}>
            <ul>
              {navFor(session).map((item) => (
                <NavLink key={item.path} item={item} />
              ))}
            </ul>
          </nav>
        )}
      </div>
    </header>
  );
};

export const App = () => {
  const t = useT();
  const { session } = useApp();
  return (
    <Router hook={useHashLocation}>
      <a
        className="skip-link"
        href="#content"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('content')?.focus();
        }}
      >
        {t('app.skip')}
      </a>
      <Header session={session} />
      <OfflineBanner />
      {session && isCaseWorker(session) && (
        <Suspense fallback={null}>
          <OutboxSync session={session} />
        </Suspense>
      )}
      <main id="content" tabIndex={-1}>
        {session ? <SignedIn session={session} /> : <SignIn />}
      </main>
    </Router>
  );
};
