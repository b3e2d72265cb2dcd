// The inbox through the public API, fed by the real services' events: a referral sent to the detox
// unit becomes a notice for the people working there (and no one else), its answer one for the
// sender's service; the badge counts unread notices; marking read is one's own; an e-mail notice
// goes out through SMTP (SES in AWS) only to a worker who was not in the console, and names no client.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { inbox, referrals } from '@spolu/contracts';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import type { MailCatcher } from '../../../packages/local/src/mail-catcher';
import { mailSettingsFor, startMailCatcher } from '../../../packages/local/src/mail-catcher';
import type { World } from '../../referrals/test/fixtures';
import { clientWithConsent, ifMatch, startWorld } from '../../referrals/test/fixtures';
import { manifest as inboxService } from '../manifest';

type Referral = referrals.Referral;
type Page = { items: inbox.Notice[]; nextCursor?: string };

let w: World;
let mail: MailCatcher;
let kc: ActorClient; // Petra Hájková, K-centrum Liberec: sends
let kcColleague: ActorClient; // Jakub Růžička, the same contact centre
let detox: ActorClient; // Eva Machová, the detox unit: receives
let childPsychiatry: ActorClient; // Zuzana Kratochvílová: same provider, another service

beforeAll(async () => {
  mail = await startMailCatcher();
  w = await startWorld({
    manifests: [inboxService],
    settings: mailSettingsFor(mail, 'https://liberecky.spolu.cz'),
  });
  kc = await w.as('k-centrum-liberec/petra-hajkova');
  kcColleague = await w.as('k-centrum-liberec/jakub-ruzicka');
  detox = await w.as('psychiatrie-liberec/eva-machova');
  childPsychiatry = await w.as('psychiatrie-liberec/zuzana-kratochvilova');
}, 120_000);
afterAll(async () => {
  await w.rt.stop();
  await mail.stop();
});

const sendReferral = async () => {
  const { clientId } = await clientWithConsent(
    w,
    kc,
    w.service('k-centrum-liberec/kontaktni-centrum'),
    [w.provider('psychiatrie-liberec')],
    ['name', 'needs'],
  );
  const draft = await kc.post<Referral>('/referrals', {
    clientId,
    fromServiceId: w.service('k-centrum-liberec/kontaktni-centrum'),
    toServiceId: w.service('psychiatrie-liberec/detox'),
    ageBand: '27-64',
    district: 'liberec',
    targetGroup: 'substance-users',
    needCodes: ['detox'],
  });
  expect(draft.status).toBe(201);
  const sent = await kc.post<Referral>(
    `/referrals/${draft.body.id}/transitions`,
    { action: 'send', clientData: { name: 'Jana Nováková', needs: ['detox'] } },
    ifMatch(draft.body.version),
  );
  expect(sent.status).toBe(200);
  await w.rt.settle();
  return sent.body;
};

const notices = async (who: ActorClient, query = '') => (await who.get<Page>(`/inbox${query}`)).body.items;
const summary = async (who: ActorClient) => (await who.get<inbox.InboxSummary>('/inbox/summary')).body;

describe('the inbox', () => {
  let referral: Referral;

  it('tells the receiving service of a referral, and no one else', async () => {
    await expect(
      detox.put('/inbox/preferences', { emailNotices: true, email: 'eva.machova@psychiatrie.example' }),
    ).resolves.toMatchObject({ status: 200 });
    referral = await sendReferral();

    const [notice] = await notices(detox);
    expect(notice).toMatchObject({
      kind: 'referral-received',
      referralId: referral.id,
      read: false,
      serviceId: w.service('psychiatrie-liberec/detox'),
      senderProviderId: w.provider('k-centrum-liberec'),
      needCodes: ['detox'],
    });
    // Nothing of the client but ids and codes is kept in a notice.
    expect(JSON.stringify(notice)).not.toContain('Nováková');
    // Another service of the same provider, the sender and an outside provider hear nothing.
    expect(await notices(childPsychiatry)).toEqual([]);
    expect(await notices(kc)).toEqual([]);
    expect(await notices(w.outsider)).toEqual([]);
  });

  it('mails a worker who was not in the console, without any client data, once', async () => {
    // Within the grace the worker may still see the badge: nothing is sent yet.
    await w.rt.runSchedule('inbox', 'mailer');
    expect(mail.messages()).toHaveLength(0);
    w.rt.clock.advance(3 * 60_000);
    await w.rt.runSchedule('inbox', 'mailer');
    const sent = mail.messages().filter((m) => m.to.includes('eva.machova@psychiatrie.example'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ subject: 'Spolu: Máte nové doporučení', from: 'noreply@spolu.local' });
    expect(sent[0]!.text).toContain('https://liberecky.spolu.cz/#/inbox');
    for (const secret of ['Jana', 'Nováková', 'detox', referral.id, referral.clientId])
      expect(sent[0]!.text).not.toContain(secret);
    // The next run finds nothing more to send.
    await w.rt.runSchedule('inbox', 'mailer');
    expect(mail.messages()).toHaveLength(1);
  });

  it('counts unread notices for the badge and marks one read, only the caller’s own', async () => {
    expect(await summary(detox)).toMatchObject({ unread: 1, more: false });
    const [notice] = await notices(detox);
    // Someone else's notice id is not found, and stays unread.
    expect((await childPsychiatry.post(`/inbox/${notice!.id}/read`)).status).toBe(404);
    const read = await detox.post<inbox.Notice>(`/inbox/${notice!.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ read: true, readAt: expect.any(String) });
    expect(await summary(detox)).toMatchObject({ unread: 0 });
    expect(await notices(detox, '?unread=true')).toEqual([]);
    expect(await notices(detox)).toHaveLength(1);
  });

  it('tells the sending service of the answer; no e-mail to a worker who is in the console', async () => {
    const before = mail.messages().length;
    // Eva is in the console: the badge asked after the notice came.
    const second = await sendReferral();
    await summary(detox);
    const answered = await detox.post<Referral>(
      `/referrals/${second.id}/transitions`,
      { action: 'waitlist', expectedDate: '2099-01-15' },
      ifMatch(second.version),
    );
    expect(answered.status).toBe(200);
    await w.rt.settle();
    for (const sender of [kc, kcColleague])
      expect((await notices(sender))[0]).toMatchObject({
        kind: 'referral-answered',
        referralId: second.id,
        referralStatus: 'waitlisted',
        expectedDate: '2099-01-15',
      });
    w.rt.clock.advance(3 * 60_000);
    await w.rt.runSchedule('inbox', 'mailer');
    expect(mail.messages()).toHaveLength(before);
  });

  it('marks all read at once', async () => {
    expect((await summary(kc)).unread).toBeGreaterThan(0);
    const all = await kc.post<{ marked: number }>('/inbox/read-all');
    expect(all.status).toBe(200);
    expect(all.body.marked).toBeGreaterThan(0);
    expect(await summary(kc)).toMatchObject({ unread: 0 });
  });

  it('refuses e-mail notices without an address (422), in Czech, and stores nothing', async () => {
    const res = await kcColleague.put(
      '/inbox/preferences',
      { emailNotices: true },
      { headers: { 'accept-language': 'cs' } },
    );
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('Pro upozornění e-mailem zadejte e-mailovou adresu.');
    expect((await kcColleague.get('/inbox/preferences')).body).toEqual({ emailNotices: false });
  });
});
