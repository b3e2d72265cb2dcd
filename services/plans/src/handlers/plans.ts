// Reading plans: the current plan, lists, versions, diffs and the key worker's worklist.
import { plansRoutes as r } from '@spolu/contracts';
import { httpApi, implement, notFound } from '@spolu/platform';
import { diff } from '../domain/diff';
import { today } from '../domain/plan';
import { overdue } from '../domain/worklist';
import { createStore } from '../store';
import { helpers } from './common';

export const handler = httpApi('plans', (env) => {
  const store = createStore(env);
  const { ownPlan } = helpers(env, store);
  const ownVersion = async (t: string, planId: string, version: number) => {
    const v = await store.getVersion(t, planId, version);
    if (!v) throw notFound(`version ${version}`);
    return v;
  };

  return [
    implement(r.listPlans, async ({ query, tenant, audit }) => {
      const t = tenant();
      const page = await store.listPlans(t, query);
      audit({
        action: 'list',
        recordType: 'plan',
        recordId: query.clientId ?? 'all',
        ...(query.clientId ? { clientId: query.clientId } : {}),
      });
      return { body: page };
    }),

    implement(r.getPlan, async ({ params, tenant, audit }) => {
      const plan = await ownPlan(tenant(), params.planId);
      audit({ action: 'read', recordType: 'plan', recordId: plan.id, clientId: plan.clientId });
      return { body: plan };
    }),

    implement(r.listVersions, async ({ params, query, tenant, audit }) => {
      const plan = await ownPlan(tenant(), params.planId);
      const page = await store.listVersions(tenant(), plan.id, query);
      audit({ action: 'list', recordType: 'plan-version', recordId: plan.id, clientId: plan.clientId });
      return { body: { ...page, items: page.items.map(({ plan: _p, ...summary }) => summary) } };
    }),

    implement(r.getVersion, async ({ params, tenant, audit }) => {
      const plan = await ownPlan(tenant(), params.planId);
      const v = await ownVersion(tenant(), plan.id, params.version);
      audit({ action: 'read', recordType: 'plan-version', recordId: plan.id, clientId: plan.clientId });
      return { body: v };
    }),

    implement(r.diffVersions, async ({ params, query, tenant, audit }) => {
      const plan = await ownPlan(tenant(), params.planId);
      const [a, b] = await Promise.all([
        ownVersion(tenant(), plan.id, query.from),
        ownVersion(tenant(), plan.id, query.to),
      ]);
      audit({ action: 'read', recordType: 'plan-version', recordId: plan.id, clientId: plan.clientId });
      return { body: { from: a.version, to: b.version, changes: diff(a.plan, b.plan) } };
    }),

    implement(r.worklist, async ({ query, tenant, auth, audit }) => {
      // Paginated over the caller's open plans; each page lists their overdue items.
      const page = await store.keyWorkerPlans(tenant(), auth.userId, query);
      const day = today(env.now());
      audit({ action: 'list', recordType: 'worklist', recordId: auth.userId });
      return {
        body: {
          items: page.items.flatMap((p) => overdue(p, day)),
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        },
      };
    }),
  ];
});
