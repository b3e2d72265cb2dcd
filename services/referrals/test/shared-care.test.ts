import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { referrals } from '@spolu/contracts';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import type { World } from './fixtures';
import { clientWithConsent, ifMatch, startWorld } from './fixtures';

type SharedCare = referrals.SharedCare;
let w: World;
let fokus: ActorClient; // FOKUS Semily key worker (the client's own provider, coordinator)
let crisis: ActorClient; // crisis centre Liberec
let kcentrum: ActorClient; // a provider outside the agreement

beforeAll(async () => {
  w = await startWorld();
  fokus = await w.as('fokus-semily/pavla-horackova');
  crisis = await w.as('krizove-centrum-liberec/tereza-maresova');
  kcentrum = await w.as('k-centrum-liberec/petra-hajkova');
}, 120_000);
afterAll(async () => {
  await w.rt.stop();
});

const archive = (type: string, id: string) =>
  w.rt.bus.archive
    .filter((e) => e.event['detail-type'] === type)
    .map((e) => e.event.detail as { data: Record<string, unknown> })
    .filter((e) => e.data.sharedCareId === id || e.data.handoverId === id);
const review = (days: number) =>
  new Date(w.rt.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

describe('FOKUS and the crisis centre share care of one client (společný klient)', () => {
  it('agree who does what and who coordinates; each sees only what the agreement and consent allow; parties join and leave', async () => {
    const { clientId, consents } = await clientWithConsent(
      w,
      fokus,
      w.service('fokus-semily/socialni-rehabilitace'),
      [w.provider('krizove-centrum-liberec'), w.provider('k-centrum-liberec')],
      ['name', 'contact'],
      { district: 'semily' },
    );
    const parties = [
      {
        providerId: w.provider('fokus-semily'),
        responsibilities: 'Sociální rehabilitace, koordinace',
        contact: { name: 'Pavla Horáčková', phone: '+420 481 000 140' },
      },
      {
        providerId: w.provider('krizove-centrum-liberec'),
        responsibilities: 'Krizová intervence při zhoršení',
        contact: { name: 'Tereza Marešová' },
      },
    ];
    // No consent towards the psychiatry provider: it cannot be made a party.
    const refused = await fokus.post('/shared-care', {
      clientId,
      parties: [
        ...parties,
        {
          providerId: w.provider('psychiatrie-liberec'),
          responsibilities: 'Psychiatrická péče',
          contact: { name: 'Eva Machová' },
        },
      ],
      coordinatorProviderId: w.provider('fokus-semily'),
      nextReviewAt: review(30),
    });
    expect(refused.status).toBe(422);

    const created = await fokus.post<SharedCare>('/shared-care', {
      clientId,
      parties,
      coordinatorProviderId: w.provider('fokus-semily'),
      nextReviewAt: review(30),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const seen = await crisis.get<SharedCare>(`/shared-care/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      coordinatorProviderId: w.provider('fokus-semily'),
      nextReviewAt: review(30),
    });
    expect(seen.body.clientId).toBeUndefined();
    expect((await crisis.get<{ items: SharedCare[] }>('/shared-care')).body.items.map((s) => s.id)).toContain(
      id,
    );
    expect((await kcentrum.get(`/shared-care/${id}`)).status).toBe(404);

    // K-centrum joins (the client consented to it); then the crisis centre leaves by itself.
    const joined = await fokus.patch<SharedCare>(
      `/shared-care/${id}`,
      {
        parties: [
          ...parties,
          {
            providerId: w.provider('k-centrum-liberec'),
            responsibilities: 'Harm reduction',
            contact: { name: 'Petra Hájková' },
          },
        ],
      },
      ifMatch(created.body.version),
    );
    expect(joined.status).toBe(200);
    expect((await kcentrum.get(`/shared-care/${id}`)).status).toBe(200);
    const stale = await crisis.patch(
      `/shared-care/${id}`,
      { nextReviewAt: review(10) },
      ifMatch(created.body.version),
    );
    expect(stale.status).toBe(412);
    const removeOther = await crisis.patch(
      `/shared-care/${id}`,
      { parties: parties.slice(1) },
      ifMatch(joined.body.version),
    );
    expect(removeOther.status).toBe(422); // only the coordinator removes others
    const left = await crisis.patch<SharedCare>(
      `/shared-care/${id}`,
      { parties: joined.body.parties.filter((p) => p.providerId !== w.provider('krizove-centrum-liberec')) },
      ifMatch(joined.body.version),
    );
    expect(left.status).toBe(200);
    expect((await crisis.get(`/shared-care/${id}`)).status).toBe(404);
    const now = await fokus.get<SharedCare>(`/shared-care/${id}`);
    expect(now.body.formerProviderIds).toEqual([w.provider('krizove-centrum-liberec')]);

    // The client withdraws the consent towards K-centrum: it reads nothing from then on.
    const k = consents[1]!;
    await fokus.post(`/clients/${clientId}/consents/${k.id}/withdrawal`, {}, ifMatch(k.version));
    await w.rt.settle();
    expect((await kcentrum.get(`/shared-care/${id}`)).status).toBe(404);

    const ended = await fokus.patch<SharedCare>(
      `/shared-care/${id}`,
      { status: 'ended' },
      ifMatch(now.body.version),
    );
    expect(ended.body.status).toBe('ended');
    await w.rt.settle();
    expect(archive('SharedCareStarted', id)).toHaveLength(1);
    expect(archive('SharedCareChanged', id).map((e) => [e.data.joined, e.data.left])).toEqual([
      [[w.provider('k-centrum-liberec')], []],
      [[], [w.provider('krizove-centrum-liberec')]],
    ]);
    expect(archive('SharedCareEnded', id)).toHaveLength(1);
    expect(JSON.stringify(archive('SharedCareStarted', id))).not.toContain('Horáčková');
  });
});

describe('handover of key work', () => {
  it('K-centrum hands a client over to TK Jizerka with a summary; the receiving key worker confirms and the loop closes', async () => {
    const tk = await w.as('tk-jizerka/alena-sevcikova');
    const { clientId } = await clientWithConsent(
      w,
      kcentrum,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [w.provider('tk-jizerka')],
      ['name', 'goal'],
    );
    const summary = {
      goal: 'Abstinence a návrat do práce',
      progress: 'Po detoxu, motivovaný, 3 měsíce v kontaktu.',
      currentSteps: ['Nástup do komunity', 'Vyřízení ID'],
      risks: 'Relaps při stresu',
    };
    const h = await kcentrum.post<referrals.Handover>('/handovers', {
      clientId,
      toProviderId: w.provider('tk-jizerka'),
      toServiceId: w.service('tk-jizerka/terapeuticka-komunita'),
      summary,
    });
    expect(h.status).toBe(201);
    const seen = await tk.get<referrals.Handover>(`/handovers/${h.body.id}`);
    expect(seen.body).toMatchObject({ status: 'pending', summary });
    expect(seen.body.clientId).toBeUndefined();
    expect((await w.outsider.get(`/handovers/${h.body.id}`)).status).toBe(404);
    // Both sides find it in their list (the receiver without the client id); an outsider does not.
    const incoming = await tk.get<{ items: referrals.Handover[] }>('/handovers');
    expect(incoming.body.items.map((x) => x.id)).toContain(h.body.id);
    expect(incoming.body.items.find((x) => x.id === h.body.id)!.clientId).toBeUndefined();
    const outgoing = await kcentrum.get<{ items: referrals.Handover[] }>('/handovers?limit=1');
    expect(outgoing.body.items).toEqual([expect.objectContaining({ id: h.body.id, clientId })]);
    const outsiders = await w.outsider.get<{ items: referrals.Handover[] }>('/handovers');
    expect(outsiders.body.items.map((x) => x.id)).not.toContain(h.body.id);
    expect((await kcentrum.post(`/handovers/${h.body.id}/confirmation`, undefined, ifMatch(1))).status).toBe(
      422,
    );
    const done = await tk.post<referrals.Handover>(
      `/handovers/${h.body.id}/confirmation`,
      undefined,
      ifMatch(1),
    );
    expect(done.body).toMatchObject({ status: 'completed', confirmedBy: tk.sub });
    expect((await kcentrum.get<referrals.Handover>(`/handovers/${h.body.id}`)).body.status).toBe('completed');
    await w.rt.settle();
    const events = archive('HandoverCompleted', h.body.id);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain('Abstinence');
  });
});

describe('demo seed', () => {
  it('seeds a K-centrum -> detox referral and FOKUS + crisis centre shared care through the API', async () => {
    const { seedReferrals } = await import('../../../packages/local/src/seed/seed-referrals');
    const seeded = await seedReferrals(w.rt, w.dir);
    const detox = await w.as('psychiatrie-liberec/eva-machova');
    const r = await detox.get<referrals.Referral>(`/referrals/${seeded.referrals['k-centrum->detox']}`);
    expect(r.body.status).toBe('accepted');
    const sc = await crisis.get<SharedCare>(`/shared-care/${seeded.sharedCare['fokus+krizove-centrum']}`);
    expect(sc.status).toBe(200);
  });
});
