// Issue 18: a key-worker change on the plan reaches the client file and the agreement. Intake
// follows plans' KeyWorkerAssigned over the real bus: once per event, and an older event delivered
// late does not bring the previous key worker back.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PlanBody, Rec, World } from './fixtures';
import { clientWithPlan, ifMatch, startWorld } from './fixtures';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.rt.stop();
});

type Agreement = Rec & { keyWorkerId?: string; changes: { by: string; fields: string[] }[] };
type ClientFile = { client: { keyWorkerId?: string; version: number } };

const keyWorkerEvents = (planId: string) =>
  w.rt.bus.archive.filter(
    (e) =>
      e.event['detail-type'] === 'KeyWorkerAssigned' &&
      (e.event.detail as { data: { planId: string } }).data.planId === planId,
  );

describe('the plan hands the client over to another key worker', () => {
  let plan: PlanBody;
  let clientId: string;
  let agreementId: string;
  const agreement = async () =>
    (await w.fokus.get<{ items: Agreement[] }>(`/clients/${clientId}/agreements`)).body.items.find(
      (a) => a.id === agreementId,
    )!;
  const file = async () => (await w.fokus.get<ClientFile>(`/clients/${clientId}/file`)).body;

  beforeAll(async () => {
    ({ plan, clientId, agreementId } = await clientWithPlan(w, w.fokus, w.services.std, {
      name: 'Eva Horká',
      keyWorkerId: w.fokusKey.sub,
    }));
  });

  it('names the new key worker in the client file and the agreement, with the change recorded', async () => {
    expect((await file()).client.keyWorkerId).toBe(w.fokusKey.sub);
    const handed = await w.fokusKey.put<PlanBody>(
      `/plans/${plan.id}/key-worker`,
      {
        agreedWithClient: true,
        keyWorkerId: w.fokusKey2.sub,
        handoverNote: 'Eva chodí v úterý a ve čtvrtek; domluveno s ní.',
      },
      ifMatch(plan.version),
    );
    expect(handed.status).toBe(200);
    plan = handed.body;
    await w.rt.settle();
    expect((await file()).client.keyWorkerId).toBe(w.fokusKey2.sub);
    const a = await agreement();
    expect(a.keyWorkerId).toBe(w.fokusKey2.sub);
    expect(a.changes.at(-1)).toMatchObject({ by: 'plans:KeyWorkerAssigned', fields: ['keyWorkerId'] });
    expect(w.rt.bus.deadLetters).toEqual([]);
  });

  it('applies a redelivered event once', async () => {
    const before = { file: await file(), agreement: await agreement() };
    const replayed = await w.rt.bus.replay((e) => keyWorkerEvents(plan.id).includes(e), 'intake-plansEvents');
    expect(replayed).toBeGreaterThan(0);
    await w.rt.settle();
    expect((await file()).client.version).toBe(before.file.client.version);
    expect(await agreement()).toEqual(before.agreement);
  });

  it('an older event delivered after a newer one does not bring the previous key worker back', async () => {
    const [first] = keyWorkerEvents(plan.id);
    const detail = first!.event.detail as Record<string, unknown>;
    expect((detail.data as { keyWorkerId: string }).keyWorkerId).toBe(w.fokusKey.sub);
    // The same old event under a new id, as a late duplicate from the producer would be.
    await w.rt.bus.putEvents([
      {
        Source: 'spolu.plans',
        DetailType: 'KeyWorkerAssigned',
        Detail: JSON.stringify({ ...detail, id: '01JCZ0000000000000000000KW' }),
      },
    ]);
    await w.rt.settle();
    expect((await file()).client.keyWorkerId).toBe(w.fokusKey2.sub);
    expect((await agreement()).keyWorkerId).toBe(w.fokusKey2.sub);
  });

  it("another provider's plan event never touches this provider's client", async () => {
    const other = await clientWithPlan(w, w.kc, w.services.krize, {
      name: 'Jan Dvořák',
      keyWorkerId: w.kcKey.sub,
    });
    const [event] = keyWorkerEvents(other.plan.id);
    const detail = event!.event.detail as { data: Record<string, unknown> } & Record<string, unknown>;
    // A forged event naming FOKUS's client under the crisis centre's tenant.
    await w.rt.bus.putEvents([
      {
        Source: 'spolu.plans',
        DetailType: 'KeyWorkerAssigned',
        Detail: JSON.stringify({
          ...detail,
          id: '01JCZ0000000000000000000KX',
          subject: { type: 'plan', id: other.plan.id, revision: 9 },
          data: { ...detail.data, clientId, agreementId, keyWorkerId: w.kcKey.sub },
        }),
      },
    ]);
    await w.rt.settle();
    expect((await file()).client.keyWorkerId).toBe(w.fokusKey2.sub);
    expect((await agreement()).keyWorkerId).toBe(w.fokusKey2.sub);
  });
});
