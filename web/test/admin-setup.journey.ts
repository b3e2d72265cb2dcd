// The provider admin's setup in a real browser: K-centrum's admin registers a service and edits
// its details, adds a worker and later
// deactivates them, registers a partner system and revokes it, and subscribes a real HTTP receiver
// to webhooks: the secret is shown once, rotated, and a test message arrives signed with the new
// one (verified with standardwebhooks). A worker gets no admin navigation. The API is asked what
// was stored.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import type { Receiver } from '../../services/webhooks/test/receiver';
import { startReceiver } from '../../services/webhooks/test/receiver';
import { expectAccessible, newPage, phone, shot, signIn, openNav } from './browser';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver?.close());

interface Worker {
  id: string;
  email: string;
  roles: string[];
  serviceIds: string[];
  active: boolean;
}

describe('provider admin setup', () => {
  it('registers and edits a service, adds and deactivates a worker, registers and revokes a partner, subscribes and rotates a webhook secret', async () => {
    const admin = user('k-centrum-liberec/admin');
    const api = await actor(rt, admin);
    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, admin.email);

    // A new service, then a change of its details (only what changed is sent).
    const register = page.getByRole('form', { name: 'Zaregistrovat službu' });
    await register.getByLabel('Název služby').fill('Terénní program K-centra');
    await register.getByLabel('Osoby ohrožené závislostí nebo závislé na návykových látkách').check();
    await register.getByLabel('Liberec', { exact: true }).check();
    await register.getByLabel('Věk od').fill('15');
    await register.getByRole('button', { name: 'Přidat den' }).click();
    await register.getByLabel('Zavírá').fill('08:00');
    await register.getByRole('button', { name: 'Zaregistrovat službu' }).click();
    // The contract's own rule, in Czech at the row's closing time; nothing is stored.
    await register.getByText('Otevírá se dřív, než se zavírá.').waitFor();
    await register.getByLabel('Den', { exact: true }).selectOption('tue');
    await register.getByLabel('Zavírá').fill('16:00');
    await register.getByRole('button', { name: 'Zaregistrovat službu' }).click();
    await page.getByText('Služba uložena.').waitFor();
    await page.getByRole('heading', { name: 'Terénní program K-centra' }).waitFor();
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Terénní program K-centra' }) });
    await card.getByText('Upravit údaje služby').click();
    const change = card.getByRole('form', { name: 'Upravit: Terénní program K-centra' });
    await change.getByLabel('mohou být anonymní (kód klienta)').check();
    await change.getByRole('button', { name: 'Uložit' }).click();
    await page.getByText('Služba uložena.').waitFor();
    await expectAccessible(page, 'services');
    const services = await api.get<{
      items: {
        name: string;
        anonymousMode: string;
        districts: string[];
        ageMin: number;
        version: number;
        hours: unknown[];
      }[];
    }>(`/services?providerId=${seeded.providers['k-centrum-liberec']}&limit=100`);
    expect(services.body.items.find((x) => x.name === 'Terénní program K-centra')).toMatchObject({
      hours: [{ day: 'tue', opens: '09:00', closes: '16:00' }],
      anonymousMode: 'allowed',
      districts: ['liberec'],
      ageMin: 15,
      version: 2,
    });

    await page.getByRole('link', { name: 'Pracovníci' }).click();

    const add = page.getByRole('form', { name: 'Přidat pracovníka' });
    await add.getByLabel('Jméno a příjmení').fill('Lenka Dvořáková');
    await add.getByLabel('E-mail').fill('dvorakova@k-centrum-liberec.example');
    await add.getByLabel('klíčový pracovník').check();
    await add.getByLabel('Kontaktní centrum K-centrum Liberec').check();
    await expectAccessible(page, 'workers');
    await add.getByRole('button', { name: 'Přidat pracovníka' }).click();
    await page.getByText(/Pracovník uložen\./).waitFor();
    const added = (await api.get<{ items: Worker[] }>('/workers?limit=100')).body.items.find(
      (w) => w.email === 'dvorakova@k-centrum-liberec.example',
    )!;
    expect(added).toMatchObject({
      roles: ['worker', 'key-worker'],
      serviceIds: [seeded.services['k-centrum-liberec/kontaktni-centrum']],
      active: true,
    });

    await page.getByRole('button', { name: 'Upravit: Lenka Dvořáková' }).click();
    const edit = page.getByRole('form', { name: 'Upravit: Lenka Dvořáková' });
    await edit.getByLabel(/Pracovník je aktivní/).uncheck();
    await edit.getByRole('button', { name: 'Uložit' }).click();
    await page.getByText('neaktivní').waitFor();
    expect((await api.get<Worker>(`/workers/${added.id}`)).body.active).toBe(false);

    await page.getByRole('link', { name: 'Partneři a webhooky' }).click();
    const partner = page.getByRole('form', { name: 'Zaregistrovat partnerský systém' });
    await partner.getByLabel('Název systému').fill('Evidence K-centra');
    await partner.getByLabel('zapisovat klienty a kontakty').check();
    await partner.getByRole('button', { name: 'Zaregistrovat partnerský systém' }).click();
    await page.getByText('Partnerský systém uložen.').waitFor();
    // The webhooks service learns of the partner from the directory's event, over the bus.
    await rt.settle();
    await page.getByRole('button', { name: 'Nový klíč pro zprávy od partnera: Evidence K-centra' }).click();
    await page.getByText(/^Klíč, kterým partner podepisuje zprávy do Spolu: whsec_/).waitFor();
    await page.getByRole('button', { name: 'Zrušit přístup: Evidence K-centra' }).click();
    await page.getByText('zrušený').waitFor();
    const partners = await api.get<{ items: { name: string; scopes: string[]; status: string }[] }>(
      '/partner-clients',
    );
    expect(partners.body.items).toEqual([
      expect.objectContaining({
        name: 'Evidence K-centra',
        scopes: ['spolu/clients.write'],
        status: 'revoked',
      }),
    ]);

    const sub = page.getByRole('form', { name: 'Nový odběr webhooků' });
    await sub.getByLabel('Adresa (https), kam posílat události').fill(receiver.url('/k-centrum'));
    await sub.getByLabel('Zapsán kontakt s klientem').check();
    await sub.getByRole('button', { name: 'Nový odběr webhooků' }).click();
    const first = await page.getByText(/^Podpisový klíč: whsec_/).textContent();
    await page.getByRole('button', { name: 'Vyměnit podpisový klíč' }).click();
    await page
      .getByText(/^Podpisový klíč: whsec_/)
      .filter({ hasNotText: first!.slice(0, 40) })
      .waitFor();
    const rotated = (await page.getByText(/^Podpisový klíč: whsec_/).textContent())!.match(
      /whsec_[^.\s]+/,
    )![0];
    await page.getByRole('button', { name: 'Poslat zkušební zprávu' }).click();
    await page.getByText('Zkušební zpráva zařazena k doručení.').waitFor();
    await expectAccessible(page, 'partners and webhooks');

    await rt.runSchedule('webhooks', 'sender');
    await rt.settle();
    const [ping] = receiver.got('/k-centrum');
    expect(ping).toBeDefined();
    expect(new Webhook(rotated).verify(ping!.body, ping!.headers as Record<string, string>)).toMatchObject({
      type: 'webhook.ping',
    });

    // The delivery log: the attempt with its status code, and one message sent again (same id).
    await page.reload();
    await page.getByRole('button', { name: 'Pokusy (1)' }).click();
    await page.getByText(/1\. pokus · \S+ 200/).waitFor();
    await page.getByRole('button', { name: 'Doručit tuto zprávu znovu' }).click();
    await page.getByText('Zpráva znovu zařazena k doručení.').waitFor();
    await shot(page, 'webhooks');
    await context.close();
    await rt.runSchedule('webhooks', 'sender');
    await rt.settle();
    const got = receiver.got('/k-centrum');
    expect(got).toHaveLength(2);
    expect(got[1]!.headers['webhook-id']).toBe(ping!.headers['webhook-id']);

    // A worker of the same provider, on a phone: no admin screens in the navigation.
    const worker = await newPage(browser, rt.url, { viewport: phone });
    await signIn(worker.page, user('k-centrum-liberec/petra-hajkova').email);
    const nav = await openNav(worker.page);
    await nav.getByRole('link', { name: 'Klienti' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Pracovníci' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Partneři a webhooky' }).count()).toBe(0);
    await worker.context.close();
  });
});
