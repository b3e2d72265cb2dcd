// Browser tests drive Chromium (./chromium.ts picks which) through playwright-core against a real local runtime
// (DynamoDB Local, the local bus, the gateway) serving the built console, like `npm start` does.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from '@jest/globals';

import { chromiumLaunchOptions } from './chromium';

/** Every browser test launches Chromium here: CHROMIUM_PATH, else /usr/bin/chromium, else the npm one. */
export const launch = async (): Promise<Browser> => chromium.launch(await chromiumLaunchOptions());

export const phone = { width: 360, height: 740 };
export const desktop = { width: 1280, height: 860 };

export const newPage = async (
  browser: Browser,
  baseUrl: string,
  opts: {
    locale?: 'cs' | 'en';
    viewport?: { width: number; height: number };
    /** 'block': no service worker, so every file comes from the network, where a test can hold it. */
    serviceWorkers?: 'block';
  } = {},
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: opts.viewport ?? desktop,
    locale: opts.locale === 'en' ? 'en-GB' : 'cs-CZ',
    acceptDownloads: true,
    ...(opts.serviceWorkers ? { serviceWorkers: opts.serviceWorkers } : {}),
  });
  const page = await context.newPage();
  // The console's language is the user's choice, kept in localStorage; a test sets it up front.
  await page.addInitScript(
    (locale) =>
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('spolu.locale', locale),
    opts.locale ?? 'cs',
  );
  page.setDefaultTimeout(30_000);
  // A script error in the console fails loudly in the test output, not as a blank page.
  page.on('pageerror', (err) => console.error(`page error at ${page.url()}: ${err.message}`));
  return { context, page };
};

/** Signs in through the dev sign-in form (local runtime only), as a person would. */
export const signIn = async (page: Page, email: string, submitLabel: RegExp = /Přihlásit se|Sign in/) => {
  await page.goto('/');
  await page.locator('select[name="user"]').selectOption(email);
  await page.getByRole('button', { name: submitLabel }).click();
  // The main navigation on a wider screen; on a phone (below 640 px) the menu button that opens it.
  await page.locator('nav:visible, button.menu-button:visible').first().waitFor();
};

/**
 * Opens the header's menu when the viewport is a phone's (the menu button is shown only below
 * 640 px), so the main navigation, the language and sign-out can be clicked; on a wider screen
 * they are in the header already and nothing is clicked. Returns the main navigation.
 */
export const openNav = async (page: Page) => {
  const button = page.locator('button.menu-button');
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true')
    await button.click();
  const nav = page.getByRole('navigation', { name: /Hlavní navigace|Main navigation/ });
  await nav.waitFor();
  return nav;
};

export const signOut = async (page: Page) => {
  await openNav(page);
  await page.getByRole('button', { name: /Odhlásit|Sign out/ }).click();
  await page.locator('select[name="user"]').waitFor();
};

/** axe-core with the WCAG 2.1 A/AA rules; serious and critical violations fail the test. */
export const expectAccessible = async (page: Page, what: string) => {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
  return result.violations.length;
};

const screenshotDir = resolve(import.meta.dirname, '../../docs/screenshots');
const shots = process.env.SPOLU_SCREENSHOTS === '1';
/** Desktop and phone screenshots of a main screen, for README and docs (only when asked for). */
export const shot = async (page: Page, name: string) => {
  if (!shots) return;
  mkdirSync(screenshotDir, { recursive: true });
  const size = page.viewportSize() ?? desktop;
  await page.setViewportSize(desktop);
  await page.screenshot({ path: join(screenshotDir, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(phone);
  await page.screenshot({ path: join(screenshotDir, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(size);
};
