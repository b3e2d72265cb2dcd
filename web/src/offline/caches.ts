// Cache Storage on the device (issue 22): the service worker keeps the built app shell (Workbox's
// precache) and config.json. Nothing else may hold data there; sign-out deletes every other cache,
// so whatever a later change caches by mistake does not outlive the session. The worker stays
// registered: the shell must still start offline for the next sign-in.

/** The service worker's one runtime cache (web/pwa.config.ts): config.json, no personal data. */
export const configCacheName = 'spolu-config';

/** Caches that hold only what every visitor gets: the build and the region's config. */
export const isShellCache = (name: string) => name.startsWith('workbox-precache') || name === configCacheName;

/** Deletes every cache but the shell's; returns the names deleted. */
export const clearDataCaches = async (): Promise<string[]> => {
  if (typeof caches === 'undefined') return [];
  const names = (await caches.keys()).filter((name) => !isShellCache(name));
  await Promise.all(names.map((name) => caches.delete(name)));
  return names;
};
