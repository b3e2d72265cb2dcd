// Intake work in a real browser against a real local runtime: a K-centrum key worker sees today's
// appointment on the worklist (booked through the API, and not a colleague's or another provider's),
// fills the service's questionnaire with the client (a required answer is asked for first) and, on
// a phone, changes the agreement's goal and key worker. Each new page is checked with axe; the API
// is asked what was really stored.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { expectAccessible, newPage, phone, signIn } from './browser';
import { registerNamedClient } from './client-setup';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

type Rec = { id: string; version: number };

/** Noon of this machine's (= the browser's) day: "today" whatever time the test runs. */
const todayAt = (hours: number) => {
  const d = new Date();
  d.setHours(hours, 0, 0, 0);
  return d.toISOString();
};

const fitsPhone = async (page: Page) =>
  expect(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    ),
  ).toBeLessThanOrEqual(phone.width);

const must = <T>(what: string, res: { status: number; body: T }, status = 201) => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

describe('intake work: questionnaire, agreement, today on the worklist', () => {
  it('a key worker sees only her appointments today, fills a questionnaire and changes an agreement on a phone', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const jakub = user('k-centrum-liberec/jakub-ruzicka');
    const pavla = user('fokus-semily/pavla-horackova');
    const kc = seeded.services['k-centrum-liberec/kontaktni-centrum']!;
    const std = seeded.services['fokus-semily/std']!;
    const api = await actor(rt, petra);
    const colleague = await actor(rt, jakub);
    const fokus = await actor(rt, pavla);
    const named = (serviceId: string, name: string, district: string) => ({
      serviceId,
      name,
      birthDate: '1990-03-14',
      sex: 'female' as const,
      district,
    });
    const appointment = (serviceId: string, hours: number) => ({
      serviceId,
      kind: 'consultation',
      scheduledAt: todayAt(hours),
      durationMinutes: 45,
      place: { kind: 'centre' },
    });
    const evaId = await registerNamedClient(api, named(kc, 'Eva Malá', 'liberec'));
    const otaId = await registerNamedClient(colleague, named(kc, 'Ota Kolegův', 'liberec'));
    const fokusClientId = await registerNamedClient(fokus, named(std, 'Irena Cizí', 'semily'));
    must('appointment', await api.post(`/clients/${evaId}/appointments`, appointment(kc, 12)));
    must('appointment', await colleague.post(`/clients/${otaId}/appointments`, appointment(kc, 12)));
    must('appointment', await fokus.post(`/clients/${fokusClientId}/appointments`, appointment(std, 12)));
    const agreement = must(
      'agreement',
      await api.post<Rec>(`/clients/${evaId}/agreements`, {
        serviceId: kc,
        form: 'oral',
        goal: 'Chci omezit užívání.',
        keyWorkerId: petra.sub,
      }),
    );
    const template = must(
      'template',
      await api.post<Rec>('/questionnaire-templates', {
        serviceId: kc,
        name: 'Vstupní dotazník',
        questions: [
          {
            code: 'substance',
            label: 'Hlavní droga',
            type: 'single-choice',
            options: [
              { code: 'pervitin', label: 'Pervitin' },
              { code: 'heroin', label: 'Heroin' },
            ],
          },
          {
            code: 'route',
            label: 'Způsob aplikace',
            type: 'multi-choice',
            options: [
              { code: 'injecting', label: 'Nitrožilně' },
              { code: 'smoking', label: 'Kouření' },
              { code: 'sniffing', label: 'Šňupání' },
            ],
          },
          { code: 'doses', label: 'Dávek denně', type: 'number', min: 0, max: 50 },
          { code: 'since', label: 'Jak dlouho užívá', type: 'duration' },
          { code: 'housing', label: 'Bydlení', type: 'text', required: false },
        ],
      }),
    );

    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, petra.email);
    // The worklist: Eva's appointment today; not the colleague's, not FOKUS's.
    const today = page.getByRole('region', { name: 'Dnešní schůzky' });
    await today.getByText(/Eva Malá/).waitFor();
    expect(await today.getByRole('listitem').count()).toBe(1);
    expect(await today.getByText(/Ota Kolegův|Irena Cizí/).count()).toBe(0);
    await today.getByText(/45 min/).waitFor();
    await expectAccessible(page, 'worklist with today');

    await today.getByRole('link', { name: 'Otevřít spis' }).click();
    await page.getByRole('heading', { name: /Spis klienta: Eva Malá/ }).waitFor();
    await page
      .getByRole('navigation', { name: 'Záznamy ve spisu' })
      .getByRole('link', { name: 'Dotazník' })
      .click();
    await page.getByRole('heading', { name: 'Dotazník: Eva Malá' }).waitFor();
    await page.getByText('Zatím nic.').waitFor();
    await expectAccessible(page, 'questionnaire');

    // Nothing answered: each required question asks for its answer, nothing is sent.
    await page.getByRole('button', { name: 'Uložit odpovědi' }).click();
    const substance = page.getByRole('group', { name: 'Hlavní droga' });
    await substance.getByText('Odpovězte prosím na tuto otázku.').waitFor();
    expect(await page.getByText('Odpovězte prosím na tuto otázku.').count()).toBe(4);
    await page.getByLabel('Dávek denně').fill('80');
    await page.getByRole('button', { name: 'Uložit odpovědi' }).click();
    await page.getByText('Nejvýš 50.').waitFor();

    await substance.getByLabel('Pervitin').check();
    const route = page.getByRole('group', { name: 'Způsob aplikace' });
    await route.getByLabel('Nitrožilně').check();
    await route.getByLabel('Kouření').check();
    await page.getByLabel('Dávek denně').fill('3');
    const since = page.getByRole('group', { name: 'Jak dlouho užívá' });
    await since.getByLabel('Počet').fill('4');
    await since.getByLabel('Jednotka').selectOption({ label: 'let' });
    await page.getByLabel('Bydlení (nepovinné)').fill('U přítele, přechodně.');
    await page.getByRole('button', { name: 'Uložit odpovědi' }).click();
    await page.getByText('Odpovědi jsou uložené.').waitFor();
    const filled = page.locator('ul.list > li.card');
    await filled.getByText('Pervitin', { exact: true }).waitFor();
    await filled.getByText('Nitrožilně, Kouření').waitFor();
    await filled.getByText('4 let').waitFor();
    await expectAccessible(page, 'questionnaire filled');
    const stored = await api.get<{
      items: { templateId: string; templateVersion: number; answers: unknown }[];
    }>(`/clients/${evaId}/questionnaires`);
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0]).toMatchObject({ templateId: template.id, templateVersion: 1 });
    expect(stored.body.items[0]!.answers).toEqual({
      substance: 'pervitin',
      route: ['injecting', 'smoking'],
      doses: 3,
      since: { amount: 4, unit: 'years' },
      housing: 'U přítele, přechodně.',
    });

    // On a phone in the field: the agreement's goal and key worker change, with a note.
    await page.setViewportSize(phone);
    await page.goto(`/#/clients/${evaId}`);
    await page
      .getByRole('navigation', { name: 'Záznamy ve spisu' })
      .getByRole('link', { name: 'Dohody' })
      .click();
    await page.getByRole('heading', { name: 'Dohody: Eva Malá' }).waitFor();
    await page.getByText('Chci omezit užívání.').waitFor();
    await expectAccessible(page, 'agreements');
    await fitsPhone(page);
    await page.getByRole('button', { name: 'Změnit dohodu' }).click();
    await page.getByRole('button', { name: 'Uložit změnu' }).click();
    await page.getByText('Nic jste nezměnili.').waitFor();
    await page.getByLabel('Zakázka (cíl klienta jeho slovy)').fill('Chci přestat úplně a najít bydlení.');
    await page.getByLabel('Klíčový pracovník').selectOption({ label: 'Jakub Růžička' });
    await page.getByLabel(/Poznámka ke změně/).fill('Domluveno s klientkou při konzultaci.');
    await expectAccessible(page, 'agreement change');
    await fitsPhone(page);
    await page.getByRole('button', { name: 'Uložit změnu' }).click();
    await page.getByText('Změna dohody je uložená.').waitFor();
    await page.getByText(/Petra Hájková změnil\(a\) zakázku, klíčového pracovníka/).waitFor();
    await fitsPhone(page);
    const agreements = await api.get<{
      items: { id: string; version: number; goal: string; keyWorkerId: string; changes: unknown[] }[];
    }>(`/clients/${evaId}/agreements`);
    expect(agreements.body.items).toHaveLength(1);
    expect(agreements.body.items[0]).toMatchObject({
      id: agreement.id,
      version: 2,
      goal: 'Chci přestat úplně a najít bydlení.',
      keyWorkerId: jakub.sub,
    });
    expect(agreements.body.items[0]!.changes).toEqual([
      expect.objectContaining({
        by: petra.sub,
        fields: ['goal', 'keyWorkerId'],
        note: 'Domluveno s klientkou při konzultaci.',
      }),
    ]);
    await context.close();
  });
});
