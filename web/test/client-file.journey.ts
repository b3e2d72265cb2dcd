// The client file's own screens in a real browser against a real local runtime: the home-visit
// rules of document 003 (checklist before, leave-safety after) on a phone in Czech, giving and
// withdrawing a consent in English, and a first consultation, needs mapping and a missed phone
// arrangement. Every new page is checked with axe; the API is asked what was really stored.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory, SeededUser } from '../../packages/local/src/seed/seed-directory';
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

/** A `<input type="datetime-local">` value `minutes` from now, in the browser's (= this machine's) zone. */
const localInput = (minutes: number) => {
  const d = new Date(Date.now() + minutes * 60_000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Nothing sticks out sideways on a 360 px phone. */
const fitsPhone = async (page: Page) =>
  expect(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    ),
  ).toBeLessThanOrEqual(phone.width);

const newClient = async (who: SeededUser, serviceKey: string, name: string) => {
  const api = await actor(rt, who);
  const clientId = await registerNamedClient(api, {
    serviceId: seeded.services[serviceKey]!,
    name,
    birthDate: '1990-03-14',
    sex: 'female',
    district: 'liberec',
  });
  return { api, clientId };
};

describe('client file screens', () => {
  it('a home visit needs the whole checklist, and a psychotic client is not left without help (Czech, phone)', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const { api, clientId } = await newClient(petra, 'k-centrum-liberec/kontaktni-centrum', 'Eva Malá');
    const { context, page } = await newPage(browser, rt.url, { viewport: phone });
    await signIn(page, petra.email);
    await page.goto(`/#/clients/${clientId}`);
    await page.getByRole('heading', { name: /Spis klienta: Eva Malá/ }).waitFor();
    await page
      .getByRole('navigation', { name: 'Záznamy ve spisu' })
      .getByRole('link', { name: 'Návštěvy v bytě' })
      .click();
    await page.getByRole('heading', { name: 'Návštěvy v bytě: Eva Malá' }).waitFor();
    await expectAccessible(page, 'home visits');
    await fitsPhone(page);

    await page.getByLabel('Kdy', { exact: true }).fill(localInput(-120));
    await page.getByLabel('Počet pracovníků').fill('2');
    const checklist = page.getByRole('group', { name: 'Před návštěvou je domluveno' });
    await checklist.getByLabel(/Vědí o ní všichni/).check();
    await checklist.getByLabel(/Čas a podoba návštěvy/).check();
    await checklist.getByLabel(/nesmí vyrábět ani prodávat drogy/).check();
    await checklist.getByLabel(/co se od návštěvy očekává/).check();
    await page.getByRole('button', { name: 'Naplánovat návštěvu' }).click();
    // The API refuses; its rule stands at the checklist in Czech, tied to the group, the missing item marked.
    const refusal = checklist.getByText('Domácí návštěvu lze naplánovat jen s úplným kontrolním seznamem.');
    await refusal.waitFor();
    const refusalId = await refusal.getAttribute('id');
    expect(await checklist.getAttribute('aria-describedby')).toContain(refusalId);
    expect(await checklist.getByLabel(/nebude lhát, krýt ho/).getAttribute('aria-invalid')).toBe('true');
    expect((await api.get<{ items: unknown[] }>(`/clients/${clientId}/home-visits`)).body.items).toHaveLength(
      0,
    );
    await expectAccessible(page, 'home visit refused');

    // What was ticked survived the refusal: the last item is enough now.
    await checklist.getByLabel(/nebude lhát, krýt ho/).check();
    await page.getByRole('button', { name: 'Naplánovat návštěvu' }).click();
    await page.getByText('Návštěva naplánována.').waitFor();
    await page.getByText('naplánováno', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Uzavřít návštěvu' }).click();
    const closure = page.getByRole('form', { name: 'Uzavřít návštěvu' });
    await closure.getByText(/neodchází a ihned volá odbornou pomoc/).waitFor();
    await closure.getByLabel('Klient je v psychotickém stavu').check();
    await closure.getByRole('button', { name: 'Uzavřít návštěvu' }).click();
    const helpCalled = closure.getByLabel('Přivolal(a) jsem odbornou pomoc');
    await closure
      .locator('.check')
      .getByText(/před uzavřením návštěvy zapište, že byla přivolána odborná pomoc/)
      .waitFor();
    expect(await helpCalled.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'home visit closure refused');
    await fitsPhone(page);
    const open = await api.get<{ items: { status: string }[] }>(`/clients/${clientId}/home-visits`);
    expect(open.body.items.map((v) => v.status)).toEqual(['scheduled']);

    await helpCalled.check();
    await closure.getByRole('button', { name: 'Uzavřít návštěvu' }).click();
    await page.getByText('Návštěva uzavřena.').waitFor();
    await page.getByText('Klient je v psychotickém stavu · odborná pomoc přivolána').waitFor();
    const closed = await api.get<{ items: { status: string; leaveSafety?: Record<string, boolean> }[] }>(
      `/clients/${clientId}/home-visits`,
    );
    expect(closed.body.items).toHaveLength(1);
    expect(closed.body.items[0]!.status).toBe('closed');
    expect(closed.body.items[0]!.leaveSafety).toMatchObject({
      clientPsychotic: true,
      clientSuicidal: false,
      professionalHelpCalled: true,
    });
    await context.close();
  });

  it('a crisis-centre worker records a referral consent and withdraws it (English)', async () => {
    const lucie = user('krizove-centrum-liberec/lucie-stara');
    const { api, clientId } = await newClient(lucie, 'krizove-centrum-liberec/krizova-pomoc', 'Alena Horká');
    const { context, page } = await newPage(browser, rt.url, { locale: 'en' });
    await signIn(page, lucie.email);
    await page.goto(`/#/clients/${clientId}`);
    await page.getByRole('link', { name: 'Consents' }).click();
    await page.getByRole('heading', { name: 'Consents: Alena Horká' }).waitFor();
    await page.getByText('The client has not given any consent yet.').waitFor();
    await expectAccessible(page, 'consents');

    // The contract's own rule, before anything is sent: a referral consent names its recipient.
    await page.getByLabel('Sharing with another provider (referral)').check();
    await page.getByLabel('Name', { exact: true }).check();
    await page.getByLabel('Needs', { exact: true }).check();
    await page.getByRole('button', { name: 'Record the consent' }).click();
    await page.getByText('A consent to share names the provider who receives the information.').waitFor();
    expect(await page.getByLabel('Recipient provider').getAttribute('aria-invalid')).toBe('true');
    await page
      .getByLabel('Recipient provider')
      .selectOption({ label: 'Centrum duševního zdraví a adiktologie Liberec, a. s.' });
    await page.getByRole('button', { name: 'Record the consent' }).click();
    await page.getByText('Consent recorded.').waitFor();
    await page.getByText('To: Centrum duševního zdraví a adiktologie Liberec, a. s.').waitFor();
    await page.getByText('Shared: Name, Needs').waitFor();
    const given = await api.get<{ items: { status: string; sharedFields?: string[] }[] }>(
      `/clients/${clientId}/consents`,
    );
    expect(given.body.items).toMatchObject([{ status: 'given', sharedFields: ['name', 'needs'] }]);

    await page.getByRole('button', { name: 'Withdraw the consent' }).click();
    const confirm = page.getByRole('form', { name: 'Confirm the withdrawal' });
    await confirm.getByText('Really withdraw this consent?', { exact: false }).waitFor();
    await expectAccessible(page, 'consent withdrawal');
    await confirm.getByRole('button', { name: 'Yes, withdraw' }).click();
    await page.getByText('Consent withdrawn.').waitFor();
    await page.getByText('withdrawn', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Withdraw the consent' }).count()).toBe(0);
    const withdrawn = await api.get<{ items: { status: string; withdrawnAt?: string }[] }>(
      `/clients/${clientId}/consents`,
    );
    expect(withdrawn.body.items[0]!.status).toBe('withdrawn');
    expect(withdrawn.body.items[0]!.withdrawnAt).toBeDefined();
    await context.close();
  });

  it('a first consultation, needs mapping and a missed phone arrangement (Czech)', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const { api, clientId } = await newClient(petra, 'k-centrum-liberec/kontaktni-centrum', 'Jana Veselá');
    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, petra.email);

    await page.goto(`/#/clients/${clientId}/consultation`);
    await page.getByRole('heading', { name: 'Konzultace: Jana Veselá' }).waitFor();
    await page.getByLabel(/Zakázka slovy člověka/).fill('Chci přestat a nevím jak.');
    await page.getByLabel('chce uzavřít dohodu').check();
    await page.getByRole('button', { name: 'Zapsat konzultaci' }).click();
    await page.getByText('Konzultace zapsána.').waitFor();
    await page.getByText('první, bez dohody').waitFor();
    await expectAccessible(page, 'consultation');

    await page.getByRole('link', { name: 'Zpět do spisu' }).click();
    await page.getByRole('link', { name: 'Mapování potřeb' }).click();
    await page.getByRole('heading', { name: 'Mapování potřeb: Jana Veselá' }).waitFor();
    await page.getByLabel('Bydlení', { exact: true }).check();
    await page.getByLabel('Priorita podle klienta: Bydlení').selectOption('high');
    await page.getByLabel('Priorita podle pracovníka: Bydlení').selectOption('medium');
    await expectAccessible(page, 'needs mapping');
    await page.getByRole('button', { name: 'Uložit mapování' }).click();
    await page.getByText('Mapování potřeb uloženo.').waitFor();
    await page.getByText('výsledná priorita vysoká (klient vysoká, pracovník střední)').waitFor();

    await page.goto(`/#/clients/${clientId}/appointments`);
    await page.getByRole('heading', { name: /Schůzky a domluvy po telefonu: Jana Veselá/ }).waitFor();
    await page.getByLabel('Domluva po telefonu').check();
    await page.getByLabel('Kdy', { exact: true }).fill(localInput(-60));
    await page.getByLabel('Zakázka', { exact: true }).selectOption('needle-exchange');
    await page.getByLabel('Místo setkání').fill('Zastávka Fügnerova');
    await page.getByLabel('Poznávací znaky pracovníka').fill('Zelená bunda, batoh s logem');
    await page.getByLabel(/Číslo pro zpětné volání/).fill('+420 777 123 456');
    await page.getByText(/čekáte nejvýš 15 minut/).waitFor();
    await expectAccessible(page, 'appointments');
    await page.getByRole('button', { name: 'Domluvit', exact: true }).click();
    await page.getByText('Schůzka domluvena.').waitFor();
    await page.getByRole('button', { name: 'Zapsat účast' }).click();
    await page.getByText(/Na domluveném místě se čeká nejvýš 15 minut/).waitFor();
    await page.getByLabel('nedostavil(a) se').check();
    await page.getByRole('button', { name: 'Uložit účast' }).click();
    await page.getByText('Klient nepřišel. Nabídněte mu:').waitFor();
    // The proposal names the contact centre (issue 18), not just "the contact centre's services".
    await page
      .getByText(/kontaktní centrum Kontaktní centrum K-centrum Liberec, adresa: Hálkova 240\/12/)
      .waitFor();
    await page.getByText(/další den: .* \(pražského času\)/).waitFor();
    const appointments = await api.get<{ items: { attendance: string; noShowProposal?: unknown }[] }>(
      `/clients/${clientId}/appointments`,
    );
    expect(appointments.body.items).toMatchObject([
      {
        attendance: 'no-show',
        noShowProposal: {
          contactCentre: true,
          centre: { name: 'Kontaktní centrum K-centrum Liberec', address: 'Hálkova 240/12, 460 01 Liberec' },
          nextDay: { timeZone: 'Europe/Prague' },
        },
      },
    ]);
    await context.close();
  });
});
