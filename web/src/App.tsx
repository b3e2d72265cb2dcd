// The console: sign-in, then role-aware navigation. A regional coordinator gets only the
// statistics screens, never client screens; a provider admin the provider's setup.
import { lazy, Suspense } from 'react';
import { Link, Redirect, Route, Router, Switch, useRoute } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { useApp } from './api/context';
import { SignIn } from './auth/SignIn';
import type { Session } from './auth/session';
import { isCaseWorker, isCoordinator, isProviderAdmin } from './auth/session';
import type { MessageId } from './i18n/cs';
import type { Locale } from './i18n/locale';
import { useLocale, useT } from './i18n/locale';
import { Loading, Page } from './ui/page';
import { SeedNotice } from './ui/SeedNotice';
import { Worklist } from './screens/worker/Worklist';
import { Clients } from './screens/worker/Clients';
import { RegisterClient } from './screens/worker/RegisterClient';
import { ClientFile } from './screens/worker/ClientFile';
import { RecordContact } from './screens/worker/RecordContact';
import { PlanPrint } from './screens/worker/PlanPrint';
import { PlanScreen } from './screens/worker/PlanScreen';
import { Referrals } from './screens/worker/Referrals';
import { NewReferral } from './screens/worker/NewReferral';
import { ReferralDetail } from './screens/worker/ReferralDetail';
import { Consultation } from './screens/worker/Consultation';
import { NeedsMapping } from './screens/worker/NeedsMapping';
import { Consents } from './screens/worker/Consents';
import { Appointments } from './screens/worker/Appointments';
import { HomeVisits } from './screens/worker/HomeVisits';
import { Questionnaire } from './screens/worker/Questionnaire';
import { Agreements } from './screens/worker/Agreements';
import { SharedCareList } from './screens/worker/sharedCare/SharedCareList';
import { NewSharedCare } from './screens/worker/sharedCare/NewSharedCare';
import { SharedCareDetail } from './screens/worker/sharedCare/SharedCareDetail';
import { NewHandover } from './screens/worker/sharedCare/NewHandover';
import { HandoverDetail } from './screens/worker/sharedCare/HandoverDetail';
import { Services } from './screens/admin/Services';
import { Workers } from './screens/admin/Workers';
import { Webhooks } from './screens/admin/Webhooks';

// Charts and the network drawing are only for coordinators: kept out of the field workers' download.
const Indicators = lazy(() => import('./screens/coordinator/Indicators'));
const Gaps = lazy(() => import('./screens/coordinator/Gaps'));
const Cooperation = lazy(() => import('./screens/coordinator/Cooperation'));

interface NavItem {
  href: string;
  label: MessageId;
}

const navFor = (s: Session): NavItem[] => [
  ...(isCaseWorker(s)
    ? [
        { href: '/', label: 'nav.worklist' as const },
        { href: '/clients', label: 'nav.clients' as const },
        { href: '/contacts/new', label: 'nav.contact' as const },
        { href: '/referrals', label: 'nav.referrals' as const },
        { href: '/shared-care', label: 'sharedCare.nav' as const },
      ]
    : []),
  ...(isProviderAdmin(s)
    ? [
        { href: '/admin/services', label: 'nav.services' as const },
        { href: '/admin/workers', label: 'nav.workers' as const },
        { href: '/admin/webhooks', label: 'nav.webhooks' as const },
      ]
    : []),
  ...(isCoordinator(s) || isProviderAdmin(s)
    ? [
        { href: '/stats', label: 'nav.indicators' as const },
        { href: '/stats/gaps', label: 'nav.gaps' as const },
        { href: '/stats/cooperation', label: 'nav.cooperation' as const },
      ]
    : []),
];

