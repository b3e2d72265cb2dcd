// The console as an installable PWA (issue 22 item 1): vite-plugin-pwa writes the web app manifest,
// the icons (from public/favicon.svg, with @vite-pwa/assets-generator) and a Workbox service worker
// (generateSW) into web/dist. Kept apart from vite.config.ts so a test can check what is cached.
//
// What the service worker keeps (docs/DECISIONS.md, "Offline console (issue 22)"):
// - the precache: the built app shell only (index.html, JS, CSS, fonts, icons, the manifest);
// - config.json, network first with the last copy as fallback, so an offline reload still starts;
// - nothing else. No API response (same origin locally, another origin in AWS), no /dev/*, /docs,
//   /openapi.json: client data never sits in Cache Storage. The outbox of next session keeps its
//   records encrypted in IndexedDB, not here.
import type { VitePWAOptions } from 'vite-plugin-pwa';
import { configCacheName } from './src/offline/cache-names';

/** Only the console's own /config.json: never an API path, never another origin. */
export const isRuntimeCached = ({ url, sameOrigin }: { url: URL; sameOrigin: boolean }) =>
  sameOrigin && url.pathname === '/config.json';

/**
 * Navigations answered with the cached index.html: the hash router keeps every screen under `/`
 * (`/#/clients/...`), so only `/` (with a query, e.g. the OIDC redirect's `?code=`) is navigated.
 * /docs, /openapi.json, /dev/* and the API go to the network.
 */
export const navigateFallbackAllowlist = [/^\/(\?.*)?$/];

export const themeColor = '#0b5394'; // --brand in src/styles.css
export const backgroundColor = '#f6f8fa'; // --bg

export const pwaOptions: Partial<VitePWAOptions> = {
  // A new build takes over as soon as the browser has it: the check runs when the console is
  // opened, so the reload comes seconds after opening, before anything is typed (why: DECISIONS).
  registerType: 'autoUpdate',
  // main.tsx registers the worker (virtual:pwa-register), only in the built console.
  injectRegister: false,
  manifestFilename: 'manifest.webmanifest',
  pwaAssets: {
    image: 'public/favicon.svg',
    preset: 'minimal-2023',
    // index.html names its own icon (the SVG); the manifest gets the generated PNGs.
    includeHtmlHeadLinks: false,
    overrideManifestIcons: true,
    injectThemeColor: true,
  },
  manifest: {
    id: './',
    name: 'Spolu',
    short_name: 'Spolu',
    description: 'Spolu: evidence sociální práce a doporučení mezi službami',
    lang: 'cs',
    dir: 'ltr',
    start_url: './',
    scope: './',
    display: 'standalone',
    orientation: 'any',
    theme_color: themeColor,
    background_color: backgroundColor,
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,woff2,svg,png,ico}'],
    // The coordinator's lazy chunks (charts, cooperation map) are precached too: one download.
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackAllowlist,
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [
      {
        urlPattern: isRuntimeCached,
        handler: 'NetworkFirst',
        options: {
          cacheName: configCacheName,
          // A weak signal: the last config after 4 s rather than a blank screen.
          networkTimeoutSeconds: 4,
          expiration: { maxEntries: 1 },
        },
      },
    ],
  },
};
