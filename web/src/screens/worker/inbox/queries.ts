// The inbox's cache keys: the badge and the list share them, so marking read or a new notice
// refreshes both.
import type { QueryClient } from '@tanstack/react-query';

export const inboxKeys = {
  all: ['inbox'] as const,
  summary: ['inbox', 'summary'] as const,
  list: ['inbox', 'list'] as const,
  preferences: ['inbox', 'preferences'] as const,
};

/** How often the badge asks (and tells the server the worker is in the console, so no e-mail goes
 * out for what they can see): ~300 people online in a region make 30 requests a second, well
 * inside the API's throttle; coming back to the tab asks at once. */
export const badgePollMs = 10_000;

export const refreshInbox = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: inboxKeys.all });
