// Every screen of the console as data: its path, who may open it and, for the main navigation, its
// label. Pure data (no React) so the browser journeys can enumerate the screens from the same table
// the console routes by; routes.tsx gives each path its screen. Order matters: the first match wins.
// (Nothing here touches the browser: the journeys' Node typecheck reads this file too.)
import type { MessageId } from './i18n/cs';

/** Who may open a screen: case workers (worker, key worker), provider admins, statistics (coordinators and provider admins), or anyone signed in. */
export type Audience = 'caseWork' | 'admin' | 'stats' | 'signedIn';

interface RouteEntry {
  readonly path: string;
  readonly audience: Audience;
}

export const routeTable = [
  { path: '/', audience: 'signedIn' },
  { path: '/inbox', audience: 'caseWork' },
  { path: '/clients', audience: 'caseWork' },
  { path: '/clients/new', audience: 'caseWork' },
  { path: '/clients/:clientId/contact', audience: 'caseWork' },
  { path: '/clients/:clientId/refer', audience: 'caseWork' },
  { path: '/clients/:clientId/consultation', audience: 'caseWork' },
  { path: '/clients/:clientId/needs', audience: 'caseWork' },
  { path: '/clients/:clientId/consents', audience: 'caseWork' },
  { path: '/clients/:clientId/appointments', audience: 'caseWork' },
  { path: '/clients/:clientId/home-visits', audience: 'caseWork' },
  { path: '/clients/:clientId/questionnaire', audience: 'caseWork' },
  { path: '/clients/:clientId/agreements', audience: 'caseWork' },
  { path: '/clients/:clientId/shared-care', audience: 'caseWork' },
  { path: '/clients/:clientId/handover', audience: 'caseWork' },
  { path: '/clients/:clientId', audience: 'caseWork' },
  { path: '/shared-care', audience: 'caseWork' },
  { path: '/shared-care/:sharedCareId', audience: 'caseWork' },
  { path: '/handovers/:handoverId', audience: 'caseWork' },
  { path: '/contacts/new', audience: 'caseWork' },
  { path: '/contacts', audience: 'caseWork' },
  { path: '/plans/:planId/print', audience: 'caseWork' },
  { path: '/plans/:planId', audience: 'caseWork' },
  { path: '/referrals', audience: 'caseWork' },
  { path: '/referrals/:referralId', audience: 'caseWork' },
  { path: '/admin/services', audience: 'admin' },
  { path: '/admin/workers', audience: 'admin' },
  { path: '/admin/webhooks', audience: 'admin' },
  { path: '/stats', audience: 'stats' },
  { path: '/stats/gaps', audience: 'stats' },
  { path: '/stats/cooperation', audience: 'stats' },
] as const satisfies readonly RouteEntry[];

export type AppPath = (typeof routeTable)[number]['path'];

/** The main navigation, in the order it is shown; who sees an item is its route's audience. */
export const navTable: readonly { path: AppPath; label: MessageId }[] = [
  { path: '/', label: 'nav.worklist' },
  { path: '/inbox', label: 'inbox.nav' },
  { path: '/clients', label: 'nav.clients' },
  { path: '/contacts/new', label: 'nav.contact' },
  { path: '/contacts', label: 'contactsDay.nav' },
  { path: '/referrals', label: 'nav.referrals' },
  { path: '/shared-care', label: 'sharedCare.nav' },
  { path: '/admin/services', label: 'nav.services' },
  { path: '/admin/workers', label: 'nav.workers' },
  { path: '/admin/webhooks', label: 'nav.webhooks' },
  { path: '/stats', label: 'nav.indicators' },
  { path: '/stats/gaps', label: 'nav.gaps' },
  { path: '/stats/cooperation', label: 'nav.cooperation' },
];

export const audienceOf = (path: AppPath): Audience =>
  routeTable.find((r) => r.path === path)?.audience ?? 'signedIn';
