// What the receiving service is told about its referrals, in a real browser (issue 18). K-centrum
// refers two clients to the detox unit. Before accepting, the detox worker sees who refers (provider,
// worker, phone) and what the client shared. Then one client withdraws the consent and K-centrum
// cancels the other referral: the detox worker's overview says the first was withdrawn (without any
// client data) and the second's place is free, and the referral list marks both. K-centrum sees the
// withdrawal in the referral's history.
import { describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { referrals } from '@spolu/contracts';
import { actor } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory } from '../../packages/local/src/seed/seed-directory';
import { expectAccessible, newPage, shot, signIn } from './browser';
import { registerNamedClient } from './client-setup';
import type { ConsoleRuntime } from './console-runtime';
import { withConsoleRuntime } from './console-runtime';

jest.setTimeout(240_000);

let rt: RegionRuntime;
let browser: Browser;
let seeded: SeededDirectory;
let user: ConsoleRuntime['user'];
withConsoleRuntime((c) => ({ rt, browser, seeded, user } = c));

type Referral = referrals.Referral;

describe('referral news for the receiving service', () => {
  it('shows the sender before accepting, then a withdrawn referral without client data and a cancelled one with its place free', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const eva = user('psychiatrie-liberec/eva-machova');
    // Named like the console's sign-in names her, so the receiver sees who refers.
    const petraWithName = {
      sub: petra.sub,
      tenantId: petra.tenantId,
      roles: petra.roles.filter((r) => r !== 'provider-admin'),
      name: petra.name,
    };
    const kc = await actor(rt, petraWithName);
    const serviceId = seeded.services['k-centrum-liberec/kontaktni-centrum']!;
    const detoxService = seeded.services['psychiatrie-liberec/detox']!;
    const detoxProvider = seeded.providers['psychiatrie-liberec']!;

    const refer = async (name: string) => {
      const clientId = await registerNamedClient(kc, {
        serviceId,
        name,
        birthDate: '1990-05-01',
        sex: 'male',
        district: 'liberec',
      });
      const consent = await kc.post<{ id: string; version: number }>(`/clients/${clientId}/consents`, {
        serviceId,
        purpose: 'referral-share',
        recipientProviderId: detoxProvider,
        sharedFields: ['name', 'needs'],
        givenAt: new Date(Date.now() - 3_600_000).toISOString(),
        form: 'written',
      });
      expect(consent.status).toBe(201);
      await rt.settle();
      const draft = await kc.post<Referral>('/referrals', {
        clientId,
        fromServiceId: serviceId,
        toServiceId: detoxService,
        ageBand: '27-64',
        district: 'liberec',
        targetGroup: 'substance-users',
        needCodes: ['detox'],
        senderContact: { phone: '+420 485 100 200' },
      });
      expect(draft.status).toBe(201);
      const sent = await kc.post<Referral>(
        `/referrals/${draft.body.id}/transitions`,
        { action: 'send', clientData: { name, needs: ['detox'] } },
        { headers: { 'if-match': `"${draft.body.version}"` } },
      );
      expect(sent.status).toBe(200);
      return { clientId, consent: consent.body, referral: sent.body };
    };
    const withdrawnOne = await refer('Radek Zelený');
    const cancelledOne = await refer('Tomáš Modrý');

    // Before accepting: who refers and what the client shared.
    const desk = await newPage(browser, rt.url);
    await signIn(desk.page, eva.email);
    await desk.page.goto(`/#/referrals/${withdrawnOne.referral.id}`);
    const sender = desk.page.getByRole('region', { name: 'Kdo doporučuje' });
    await sender.getByText('K-centrum Liberec').waitFor();
    await sender.getByText('Pracovník: Petra Hájková').waitFor();
    await sender.getByText('Telefon: +420 485 100 200').waitFor();
    const shared = desk.page.getByRole('region', { name: 'Sdílené údaje o klientovi' });
    await shared.getByRole('button', { name: 'Zobrazit sdílené údaje' }).click();
    await shared.getByText('Radek Zelený').waitFor();
    await expectAccessible(desk.page, 'referral before accepting');

    // The client withdraws the consent (Petra records it in the console, which reads the consent's
    // ETag just before); K-centrum cancels the other referral.
    const petraDesk = await newPage(browser, rt.url);
    await signIn(petraDesk.page, petra.email);
    await petraDesk.page.goto(`/#/clients/${withdrawnOne.clientId}`);
    await petraDesk.page
      .getByRole('navigation', { name: 'Záznamy ve spisu' })
      .getByRole('link', { name: 'Souhlasy' })
      .click();
    await petraDesk.page.getByRole('button', { name: 'Odvolat souhlas' }).click();
    const confirm = petraDesk.page.getByRole('form', { name: 'Potvrzení odvolání souhlasu' });
    await confirm.getByText(/Přijímající organizace hned ztratí přístup ke sdíleným údajům/).waitFor();
    await confirm.getByRole('button', { name: 'Ano, odvolat' }).click();
    await petraDesk.page.getByText('Souhlas odvolán.').waitFor();
    await petraDesk.context.close();
    const withdrawal = await kc.get<{ status: string }>(
      `/clients/${withdrawnOne.clientId}/consents/${withdrawnOne.consent.id}`,
    );
    expect(withdrawal.body.status).toBe('withdrawn');
    const cancel = await kc.post(
      `/referrals/${cancelledOne.referral.id}/transitions`,
      { action: 'cancel', reason: 'referred-elsewhere' },
      { headers: { 'if-match': `"${cancelledOne.referral.version}"` } },
    );
    expect(cancel.status).toBe(200);
    await rt.settle();

    await desk.page.getByRole('link', { name: 'Můj přehled' }).click();
    const news = desk.page.getByRole('region', { name: 'Změny u přijatých doporučení' });
    await news.getByText(/Klient odvolal souhlas se sdílením údajů: doporučení bylo staženo/).waitFor();
    await news.getByText(/místo, které jste pro klienta drželi, je volné/).waitFor();
    // The withdrawn line names the service only: no client, and nothing to open.
    expect(await news.textContent()).not.toContain('Radek Zelený');
    expect(await news.getByRole('link').count()).toBe(1);
    await expectAccessible(desk.page, 'worklist with referral news');
    await shot(desk.page, 'referral-news');

    await desk.page.getByRole('navigation').getByRole('link', { name: 'Doporučení' }).click();
    await desk.page.getByText('souhlas odvolán').waitFor();
    await desk.page.getByText('zrušeno, místo je volné').waitFor();
    await desk.context.close();

    // K-centrum sees the withdrawal in the referral's history.
    const sending = await newPage(browser, rt.url);
    await signIn(sending.page, petra.email);
    await sending.page.goto(`/#/referrals/${withdrawnOne.referral.id}`);
    await sending.page.getByText('Klient odvolal souhlas se sdílením údajů').waitFor();
    await sending.page.getByText(/Eva Machová \(Centrum duševního zdraví/).waitFor();
    await sending.context.close();

    // The API agrees: the receiver's list item carries the notice and no needs.
    const detox = await actor(rt, { sub: eva.sub, tenantId: eva.tenantId, roles: eva.roles });
    const list = await detox.get<{ items: Referral[] }>('/referrals?direction=incoming');
    expect(list.body.items.find((r) => r.id === withdrawnOne.referral.id)).toMatchObject({
      receiverNotice: 'consent-withdrawn',
      needCodes: [],
    });
  });

  it('asks before sending a referral the client consented to share nothing with, then shows the warning', async () => {
    const petra = user('k-centrum-liberec/petra-hajkova');
    const kc = await actor(rt, {
      sub: petra.sub,
      tenantId: petra.tenantId,
      roles: petra.roles.filter((r) => r !== 'provider-admin'),
    });
    const client = await kc.post<{ id: string; ageBand: string; targetGroup: string }>('/clients', {
      serviceId: seeded.services['k-centrum-liberec/kontaktni-centrum'],
      identity: {
        kind: 'named',
        name: 'Karel Šedý',
        birthDate: '1985-09-09',
        sex: 'male',
        district: 'liberec',
      },
    });
    expect(client.status).toBe(201);

    const { context, page } = await newPage(browser, rt.url);
    await signIn(page, petra.email);
    await page.goto(`/#/clients/${client.body.id}`);
    await page.getByRole('link', { name: 'Doporučit jinam' }).click();
    await page.getByLabel('Detoxifikace').check();
    await page.getByRole('button', { name: 'Najít vhodnou službu' }).click();
    await page.getByRole('radio', { name: /Detox/ }).first().check();
    await page.getByLabel(/Váš telefon/).fill('+420 485 100 200');
    await page.getByRole('button', { name: 'Odeslat' }).click();
    // No consent towards the detox unit: the console asks first, and nothing was created yet.
    await page.getByText(/Klient nedal souhlas se sdílením žádných údajů s touto organizací/).waitFor();
    await expectAccessible(page, 'confirm sending without client data');
    const before = await kc.get<{ items: Referral[] }>('/referrals?direction=outgoing&limit=100');
    const countBefore = before.body.items.length;
    await page.getByRole('button', { name: 'Přesto odeslat bez údajů' }).click();
    await page.getByText('Doporučení bylo odesláno, ale stojí za to se na něj podívat:').waitFor();
    await page.getByText(/doporučení odešlo bez údajů o klientovi/).waitFor();
    await page.getByRole('link', { name: 'Otevřít doporučení' }).waitFor();
    await context.close();

    const after = await kc.get<{ items: Referral[] }>('/referrals?direction=outgoing&limit=100');
    expect(after.body.items).toHaveLength(countBefore + 1);
    // The draft took the age band, district and target group from the client record.
    expect(after.body.items[0]).toMatchObject({
      status: 'sent',
      sharedFields: [],
      ageBand: client.body.ageBand,
      district: 'liberec',
      targetGroup: client.body.targetGroup,
      sender: { providerName: 'K-centrum Liberec', phone: '+420 485 100 200' },
    });
  });
});