const NavLink = ({ item }: { item: NavItem }) => {
  const t = useT();
  const [active] = useRoute(item.href);
  return (
    <li>
      <Link href={item.href} aria-current={active ? 'page' : undefined}>
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

const Home = ({ session }: { session: Session }) => {
  if (isCaseWorker(session)) return <Worklist />;
  if (isProviderAdmin(session)) return <Redirect to="/admin/services" />;
  if (isCoordinator(session)) return <Redirect to="/stats" />;
  return <NotFound />;
};

const SignedIn = ({ session }: { session: Session }) => {
  const caseWork = isCaseWorker(session);
  const admin = isProviderAdmin(session);
  const stats = isCoordinator(session) || admin;
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path="/">
          <Home session={session} />
        </Route>
        {caseWork && <Route path="/clients" component={Clients} />}
        {caseWork && <Route path="/clients/new" component={RegisterClient} />}
        {caseWork && (
          <Route path="/clients/:clientId/contact">{(p) => <RecordContact clientId={p.clientId} />}</Route>
        )}
        {caseWork && (
          <Route path="/clients/:clientId/refer">{(p) => <NewReferral clientId={p.clientId} />}</Route>
        )}
        {caseWork && (
          <Route path="/clients/:clientId/consultation">
            {(p) => <Consultation clientId={p.clientId} />}
          </Route>
        )}
        {caseWork && (
          <Route path="/clients/:clientId/needs">{(p) => <NeedsMapping clientId={p.clientId} />}</Route>
        )}
        {caseWork && (
          <Route path="/clients/:clientId/consents">{(p) => <Consents clientId={p.clientId} />}</Route>
        )}
        {caseWork && (
          <Route path="/clients/:clientId/appointments">
            {(p) => <Appointments clientId={p.clientId} />}
          </Route>
        )}
        {caseWork && (
          <Route path="/clients/:clientId/home-visits">{(p) => <HomeVisits clientId={p.clientId} />}</Route>
        )}
        {caseWork && (
          <Route path="/clients/:clientId/questionnaire">
            {(p) => <Questionnaire clientId={p.clientId} />}
          </Route>
        )}
        {caseWork && (
          <Route path="/clients/:clientId/agreements">{(p) => <Agreements clientId={p.clientId} />}</Route>
        )}
        {caseWork && (
          <Route path="/clients/:clientId/shared-care">
            {(p) => <NewSharedCare clientId={p.clientId} />}
          </Route>
        )}
        {caseWork && (
          <Route path="/clients/:clientId/handover">{(p) => <NewHandover clientId={p.clientId} />}</Route>
        )}
        {caseWork && <Route path="/clients/:clientId">{(p) => <ClientFile clientId={p.clientId} />}</Route>}
        {caseWork && <Route path="/shared-care" component={SharedCareList} />}
        {caseWork && (
          <Route path="/shared-care/:sharedCareId">
            {(p) => <SharedCareDetail sharedCareId={p.sharedCareId} />}
          </Route>
        )}
        {caseWork && (
          <Route path="/handovers/:handoverId">{(p) => <HandoverDetail handoverId={p.handoverId} />}</Route>
        )}
        {caseWork && (
          <Route path="/contacts/new">
            <RecordContact />
          </Route>
        )}
        {caseWork && <Route path="/plans/:planId/print">{(p) => <PlanPrint planId={p.planId} />}</Route>}
        {caseWork && <Route path="/plans/:planId">{(p) => <PlanScreen planId={p.planId} />}</Route>}
        {caseWork && <Route path="/referrals" component={Referrals} />}
        {caseWork && (
          <Route path="/referrals/:referralId">{(p) => <ReferralDetail referralId={p.referralId} />}</Route>
        )}
        {admin && <Route path="/admin/services" component={Services} />}
        {admin && <Route path="/admin/workers" component={Workers} />}
        {admin && <Route path="/admin/webhooks" component={Webhooks} />}
        {stats && <Route path="/stats" component={Indicators} />}
        {stats && <Route path="/stats/gaps" component={Gaps} />}
        {stats && <Route path="/stats/cooperation" component={Cooperation} />}
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
                <NavLink key={item.href} item={item} />
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
