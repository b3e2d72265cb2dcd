// Field work in a real browser against a real local runtime (issue 18): a K-centrum worker records
// a phone contact with an unnamed person (an information intervention with its topic), arranges a
// meeting with that person without registering a client, finds it among today's appointments on
// the worklist and, when the person does not come, records the no-show and reads the proposal: the
// contact centre by name and address with its hours that day, and the next day in Prague time. The
// API is asked what was really stored; each new page is checked with axe.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
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

interface Arrangement {
  id: string;
  clientId?: string;
  contactId?: string;
  attendance: string;
  phoneArrangement?: { place: string; recognitionSigns: string; request: string };
  noShowProposal?: {
    nextDay: { date: string; time: string };
    centre?: { name: string; address?: string; openingHours: { opens: string; closes: string }[] };
  };
}

/** This machine's (= the browser's) day, as the worklist asks for it. */
const today = () => {
  const from = new Date();
  from.setHours(0, 0, 0, 0);
  const to = new Date(from);
  to.setDate(to.getDate() + 1);
  return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
};

describe('field work: a phone arrangement with an unnamed person', () => {
  it('is made without a client, shows on the worklist and a no-show names the contact centre and the next day', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const api = await actor(rt, petra);
    const clientsBefore = (await api.get<{ items: unknown[] }>('/clients?limit=100')).body.items.length;
    // Other journeys of the console run on the same runtime: only what this one adds counts.
    const todayIds = async () =>
      (await api.get<{ items: Arrangement[] }>(`/appointments?${today()}`)).body.items.map((a) => a.id);
    const before = new Set(await todayIds());

    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, petra.email);
    await page.goto('/#/contacts/new');
    await page.getByRole('heading', { name: 'Zapsat kontakt' }).waitFor();
    await page.getByRole('radio', { name: 'Po telefonu' }).check();
    await page.getByRole('checkbox', { name: 'Telefonický kontakt' }).check();
    await page.getByRole('checkbox', { name: 'Informace' }).check();
    await page.getByLabel('Téma informace').selectOption({ label: 'Testování na HCV' });
    await page.getByRole('button', { name: 'Zapsat kontakt' }).click();
    await page.getByText('Kontakt zapsán. Chcete s osobou domluvit schůzku?').waitFor();
    await expectAccessible(page, 'unnamed contact recorded');

    await page.getByRole('button', { name: 'Domluvit schůzku po telefonu' }).click();
    const form = page.getByRole('form', { name: 'Domluvit schůzku po telefonu' });
    await form.getByText(/Žádný klient se nezakládá/).waitFor();
    // Sent without what was agreed: the form names each missing part, nothing is stored.
    await form.getByRole('button', { name: 'Domluvit schůzku' }).click();
    await form.locator('.error').first().waitFor();
    expect(await form.getByLabel('Poznávací znaky pracovníka').getAttribute('aria-invalid')).toBe('true');
    expect(await todayIds()).toEqual([...before]);

    await form.getByLabel('Zakázka').selectOption({ label: 'výměnný program' });
    await form.getByLabel('Místo setkání').fill('u hlavního vchodu K-centra');
    await form.getByLabel('Poznávací znaky pracovníka').fill('zelená bunda, batoh s logem');
    await form.getByRole('button', { name: 'Domluvit schůzku' }).click();
    await page.getByText(/Schůzka domluvena/).waitFor();

    const day = await api.get<{ items: Arrangement[] }>(`/appointments?${today()}`);
    const added = day.body.items.filter((a) => !before.has(a.id));
    expect(added).toHaveLength(1);
    const arrangement = added[0]!;
    expect(arrangement.clientId).toBeUndefined();
    expect(arrangement).toMatchObject({
      attendance: 'scheduled',
      phoneArrangement: {
        place: 'u hlavního vchodu K-centra',
        recognitionSigns: 'zelená bunda, batoh s logem',
        request: 'needle-exchange',
      },
    });
    const contact = await api.get<{ kind: string; interventions: unknown[] }>(
      `/contacts/${arrangement.contactId}`,
    );
    expect(contact.body.kind).toBe('unnamed');
    expect(contact.body.interventions).toContainEqual({ type: 'information', topic: 'hcv-testing' });
    // No client was registered for the person.
    expect((await api.get<{ items: unknown[] }>('/clients?limit=100')).body.items).toHaveLength(
      clientsBefore,
    );

    // The worker waits 15 minutes; the runtime's clock moves on, the browser's day stays.
    rt.clock.advance(16 * 60_000);
    await page.goto('/#/');
    const todayList = page.getByRole('region', { name: 'Dnešní schůzky' });
    const item = todayList.getByRole('listitem').filter({ hasText: 'Neznámá osoba' });
    await item.getByText(/Domluva po telefonu/).waitFor();
    await item.getByText('zelená bunda, batoh s logem').waitFor();
    expect(await item.getByRole('link', { name: 'Otevřít spis' }).count()).toBe(0);
    await expectAccessible(page, 'worklist with an unnamed arrangement');

    await item.getByRole('button', { name: 'Zapsat účast' }).click();
    await item.getByRole('radio', { name: 'nedostavil(a) se' }).check();
    await item.getByRole('button', { name: 'Uložit účast' }).click();
    const proposal = item.getByRole('status').filter({ hasText: 'Osoba nepřišla. Nabídněte jí:' });
    await proposal.waitFor();

    const stored = await api.get<Arrangement>(`/phone-arrangements/${arrangement.id}`);
    expect(stored.body.attendance).toBe('no-show');
    const offered = stored.body.noShowProposal!;
    expect(offered.centre).toMatchObject({
      name: 'Kontaktní centrum K-centrum Liberec',
      address: 'Hálkova 240/12, 460 01 Liberec',
    });
    await proposal.getByText(/kontaktní centrum Kontaktní centrum K-centrum Liberec/).waitFor();
    await proposal.getByText(/adresa: Hálkova 240\/12, 460 01 Liberec/).waitFor();
    const hours = offered.centre!.openingHours;
    await proposal
      .getByText(
        hours.length > 0
          ? `ten den otevřeno ${hours.map((h) => `${h.opens}–${h.closes}`).join(', ')}`
          : 'ten den zavřeno',
      )
      .waitFor();
    await proposal
      .getByText(new RegExp(`další den: .* v ${offered.nextDay.time} \\(pražského času\\)`))
      .waitFor();
    await expectAccessible(page, 'no-show proposal');
    await context.close();
  });
});

