// The one list of every route, in the order services were added (the events are in
// event-catalog.ts, apart, so a function that needs only them does not bundle every route's
// schemas). A new service adds its routes here; OpenAPI, docs and tests pick them up.
import { directoryRoutes } from './directory/routes';
import { intakeRoutes } from './intake/routes';
import { plansRoutes } from './plans/routes';
import { statsRoutes } from './stats/routes';
import { webhooksRoutes } from './webhooks/routes';
import { referralsRoutes } from './referrals/routes';
import { securityRoutes } from './security/routes';
import { fhirRoutes } from './fhir/routes';
import { inboxRoutes } from './inbox/routes';
import type { AnyRoute } from './http';

export const allRoutes: AnyRoute[] = [
  ...Object.values(directoryRoutes),
  ...Object.values(intakeRoutes),
  ...Object.values(plansRoutes),
  ...Object.values(statsRoutes),
  ...Object.values(webhooksRoutes),
  ...Object.values(referralsRoutes),
  ...Object.values(securityRoutes),
  ...Object.values(fhirRoutes),
  ...Object.values(inboxRoutes),
];
