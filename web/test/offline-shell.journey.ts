// The console without signal (issue 22 item 1): a field worker's phone signs in once online, the
// service worker takes over, the signal goes, and a reload still starts the console from the
// device: the header, the worklist's heading and a Czech notice that the phone is offline (no
// "Failed to fetch"). The notice goes when the signal is back. The web manifest names the app
// in Czech; the service worker and the manifest are revalidated on every load (no-cache); sign-out
// leaves only the app shell in Cache Storage.
// playwright's context.setOffline also cuts the service worker's network: the shell comes from
// the precache and config.json from the worker's runtime cache, as on a phone without signal.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { expectAccessible, newPage, phone, signIn, signOut } from './browser';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, user } = c));

const offlineNotice = /^Jste offline\. Spolu běží i bez signálu/;

/** Waits for the service worker, reloading until it controls the page (it claims it when active). */
const untilControlled = async (page: Page) => {
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  for (let i = 0; i < 20; i++) {
    if (await page.evaluate('navigator.serviceWorker.controller !== null')) return;
    await page.reload();
    await page.waitForTimeout(250);
  }
  expect(await page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
};

const cacheNames = (page: Page) => page.evaluate('caches.keys()') as Promise<string[]>;

describe('offline shell', () => {
  it('starts from the service worker without signal, says so in Czech, and recovers online', async () => {
    // The manifest and the worker as the server sends them: Czech, and revalidated on every load.
    const manifest = await fetch(new URL('/manifest.webmanifest', rt.url));
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toMatch(/application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    const app = (await manifest.json()) as {
      name: string;
      lang: string;
      display: string;
      start_url: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(app).toMatchObject({ name: 'Spolu', lang: 'cs', display: 'standalone', start_url: './' });
    expect(app.icons.map((i) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`)).toEqual(
      expect.arrayContaining(['192x192', '512x512', '512x512 maskable']),
    );
    for (const icon of app.icons) {
      const png = await fetch(new URL(`/${icon.src}`, rt.url));
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
    }
    const sw = await fetch(new URL('/sw.js', rt.url));
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('content-type')).toMatch(/javascript/);

    const petra = user('k-centrum-liberec/petra-hajkova');
    const { context, page } = await newPage(browser, rt.url, { viewport: phone });
    await signIn(page, petra.email);
    await page.getByRole('heading', { name: 'Můj přehled' }).waitFor();
    // The page links the manifest, so a phone offers to install the console.
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    await untilControlled(page);
    // The worker has config.json from the page's first request through it (no reload needed).
    await page.waitForFunction(`caches.keys().then((k) => k.includes('spolu-config'))`);
    await page.getByRole('heading', { name: 'Můj přehled' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: offlineNotice }).count()).toBe(0);

    await context.setOffline(true);
    // The notice comes with the offline event, before any reload.
    await page.getByRole('status').filter({ hasText: offlineNotice }).waitFor();
    await page.reload();
    // The shell from the worker: the header, the worklist (the session is still in sessionStorage).
    await page.locator('header.app-header').getByText('Spolu').waitFor();
    await page.getByRole('heading', { name: 'Můj přehled' }).waitFor();
    await page.getByRole('status').filter({ hasText: offlineNotice }).waitFor();
    await page.locator('button.menu-button').waitFor();
    // Whatever the worklist could not load says so in Czech, never the browser's English.
    await page.waitForTimeout(1000);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/Failed to fetch|NetworkError|Load failed/);
    await expectAccessible(page, 'offline shell');

    await context.setOffline(false);
    await page.getByRole('status').filter({ hasText: offlineNotice }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Můj přehled' }).waitFor();

    // Sign-out: the worker stays (the next sign-in starts without signal too), and Cache Storage
    // keeps the app shell alone; a cache holding anything else is gone.
    await page.evaluate(`caches.open('spolu-probe').then((c) => c.put('/probe', new Response('data')))`);
    expect(await cacheNames(page)).toContain('spolu-probe');
    await signOut(page);
    await page.waitForFunction(`caches.keys().then((k) => !k.includes('spolu-probe'))`);
    const left = await cacheNames(page);
    expect(left).toEqual(expect.arrayContaining(['spolu-config']));
    expect(left.some((name) => name.startsWith('workbox-precache'))).toBe(true);
    expect(left.every((name) => name === 'spolu-config' || name.startsWith('workbox-precache'))).toBe(true);
    expect(await page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    await context.close();
  });
});
