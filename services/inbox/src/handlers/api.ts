// A worker's own inbox: the notices, the badge count, marking read and the e-mail preference.
// Only ever the caller's own (the user id and tenant come from the token); notices hold ids and
// codes, no client data, so reading them is not a client-data access.
import { inboxRoutes as r } from '@spolu/contracts';
import { httpApi, implement, notFound } from '@spolu/platform';
import { markedRead } from '../domain/notices';
import { createStore } from '../store';

/** The badge asks every half minute; presence is written at most this often. */
const seenEveryMs = 60_000;

export const handler = httpApi('inbox', (env) => {
  const store = createStore(env);
  return [
    implement(r.listNotices, async ({ query, tenant, auth }) => {
      const page = await store.listNotices(tenant(), auth.userId, {
        limit: query.limit,
        cursor: query.cursor,
        unread: query.unread === 'true',
      });
      return { body: page };
    }),

    implement(r.inboxSummary, async ({ tenant, auth }) => {
      const t = tenant();
      const now = env.now();
      const [summary, seen] = await Promise.all([
        store.countUnread(t, auth.userId),
        store.lastSeenAt(t, auth.userId),
      ]);
      // The person is in the console: no e-mail for what they can see here. Written when a notice
      // came since they were last seen, else at most once a minute.
      const newer = summary.latestAt !== undefined && (!seen || summary.latestAt > seen);
      if (newer || !seen || now.getTime() - Date.parse(seen) >= seenEveryMs)
        await store.markSeen(t, auth.userId, now.toISOString());
      return { body: summary };
    }),

    implement(r.markRead, async ({ params, tenant, auth, tx }) => {
      const t = tenant();
      const notice = await store.getNotice(t, auth.userId, params.noticeId);
      if (!notice) throw notFound(`notice ${params.noticeId}`);
      const read = markedRead(notice, env.now().toISOString());
      if (read !== notice) store.putNotice(tx, t, auth.userId, read);
      return { body: read };
    }),

    implement(r.markAllRead, async ({ tenant, auth, tx }) => {
      const t = tenant();
      const at = env.now().toISOString();
      // One transaction holds at most 100 writes: the newest 90 unread now, the rest on the next call.
      const unread = await store.unreadNotices(t, auth.userId, 90);
      for (const n of unread) store.putNotice(tx, t, auth.userId, markedRead(n, at));
      return { body: { marked: unread.length } };
    }),

    implement(r.getPreferences, async ({ tenant, auth }) => ({
      body: await store.getPreferences(tenant(), auth.userId),
    })),

    implement(r.putPreferences, async ({ body, tenant, auth, tx }) => {
      store.putPreferences(tx, tenant(), auth.userId, body);
      return { body };
    }),
  ];
});
