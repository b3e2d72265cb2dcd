// On mobile data the console's script takes a while to arrive; until then the page shows its shell
// (web/index.html: the header and "Načítám…"), not a white screen, and the console replaces the
// shell on its first render (issue 24 item 5: the first paint no longer waits for the script).
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { newPage, phone } from './browser';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(60_000);

let rt: RegionRuntime;
let browser: Browser;
withConsoleRuntime((c) => ({ rt, browser } = c));

describe('first paint', () => {
  it('shows the shell while the script is on its way, then the console in its place', async () => {
    // No service worker: the entry script comes from the network, where the test holds it back.
    const { context, page } = await newPage(browser, rt.url, { viewport: phone, serviceWorkers: 'block' });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/', { waitUntil: 'commit' });

    // The script has not run: what shows is index.html's own shell.
    await expect(page.getByRole('status').textContent()).resolves.toBe('Načítám…');
    await expect(page.locator('header .brand').textContent()).resolves.toContain('Spolu');
    expect(await page.locator('header .brand').isVisible()).toBe(true);

    release();
    // The console's sign-in form, with one header and no loading notice left from the shell.
    await page.getByRole('button', { name: 'Přihlásit se' }).waitFor();
    expect({
      headers: await page.locator('header.app-header').count(),
      loading: await page.getByText('Načítám…').count(),
    }).toEqual({ headers: 1, loading: 0 });
    await context.close();
  });
});
