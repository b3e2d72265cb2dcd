// Issue 18: an internal handover to a colleague has one way — an internal referral the colleague
// accepts with makeKeyWorker — and it crosses three services over the real bus: referrals announces
// the acceptance, plans names the colleague the key worker (with a handover entry pointing to the
// referral), and intake's client file and agreement follow.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { manifest as referrals } from '../../services/referrals/manifest';
import type { PlanBody, Rec, World } from '../../services/plans/test/fixtures';
import { clientWithPlan, startWorld } from '../../services/plans/test/fixtures';

let w: World;
beforeAll(async () => {
  w = await startWorld({}, [referrals]);
});
afterAll(async () => {
  await w.rt.stop();
});

type Referral = Rec & { status: string; internal: boolean };
type Agreement = Rec & { keyWorkerId?: string };
const ifMatch = (v: number) => ({ headers: { 'if-match': `"${v}"` } });
const facts = {
  ageBand: '27-64',
  district: 'semily',
  targetGroup: 'chronic-mental-illness',
  needCodes: ['work-habits'],
};

const referToColleague = async (clientId: string, toWorkerId: string, serviceId: string) => {
  const draft = await w.fokusKey.post<Referral>('/referrals', {
    clientId,
    fromServiceId: serviceId,
    toServiceId: serviceId,
    toWorkerId,
    ...facts,
  });
  expect(draft.status).toBe(201);
  expect(draft.body.internal).toBe(true);
  const sent = await w.fokusKey.post<Referral>(
    `/referrals/${draft.body.id}/transitions`,
    { action: 'send', clientData: { goal: 'Chodit do dílny.' } },
    ifMatch(draft.body.version),
  );
  expect(sent.status).toBe(200);
  return sent.body;
};

describe('internal handover: accepting an internal referral can make the receiver the key worker', () => {
  let clientId: string;
  let agreementId: string;
  let plan: PlanBody;

  beforeAll(async () => {
    ({ clientId, agreementId, plan } = await clientWithPlan(w, w.fokus, w.services.std, {
      name: 'Hana Veselá',
      keyWorkerId: w.fokusKey.sub,
    }));
  });

  it('accepted with makeKeyWorker: the plan, the client file and the agreement name the colleague', async () => {
    const sent = await referToColleague(clientId, w.fokusKey2.sub, w.services.std);
    const accepted = await w.fokusKey2.post<Referral>(
      `/referrals/${sent.id}/transitions`,
      { action: 'accept', makeKeyWorker: true },
      ifMatch(sent.version),
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    await w.rt.settle();
    const after = (await w.fokus.get<PlanBody>(`/plans/${plan.id}`)).body;
    expect(after.keyWorkerId).toBe(w.fokusKey2.sub);
    expect(after.handovers.at(-1)).toMatchObject({
      from: w.fokusKey.sub,
      to: w.fokusKey2.sub,
      referralId: sent.id,
    });
    const file = await w.fokus.get<{ client: { keyWorkerId?: string } }>(`/clients/${clientId}/file`);
    expect(file.body.client.keyWorkerId).toBe(w.fokusKey2.sub);
    const agreements = await w.fokus.get<{ items: Agreement[] }>(`/clients/${clientId}/agreements`);
    expect(agreements.body.items.find((a) => a.id === agreementId)?.keyWorkerId).toBe(w.fokusKey2.sub);
    expect(w.rt.bus.deadLetters).toEqual([]);
    plan = after;
  });

  it('accepted without makeKeyWorker: the key worker stays', async () => {
    const sent = await referToColleague(clientId, w.fokusKey.sub, w.services.std);
    const accepted = await w.fokusKey.post<Referral>(
      `/referrals/${sent.id}/transitions`,
      { action: 'accept' },
      ifMatch(sent.version),
    );
    expect(accepted.status).toBe(200);
    await w.rt.settle();
    const after = (await w.fokus.get<PlanBody>(`/plans/${plan.id}`)).body;
    expect(after.keyWorkerId).toBe(w.fokusKey2.sub);
    expect(after.version).toBe(plan.version);
  });

  it('makeKeyWorker on a referral to another provider is refused in Czech, and nothing changes', async () => {
    const draft = await w.fokusKey.post<Referral>('/referrals', {
      clientId,
      toServiceId: w.services.krize,
      ...facts,
      district: 'liberec',
      targetGroup: 'people-in-crisis',
    });
    expect(draft.status).toBe(201);
    await w.fokus.post(`/clients/${clientId}/consents`, {
      purpose: 'referral-share',
      serviceId: w.services.std,
      recipientProviderId: w.providers.kc,
      sharedFields: ['goal'],
      givenAt: new Date(w.rt.clock.now().getTime() - 3_600_000).toISOString(),
    });
    await w.rt.settle();
    const sent = await w.fokusKey.post<Referral>(
      `/referrals/${draft.body.id}/transitions`,
      { action: 'send', clientData: { goal: 'Zvládnout krizi.' } },
      ifMatch(draft.body.version),
    );
    expect(sent.status).toBe(200);
    const refused = await w.kcKey.post<{ errors: { code: string; message: string }[]; detail: string }>(
      `/referrals/${sent.body.id}/transitions`,
      { action: 'accept', makeKeyWorker: true },
      { headers: { 'if-match': `"${sent.body.version}"`, 'accept-language': 'cs' } },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ code: 'key-worker-internal-only' });
    expect(refused.body.detail).toContain('interního doporučení');
    const still = await w.fokusKey.get<Referral>(`/referrals/${sent.body.id}`);
    expect(still.body.status).toBe('sent');
  });
});
