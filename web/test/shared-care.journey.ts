// Shared care and handover in a real browser: K-centrum agrees shared care of a client with TK
// Jizerka (the client consented to share with it), TK's key worker finds it on a phone and moves
// the joint review; a third provider cannot open it. K-centrum then hands the client over with a
// summary and TK's key worker confirms taking over. The API is asked what was stored.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { expectAccessible, newPage, phone, shot, signIn, openNav } from './browser';
import { registerNamedClient } from './client-setup';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

describe('shared care and handover', () => {
  it('K-centrum and TK Jizerka share the care of a client, then K-centrum hands the client over', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const alena = user('tk-jizerka/alena-sevcikova');
    const pavla = user('fokus-semily/pavla-horackova');
    const kc = await actor(rt, petra);
    const serviceId = seeded.services['k-centrum-liberec/kontaktni-centrum']!;
    const tkService = seeded.services['tk-jizerka/terapeuticka-komunita']!;
    const clientId = await registerNamedClient(kc, {
      serviceId,
      name: 'Ondřej Malý',
      birthDate: '1994-02-20',
      sex: 'male',
      district: 'liberec',
    });
    const consent = await kc.post(`/clients/${clientId}/consents`, {
      serviceId,
      purpose: 'referral-share',
      recipientProviderId: seeded.providers['tk-jizerka'],
      sharedFields: ['name', 'goal'],
      givenAt: new Date(Date.now() - 3_600_000).toISOString(),
      form: 'written',
    });
    expect(consent.status).toBe(201);
    await rt.settle();

    const desk = await newPage(browser, rt.url);
    await signIn(desk.page, petra.email);
    await desk.page.goto(`/#/clients/${clientId}`);
    const records = desk.page.getByRole('navigation', { name: 'Záznamy ve spisu' });
    await records.getByRole('link', { name: 'Sdílená péče' }).click();
    const form = desk.page.getByRole('form', { name: 'Domluvit sdílenou péči' });
    await form
      .getByLabel('Co pro klienta dělá')
      .first()
      .fill('Výměna materiálu, poradenství, motivace k léčbě');
    await form.getByLabel('Služba partnera').selectOption(tkService);
    await form.getByLabel('Co pro klienta dělá').last().fill('Příprava nástupu do komunity');
    await form.getByLabel('Kontaktní pracovník').fill('Alena Ševčíková');
    await expectAccessible(desk.page, 'new shared care');
    await form.getByRole('button', { name: 'Domluvit sdílenou péči' }).click();
    await desk.page.getByRole('heading', { name: /^Sdílená péče: K-centrum Liberec \+ / }).waitFor();
    const sharedCareId = new URL(desk.page.url()).hash.split('/').pop()!;
    await expectAccessible(desk.page, 'shared care detail');
    await shot(desk.page, 'shared-care');

    // TK's key worker on a phone: the agreement is in her list; she moves the joint review.
    const mobile = await newPage(browser, rt.url, { viewport: phone });
    await signIn(mobile.page, alena.email);
    await (await openNav(mobile.page)).getByRole('link', { name: 'Sdílená péče' }).click();
    await mobile.page.getByRole('heading', { name: 'Sdílená péče a předání' }).waitFor();
    await expectAccessible(mobile.page, 'shared care list on a phone');
    await mobile.page.getByRole('link', { name: /K-centrum Liberec \+ / }).click();
    const review = mobile.page.getByRole('form', { name: 'Změnit datum hodnocení' });
    await review.getByLabel('Datum společného hodnocení').fill('2027-02-15');
    await review.getByRole('button', { name: 'Změnit datum hodnocení' }).click();
    await mobile.page.getByRole('main').getByText('Uloženo.').waitFor();

    // A third provider sees nothing of it.
    const outsider = await newPage(browser, rt.url);
    await signIn(outsider.page, pavla.email);
    await outsider.page.goto(`/#/shared-care/${sharedCareId}`);
    await outsider.page.getByText(/Tento záznam nevidíte/).waitFor();
    await outsider.context.close();

    const stored = await kc.get<{
      parties: { providerId: string; responsibilities: string }[];
      nextReviewAt: string;
      coordinatorProviderId: string;
    }>(`/shared-care/${sharedCareId}`);
    expect(stored.body).toMatchObject({
      nextReviewAt: '2027-02-15',
      coordinatorProviderId: seeded.providers['k-centrum-liberec'],
      parties: [
        expect.objectContaining({ providerId: seeded.providers['k-centrum-liberec'] }),
        expect.objectContaining({
          providerId: seeded.providers['tk-jizerka'],
          responsibilities: 'Příprava nástupu do komunity',
        }),
      ],
    });

    // The handover: summary from K-centrum, confirmed by TK's key worker.
    await desk.page.goto(`/#/clients/${clientId}`);
    await records.getByRole('link', { name: 'Předat klienta' }).click();
    const handover = desk.page.getByRole('form', { name: 'Předat klienta jiné organizaci' });
    await handover.getByLabel('Komu klienta předáváte (služba)').selectOption(tkService);
    await handover.getByLabel('Cíl klienta').fill('Abstinence a návrat do práce');
    await handover.getByLabel('Co se už podařilo').fill('Tři měsíce v kontaktu, motivovaný k léčbě.');
    await handover.getByLabel(/Rozpracované kroky/).fill('Nástup do komunity\nVyřízení dokladů');
    await handover.getByRole('button', { name: 'Předat' }).click();
    await desk.page.getByText('čeká na potvrzení').waitFor();
    const handoverId = new URL(desk.page.url()).hash.split('/').pop()!;
    await desk.context.close();

    await (await openNav(mobile.page)).getByRole('link', { name: 'Sdílená péče' }).click();
    await mobile.page.getByRole('link', { name: /přebíráme: K-centrum Liberec/ }).click();
    await mobile.page.getByText('Nástup do komunity').waitFor();
    await expectAccessible(mobile.page, 'handover on a phone');
    await shot(mobile.page, 'handover');
    await mobile.page.getByRole('button', { name: 'Potvrdit převzetí' }).click();
    await mobile.page.getByText(/Převzetí potvrzeno/).waitFor();
    await mobile.context.close();

    const done = await kc.get<{ status: string; confirmedBy: string; summary: { currentSteps: string[] } }>(
      `/handovers/${handoverId}`,
    );
    expect(done.body).toMatchObject({
      status: 'completed',
      confirmedBy: alena.sub,
      summary: { currentSteps: ['Nástup do komunity', 'Vyřízení dokladů'] },
    });
  });
});
