// Issue 18: the plan starts from the needs mapping. A plan opened after a needs assessment links
// it at once; a later assessment is linked by the key worker (a change agreed with the client,
// never a version made behind their back), and only an assessment of this client at this service.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PlanBody, Rec, World } from './fixtures';
import { clientWithPlan, hoursAgo, ifMatch, namedClient, startWorld } from './fixtures';

let w: World;
beforeAll(async () => {
  w = await startWorld();
});
afterAll(async () => {
  await w.rt.stop();
});

const agreed = { agreedWithClient: true } as const;
type Problem = { detail: string; errors: { code?: string; path: string }[] };

const assess = async (clientId: string, serviceId: string) => {
  const res = await w.fokus.post<Rec>(`/clients/${clientId}/needs-assessments`, {
    serviceId,
    assessedAt: hoursAgo(w.rt, 2),
    needs: [{ code: 'work-habits', clientPriority: 'high', workerPriority: 'medium' }],
  });
  expect(res.status).toBe(201);
  return res.body.id;
};

describe('the plan links the needs assessment its goals start from', () => {
  it('a plan opened after the needs mapping links the latest assessment at that service', async () => {
    const client = await w.fokus.post<Rec>('/clients', namedClient(w.services.std, 'Lenka Černá'));
    expect(client.status).toBe(201);
    await assess(client.body.id, w.services.std);
    const latest = await assess(client.body.id, w.services.std);
    await assess(client.body.id, w.services.rehab);
    await w.rt.settle();
    const agreement = await w.fokus.post<Rec>(`/clients/${client.body.id}/agreements`, {
      serviceId: w.services.std,
      form: 'oral',
      goal: 'Naučit se hospodařit s penězi.',
    });
    expect(agreement.status).toBe(201);
    await w.rt.settle();
    const plans = await w.fokus.get<{ items: PlanBody[] }>(`/plans?clientId=${client.body.id}`);
    expect(plans.body.items[0]).toMatchObject({ version: 1, needsAssessmentId: latest });
  });

  it('a plan opened before any assessment links none until the key worker links one', async () => {
    const { plan, clientId } = await clientWithPlan(w, w.fokus, w.services.std, { name: 'Alena Bílá' });
    expect(plan.needsAssessmentId).toBeNull();
    const assessmentId = await assess(clientId, w.services.std);
    await w.rt.settle();
    // Recording the assessment does not change the plan behind the key worker's back.
    expect((await w.fokus.get<PlanBody>(`/plans/${plan.id}`)).body.version).toBe(plan.version);
    const linked = await w.fokusKey.patch<PlanBody>(
      `/plans/${plan.id}`,
      { ...agreed, needsAssessmentId: assessmentId, overallGoal: 'Zvládnout běžný den.' },
      ifMatch(plan.version),
    );
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({
      needsAssessmentId: assessmentId,
      overallGoal: 'Zvládnout běžný den.',
    });
  });

  it("refuses another client's or another service's assessment, in Czech, and stores nothing", async () => {
    const { plan } = await clientWithPlan(w, w.fokus, w.services.std, { name: 'Dana Modrá' });
    const other = await clientWithPlan(w, w.fokus, w.services.std, { name: 'Olga Zelená' });
    const othersAssessment = await assess(other.clientId, w.services.std);
    const ownElsewhere = await assess(plan.clientId, w.services.rehab);
    await w.rt.settle();
    for (const needsAssessmentId of [othersAssessment, ownElsewhere, '01JCZ0000000000000000000NA']) {
      const res = await w.fokusKey.patch<Problem>(
        `/plans/${plan.id}`,
        { ...agreed, needsAssessmentId },
        { headers: { 'if-match': `"${plan.version}"`, 'accept-language': 'cs' } },
      );
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({
        code: 'unknown-needs-assessment',
        path: 'body.needsAssessmentId',
      });
      expect(res.body.detail).toBe('Takové hodnocení potřeb tohoto klienta v této službě není.');
    }
    const after = (await w.fokus.get<PlanBody>(`/plans/${plan.id}`)).body;
    expect(after).toMatchObject({ version: plan.version, needsAssessmentId: null });
  });
});
