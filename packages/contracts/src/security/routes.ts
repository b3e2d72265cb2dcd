import { Scopes } from '../auth';
import { defineRoute } from '../http';
import { Page } from '../pagination';
import { SecurityLogEntry, SecurityLogQuery } from './schemas';

export const securityRoutes = {
  listSecurityLog: defineRoute({
    id: 'directory.listSecurityLog',
    method: 'GET',
    path: '/security-log',
    summary: 'Refused requests of the region (security log), newest first',
    description:
      'Platform ops only. Every 401, 403, 404 on a by-id route, refused cursor and 429, with the caller, the route and target id, and the answer. Ids only; the client-data audit is kept apart.',
    scopes: [Scopes.platformAdmin],
    roles: ['platform-ops'],
    query: SecurityLogQuery,
    response: Page(SecurityLogEntry),
    tags: ['security'],
  }),
};
