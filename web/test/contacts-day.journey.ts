// The contacts day log on a phone (issue 21 item 2): a K-centrum worker records an anonymous
// contact with a needle exchange and sees the confirmation without scrolling, opens the day log
// from it, finds the contact and the day's totals, corrects the needle count with a reason and
// sees the totals follow, voids another contact and sees it struck through and out of the totals.
// Other journeys record contacts on the same runtime today: the totals are compared as changes.
import { describe, expect, it, jest } from '@jest/globals';
import type { intake } from '@spolu/contracts';
import type { Browser, Page } from 'playwright-core';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { expectAccessible, newPage, phone, shot, signIn } from './browser';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, user } = c));

/** Up to `minutes` ago, but never before midnight in Prague: the day log shows the Prague day, so
 * a run just after midnight must not put the contact on yesterday (a CI run at 00:03 did). */
const minutesAgoToday = (minutes: number, now = new Date()) => {
  const [hours, mins] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Prague',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(now)
    .split(':')
    .map(Number);
  const sinceMidnight = hours! * 60 + mins!;
  return new Date(now.getTime() - Math.min(minutes, sinceMidnight) * 60_000).toISOString();
};

/** A figure of the day's totals, as the page shows it. */
const figure = async (page: Page, label: string) => {
  const text = await page
    .getByRole('region', { name: 'Součty dne' })
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd')
    .textContent();
  return Number(text);
};
const figures = async (page: Page) => ({
  contacts: await figure(page, 'Kontakty'),
  given: await figure(page, 'Vydané jehly'),
  returned: await figure(page, 'Vrácené jehly'),
});
/** Waits until the day's totals read as expected (they load again after a change). */
const expectFigures = async (page: Page, expected: Awaited<ReturnType<typeof figures>>) => {
  for (let i = 0; i < 50; i++) {
    if (JSON.stringify(await figures(page)) === JSON.stringify(expected)) return;
    await page.waitForTimeout(100);
  }
  expect(await figures(page)).toEqual(expected);
};

describe('contacts day log', () => {
  it('records on a phone, shows the day with its totals, corrects and voids with a reason', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const api = await actor(rt, petra);
    // A contact recorded by mistake a few minutes ago, to be voided from the day log.
    const services = (await api.get<{ serviceIds: string[] }>(`/workers/${petra.sub}`)).body.serviceIds;
    const mistaken = await api.post<intake.Contact>('/contacts', {
      serviceId: services[0],
      kind: 'unnamed',
      occurredAt: minutesAgoToday(5),
      durationMinutes: 5,
      place: { kind: 'centre' },
      interventions: [{ type: 'needle-exchange', given: 3, returned: 1 }],
    });
    expect(mistaken.status).toBe(201);
    await rt.settle();

    const { context, page } = await newPage(browser, rt.url, { viewport: phone });
    await signIn(page, petra.email);
    await page.goto('/#/contacts/new');
    await page.getByRole('heading', { name: 'Zapsat kontakt' }).waitFor();
    await page.getByRole('checkbox', { name: 'Výměna injekčního materiálu' }).check();
    await page.getByLabel('Vydané stříkačky').fill('7');
    await page.getByLabel('Přijaté stříkačky').fill('2');
    await page.getByRole('button', { name: 'Zapsat kontakt' }).click();

    // The confirmation is in view (the submit button was far down the page) and has the focus.
    const confirmation = page.getByRole('status').filter({ hasText: 'Zobrazit v přehledu dne' });
    await confirmation.waitFor();
    await page.waitForFunction("document.activeElement?.getAttribute('role') === 'status'");
    const box = (await confirmation.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(phone.height);

    await confirmation.getByRole('link', { name: 'Zobrazit v přehledu dne' }).click();
    await page.getByRole('heading', { name: 'Kontakty dne' }).waitFor();
    const recorded = page
      .getByRole('listitem')
      .filter({ hasText: 'Anonymní kontakt' })
      .filter({ hasText: 'jehly vydané 7, vrácené 2' });
    await recorded.waitFor();
    await page.getByRole('region', { name: 'Součty dne' }).waitFor();
    const before = await figures(page);
    expect(before.contacts).toBeGreaterThanOrEqual(2);
    expect(before.given).toBeGreaterThanOrEqual(10);

    // Correct the needle count, with a reason.
    await recorded.getByRole('button', { name: 'Opravit' }).click();
    const fix = recorded.getByRole('form', { name: 'Oprava kontaktu' });
    await fix.getByLabel('Vydané stříkačky').fill('10');
    await fix.getByLabel('Důvod').fill('Překlep: vydáno 10 stříkaček.');
    await fix.getByRole('button', { name: 'Uložit opravu' }).click();
    await page.getByRole('status').filter({ hasText: 'Oprava uložena.' }).waitFor();
    const corrected = page.getByRole('listitem').filter({ hasText: 'jehly vydané 10, vrácené 2' });
    await corrected.getByText(/Opraveno \(1×\), naposledy: Překlep: vydáno 10 stříkaček\./).waitFor();
    await expectFigures(page, { ...before, given: before.given + 3 });

    // Void the mistaken one: it stays, struck through with its reason, and leaves the totals.
    const wrong = page.getByRole('listitem').filter({ hasText: 'jehly vydané 3, vrácené 1' });
    await wrong.getByRole('button', { name: 'Zrušit záznam' }).click();
    const voiding = wrong.getByRole('form', { name: 'Zrušení záznamu' });
    await voiding.getByLabel('Důvod').fill('Zapsáno dvakrát.');
    await voiding.getByRole('button', { name: 'Zrušit záznam' }).click();
    await page.getByRole('status').filter({ hasText: 'Záznam zrušen.' }).waitFor();
    const voided = page.getByRole('listitem').filter({ hasText: 'Záznam zrušen: Zapsáno dvakrát.' });
    await voided.waitFor();
    expect(await voided.getByRole('button').count()).toBe(0);
    expect(await voided.getAttribute('class')).toContain('contact-voided');
    const struck = String(
      await page.evaluate(
        "getComputedStyle(document.querySelector('.contact-voided .contact-day-what')).textDecorationLine",
      ),
    );
    expect(struck).toContain('line-through');
    await expectFigures(page, {
      contacts: before.contacts - 1,
      given: before.given,
      returned: before.returned - 1,
    });

    // As stored: the correction with its reason, the void with its reason.
    const stored = await api.get<intake.Contact>(`/contacts/${mistaken.body.id}`);
    expect(stored.body.voided).toMatchObject({ reason: 'Zapsáno dvakrát.', by: petra.sub });

    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(
      phone.width,
    );
    await expectAccessible(page, 'contacts day log');
    await shot(page, 'contacts-day');
    await context.close();
  });
});
