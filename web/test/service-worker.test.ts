// What the console's service worker keeps on the device (issue 22): the built app shell in the
// precache, config.json in one runtime cache, and nothing else: no API response (same origin in the
// local runtime, another origin in AWS), no /dev/*, /docs or /openapi.json. Checks the Workbox
// options (web/pwa.config.ts) and the worker `vite build` generated from them (web/dist/sw.js;
// `npm test` builds the console first).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { isRuntimeCached, navigateFallbackAllowlist, pwaOptions } from '../pwa.config';
import { configCacheName, isShellCache } from '../src/offline/cache-names';

const dist = resolve(import.meta.dirname, '../dist');
const origin = 'http://127.0.0.1:3000';
const apiInAws = 'https://abc123.execute-api.eu-central-1.amazonaws.com';

/** Paths of the API and the local runtime's pages that must never be answered from a cache. */
const neverCached = [
  '/clients',
  '/clients/01J0000000000000000000000',
  '/referrals?status=pending',
  '/contacts',
  '/workers/abc',
  '/notices',
  '/stats/indicators/clients/table',
  '/dev/seed-status',
  '/dev/token',
  '/docs',
  '/docs/swagger-ui.css',
  '/openapi.json',
  '/.well-known/openid-configuration',
];

const routeMatches = (match: (o: { url: URL; sameOrigin: boolean }) => boolean, href: string) => {
  const url = new URL(href);
  return match({ url, sameOrigin: url.origin === origin });
};

/** The generated worker's precache list and runtime routes, read from its text. */
const built = () => {
  const file = join(dist, 'sw.js');
  if (!existsSync(file)) throw new Error('web/dist/sw.js is missing: run `npm run build:web` first');
  const sw = readFileSync(file, 'utf8');
  const precache = [...sw.matchAll(/\{url:"([^"]+)",revision:/g)].map((m) => m[1]!);
  // e.registerRoute(({url:e,sameOrigin:s})=>..., new e.NetworkFirst({cacheName:"...", ...
  const runtime = [
    ...sw.matchAll(/registerRoute\((\(\{[^}]*\}\)=>[^,]+),new \w+\.(\w+)\(\{cacheName:"([^"]+)"/g),
  ].map((m) => ({ matcher: m[1]!, handler: m[2]!, cacheName: m[3]! }));
  return { sw, precache, runtime, routes: sw.split('registerRoute(').length - 1 };
};

describe('the console service worker', () => {
  it('runtime-caches config.json of its own origin and nothing else (options)', () => {
    expect(routeMatches(isRuntimeCached, `${origin}/config.json`)).toBe(true);
    for (const path of neverCached) expect(routeMatches(isRuntimeCached, `${origin}${path}`)).toBe(false);
    for (const path of ['/clients', '/config.json']) {
      expect(routeMatches(isRuntimeCached, `${apiInAws}${path}`)).toBe(false);
    }
    const caching = pwaOptions.workbox?.runtimeCaching ?? [];
    expect(caching.map((c) => [c.handler, c.options?.cacheName])).toEqual([
      ['NetworkFirst', configCacheName],
    ]);
  });

  it('answers only the navigation to / with the cached index.html (hash router)', () => {
    const navigable = (path: string) => navigateFallbackAllowlist.some((re) => re.test(path));
    expect(navigable('/')).toBe(true);
    expect(navigable('/?code=abc&state=xyz')).toBe(true); // back from the hosted sign-in
    for (const path of [...neverCached, '/index.html/x', '/assets/x.js']) expect(navigable(path)).toBe(false);
    expect(pwaOptions.workbox?.navigateFallback).toBe('index.html');
  });

  it('the built worker precaches static files of the build only', () => {
    const { precache } = built();
    const staticFile =
      /^(index\.html|manifest\.webmanifest|favicon\.(svg|ico)|(pwa-\d+x\d+|maskable-icon-\d+x\d+|apple-touch-icon-\d+x\d+)\.png|assets\/[\w.-]+\.(js|css|svg|png|woff2))$/;
    expect(precache.length).toBeGreaterThan(5);
    expect(precache.filter((url) => !staticFile.test(url))).toEqual([]);
    expect(precache.filter((url) => /config\.json|openapi|^dev\/|^docs/.test(url))).toEqual([]);
    // The shell: index.html, the manifest, the icons and every script and style index.html loads.
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    const loaded = [...index.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1]!);
    expect(loaded.some((f) => f.endsWith('.js'))).toBe(true);
    expect(precache).toEqual(
      expect.arrayContaining([
        'index.html',
        'manifest.webmanifest',
        'pwa-192x192.png',
        'pwa-512x512.png',
        'maskable-icon-512x512.png',
        ...loaded,
      ]),
    );
    // Every script and style of the build, the lazy screens too: they open offline as well.
    const assets = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    expect(precache).toEqual(expect.arrayContaining(assets.map((f) => `assets/${f}`)));
  });

  it('the built worker has two routes: the navigation to / and config.json, network first', () => {
    const { sw, runtime, routes } = built();
    expect(routes).toBe(2);
    expect(sw).toContain('NavigationRoute(');
    expect(sw).toContain(`allowlist:[${navigateFallbackAllowlist.map(String).join(',')}]`);
    expect(runtime).toHaveLength(1);
    const [route] = runtime;
    expect(route).toMatchObject({ handler: 'NetworkFirst', cacheName: configCacheName });
    // The generated matcher itself, run on the paths that must never be cached.
    const matcher = new Function(`return ${route!.matcher}`)() as Parameters<typeof routeMatches>[0];
    expect(routeMatches(matcher, `${origin}/config.json`)).toBe(true);
    for (const path of neverCached) expect(routeMatches(matcher, `${origin}${path}`)).toBe(false);
    expect(routeMatches(matcher, `${apiInAws}/clients`)).toBe(false);
    // No other cache name anywhere in the worker.
    expect([...sw.matchAll(/cacheName:"([^"]+)"/g)].map((m) => m[1])).toEqual([configCacheName]);
  });

  it('sign-out keeps only the shell caches', () => {
    expect(isShellCache(configCacheName)).toBe(true);
    expect(isShellCache('workbox-precache-v2-https://d111.cloudfront.net/')).toBe(true);
    for (const name of ['spolu-probe', 'workbox-runtime-https://x/', 'api', 'spolu-outbox']) {
      expect(isShellCache(name)).toBe(false);
    }
  });
});
