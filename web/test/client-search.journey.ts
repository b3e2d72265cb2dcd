// Client search in a real browser (issue 21 item 3): a FOKUS worker registers two people called
// Jan Beneš (born 1988 and 1991) through the API, then on the Klienti screen finds them by typing
// "benes" without accents, "BENEŠ" in capitals and "1988"; each row shows the birth year, so the
// two are told apart. Other journeys share the runtime, so only these two clients are looked at.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { expectAccessible, newPage, signIn } from './browser';
import { registerNamedClient } from './client-setup';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

/** The list row of one client, found by the link to its file. */
const rowOf = (page: Page, clientId: string) =>
  page.locator('main li').filter({ has: page.locator(`a[href$="/clients/${clientId}"]`) });

describe('client search in the console', () => {
  it('finds "Jan Beneš" by "benes", "BENEŠ" and "1988", with the birth year in the row', async () => {
    const marketa = user('fokus-semily/marketa-linkova');
    const serviceId = seeded.services['fokus-semily/std']!;
    const api = await actor(rt, marketa);
    const register = (birthDate: string) =>
      registerNamedClient(api, { serviceId, name: 'Jan Beneš', birthDate, sex: 'male', district: 'semily' });
    const born1988 = await register('1988-05-14');
    const born1991 = await register('1991-02-03');

    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, marketa.email);
    await page.goto('/#/clients');
    await page.getByRole('heading', { name: 'Klienti' }).waitFor();
    const search = page.getByRole('searchbox', { name: 'Hledat klienta' });

    // Without accents: both are found, and their rows tell them apart by the birth year.
    await search.fill('benes');
    await rowOf(page, born1988).waitFor();
    await rowOf(page, born1991).waitFor();
    expect(await rowOf(page, born1988).innerText()).toContain('nar. 1988');
    expect(await rowOf(page, born1991).innerText()).toContain('nar. 1991');
    await expectAccessible(page, 'client search');

    // By the year of birth only the one born in 1988.
    await search.fill('1988');
    await rowOf(page, born1991).waitFor({ state: 'detached' });
    await rowOf(page, born1988).waitFor();
    expect(await rowOf(page, born1988).innerText()).toContain('nar. 1988');

    // In capitals with the accent: both again.
    await search.fill('BENEŠ');
    await rowOf(page, born1991).waitFor();
    await rowOf(page, born1988).waitFor();

    // Name and year, sent with Enter: the one born in 1988.
    await search.fill('jan benes 1988');
    await search.press('Enter');
    await rowOf(page, born1991).waitFor({ state: 'detached' });
    await rowOf(page, born1988).waitFor();

    // A search that matches nobody says so.
    await search.fill('benesova 1988');
    await page.getByText('Hledání „benesova 1988“ neodpovídá žádný klient.').waitFor();
    await context.close();
  });
});
