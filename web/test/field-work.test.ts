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
import { expectAccessible, newPage, signIn } from './browser';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, user } = c));

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
    expect((await api.get<{ items: unknown[] }>(`/appointments?${today()}`)).body.items).toHaveLength(0);

    await form.getByLabel('Zakázka').selectOption({ label: 'výměnný program' });
    await form.getByLabel('Místo setkání').fill('u hlavního vchodu K-centra');
    await form.getByLabel('Poznávací znaky pracovníka').fill('zelená bunda, batoh s logem');
    await form.getByRole('button', { name: 'Domluvit schůzku' }).click();
    await page.getByText(/Schůzka domluvena/).waitFor();

    const day = await api.get<{ items: Arrangement[] }>(`/appointments?${today()}`);
    expect(day.body.items).toHaveLength(1);
    const arrangement = day.body.items[0]!;
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
