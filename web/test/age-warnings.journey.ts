// The age warning in a real browser against a real local runtime (issue 18): a FOKUS worker
// registers a 70-year-old at the sheltered workshops (ages 15–65) and reads, in Czech and before
// opening the file, that the age lies outside the service's limits; then she makes an agreement at
// the workshops for a 70-year-old client of the social rehabilitation (15–75) and reads the same on
// the agreements page. The API is asked what was really stored.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
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

type Rec = { id: string; serviceId: string; status: string; warnings?: unknown };

/** A birth date that makes a person `age` today (birthday a week ago). */
const bornYearsAgo = (age: number) => {
  const d = new Date(Date.now() - 7 * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() - age);
  return d.toISOString().slice(0, 10);
};
const ageWarning = 'Věk klienta je mimo věkové rozmezí služby.';

describe('age warnings in the console', () => {
  it('registering a 70-year-old at a 15–65 service shows the warning before the file; so does an agreement there', async () => {
    const marketa = user('fokus-semily/marketa-linkova');
    const workshops = seeded.services['fokus-semily/std']!;
    const rehabilitation = seeded.services['fokus-semily/socialni-rehabilitace']!;
    const api = await actor(rt, marketa);

    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, marketa.email);
    await page.goto('/#/clients/new');
    await page.getByRole('heading', { name: 'Nový zájemce' }).waitFor();
    await page.getByLabel('Služba').selectOption({ label: 'Sociálně terapeutické dílny FOKUS' });
    await page.getByLabel('Jménem').check();
    await page.getByLabel('Jméno a příjmení').fill('Josef Vávra');
    await page.getByLabel('Datum narození').fill(bornYearsAgo(70));
    await page.getByLabel('Obec s rozšířenou působností').selectOption({ label: 'Semily' });
    await page.getByRole('button', { name: 'Zaregistrovat' }).click();

    // The worker stays on the page and reads the warning in Czech, with its code and the limits.
    const notice = page.getByRole('alert');
    await notice.getByText('Zapsáno. Zkontrolujte prosím:').waitFor();
    await notice.getByText(ageWarning).waitFor();
    await notice.getByText('age-outside-service').waitFor();
    await notice.getByText('Věkové rozmezí služby: 15–65 let.').waitFor();
    await expectAccessible(page, 'registered with an age warning');
    const registered = (
      await api.get<{ items: (Rec & { identity: { name?: string } })[] }>(
        `/clients?serviceId=${workshops}&limit=100`,
      )
    ).body.items.find((c) => c.identity.name === 'Josef Vávra');
    expect(registered).toMatchObject({ serviceId: workshops, status: 'applicant' });
    await page.getByRole('link', { name: 'Otevřít spis klienta' }).click();
    await page.getByRole('heading', { name: /Spis klienta: Josef Vávra/ }).waitFor();

    // A 70-year-old of the social rehabilitation (15–75) agrees to the workshops too.
    const rehabClient = await api.post<Rec>('/clients', {
      serviceId: rehabilitation,
      identity: {
        kind: 'named',
        name: 'Alois Dlouhý',
        birthDate: bornYearsAgo(70),
        sex: 'male',
        district: 'semily',
      },
    });
    expect(rehabClient.status).toBe(201);
    expect(rehabClient.body.warnings).toBeUndefined();
    await page.goto(`/#/clients/${rehabClient.body.id}/agreements`);
    await page.getByRole('heading', { name: 'Dohody: Alois Dlouhý' }).waitFor();
    const form = page.getByRole('form', { name: 'Nová dohoda' });
    expect(await form.getByLabel('Služba').inputValue()).toBe(rehabilitation);
    await form.getByLabel('Služba').selectOption({ label: 'Sociálně terapeutické dílny FOKUS' });
    await form.getByLabel('Zakázka klienta (jeho slovy)').fill('Chci chodit do dílny a mít pravidelný den.');
    await form.getByRole('button', { name: 'Uzavřít ústní dohodu' }).click();
    await page.getByText('Dohoda je uzavřena.').waitFor();
    const agreementNotice = page.getByRole('alert');
    await agreementNotice.getByText(ageWarning).waitFor();
    expect(await agreementNotice.getByText('Klient nepatří do cílové skupiny služby.').count()).toBe(0);
    await page.getByText('Chci chodit do dílny a mít pravidelný den.').waitFor();
    await expectAccessible(page, 'agreement with an age warning');
    const agreements = await api.get<{ items: { serviceId: string; status: string }[] }>(
      `/clients/${rehabClient.body.id}/agreements`,
    );
    expect(agreements.body.items).toEqual([
      expect.objectContaining({ serviceId: workshops, status: 'active' }),
    ]);
    await context.close();
  });
});
