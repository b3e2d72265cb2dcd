// Each path of the route table (routeTable.ts) with its screen, given the path's parameters typed from
// the path itself; SignedIn renders the table in order, only the routes the person's roles allow.
import type { ReactNode } from 'react';
import { lazy } from 'react';
import type { StringRouteParams } from 'wouter';
import { Redirect } from 'wouter';
import type { Session } from './auth/session';
import { isCaseWorker, isCoordinator, isProviderAdmin } from './auth/session';
import type { AppPath, Audience } from './routeTable';
import { audienceOf, navTable, routeTable } from './routeTable';
import { Worklist } from './screens/worker/Worklist';
import { Inbox } from './screens/worker/inbox/Inbox';
import { Clients } from './screens/worker/Clients';
import { RegisterClient } from './screens/worker/RegisterClient';
import { ClientFile } from './screens/worker/ClientFile';
import { RecordContact } from './screens/worker/RecordContact';
import { ContactsDay } from './screens/worker/ContactsDay';
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

export const audienceAllows: Record<Audience, (s: Session) => boolean> = {
  caseWork: isCaseWorker,
  admin: isProviderAdmin,
  stats: (s) => isCoordinator(s) || isProviderAdmin(s),
  signedIn: () => true,
};

/** The main navigation for the person; the worklist ('/') is a case worker's item, others are
 * redirected from '/' to their first screen. */
export const navFor = (s: Session) =>
  navTable.filter((item) => (item.path === '/' ? isCaseWorker(s) : audienceAllows[audienceOf(item.path)](s)));

/** '/' is the case worker's worklist; a provider admin or a coordinator lands on their first screen. */
const Home = ({ session, notFound }: { session: Session; notFound: ReactNode }) => {
  if (isCaseWorker(session)) return <Worklist />;
  if (isProviderAdmin(session)) return <Redirect to="/admin/services" />;
  if (isCoordinator(session)) return <Redirect to="/stats" />;
  return notFound;
};

export interface ScreenContext {
  session: Session;
  notFound: ReactNode;
}

type Screens = { [P in AppPath]: (params: StringRouteParams<P>, ctx: ScreenContext) => ReactNode };

const screens: Screens = {
  '/': (_, ctx) => <Home session={ctx.session} notFound={ctx.notFound} />,
  '/inbox': () => <Inbox />,
  '/clients': () => <Clients />,
  '/clients/new': () => <RegisterClient />,
  '/clients/:clientId/contact': (p) => <RecordContact clientId={p.clientId} />,
  '/clients/:clientId/refer': (p) => <NewReferral clientId={p.clientId} />,
  '/clients/:clientId/consultation': (p) => <Consultation clientId={p.clientId} />,
  '/clients/:clientId/needs': (p) => <NeedsMapping clientId={p.clientId} />,
  '/clients/:clientId/consents': (p) => <Consents clientId={p.clientId} />,
  '/clients/:clientId/appointments': (p) => <Appointments clientId={p.clientId} />,
  '/clients/:clientId/home-visits': (p) => <HomeVisits clientId={p.clientId} />,
  '/clients/:clientId/questionnaire': (p) => <Questionnaire clientId={p.clientId} />,
  '/clients/:clientId/agreements': (p) => <Agreements clientId={p.clientId} />,
  '/clients/:clientId/shared-care': (p) => <NewSharedCare clientId={p.clientId} />,
  '/clients/:clientId/handover': (p) => <NewHandover clientId={p.clientId} />,
  '/clients/:clientId': (p) => <ClientFile clientId={p.clientId} />,
  '/shared-care': () => <SharedCareList />,
  '/shared-care/:sharedCareId': (p) => <SharedCareDetail sharedCareId={p.sharedCareId} />,
  '/handovers/:handoverId': (p) => <HandoverDetail handoverId={p.handoverId} />,
  '/contacts/new': () => <RecordContact />,
  '/contacts': () => <ContactsDay />,
  '/plans/:planId/print': (p) => <PlanPrint planId={p.planId} />,
  '/plans/:planId': (p) => <PlanScreen planId={p.planId} />,
  '/referrals': () => <Referrals />,
  '/referrals/:referralId': (p) => <ReferralDetail referralId={p.referralId} />,
  '/admin/services': () => <Services />,
  '/admin/workers': () => <Workers />,
  '/admin/webhooks': () => <Webhooks />,
  '/stats': () => <Indicators />,
  '/stats/gaps': () => <Gaps />,
  '/stats/cooperation': () => <Cooperation />,
};

export interface AppRoute {
  path: AppPath;
  audience: Audience;
  render: (params: Record<string, string | undefined>, ctx: ScreenContext) => ReactNode;
}

// One entry's screen with the parameters wouter matched for that entry's own path.
const entry = <P extends AppPath>(path: P, audience: Audience): AppRoute => ({
  path,
  audience,
  render: (params, ctx) => screens[path](params as StringRouteParams<P>, ctx),
});

export const appRoutes: readonly AppRoute[] = routeTable.map((r) => entry(r.path, r.audience));
