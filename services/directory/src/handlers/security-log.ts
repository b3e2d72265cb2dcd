// GET /security-log: the region's refused requests for platform ops, newest first.
import { security, securityRoutes as r } from '@spolu/contracts';
import { httpApi, implement, unprocessable } from '@spolu/platform';
import { callerMatches, queryWindow } from '../domain/security-log';
import { createStore } from '../store';

export const handler = httpApi('directory', (env) => {
  const store = createStore(env);
  return [
    implement(r.listSecurityLog, async ({ query }) => {
      const window = queryWindow(query, env.now(), security.maxSecurityLogDays);
      if ('error' in window)
        throw unprocessable(window.error, [{ path: 'query.from', message: window.error, code: 'window' }]);
      const page = await store.securityLogPage(
        window,
        { limit: query.limit, cursor: query.cursor },
        (e) =>
          (query.caller === undefined || callerMatches(e.caller, query.caller)) &&
          (query.status === undefined || e.status === query.status),
      );
      return { body: page };
    }),
  ];
});
