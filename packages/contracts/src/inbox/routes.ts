import { Scopes } from '../auth';
import { defineRoute } from '../http';
import { Page } from '../pagination';
import {
  InboxPreferences,
  InboxQuery,
  InboxSummary,
  MarkAllReadResult,
  Notice,
  NoticeParams,
} from './schemas';

/** Every person who does client work has an inbox; partner systems and coordinators do not. */
const own = { scopes: [Scopes.referralsRead], roles: ['worker', 'key-worker'], tags: ['inbox'] } as const;

export const inboxRoutes = {
  listNotices: defineRoute({
    id: 'inbox.listNotices',
    method: 'GET',
    path: '/inbox',
    summary: "The caller's notices, newest first",
    query: InboxQuery,
    response: Page(Notice),
    ...own,
  }),
  inboxSummary: defineRoute({
    id: 'inbox.summary',
    method: 'GET',
    path: '/inbox/summary',
    summary: "How many of the caller's notices are unread (the console's badge)",
    response: InboxSummary,
    ...own,
  }),
  markRead: defineRoute({
    id: 'inbox.markRead',
    method: 'POST',
    path: '/inbox/{noticeId}/read',
    summary: 'Mark one notice read (again is harmless)',
    params: NoticeParams,
    response: Notice,
    ...own,
  }),
  markAllRead: defineRoute({
    id: 'inbox.markAllRead',
    method: 'POST',
    path: '/inbox/read-all',
    summary: "Mark the caller's unread notices read",
    response: MarkAllReadResult,
    ...own,
  }),
  getPreferences: defineRoute({
    id: 'inbox.getPreferences',
    method: 'GET',
    path: '/inbox/preferences',
    summary: "The caller's e-mail notice preference",
    response: InboxPreferences,
    ...own,
  }),
  putPreferences: defineRoute({
    id: 'inbox.putPreferences',
    method: 'PUT',
    path: '/inbox/preferences',
    summary: 'Turn e-mail notices on (with the address) or off',
    body: InboxPreferences,
    response: InboxPreferences,
    ...own,
  }),
};
