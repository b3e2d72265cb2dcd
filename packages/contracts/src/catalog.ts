// The one list of every route and every event, in the order services were added.
// A new service adds its routes and events here; OpenAPI, docs and tests pick them up.
import { directoryEvents } from './directory/events';
import { directoryRoutes } from './directory/routes';
import { intakeEvents } from './intake/events';
import { intakeRoutes } from './intake/routes';
import { plansEvents } from './plans/events';
import { plansRoutes } from './plans/routes';
import { statsRoutes } from './stats/routes';
import { webhooksEvents } from './webhooks/events';
import { webhooksRoutes } from './webhooks/routes';
import { referralsEvents } from './referrals/events';
import { referralsRoutes } from './referrals/routes';
import { securityRoutes } from './security/routes';
import type { EventContract } from './events/envelope';
import type { AnyRoute } from './http';

export const allRoutes: AnyRoute[] = [
  ...Object.values(directoryRoutes),
  ...Object.values(intakeRoutes),
  ...Object.values(plansRoutes),
  ...Object.values(statsRoutes),
  ...Object.values(webhooksRoutes),
  ...Object.values(referralsRoutes),
  ...Object.values(securityRoutes),
];

export const allEvents: EventContract[] = [
  ...directoryEvents,
  ...intakeEvents,
  ...plansEvents,
  ...webhooksEvents,
  ...referralsEvents,
];
