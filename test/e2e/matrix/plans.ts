// Matrix fixtures for plans: every plan route is client data (workers and key workers of the
// plan's provider only). Each change gets a fresh plan, opened from a real agreement in intake,
// so the owner's positive control holds the plan's current ETag.
import type { MatrixWorld, RouteFixture } from './fixtures';
import { agreementBody, child, hoursAgo, ifMatch, newClient } from './fixtures';

type PlanRec = { id: string; version: number; goals: { id: string }[]; steps: { id: string }[] };
type PlanRes = { status: number; body: unknown };

const agreed = { agreedWithClient: true } as const;
const inDays = (w: MatrixWorld, n: number) =>
  new Date(w.rt.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
const tenantList = "a tenant-scoped list: the caller sees only its own provider's plans";

const must = (what: string, res: PlanRes) => {
  if (res.status >= 300)
    throw new Error(`matrix fixture: ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as PlanRec;
};

// One plan for each change route, plus one the read-only routes share.
const poolSize = 13;
const pools = new WeakMap<MatrixWorld, Promise<{ plan: PlanRec; clientId: string }[]>>();

/** Plans of tenant A, opened by plans from intake's AgreementMade. They are made in one batch
 * (clients and agreements in parallel, one settle) so the matrix setup stays fast. */
const fillPool = async (w: MatrixWorld) => {
  const clients = await Promise.all(Array.from({ length: poolSize }, () => newClient(w)));
  await Promise.all(
    clients.map((c) => child(w, 'an agreement', `/clients/${c.id}/agreements`, agreementBody(w))),
  );
  await w.rt.settle();
  return Promise.all(
    clients.map(async (c) => {
      const list = await w.workerA.get<{ items: PlanRec[] }>(`/plans?clientId=${c.id}`);
      const plan = list.body.items[0];
      if (!plan) throw new Error(`matrix fixture: no plan opened for client ${c.id}`);
      w.secretsA.add(plan.id);
      w.clientSecretsA.add(plan.id);
      return { plan, clientId: c.id };
    }),
  );
};
const newPlan = async (w: MatrixWorld) => {
  if (!pools.has(w)) pools.set(w, fillPool(w));
  const next = (await pools.get(w)!).pop();
  if (!next) throw new Error('matrix fixture: the plan pool is empty; raise poolSize');
  return next;
};
const readPlans = new WeakMap<MatrixWorld, Promise<{ plan: PlanRec; clientId: string }>>();
/** The read-only routes share one plan: refused reads change nothing. */
const readPlan = (w: MatrixWorld) => {
  if (!readPlans.has(w)) readPlans.set(w, newPlan(w));
  return readPlans.get(w)!;
};
const goalBody = (w: MatrixWorld) => ({
  ...agreed,
  text: 'Matrix: cíl klienta',
  needCodes: ['housing'],
  targetDate: inDays(w, 30),
});
const withGoal = async (w: MatrixWorld) => {
  const { plan } = await newPlan(w);
  return must(
    'a goal',
    await w.workerA.post(`/plans/${plan.id}/goals`, goalBody(w), { headers: ifMatch(1) }),
  );
};
const change = (build: (w: MatrixWorld, plan: PlanRec) => unknown) => ({
  build: async (w: MatrixWorld) => {
    const { plan } = await newPlan(w);
    return { params: { planId: plan.id }, body: build(w, plan), headers: ifMatch(plan.version) };
  },
});

export const plansMatrixFixtures: Record<string, RouteFixture> = {
  'plans.listPlans': {
    build: async (w) => ({ query: { clientId: (await readPlan(w)).clientId } }),
    allow: { tenantB: tenantList },
  },
  'plans.getPlan': { build: async (w) => ({ params: { planId: (await readPlan(w)).plan.id } }) },
  'plans.updatePlan': change((w) => ({
    ...agreed,
    overallGoal: 'Matrix: zakázka',
    reviewDates: [inDays(w, 10)],
  })),
  'plans.addGoal': change((w) => goalBody(w)),
  'plans.changeGoal': {
    build: async (w) => {
      const plan = await withGoal(w);
      return {
        params: { planId: plan.id, goalId: plan.goals[0]!.id },
        body: { ...agreed, status: 'achieved', evaluation: 'Matrix: splněno' },
        headers: ifMatch(plan.version),
      };
    },
  },
  'plans.addStep': {
    build: async (w) => {
      const plan = await withGoal(w);
      return {
        params: { planId: plan.id },
        body: {
          ...agreed,
          goalId: plan.goals[0]!.id,
          text: 'Matrix: krok',
          assignee: { kind: 'client' },
          dueDate: inDays(w, 7),
        },
        headers: ifMatch(plan.version),
      };
    },
  },
  'plans.changeStep': {
    build: async (w) => {
      const withG = await withGoal(w);
      const plan = must(
        'a step',
        await w.workerA.post(
          `/plans/${withG.id}/steps`,
          {
            ...agreed,
            goalId: withG.goals[0]!.id,
            text: 'Matrix: krok',
            assignee: { kind: 'client' },
            dueDate: inDays(w, 7),
          },
          { headers: ifMatch(withG.version) },
        ),
      );
      return {
        params: { planId: plan.id, stepId: plan.steps[0]!.id },
        body: { ...agreed, done: true },
        headers: ifMatch(plan.version),
      };
    },
  },
  'plans.recordSession': change((w) => ({
    ...agreed,
    heldAt: hoursAgo(w, 1),
    focus: 'Matrix: téma',
    outcome: 'Matrix: výsledek',
  })),
  'plans.recordReview': {
    build: async (w) => {
      const plan = await withGoal(w);
      return {
        params: { planId: plan.id },
        body: {
          ...agreed,
          heldOn: inDays(w, 0),
          goals: [{ goalId: plan.goals[0]!.id, progress: 'some', deviations: ['tempo'] }],
        },
        headers: ifMatch(plan.version),
      };
    },
  },
  'plans.assignKeyWorker': change((w) => ({ ...agreed, keyWorkerId: w.keyWorkerA.sub })),
  'plans.addSupportPerson': {
    build: async (w) => {
      const { plan, clientId } = await newPlan(w);
      const consent = await child(w, 'a consent', `/clients/${clientId}/consents`, {
        purpose: 'involve-close-person',
        serviceId: w.serviceA,
        involvedParty: { name: 'Matrix Matka', relation: 'matka' },
        givenAt: hoursAgo(w, 1),
      });
      await w.rt.settle();
      return {
        params: { planId: plan.id },
        body: { ...agreed, kind: 'family', name: 'Matrix Matka', role: 'matka', consentId: consent.id },
        headers: ifMatch(plan.version),
      };
    },
  },
  'plans.changeSupportPerson': {
    build: async (w) => {
      const { plan, clientId } = await newPlan(w);
      const consent = await child(w, 'a consent', `/clients/${clientId}/consents`, {
        purpose: 'involve-institution',
        serviceId: w.serviceA,
        involvedParty: { name: 'Matrix Úřad', relation: 'úřad práce' },
        givenAt: hoursAgo(w, 1),
      });
      await w.rt.settle();
      const added = must(
        'a support person',
        await w.workerA.post(
          `/plans/${plan.id}/support-network`,
          { ...agreed, kind: 'institution', name: 'Matrix Úřad', role: 'úřad práce', consentId: consent.id },
          { headers: ifMatch(plan.version) },
        ),
      ) as PlanRec & { supportNetwork: { id: string }[] };
      return {
        params: { planId: added.id, personId: added.supportNetwork[0]!.id },
        body: { ...agreed, involvement: 'ended' },
        headers: ifMatch(added.version),
      };
    },
  },
  'plans.setRecoveryPhase': change((w) => ({ ...agreed, phase: 'stabilisation', since: inDays(w, 0) })),
  'plans.closePlan': change(() => ({ ...agreed, reason: 'client-left' })),
  'plans.listVersions': { build: async (w) => ({ params: { planId: (await readPlan(w)).plan.id } }) },
  'plans.getVersion': {
    build: async (w) => ({ params: { planId: (await readPlan(w)).plan.id, version: '1' } }),
  },
  'plans.diffVersions': {
    build: async (w) => ({ params: { planId: (await readPlan(w)).plan.id }, query: { from: '1', to: '1' } }),
  },
  'plans.worklist': {
    build: async () => ({ query: { limit: '10' } }),
    allow: { tenantB: "the caller's own worklist: plans of their own provider where they are key worker" },
  },
};