/** A datetime-local value `minutes` from now, on this machine's clock (= the browser's). */
const localInput = (minutes: number) => {
  const d = new Date(Date.now() + minutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

describe('home visits: refused, address, outcome and whom was called', () => {
  it('a refused visit stays in the file with its reason; a closed one says how it ended and whom was called', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const api = await actor(rt, petra);
    const clientId = await registerNamedClient(api, {
      serviceId: seeded.services['k-centrum-liberec/kontaktni-centrum']!,
      name: 'Marta Dvořáková',
      birthDate: '1985-06-02',
      sex: 'female',
      district: 'liberec',
      contact: { address: 'Jungmannova 8, Liberec' },
    });
    const visits = async () =>
      (
        await api.get<{
          items: {
            status: string;
            refusalReason?: string;
            address?: string;
            outcome?: string;
            leaveSafety?: { helpCalledWho?: string };
          }[];
        }>(`/clients/${clientId}/home-visits`)
      ).body.items;

    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, petra.email);
    await page.goto(`/#/clients/${clientId}/home-visits`);
    await page.getByRole('heading', { name: 'Návštěvy v bytě: Marta Dvořáková' }).waitFor();
    await page.getByLabel('Kdy', { exact: true }).fill(localInput(-120));
    const checklist = page.getByRole('group', { name: 'Před návštěvou je domluveno' });
    await checklist.getByLabel(/Vědí o ní všichni/).check();
    await checklist.getByLabel(/Čas a podoba návštěvy/).check();
    // Not all is agreed: the visit is refused, with its reason, instead of being scheduled.
    await page.getByRole('button', { name: 'Zapsat odmítnutou návštěvu' }).click();
    const refuse = page.getByRole('form', { name: 'Zapsat odmítnutou návštěvu' });
    await refuse.getByRole('button', { name: 'Zapsat odmítnutou návštěvu' }).click();
    await refuse.locator('.error').first().waitFor();
    expect(await visits()).toHaveLength(0);
    await refuse.getByLabel('Důvod odmítnutí').fill('Partner nesouhlasí s pravidly návštěvy.');
    await refuse.getByRole('button', { name: 'Zapsat odmítnutou návštěvu' }).click();
    await page.getByText('Odmítnutá návštěva zapsána do spisu.').waitFor();
    await page.getByText('odmítnuto', { exact: true }).waitFor();
    await page.getByText('Partner nesouhlasí s pravidly návštěvy.').waitFor();
    expect(await visits()).toMatchObject([
      { status: 'refused', refusalReason: 'Partner nesouhlasí s pravidly návštěvy.' },
    ]);
    await expectAccessible(page, 'refused home visit');

    // Everything agreed: scheduled at the client's address; closed early, help called (155).
    await page.getByLabel('Kdy', { exact: true }).fill(localInput(-120));
    for (const item of [
      /Vědí o ní všichni/,
      /Čas a podoba návštěvy/,
      /nesmí vyrábět ani prodávat drogy/,
      /co se od návštěvy očekává/,
      /nebude lhát, krýt ho/,
    ])
      await checklist.getByLabel(item).check();
    expect(await page.getByLabel(/Adresa návštěvy/).getAttribute('placeholder')).toBe(
      'Jungmannova 8, Liberec',
    );
    await page.getByRole('button', { name: 'Naplánovat návštěvu' }).click();
    await page.getByText('Návštěva naplánována.').waitFor();
    await page.getByText('Adresa návštěvy: Jungmannova 8, Liberec').waitFor();
    await page.getByRole('button', { name: 'Uzavřít návštěvu' }).click();
    const closure = page.getByRole('form', { name: 'Uzavřít návštěvu' });
    await closure.getByLabel('Klient je v psychotickém stavu').check();
    await closure.getByLabel('Přivolal(a) jsem odbornou pomoc').check();
    await closure.getByLabel('Koho jste přivolali').selectOption({ label: 'záchrannou službu (155)' });
    await closure.getByLabel('ukončena předčasně kvůli bezpečí').check();
    await expectAccessible(page, 'home visit closure with outcome');
    await closure.getByRole('button', { name: 'Uzavřít návštěvu' }).click();
    await page.getByText('Návštěva uzavřena.').waitFor();
    await page.getByText(/ukončena předčasně kvůli bezpečí/).waitFor();
    await page.getByText(/odborná pomoc přivolána \(záchrannou službu \(155\)\)/).waitFor();
    const closed = (await visits()).find((v) => v.status === 'closed');
    expect(closed).toMatchObject({
      address: 'Jungmannova 8, Liberec',
      outcome: 'ended-early-safety',
      leaveSafety: { helpCalledWho: 'emergency-155' },
    });
    await context.close();
  });
});
