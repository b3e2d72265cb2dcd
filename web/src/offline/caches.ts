// Cache Storage on the device (issue 22): the service worker keeps the built app shell (Workbox's
// precache) and config.json. Nothing else may hold data there; sign-out deletes every other cache,
// so whatever a later change caches by mistake does not outlive the session. The worker stays
// registered: the shell must still start offline for the next sign-in.

import { isShellCache } from './cache-names';

/** Deletes every cache but the shell's; returns the names deleted. */
export const clearDataCaches = async (): Promise<string[]> => {
  if (typeof caches === 'undefined') return [];
  const names = (await caches.keys()).filter((name) => !isShellCache(name));
  await Promise.all(names.map((name) => caches.delete(name)));
  return names;
};
