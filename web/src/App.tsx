// The console: sign-in, then role-aware navigation. A regional coordinator gets only the
// statistics screens, never client screens; a provider admin the provider's setup.
import { Suspense } from 'react';
import { Link, Route, Router, Switch, useRoute } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { useApp } from './api/context';
import { SignIn } from './auth/SignIn';
import type { Session } from './auth/session';
import type { MessageId } from './i18n/cs';
import type { Locale } from './i18n/locale';
import { useLocale, useT } from './i18n/locale';
import { Loading, Page } from './ui/page';
import { SeedNotice } from './ui/SeedNotice';
import { audienceAllows, navFor } from './routeTable';
import { appRoutes } from './routes';

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

export const App = () => {
  const t = useT();
  const { session, signOut, config } = useApp();
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
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◍
          </span>{' '}
          {t('app.title')} <span className="region">{config.regionName}</span>
        </div>
        <SeedNotice />
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
      </header>
      <main id="content" tabIndex={-1}>
        {session ? <SignedIn session={session} /> : <SignIn />}
      </main>
    </Router>
  );
};
