// The console's server state and forms (issue 21 item 10): a screen's data comes from the query
// cache, so what changed elsewhere shows when the person comes back to the tab (no reload), for a
// plain list (Pracovníci) and a paged one (Partneři a webhooky); and a form checked by the
// contract's schema through react-hook-form shows the contract's Czech message at its field, tied
// to the input, and takes it away as soon as the value is right.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { expectAccessible, newPage, signIn } from './browser';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

/** The person comes back to the console's tab (what TanStack Query listens to). */
const backToTab = (page: Page) => page.evaluate("window.dispatchEvent(new Event('visibilitychange'))");
/** A mark on the document: still there afterwards, so the page was not loaded again. */
const sameDocument = (page: Page) => page.evaluate('window.sameDocument === true');

describe('server state', () => {
  it('refreshes lists when the person comes back to the tab, and shows the zod resolver’s Czech field error', async () => {
    const admin = user('tk-jizerka/admin');
    const api = await actor(rt, admin);
    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, admin.email);

    // A plain list (useLoad): a worker added elsewhere appears on coming back, without a reload.
    await page.getByRole('link', { name: 'Pracovníci' }).click();
    const table = page.getByRole('region', { name: 'Pracovníci' });
    await table.getByRole('row').first().waitFor();
    await page.evaluate('window.sameDocument = true');
    const added = await api.post(
      '/workers',
      {
        name: 'Vilém Obnovený',
        email: `obnoveny-${randomUUID().slice(0, 8)}@tk-jizerka.example`,
        roles: ['worker'],
        serviceIds: [seeded.services['tk-jizerka/terapeuticka-komunita']],
      },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(added.status).toBe(201);
    await rt.settle();
    expect(await table.getByText('Vilém Obnovený').count()).toBe(0);
    await backToTab(page);
    await table.getByText('Vilém Obnovený').waitFor();
    expect(await sameDocument(page)).toBe(true);

    // A paged list (usePagedList): the same for a partner system registered elsewhere.
    await page.getByRole('link', { name: 'Partneři a webhooky' }).click();
    await page.getByRole('form', { name: 'Zaregistrovat partnerský systém' }).waitFor();
    const partner = await api.post(
      '/partner-clients',
      { name: 'Evidence Jizerky', scopes: ['spolu/clients.write'] },
      { headers: { 'idempotency-key': randomUUID() } },
    );
    expect(partner.status).toBe(201);
    await rt.settle();
    expect(await page.getByText('Evidence Jizerky').count()).toBe(0);
    await backToTab(page);
    await page.getByText('Evidence Jizerky').first().waitFor();
    expect(await sameDocument(page)).toBe(true);

    // A form on react-hook-form with the contract's schema (zodResolver): the contract's own rule
    // in Czech at "Věk do", tied to the input; nothing is sent; right again as soon as it is fixed.
    await page.getByRole('link', { name: 'Služby' }).click();
    const register = page.getByRole('form', { name: 'Zaregistrovat službu' });
    await register.getByLabel('Název služby').fill('Doléčovací byty Jizerky');
    await register.getByLabel('Osoby ohrožené závislostí nebo závislé na návykových látkách').check();
    await register.getByLabel('Liberec', { exact: true }).check();
    await register.getByLabel('Věk od').fill('60');
    await register.getByLabel('Věk do').fill('20');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url());
    });
    await register.getByRole('button', { name: 'Zaregistrovat službu' }).click();
    const message = register.getByText('Nejnižší věk nesmí být vyšší než nejvyšší.');
    await message.waitFor();
    const ageMax = register.getByLabel('Věk do');
    expect(await ageMax.getAttribute('aria-invalid')).toBe('true');
    const described = (await ageMax.getAttribute('aria-describedby')) ?? '';
    expect(described.split(' ')).toContain(await message.getAttribute('id'));
    expect(posts).toEqual([]);
    await expectAccessible(page, 'service form with a field error');
    // Re-checked as the value changes (react-hook-form's re-validation after a submit).
    await ageMax.fill('70');
    await message.waitFor({ state: 'detached' });
    expect(await ageMax.getAttribute('aria-invalid')).toBeNull();
    expect(posts).toEqual([]);
    await context.close();
  });
});
