// Words, not codes (issue 21 items 4 and 8), in a real browser against a real local runtime. The
// client file's header says who the client is (name, age, key worker, the agreement's service, an
// alert recorded when leaving a home visit, consents in force); the receiving service reads a
// referral's sender and needs in words and its list has a client column; the admin reads webhook
// events by their Czech description and copies a new signing secret. No raw code (a district, a
// need, a target group, an event type) is left in the page's main text, and axe finds nothing
// serious on any of the screens.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { referrals } from '@spolu/contracts';
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

/** Codes a person should never read in the console. */
const rawCodes = [
  'mental-health',
  'semily',
  'substance-users',
  '27-64',
  'ReferralAccepted',
  'ContactRecorded',
  'referral-share',
];

const expectNoCodes = async (page: Page) => {
  const text = (await page.locator('main').innerText()).toString();
  for (const code of rawCodes) expect({ code, found: text.includes(code) }).toEqual({ code, found: false });
};

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** Whole years since a birth date, as the header counts them. */
const ageOn = (birthDate: string, today = new Date()) => {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const had = today.getMonth() + 1 > m || (today.getMonth() + 1 === m && today.getDate() >= d);
  return today.getFullYear() - y - (had ? 0 : 1);
};

describe('words not codes', () => {
  it('shows the client header, the referral for its receiver and the webhook events in words', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const eva = user('psychiatrie-liberec/eva-machova');
    const kc = await actor(rt, {
      sub: petra.sub,
      tenantId: petra.tenantId,
      roles: petra.roles.filter((r) => r !== 'provider-admin'),
    });
    const serviceId = seeded.services['k-centrum-liberec/kontaktni-centrum']!;
    const detoxService = seeded.services['psychiatrie-liberec/detox']!;
    const detoxProvider = seeded.providers['psychiatrie-liberec']!;
    const birthDate = '1988-02-29';

    // A client of K-centrum with an agreement (Petra the key worker), a consent to share with the
    // detox unit, and a home visit closed with a suicide risk (professional help called).
    const clientId = await registerNamedClient(kc, {
      serviceId,
      name: 'Alena Slovná',
      birthDate,
      sex: 'female',
      district: 'semily',
    });
    const agreement = await kc.post(`/clients/${clientId}/agreements`, {
      serviceId,
      form: 'oral',
      goal: 'Chci zvládat dny bez drog.',
      keyWorkerId: petra.sub,
    });
    expect(agreement.status).toBe(201);
    const consent = await kc.post(`/clients/${clientId}/consents`, {
      serviceId,
      purpose: 'referral-share',
      recipientProviderId: detoxProvider,
      sharedFields: ['name', 'needs'],
      givenAt: hoursAgo(3),
      form: 'written',
    });
    expect(consent.status).toBe(201);
    const visit = await kc.post<{ id: string; version: number }>(`/clients/${clientId}/home-visits`, {
      serviceId,
      scheduledAt: hoursAgo(2),
      workerCount: 2,
      checklist: {
        everyonePresentInformed: true,
        timeAndFormAgreed: true,
        prohibitedActivitiesAcknowledged: true,
        expectationsClear: true,
        workerWillIntroduce: true,
      },
    });
    expect(visit.status).toBe(201);
    const closed = await kc.put(
      `/clients/${clientId}/home-visits/${visit.body.id}/closure`,
      {
        endedAt: hoursAgo(1),
        leaveSafety: {
          acuteDanger: false,
          clientPsychotic: false,
          clientSuicidal: true,
          professionalHelpCalled: true,
          helpCalledAt: hoursAgo(1),
        },
      },
      { headers: { 'if-match': `"${visit.body.version}"` } },
    );
    expect(closed.status).toBe(200);
    await rt.settle();

    const desk = await newPage(browser, rt.url);
    await signIn(desk.page, petra.email);
    await desk.page.goto(`/#/clients/${clientId}`);
    const header = desk.page.getByRole('region', { name: 'Přehled klienta' });
    await header.getByRole('heading', { name: 'Alena Slovná' }).waitFor();
    const age = ageOn(birthDate);
    await header.getByText(`${age} let`, { exact: true }).waitFor();
    await header.getByText('Semily', { exact: true }).waitFor();
    await header.getByText('Petra Hájková', { exact: true }).waitFor();
    await header.getByText(/\(Kontaktní centra \(§59\)\): ústní dohoda od/).waitFor();
    await header.getByText(/Riziko sebevraždy \(zaznamenáno při návštěvě v bytě/).waitFor();
    await header.getByText(/Sdílení údajů s jinou organizací \(doporučení\) \(/).waitFor();
    await header.getByRole('link', { name: /Individuální plán, verze/ }).waitFor();
    await expectNoCodes(desk.page);
    await expectAccessible(desk.page, 'client file header');
    await desk.context.close();

    // The referral to the detox unit, sent with the consented name and needs.
    const draft = await kc.post<referrals.Referral>('/referrals', {
      clientId,
      fromServiceId: serviceId,
      toServiceId: detoxService,
      ageBand: '27-64',
      district: 'semily',
      targetGroup: 'substance-users',
      needCodes: ['detox', 'mental-health'],
      senderContact: { phone: '+420 485 100 200' },
    });
    expect(draft.status).toBe(201);
    const sent = await kc.post<referrals.Referral>(
      `/referrals/${draft.body.id}/transitions`,
      { action: 'send', clientData: { name: 'Alena Slovná', needs: ['detox', 'mental-health'] } },
      { headers: { 'if-match': `"${draft.body.version}"` } },
    );
    expect(sent.status).toBe(200);
    await rt.settle();

    // The receiver: the list has a client column and the needs in words, newest first.
    const receiver = await newPage(browser, rt.url);
    await signIn(receiver.page, eva.email);
    await receiver.page.getByRole('navigation').getByRole('link', { name: 'Doporučení' }).click();
    const received = receiver.page.getByRole('table').first();
    await received.getByRole('columnheader', { name: 'Klient', exact: true }).waitFor();
    const newest = received.getByRole('row').nth(1);
    await newest.getByText('27–64 let, Semily').waitFor();
    await newest.getByText('Detoxifikace, Duševní zdraví').waitFor();
    await expectNoCodes(receiver.page);
    await expectAccessible(receiver.page, 'received referrals');
    await newest.getByRole('link').click();
    const sender = receiver.page.getByRole('region', { name: 'Kdo doporučuje' });
    await sender.getByText('K-centrum Liberec').waitFor();
    await sender.getByText(/Služba: .*\(Kontaktní centra \(§59\)\)/).waitFor();
    const about = receiver.page.getByRole('region', { name: 'O klientovi' });
    await about.getByText('Detoxifikace, Duševní zdraví').waitFor();
    await about.getByText('27–64 let').waitFor();
    await about.getByText('Semily').waitFor();
    await about.getByText('Osoby ohrožené závislostí nebo závislé na návykových látkách').waitFor();
    await receiver.page.getByText('Sdílené údaje (dle souhlasu): Jméno, Potřeby').waitFor();
    const shared = receiver.page.getByRole('region', { name: 'Sdílené údaje o klientovi' });
    await shared.getByRole('button', { name: 'Zobrazit sdílené údaje' }).click();
    await shared.getByText('Potřeby: Detoxifikace, Duševní zdraví').waitFor();
    // The actions are the lifecycle's for the receiver of an open referral, never the sender's.
    const actions = await receiver.page
      .getByRole('group', { name: 'Další krok' })
      .getByRole('button')
      .allInnerTexts();
    expect(actions).toEqual(expect.arrayContaining(['Přijmout', 'Odmítnout', 'Zařadit do pořadníku']));
    expect(actions).not.toContain('Zrušit');
    await expectNoCodes(receiver.page);
    await expectAccessible(receiver.page, 'referral for its receiver');
    await receiver.context.close();

    // The admin's webhooks: the subscription's description and its events in words.
    const admin = user('k-centrum-liberec/admin');
    const adminApi = await actor(rt, admin);
    const subscription = await adminApi.post('/webhooks/subscriptions', {
      // Loopback (allowed in the local runtime only): nothing is sent to it in this journey.
      url: 'http://127.0.0.1:9/spolu/words',
      description: 'Evidence K-centra: stav doporučení',
      eventTypes: ['ReferralAccepted', 'ContactRecorded'],
    });
    expect(subscription.status).toBe(201);
    const office = await newPage(browser, rt.url);
    await office.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(office.page, admin.email);
    await office.page.getByRole('link', { name: 'Partneři a webhooky' }).click();
    const card = office.page.getByRole('listitem').filter({ hasText: 'Evidence K-centra: stav doporučení' });
    await card.getByText('Doporučení přijato').waitFor();
    await card.getByText('Zapsán kontakt s klientem').waitFor();
    await expectNoCodes(office.page);
    await expectAccessible(office.page, 'webhooks in words');
    // Offline, a request that never reaches the server says so in Czech (not "Failed to fetch").
    await office.context.setOffline(true);
    await card.getByRole('button', { name: 'Poslat zkušební zprávu' }).click();
    await card.getByText('Nelze se spojit se serverem. Zkontrolujte připojení.').waitFor();
    expect(await card.textContent()).not.toContain('Failed to fetch');
    await office.context.setOffline(false);
    // A new secret is copied with one button and a confirmation in Czech.
    await card.getByRole('button', { name: 'Vyměnit podpisový klíč' }).click();
    const secret = (await office.page.getByText(/^Podpisový klíč: whsec_/).textContent())!.match(
      /whsec_[^.\s]+/,
    )![0];
    await office.page.getByRole('button', { name: 'Kopírovat' }).click();
    await office.page.getByText('Podpisový klíč je zkopírovaný ve schránce.').waitFor();
    expect(await office.page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    await office.context.close();
  });
});
