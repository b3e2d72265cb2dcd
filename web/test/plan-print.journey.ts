// The plan on paper for the client's signature (issue 21 item 6): a FOKUS key worker opens "Tisk
// pro podpis" and Chromium prints the plan (its own PDF engine, A4, print media): at most two
// pages, with the client, the key worker, the agreement, every goal and step with its dates, and
// the signature lines; none of the console's menu or buttons on the paper.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { expectAccessible, newPage, shot, signIn } from './browser';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';
import { clientWithPlan } from './plan-setup';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;

describe('the printed plan', () => {
  it('prints on at most two A4 pages with goals, steps, dates and signature lines, without the console', async () => {
    const pavla = user('fokus-semily/pavla-horackova');
    const api = await actor(rt, pavla);
    const serviceId = seeded.services['fokus-semily/std']!;
    const { planId, change } = await clientWithPlan(rt, api, {
      serviceId,
      keyWorkerId: pavla.sub,
      name: 'Věra Tisková',
      birthDate: '1975-03-08',
      sex: 'female',
      district: 'semily',
      goal: 'Zvládat domácnost.',
      written: { contractDate: '2026-11-02' },
    });
    await change('', { overallGoal: 'Bydlet samostatně a platit účty včas.' }, 'patch');
    for (const [i, text] of ['Platit nájem včas', 'Uvařit si třikrát týdně', 'Najít brigádu'].entries()) {
      const goalId = (
        await change('/goals', { text, needCodes: ['housing'], targetDate: `2027-0${i + 3}-30` })
      ).createdId;
      for (const step of ['první krok', 'druhý krok'])
        await change('/steps', {
          goalId,
          text: `${text}: ${step}`,
          assignee: { kind: 'client' },
          dueDate: `2027-0${i + 2}-15`,
        });
    }

    const { context, page } = await newPage(browser, rt.url);
    // Nothing the pages load is missing (the browser's icon request included).
    const missing: string[] = [];
    page.on('response', (res) => {
      // /dev/seed-status exists under `npm start` only (the demo seeding's progress), not in tests.
      if (res.status() === 404 && !res.url().endsWith('/dev/seed-status')) missing.push(res.url());
    });
    await signIn(page, pavla.email);
    await page.goto(`/#/plans/${planId}`);
    await page.getByRole('link', { name: 'Tisk pro podpis' }).click();
    await page.getByRole('heading', { name: 'Individuální plán' }).waitFor();
    await page.getByText('Najít brigádu: druhý krok').waitFor();
    await expectAccessible(page, 'printed plan');
    await shot(page, 'plan-print');

    await page.emulateMedia({ media: 'print' });
    const paper = await page.locator('body').innerText();
    for (const expected of [
      'Věra Tisková',
      'Pavla Horáčková',
      'písemná',
      'Bydlet samostatně a platit účty včas.',
      'Platit nájem včas',
      'Uvařit si třikrát týdně: první krok',
      'Podpis klienta/klientky',
      'Podpis klíčového pracovníka',
    ])
      expect(paper).toContain(expected);
    expect(await page.getByRole('button', { name: 'Vytisknout' }).isVisible()).toBe(false);
    expect(await page.locator('.app-header').isVisible()).toBe(false);

    const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    expect(missing).toEqual([]);
    // Headless Chromium asks for no icon, a person's browser does: the page names one that exists.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const served = await fetch(new URL(icon ?? '/favicon.ico', rt.url));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    await context.close();
  });
});
