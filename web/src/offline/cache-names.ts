// The names of the console's caches, apart from the code that touches Cache Storage, so the build
// (web/pwa.config.ts) and the Node tests read them without the browser's globals.

/** The service worker's one runtime cache (web/pwa.config.ts): config.json, no personal data. */
export const configCacheName = 'spolu-config';

/** Caches that hold only what every visitor gets: the build and the region's config. */
export const isShellCache = (name: string) => name.startsWith('workbox-precache') || name === configCacheName;
