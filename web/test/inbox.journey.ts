// The inbox in a real browser (issue 21 item 1): the detox unit's worker, on a phone, turns on
// e-mail notices in the console; K-centrum sends her service a referral (through the API) and the
// bell in her header shows it within seconds, without a reload; the notice reads in Czech with the
// needs in words and opens the referral, and the badge goes away. Her answer reaches the sender at a
// desk as a sentence naming the client. A referral that comes while she is not in the console
// arrives as an e-mail (read from the runtime's SMTP catcher) that names no client.
// Runs last of the journeys: it moves the shared runtime's clock past the e-mail grace.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { referrals } from '@spolu/contracts';
import { actor } from '../../packages/local/test-support/harness';
import type { ActorClient } from '../../packages/local/test-support/harness';
import type { MailCatcher } from '../../packages/local/src/mail-catcher';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { desktop, expectAccessible, newPage, phone, shot, signIn } from './browser';
import { registerNamedClient } from './client-setup';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let mail: MailCatcher;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, mail, user } = c));

const evaEmail = 'eva.machova.upozorneni@example.org';

/** K-centrum registers Jana Nováková with a consent to share with the psychiatric hospital and
 * sends her to the detox unit. */
const sendReferral = async (kc: ActorClient, name: string) => {
  const service = seeded.services['k-centrum-liberec/kontaktni-centrum']!;
  const clientId = await registerNamedClient(kc, {
    serviceId: service,
    name,
    birthDate: '1988-04-12',
    sex: 'female',
    district: 'liberec',
  });
  const consent = await kc.post(`/clients/${clientId}/consents`, {
    purpose: 'referral-share',
    serviceId: service,
    recipientProviderId: seeded.providers['psychiatrie-liberec'],
    sharedFields: ['name', 'needs'],
    givenAt: new Date(rt.clock.now().getTime() - 3_600_000).toISOString(),
  });
  expect(consent.status).toBe(201);
  const draft = await kc.post<referrals.Referral>('/referrals', {
    clientId,
    fromServiceId: service,
    toServiceId: seeded.services['psychiatrie-liberec/detox'],
    ageBand: '27-64',
    district: 'liberec',
    targetGroup: 'substance-users',
    needCodes: ['detox', 'mental-health'],
  });
  expect(draft.status).toBe(201);
  const sent = await kc.post<referrals.Referral>(
    `/referrals/${draft.body.id}/transitions`,
    { action: 'send', clientData: { name, needs: ['detox', 'mental-health'] } },
    { headers: { 'if-match': `"${draft.body.version}"` } },
  );
  expect(sent.status).toBe(200);
  return sent.body;
};

const noHorizontalScroll = async (page: Page) =>
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );

describe('inbox', () => {
  it('shows an incoming referral in the receiver’s badge and inbox within seconds; the answer reaches the sender; e-mail when away', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const eva = user('psychiatrie-liberec/eva-machova');
    const kc = await actor(rt, { sub: petra.sub, tenantId: petra.tenantId, roles: ['key-worker'] });
    const detox = await actor(rt, { sub: eva.sub, tenantId: eva.tenantId, roles: ['worker'] });

    // Earlier journeys of the shared runtime may have sent Eva's service referrals: start from a read inbox.
    expect((await detox.post('/inbox/read-all')).status).toBe(200);
    expect((await kc.post('/inbox/read-all')).status).toBe(200);

    // Eva, on a phone, turns on e-mail notices on the Upozornění screen.
    const receiver = await newPage(browser, rt.url, { viewport: phone });
    await signIn(receiver.page, eva.email);
    await receiver.page.getByRole('link', { name: 'Upozornění' }).first().click();
    await receiver.page.getByRole('heading', { name: 'Upozornění', level: 1 }).waitFor();
    await receiver.page.getByLabel('Posílat upozornění e-mailem').check();
    await receiver.page.getByLabel('E-mailová adresa').fill(evaEmail);
    await receiver.page.getByRole('button', { name: 'Uložit' }).click();
    await receiver.page.getByRole('status').filter({ hasText: 'Nastavení upozornění uloženo.' }).waitFor();
    expect(await detox.get('/inbox/preferences')).toMatchObject({
      body: { emailNotices: true, email: evaEmail },
    });
    await receiver.page.goto('/#/');
    await receiver.page.getByRole('heading', { level: 1 }).waitFor();
    const bell = receiver.page.locator('a.inbox-shortcut');
    await expect(bell.locator('.count-badge').count()).resolves.toBe(0);

    // The referral is sent; the bell counts it while Eva's page stays open (the badge asks every 10 s).
    const first = await sendReferral(kc, 'Jana Nováková');
    const sentAt = Date.now();
    await bell.locator('.count-badge', { hasText: '1' }).waitFor({ timeout: 30_000 });
    const seconds = Math.round((Date.now() - sentAt) / 100) / 10;
    console.log(`inbox journey: the receiver's badge showed the referral ${seconds} s after it was sent`);
    expect(await bell.locator('.count-badge').getAttribute('aria-label')).toBe('1 nové upozornění');

    // The notice reads in words; opening it marks it read and the badge goes away.
    await bell.click();
    const notice = receiver.page.locator('li.notice').first();
    await notice.getByText('Nové doporučení do služby Detoxifikační').waitFor();
    await expect(notice.textContent()).resolves.toContain('Potřeby: ');
    expect(await notice.textContent()).not.toContain('mental-health');
    await expect(notice.getByText('Nové', { exact: true }).count()).resolves.toBe(1);
    await noHorizontalScroll(receiver.page);
    await expectAccessible(receiver.page, 'inbox on a phone');
    await shot(receiver.page, 'inbox');
    await notice.getByRole('link', { name: 'Otevřít' }).click();
    await receiver.page.waitForURL(new RegExp(`#/referrals/${first.id}$`));
    await bell.locator('.count-badge').waitFor({ state: 'detached' });

    // Eva puts the client on the waiting list; Petra, at her desk, reads it as a sentence.
    const answered = await detox.post(
      `/referrals/${first.id}/transitions`,
      { action: 'waitlist', expectedDate: '2099-01-15' },
      { headers: { 'if-match': `"${first.version}"` } },
    );
    expect(answered.status).toBe(200);
    await rt.settle();
    const sender = await newPage(browser, rt.url, { viewport: desktop });
    await signIn(sender.page, petra.email);
    const navItem = sender.page.getByRole('navigation').getByRole('link', { name: /Upozornění/ });
    await navItem.locator('.count-badge').waitFor();
    await navItem.click();
    await sender.page
      .getByText(
        /Služba Detoxifikační jednotka Liberec zařadila Jana Nováková do pořadníku, předpoklad 15\. 1\. 2099\./,
      )
      .waitFor();
    await expectAccessible(sender.page, 'inbox on a desk');
    await sender.page.getByRole('button', { name: 'Označit vše jako přečtené' }).click();
    await navItem.locator('.count-badge').waitFor({ state: 'detached' });
    await sender.context.close();

    // Eva leaves the console; the next referral reaches her as an e-mail after the grace, without client data.
    await receiver.context.close();
    await sendReferral(kc, 'Karolína Dvořáková');
    await rt.settle();
    rt.clock.advance(3 * 60_000);
    await rt.runSchedule('inbox', 'mailer');
    const mails = mail.messages().filter((m) => m.to.includes(evaEmail));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Spolu: Máte nové doporučení');
    for (const secret of ['Karolína', 'Dvořáková', 'Jana', 'detox'])
      expect(mails[0]!.text).not.toContain(secret);
  });
});
