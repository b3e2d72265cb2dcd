// Each path of the route table (routeTable.ts) with its screen, given the path's parameters typed from
// the path itself; SignedIn renders the table in order, only the routes the person's roles allow.
import type { ComponentType, ReactNode } from 'react';
import { isValidElement, lazy } from 'react';
import type { StringRouteParams } from 'wouter';
import { Redirect } from 'wouter';
import type { Session } from './auth/session';
import { isCaseWorker, isCoordinator, isProviderAdmin } from './auth/session';
import type { AppPath, Audience } from './routeTable';
import { audienceOf, navTable, routeTable } from './routeTable';
import { loadStaffMessages } from './i18n/locale';

// Every screen is its own chunk, loaded when first opened (the service worker has them all for
// offline use): the first download on a phone is the shell, not thirty screens, the charts and the
// network drawing (issue 24 item 5). The screen a page is opened on starts loading at once, next to
// config.json (preloadScreen, main.tsx), not only after the shell has rendered.
const preloads = new Map<unknown, () => Promise<unknown>>();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own constraint
const screen = <T extends ComponentType<any>>(load: () => Promise<{ default: T }>) => {
  const component = lazy(load);
  preloads.set(component, load);
  return component;
};
const Worklist = screen(() => import('./screens/worker/Worklist').then((m) => ({ default: m.Worklist })));
const Inbox = screen(() => import('./screens/worker/inbox/Inbox').then((m) => ({ default: m.Inbox })));
const Clients = screen(() => import('./screens/worker/Clients').then((m) => ({ default: m.Clients })));
const RegisterClient = screen(() =>
  import('./screens/worker/RegisterClient').then((m) => ({ default: m.RegisterClient })),
);
const ClientFile = screen(() =>
  import('./screens/worker/ClientFile').then((m) => ({ default: m.ClientFile })),
);
const RecordContact = screen(() =>
  import('./screens/worker/RecordContact').then((m) => ({ default: m.RecordContact })),
);
const ContactsDay = screen(() =>
  import('./screens/worker/ContactsDay').then((m) => ({ default: m.ContactsDay })),
);
const PlanPrint = screen(() => import('./screens/worker/PlanPrint').then((m) => ({ default: m.PlanPrint })));
const PlanScreen = screen(() =>
  import('./screens/worker/PlanScreen').then((m) => ({ default: m.PlanScreen })),
);
const Referrals = screen(() => import('./screens/worker/Referrals').then((m) => ({ default: m.Referrals })));
const NewReferral = screen(() =>
  import('./screens/worker/NewReferral').then((m) => ({ default: m.NewReferral })),
);
const ReferralDetail = screen(() =>
  import('./screens/worker/ReferralDetail').then((m) => ({ default: m.ReferralDetail })),
);
const Consultation = screen(() =>
  import('./screens/worker/Consultation').then((m) => ({ default: m.Consultation })),
);
const NeedsMapping = screen(() =>
  import('./screens/worker/NeedsMapping').then((m) => ({ default: m.NeedsMapping })),
);
const Consents = screen(() => import('./screens/worker/Consents').then((m) => ({ default: m.Consents })));
const Appointments = screen(() =>
  import('./screens/worker/Appointments').then((m) => ({ default: m.Appointments })),
);
const HomeVisits = screen(() =>
  import('./screens/worker/HomeVisits').then((m) => ({ default: m.HomeVisits })),
);
const Questionnaire = screen(() =>
  import('./screens/worker/Questionnaire').then((m) => ({ default: m.Questionnaire })),
);
const Agreements = screen(() =>
  import('./screens/worker/Agreements').then((m) => ({ default: m.Agreements })),
);
const SharedCareList = screen(() =>
  import('./screens/worker/sharedCare/SharedCareList').then((m) => ({ default: m.SharedCareList })),
);
const NewSharedCare = screen(() =>
  import('./screens/worker/sharedCare/NewSharedCare').then((m) => ({ default: m.NewSharedCare })),
);
const SharedCareDetail = screen(() =>
  import('./screens/worker/sharedCare/SharedCareDetail').then((m) => ({ default: m.SharedCareDetail })),
);
const NewHandover = screen(() =>
  import('./screens/worker/sharedCare/NewHandover').then((m) => ({ default: m.NewHandover })),
);
const HandoverDetail = screen(() =>
  import('./screens/worker/sharedCare/HandoverDetail').then((m) => ({ default: m.HandoverDetail })),
);
// Coordinator and admin screens bring their texts (i18n/locale.tsx loadStaffMessages).
const withStaffTexts =
  <T,>(load: () => Promise<T>) =>
  () =>
    Promise.all([load(), loadStaffMessages()]).then(([module]) => module);
const Services = screen(
  withStaffTexts(() => import('./screens/admin/Services').then((m) => ({ default: m.Services }))),
);
const Workers = screen(
  withStaffTexts(() => import('./screens/admin/Workers').then((m) => ({ default: m.Workers }))),
);
const Webhooks = screen(
  withStaffTexts(() => import('./screens/admin/Webhooks').then((m) => ({ default: m.Webhooks }))),
);
const Indicators = screen(withStaffTexts(() => import('./screens/coordinator/Indicators')));
const Gaps = screen(withStaffTexts(() => import('./screens/coordinator/Gaps')));
const Cooperation = screen(withStaffTexts(() => import('./screens/coordinator/Cooperation')));

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

/** The parameters of `path` when it matches the route's pattern (`/clients/:clientId`). */
const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, seg] of want.entries()) {
    const value = got[i] ?? '';
    if (seg.startsWith(':') && value !== '') params[seg.slice(1)] = decodeURIComponent(value);
    else if (seg !== value) return undefined;
  }
  return params;
};

/** Starts loading the chunk of the screen `path` shows to this person (nothing when signed out). */
export const preloadScreen = (path: string, session: Session | undefined) => {
  if (!session) return;
  for (const route of appRoutes) {
    if (!audienceAllows[route.audience](session)) continue;
    const params = matchPath(route.path, path);
    if (!params) continue;
    const shown =
      route.path === '/' && isCaseWorker(session) ? (
        <Worklist />
      ) : (
        route.render(params, { session, notFound: null })
      );
    const load = isValidElement(shown) ? preloads.get(shown.type) : undefined;
    void load?.().catch(() => undefined);
    return;
  }
};
