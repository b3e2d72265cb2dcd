// The console in a real browser against a real local runtime: the flows the people of
// ../shared/seeds do every day, in Czech (on a phone) and in English, with an accessibility check
// of each main page. SPOLU_SCREENSHOTS=1 also writes docs/screenshots (desktop and phone).
import { readFileSync } from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { expectAccessible, newPage, phone, shot, signIn, signOut, openNav } from './browser';
import { registerNamedClient } from './client-setup';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(300_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

describe('web console', () => {
  it('a K-centrum worker on a phone registers an anonymous client and records a needle exchange (Czech)', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const { context, page } = await newPage(browser, rt.url, { viewport: phone });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Přihlášení' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await shot(page, 'sign-in');
    await signIn(page, petra.email);
    await page.getByRole('heading', { name: 'Můj přehled' }).waitFor();
    await expectAccessible(page, 'worklist');

    await (await openNav(page)).getByRole('link', { name: 'Klienti' }).click();
    await page.getByRole('link', { name: 'Nový zájemce' }).click();
    await page.getByRole('heading', { name: 'Nový zájemce' }).waitFor();
    // A wrong client code: the contract's own rule, in Czech next to the field; nothing is stored.
    await page.getByLabel('Kód klienta', { exact: true }).fill('x');
    await page.getByLabel('Rok narození').fill('1985');
    await page.getByLabel('Pohlaví').selectOption('male');
    await page.getByLabel('Obec s rozšířenou působností').selectOption('liberec');
    await page.getByRole('button', { name: 'Zaregistrovat' }).click();
    await page.getByText('Kód klienta: 3–24 písmen, číslic nebo pomlček.').waitFor();
    expect(await page.getByLabel('Kód klienta', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'register client with an error');
    const worker = await actor(rt, petra);
    expect((await worker.get<{ items: unknown[] }>('/clients')).body.items).toHaveLength(0);

    await page.getByLabel('Kód klienta', { exact: true }).fill('JN85-T1');
    await page.getByRole('button', { name: 'Zaregistrovat' }).click();
    await page.getByRole('heading', { name: /Spis klienta: JN85-T1/ }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Zapsat kontakt' }).click();
    await page.getByRole('heading', { name: 'Zapsat kontakt' }).waitFor();
    await page.getByLabel('Výměna injekčního materiálu').check();
    await page.getByLabel('Vydané stříkačky').fill('10');
    await page.getByLabel('Přijaté stříkačky').fill('8');
    await page.getByLabel('Poradenství').check();
    await expectAccessible(page, 'record contact');
    await shot(page, 'record-contact');
    await page.getByRole('button', { name: 'Zapsat kontakt' }).click();
    await page.getByRole('heading', { name: /Spis klienta: JN85-T1/ }).waitFor();
    await page.getByText('Výměna injekčního materiálu, Poradenství').waitFor();
    await expectAccessible(page, 'client file');
    await shot(page, 'client-file');

    const contacts = await worker.get<{ items: { interventions: { type: string; given?: number }[] }[] }>(
      '/contacts',
    );
    expect(contacts.body.items).toHaveLength(1);
    expect(contacts.body.items[0]!.interventions).toEqual([
      { type: 'needle-exchange', given: 10, returned: 8 },
      { type: 'counselling' },
    ]);
    await context.close();
  });

  it('a FOKUS key worker agrees the service, builds the plan and reviews it, through a conflict', async () => {
    const pavla = user('fokus-semily/pavla-horackova');
    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, pavla.email);
    await page.getByRole('link', { name: 'Klienti' }).click();
    await page.getByRole('link', { name: 'Nový zájemce' }).click();
    await page.getByLabel('Jméno a příjmení').fill('Jana Nováková');
    await page.getByLabel('Datum narození').fill('1988-04-12');
    await page.getByLabel('Pohlaví').selectOption('female');
    await page.getByLabel('Obec s rozšířenou působností').selectOption('semily');
    await page.getByRole('button', { name: 'Zaregistrovat' }).click();
    await page.getByRole('heading', { name: /Spis klienta: Jana Nováková/ }).waitFor();
    await page.getByLabel('Zakázka klienta jeho slovy').fill('Chci se naučit vařit a najít si práci.');
    await page.getByRole('button', { name: 'Uzavřít ústní dohodu' }).click();
    // Plans opens the plan when intake's AgreementMade reaches it over the bus.
    await rt.settle();
    await page.reload();
    await page.getByRole('link', { name: /Individuální plán — Verze 1/ }).click();
    await page.getByRole('heading', { name: 'Individuální plán' }).waitFor();

    await page.getByLabel('Cíl slovy klienta').fill('Uvařím si sama oběd třikrát týdně.');
    await page.getByLabel('Potřeby').selectOption('work-habits');
    await page.getByLabel('Termín').fill('2027-03-31');
    await page.getByRole('button', { name: 'Přidat cíl' }).click();
    // Plans change only by agreement with the client: the contract says so, the form shows it.
    await page.getByText('Plán se mění jen po dohodě s klientem').first().waitFor();
    await page.getByRole('form', { name: 'Přidat cíl' }).getByLabel('Změnu jsme dohodli s klientem').check();
    await page.getByRole('button', { name: 'Přidat cíl' }).click();
    await page.getByText('Verze 2 ·').waitFor();

    const step = page.getByRole('form', { name: 'Přidat krok' });
    await step.getByLabel('Co se udělá').fill('Nakoupit suroviny podle seznamu');
    await step.getByLabel('Do kdy').fill('2027-01-15');
    await step.getByLabel('Změnu jsme dohodli s klientem').check();
    await step.getByRole('button', { name: 'Přidat krok' }).click();
    await page.getByText('Verze 3 ·').waitFor();
    await expectAccessible(page, 'plan');
    await shot(page, 'plan');

    // Meanwhile a colleague changes the plan: the review the key worker sends is refused (412),
    // explained, and what she chose survives the reload.
    const colleague = await actor(rt, user('fokus-semily/marketa-linkova'));
    const planId = new URL(page.url()).hash.split('/').pop()!;
    const plan = await colleague.get(`/plans/${planId}`);
    const patched = await colleague.patch(
      `/plans/${planId}`,
      { agreedWithClient: true, overallGoal: 'Samostatně vařit a pracovat v dílně.' },
      { headers: { 'if-match': plan.headers.get('etag')! } },
    );
    expect(patched.status).toBe(200);
    const review = page.getByRole('form', { name: 'Zaznamenat hodnocení' });
    await review.getByLabel('Nový stav cíle').selectOption('achieved');
    await review.getByLabel('Změnu jsme dohodli s klientem').check();
    await review.getByRole('button', { name: 'Zaznamenat hodnocení' }).click();
    await page.getByText('Někdo jiný mezitím tento záznam změnil').waitFor();
    await page.getByRole('button', { name: 'Načíst aktuální verzi' }).click();
    await page.getByText('Verze 4 ·').waitFor();
    expect(await review.getByLabel('Nový stav cíle').inputValue()).toBe('achieved');
    await review.getByRole('button', { name: 'Zaznamenat hodnocení' }).click();
    await page.getByText('Verze 5 ·').waitFor();
    await page.getByText('dosažený').first().waitFor();
    await page.getByRole('button', { name: 'Verze 5' }).click();
    // What changed reads as a Czech sentence naming the goal, not as fields and JSON.
    const changed = page.getByRole('list', { name: 'Co se změnilo' });
    await changed
      .getByText(/Cíl „Uvařím si sama oběd třikrát týdně\.“: stav změněn z .+ na dosažený/)
      .waitFor();
    expect(await changed.innerText()).not.toMatch(/[{}"]|achieved|goals\./);

    const saved = await colleague.get<{ goals: { status: string }[]; reviews: unknown[]; version: number }>(
      `/plans/${planId}`,
    );
    expect(saved.body.version).toBe(5);
    expect(saved.body.goals.map((g) => g.status)).toEqual(['achieved']);
    expect(saved.body.reviews).toHaveLength(1);
    await context.close();
  });

  it('K-centrum sends a referral to detox and the receiving provider accepts it', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const kc = await actor(rt, petra);
    const clientId = await registerNamedClient(kc, {
      serviceId: seeded.services['k-centrum-liberec/kontaktni-centrum']!,
      name: 'Marek Dvořák',
      birthDate: '1991-06-02',
      sex: 'male',
      district: 'liberec',
    });
    const consent = await kc.post(`/clients/${clientId}/consents`, {
      purpose: 'referral-share',
      serviceId: seeded.services['k-centrum-liberec/kontaktni-centrum'],
      recipientProviderId: seeded.providers['psychiatrie-liberec'],
      sharedFields: ['name', 'needs'],
      givenAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(consent.status).toBe(201);
    await rt.settle();

    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, petra.email);
    await page.goto(`/#/clients/${clientId}`);
    await page.getByRole('link', { name: 'Doporučit jinam' }).click();
    await page.getByLabel('Detoxifikace').check();
    await page.getByRole('button', { name: 'Najít vhodnou službu' }).click();
    await page.getByRole('radio', { name: /Detox/ }).first().check();
    await expectAccessible(page, 'referral match');
    await shot(page, 'referral-match');
    await page.getByRole('button', { name: 'Odeslat' }).click();
    await page.getByText('odesláno').first().waitFor();
    await signOut(page);

    await signIn(page, user('psychiatrie-liberec/eva-machova').email);
    await page.getByRole('link', { name: 'Doporučení' }).click();
    await page.getByRole('link', { name: /Detox/ }).first().click();
    await page.getByText('Sdílené údaje (dle souhlasu): Jméno, Potřeby').waitFor();
    await page.getByRole('button', { name: 'Přijmout' }).click();
    await page
      .getByRole('form', { name: 'Přijmout' })
      .getByLabel(/Poznámka/)
      .fill('Nástup po uvolnění lůžka.');
    await page.getByRole('form', { name: 'Přijmout' }).getByRole('button', { name: 'Přijmout' }).click();
    await page.getByText('přijato').first().waitFor();
    await expectAccessible(page, 'referral detail');
    await shot(page, 'referral-detail');

    const sent = await kc.get<{ items: { status: string }[] }>('/referrals?direction=outgoing');
    expect(sent.body.items.map((r) => r.status)).toEqual(['accepted']);
    await context.close();
  });

  it('a regional coordinator sees indicators only, with suppression, and exports CSV', async () => {
    // Two clients this month: a count below the region's threshold of 5, so it must be suppressed.
    const kc = await actor(rt, user('k-centrum-liberec/jakub-ruzicka'));
    for (const clientCode of ['STAT-A1', 'STAT-B2']) {
      const created = await kc.post('/clients', {
        serviceId: seeded.services['k-centrum-liberec/kontaktni-centrum'],
        identity: { kind: 'anonymous', clientCode, birthYear: 1990, sex: 'female', district: 'liberec' },
      });
      expect(created.status).toBe(201);
    }
    await rt.settle();
    const coordinator = seeded.users.find((u) => u.roles.includes('regional-coordinator'))!;
    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, coordinator.email);
    await page.getByRole('heading', { name: 'Ukazatele' }).waitFor();
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'Klienti' }).count()).toBe(0);
    await page
      .getByRole('table')
      .first()
      .waitFor()
      .catch(async (err: Error) => {
        throw new Error(`${err.message}\n${await page.locator('main').innerText()}`);
      });
    // Cell-key disclosure control: the page says figures carry fixed noise and small values are
    // hidden; a hidden cell (if the table has one) reads as 'potlačeno', never as a small number.
    await page
      .getByText(/nejvýš ±2/)
      .first()
      .waitFor({ state: 'attached' });
    for (const cell of await page.locator('main td.num, main th.num').allInnerTexts())
      expect(/^[1-4]$/.test(cell.trim())).toBe(false);
    await expectAccessible(page, 'indicators');
    await shot(page, 'indicators');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Stáhnout CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toMatch(/clients/);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    // Client screens do not exist for a coordinator, even by typing the address.
    await page.goto('/#/clients');
    await page.getByRole('heading', { name: 'Tato stránka neexistuje.' }).waitFor();
    await page.goto('/#/stats/gaps');
    await page.getByRole('heading', { name: 'Mezery v síti služeb' }).waitFor();
    await expectAccessible(page, 'gaps');
    await page.goto('/#/stats/cooperation');
    await page.getByRole('heading', { name: 'Mapa spolupráce' }).waitFor();
    await shot(page, 'cooperation');
    await context.close();
  });

  it('the same contact flow in English', async () => {
    const jakub = user('k-centrum-liberec/jakub-ruzicka');
    const { context, page } = await newPage(browser, rt.url, { locale: 'en' });
    await signIn(page, jakub.email);
    await page.getByRole('heading', { name: 'My worklist' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('link', { name: 'New applicant' }).click();
    await page.getByLabel('Client code', { exact: true }).fill('PK90-EN');
    await page.getByLabel('Year of birth').fill('1990');
    await page.getByLabel('District (ORP)').selectOption('liberec');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { name: /Client file: PK90-EN/ }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Record a contact' }).click();
    await page.getByLabel('Needle exchange').check();
    await page.getByLabel('Needles given').fill('-1');
    await page.getByRole('button', { name: 'Record the contact' }).click();
    // zod's own messages follow the console's language.
    await page
      .getByText(/Too small|too small/)
      .first()
      .waitFor();
    await page.getByLabel('Needles given').fill('5');
    await page.getByRole('button', { name: 'Record the contact' }).click();
    await page.getByText('Needle exchange').first().waitFor();
    await page.getByRole('heading', { name: /Client file: PK90-EN/ }).waitFor();
    await expectAccessible(page, 'client file (en)');
    await context.close();
  });
});
