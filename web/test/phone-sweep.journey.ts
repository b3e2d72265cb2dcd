// Every screen of the console on a 360 × 740 phone (issue 21 item 7): a case worker, a provider
// admin and a regional coordinator open every route of the console's own route table
// (web/src/routeTable.ts; ids filled in with records made through the API) and on each the page
// does not scroll sideways, axe finds nothing serious, the compact header is at most 64 px high
// and the page's heading is in view. The header's menu opens and closes on navigation, and a
// form's error and confirmation show in the toast inside the viewport.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import type { AppPath, Audience } from '../src/routeTable';
import { routeTable } from '../src/routeTable';
import { desktop, expectAccessible, newPage, openNav, phone, signIn } from './browser';
import { registerNamedClient } from './client-setup';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(300_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

const maxHeaderHeight = 64;
const visited = new Set<AppPath>();
let longForms = 0;

/** The route's path with its parameters filled in. */
const fill = (path: string, ids: Record<string, string>) =>
  path.replace(/:(\w+)/g, (_, name: string) => {
    const id = ids[name];
    if (!id) throw new Error(`no id for :${name} in ${path}`);
    return id;
  });

const routesFor = (...audiences: Audience[]) => routeTable.filter((r) => audiences.includes(r.audience));

/** Opens a route as a person would land on it (a fresh load of the console at that address, the
 * session kept by the tab) and checks the phone layout there. */
const visit = async (page: Page, path: AppPath, ids: Record<string, string>) => {
  // The address first (a same-document hash change), then a reload: the console starts there.
  await page.goto(`/#${fill(path, ids)}`);
  await page.reload();
  const heading = page.locator('main h1').first();
  await heading.waitFor().catch(async (err: Error) => {
    const main = await page
      .locator('main')
      .innerText({ timeout: 1000 })
      .catch(() => `no main: ${page.url()}`);
    throw new Error(`${path}: ${err.message}\n${main}`);
  });
  // The screen's data has loaded.
  await page.waitForFunction('!document.querySelector("main .loading")');
  const what = `${path} at 360 px`;
  const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
  if (scrollWidth > phone.width) {
    const wide = await page.evaluate(`[...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > ${phone.width} + 1)
      .slice(0, 8).map((el) => el.tagName + '.' + el.className + ': ' + (el.textContent ?? '').slice(0, 40))`);
    throw new Error(`${what} scrolls sideways (${scrollWidth} px): ${JSON.stringify(wide)}`);
  }
  const header = (await page.locator('header.app-header').boundingBox())!;
  // On failure the diff shows the screen and the height.
  expect({ what, height: header.height, headerFits: header.height <= maxHeaderHeight }).toMatchObject({
    headerFits: true,
  });
  const box = await heading.boundingBox();
  expect({ what, headingInView: !!box && box.height > 0 && box.y + box.height <= phone.height }).toEqual({
    what,
    headingInView: true,
  });
  await expectAccessible(page, what);
  // A form taller than the viewport, once being filled in (a field changed), keeps its submit button
  // in view while its top is scrolled to.
  const stuck = (await page.evaluate(`[...document.querySelectorAll('main form')]
    .filter((f) => f.checkVisibility() && f.getBoundingClientRect().height > innerHeight)
    .flatMap((f) => {
      const button = f.querySelector(':scope > .form-submit, :scope > :is(.actions, .form-actions, .confirm) > .form-submit');
      if (!button) return [];
      f.dispatchEvent(new Event('input', { bubbles: true }));
      f.scrollIntoView({ block: 'start' });
      const r = button.getBoundingClientRect();
      return [{ form: f.getAttribute('aria-label') ?? '', inView: r.top >= 0 && r.bottom <= innerHeight }];
    })`)) as { form: string; inView: boolean }[];
  for (const form of stuck) expect({ what, ...form }).toEqual({ what, form: form.form, inView: true });
  longForms += stuck.length;
  // PHONE_SWEEP_SHOTS=<dir>: a full-page picture of each screen, to look at the layout by eye.
  const shots = process.env.PHONE_SWEEP_SHOTS;
  if (shots) await page.screenshot({ path: `${shots}/${path.replace(/\W+/g, '_')}.png`, fullPage: true });
  visited.add(path);
};

/** The toast's box lies inside the 360 × 740 viewport. */
const inViewport = async (page: Page, role: 'status' | 'alert', text: string) => {
  const toast = page.locator('.toast-region').getByRole(role).filter({ hasText: text });
  await toast.waitFor();
  const box = (await toast.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(phone.height);
  expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
};

describe('every screen at 360 px', () => {
  it("a case worker's screens, with a client, a plan, a referral, shared care and a handover", async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const api = await actor(rt, petra);
    const serviceId = seeded.services['k-centrum-liberec/kontaktni-centrum']!;
    const clientId = await registerNamedClient(api, {
      serviceId,
      name: 'Bohumila Dlouhošířková-Nepřetržitá',
      birthDate: '1979-09-14',
      sex: 'female',
      district: 'liberec',
    });
    for (const [provider, sharedFields] of [
      ['psychiatrie-liberec', ['name', 'needs']],
      ['tk-jizerka', ['name', 'goal']],
    ] as const) {
      const consent = await api.post(`/clients/${clientId}/consents`, {
        serviceId,
        purpose: 'referral-share',
        recipientProviderId: seeded.providers[provider],
        sharedFields,
        givenAt: new Date(Date.now() - 3_600_000).toISOString(),
        form: 'written',
      });
      expect(consent.status).toBe(201);
    }
    const agreement = await api.post(`/clients/${clientId}/agreements`, {
      serviceId,
      form: 'written',
      goal: 'Omezit užívání a najít stabilní bydlení.',
      written: {
        contractDate: '2026-11-02',
        validFrom: '2026-11-02',
        signedBy: ['Bohumila Dlouhošířková-Nepřetržitá'],
      },
      keyWorkerId: petra.sub,
    });
    expect(agreement.status).toBe(201);
    await rt.settle();
    const draft = await api.post<{ id: string; version: number }>('/referrals', {
      clientId,
      fromServiceId: serviceId,
      toServiceId: seeded.services['psychiatrie-liberec/detox'],
      ageBand: '27-64',
      district: 'liberec',
      targetGroup: 'substance-users',
      needCodes: ['detox'],
      senderContact: { phone: '+420 485 100 200' },
    });
    expect(draft.status).toBe(201);
    const sent = await api.post(
      `/referrals/${draft.body.id}/transitions`,
      { action: 'send', clientData: { name: 'Bohumila Dlouhošířková-Nepřetržitá', needs: ['detox'] } },
      { headers: { 'if-match': `"${draft.body.version}"` } },
    );
    expect(sent.status).toBe(200);
    const sharedCare = await api.post<{ id: string }>('/shared-care', {
      clientId,
      parties: [
        {
          providerId: seeded.providers['k-centrum-liberec'],
          responsibilities: 'Výměna materiálu, poradenství',
          contact: { name: 'Petra Hájková' },
        },
        {
          providerId: seeded.providers['tk-jizerka'],
          responsibilities: 'Příprava nástupu do komunity',
          contact: { name: 'Alena Ševčíková' },
        },
      ],
      coordinatorProviderId: seeded.providers['k-centrum-liberec'],
      nextReviewAt: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(sharedCare.status).toBe(201);
    const handover = await api.post<{ id: string }>('/handovers', {
      clientId,
      toProviderId: seeded.providers['tk-jizerka'],
      toServiceId: seeded.services['tk-jizerka/terapeuticka-komunita'],
      summary: {
        goal: 'Abstinence a návrat do práce',
        progress: 'Po detoxu, motivovaná, tři měsíce v kontaktu.',
        currentSteps: ['Nástup do komunity'],
        risks: 'Relaps při stresu',
      },
    });
    expect(handover.status).toBe(201);
    await rt.settle();
    const plan = (await api.get<{ items: { id: string }[] }>(`/plans?clientId=${clientId}`)).body.items[0];
    expect(plan).toBeDefined();
    const ids = {
      clientId,
      planId: plan!.id,
      referralId: draft.body.id,
      sharedCareId: sharedCare.body.id,
      handoverId: handover.body.id,
    };

    const { context, page } = await newPage(browser, rt.url, { viewport: phone });
    await signIn(page, petra.email);
    for (const route of routesFor('signedIn', 'caseWork')) await visit(page, route.path, ids);

    // The menu: closed, opened by its button, closed again by choosing a page.
    const menu = page.getByRole('button', { name: /^Menu/ });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('navigation', { name: 'Hlavní navigace' }).isVisible()).toBe(false);
    const nav = await openNav(page);
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator(`#${(await menu.getAttribute('aria-controls'))!}`).isVisible()).toBe(true);
    await page.getByLabel('Jazyk', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Odhlásit' }).waitFor();
    await expectAccessible(page, 'open menu at 360 px');
    if (process.env.PHONE_SWEEP_SHOTS)
      await page.screenshot({ path: `${process.env.PHONE_SWEEP_SHOTS}/menu.png` });
    await nav.getByRole('link', { name: 'Klienti' }).click();
    await page.getByRole('heading', { name: 'Klienti', level: 1 }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    // A tap outside the header closes it too; Escape closes it and gives the focus back to the button.
    await openNav(page);
    await page.locator('main').dispatchEvent('pointerdown');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await openNav(page);
    await nav.getByRole('link', { name: 'Doporučení' }).focus();
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate('document.activeElement?.className')).toBe('menu-button');
    // On a desktop the header is as it was: navigation in view, no menu button.
    await page.setViewportSize(desktop);
    expect(await menu.isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Hlavní navigace' }).isVisible()).toBe(true);
    await context.close();
  });

  it("a provider admin's screens, and a form's error and confirmation in view", async () => {
    const admin = user('k-centrum-liberec/admin');
    const { context, page } = await newPage(browser, rt.url, { viewport: phone });
    await signIn(page, admin.email);
    for (const route of routesFor('signedIn', 'admin')) await visit(page, route.path, {});

    // The last service's availability, far down the long services page: the error and then the
    // confirmation appear in the toast inside the viewport, wherever the form is.
    await page.goto('/#/admin/services');
    // Each service's availability loads on its own: all of them first, so the last form stays last.
    await page.getByRole('heading', { name: 'Služby organizace' }).waitFor();
    await page.waitForFunction('!document.querySelector("main .loading")');
    const form = page
      .getByRole('form')
      .filter({ has: page.getByRole('button', { name: 'Uložit dostupnost' }) })
      .last();
    const save = form.getByRole('button', { name: 'Uložit dostupnost' });
    const capacity = form.getByLabel('Kapacita');
    const was = await capacity.inputValue();
    await capacity.fill('-1');
    await save.click();
    await inViewport(page, 'alert', 'Neuloženo');
    await expectAccessible(page, 'toast with an error at 360 px');
    await page.getByRole('button', { name: 'Zavřít oznámení' }).click();
    expect(await page.locator('.toast-region').getByRole('alert').innerText()).toBe('');
    await save.click();
    await inViewport(page, 'alert', 'Neuloženo');
    // The error stays in view while the person corrects the form and saves again.
    await capacity.fill(was);
    await save.click();
    await inViewport(page, 'status', 'Uloženo.');
    if (process.env.PHONE_SWEEP_SHOTS)
      await page.screenshot({ path: `${process.env.PHONE_SWEEP_SHOTS}/toast.png` });
    await expectAccessible(page, 'toast with a confirmation at 360 px');
    // A confirmation hides itself after a few seconds.
    await page
      .locator('.toast-region')
      .getByRole('status')
      .filter({ hasText: 'Uloženo.' })
      .waitFor({ state: 'detached', timeout: 15_000 });
    await context.close();
  });

  it("a regional coordinator's screens", async () => {
    const coordinator = seeded.users.find((u) => u.roles.includes('regional-coordinator'))!;
    const { context, page } = await newPage(browser, rt.url, { viewport: phone });
    await signIn(page, coordinator.email);
    for (const route of routesFor('signedIn', 'stats')) await visit(page, route.path, {});
    await context.close();
  });

  it('visited every route of the route table', () => {
    expect(routeTable.filter((r) => !visited.has(r.path)).map((r) => r.path)).toEqual([]);
    // Some screens have a form longer than the phone's screen, whose submit button stayed in view.
    expect(longForms).toBeGreaterThan(0);
  });
});
