// The plans service's only DynamoDB access. Single table; every key starts with the tenant id.
//   plan:        pk T#PLAN#<planId>  sk CURRENT      gsi1: T#CLIENT-PLANS#<clientId> / <openedAt>#<id>
//                                                    gsi2: T#PLANS / <id>   gsi3 (open plans with a key worker): T#KEYWORKER#<kw> / <id>
//   version:     pk T#PLAN#<planId>  sk V#<000001>   (immutable copy written with each change)
//   agreement:   pk T#AGREEMENT#<agreementId> sk PLAN (one plan per agreement, even on redelivery)
//   consent:     pk T#CONSENT#<consentId> sk CONSENT  (read model of intake's consent events)
//   anonymised:  pk T#ANONYMISED#<clientId> sk CLIENT (a late AgreementMade opens nothing)
//   assessment:  pk T#NEEDS#<clientId> sk <assessmentId> (read model of intake's NeedsAssessed)
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { plans } from '@spolu/contracts';
import type { RuntimeEnv, UnitOfWork } from '@spolu/platform';
import { entityItem, getData, queryPage } from '@spolu/platform';
import type { ConsentView } from './domain/people';

type Plan = plans.Plan;
type PlanVersion = plans.PlanVersion;

const pad = (n: number) => String(n).padStart(6, '0');

export const keys = {
  plan: (t: string, id: string) => ({ pk: `${t}#PLAN#${id}`, sk: 'CURRENT' }),
  version: (t: string, id: string, v: number) => ({ pk: `${t}#PLAN#${id}`, sk: `V#${pad(v)}` }),
  clientPlans: (t: string, clientId: string) => `${t}#CLIENT-PLANS#${clientId}`,
  plans: (t: string) => `${t}#PLANS`,
  keyWorker: (t: string, kw: string) => `${t}#KEYWORKER#${kw}`,
  agreement: (t: string, agreementId: string) => ({ pk: `${t}#AGREEMENT#${agreementId}`, sk: 'PLAN' }),
  consent: (t: string, consentId: string) => ({ pk: `${t}#CONSENT#${consentId}`, sk: 'CONSENT' }),
  anonymised: (t: string, clientId: string) => ({ pk: `${t}#ANONYMISED#${clientId}`, sk: 'CLIENT' }),
  assessment: (t: string, clientId: string, assessmentId: string) => ({
    pk: `${t}#NEEDS#${clientId}`,
    sk: assessmentId,
  }),
};

/** A needs assessment intake announced (ids only; the needs themselves stay in intake). */
export interface KnownAssessment {
  assessmentId: string;
  clientId: string;
  serviceId: string;
  /** When intake recorded it (the event's time). */
  recordedAt: string;
}

const planItem = (p: Plan) =>
  entityItem(
    {
      ...keys.plan(p.providerId, p.id),
      gsi1pk: keys.clientPlans(p.providerId, p.clientId),
      gsi1sk: `${p.openedAt}#${p.id}`,
      gsi2pk: keys.plans(p.providerId),
      gsi2sk: p.id,
      // Sparse: only open plans with a key worker appear on a worklist.
      gsi3pk:
        p.status === 'open' && !p.anonymised && p.keyWorkerId
          ? keys.keyWorker(p.providerId, p.keyWorkerId)
          : undefined,
      gsi3sk: p.status === 'open' && !p.anonymised && p.keyWorkerId ? p.id : undefined,
    },
    'plan',
    p,
  );

const versionItem = (v: PlanVersion) =>
  entityItem(keys.version(v.plan.providerId, v.plan.id, v.version), 'plan-version', v);

export const versionOf = (plan: Plan, change: string): PlanVersion => ({
  version: plan.version,
  at: plan.updatedAt,
  by: plan.changedBy,
  change,
  agreedWithClient: true,
  plan,
});

export const createStore = (env: RuntimeEnv) => ({
  getPlan: (t: string, id: string) => getData<Plan>(env, keys.plan(t, id)),
  getVersion: (t: string, id: string, v: number) => getData<PlanVersion>(env, keys.version(t, id, v)),
  listVersions: (t: string, id: string, page: { limit: number; cursor?: string }) =>
    queryPage<PlanVersion>(env, { partition: `${t}#PLAN#${id}`, skPrefix: 'V#', ...page }),
  listPlans: (
    t: string,
    q: { clientId?: string; status?: 'open' | 'closed'; limit: number; cursor?: string },
  ) => {
    const filter = q.status ? (p: Plan) => p.status === q.status : undefined;
    const page = { limit: q.limit, cursor: q.cursor };
    return q.clientId
      ? queryPage<Plan>(env, { index: 'gsi1', partition: keys.clientPlans(t, q.clientId), ...page }, filter)
      : queryPage<Plan>(env, { index: 'gsi2', partition: keys.plans(t), ...page }, filter);
  },
  keyWorkerPlans: (t: string, kw: string, page: { limit: number; cursor?: string }) =>
    queryPage<Plan>(env, { index: 'gsi3', partition: keys.keyWorker(t, kw), ...page }),
  /** Every plan of a client (a client has one per service; few). */
  clientPlans: async (t: string, clientId: string): Promise<Plan[]> => {
    const out = await env.ddb.send(
      new QueryCommand({
        TableName: env.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.clientPlans(t, clientId) },
      }),
    );
    return (out.Items ?? []).map((i) => i.data as Plan);
  },
  allVersions: async (t: string, id: string): Promise<PlanVersion[]> => {
    const items: PlanVersion[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await env.ddb.send(
        new QueryCommand({
          TableName: env.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
          ExpressionAttributeValues: { ':pk': `${t}#PLAN#${id}`, ':v': 'V#' },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []).map((i) => i.data as PlanVersion));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  },
  /** The first version of a plan; the plan must not exist yet. */
  createPlan: (tx: UnitOfWork, plan: Plan, change: string) => {
    tx.create(planItem(plan));
    tx.create(versionItem(versionOf(plan, change)));
  },
  /** The next version: refused with 412 unless the stored plan is still at `expectedVersion`. */
  replacePlan: (tx: UnitOfWork, plan: Plan, change: string, expectedVersion: number) => {
    tx.replace(planItem(plan), expectedVersion);
    tx.create(versionItem(versionOf(plan, change)));
  },
  /** Overwrite a stored version in place — only to erase free text after anonymisation. */
  rewriteVersion: (v: PlanVersion) =>
    env.ddb.send(new PutCommand({ TableName: env.tableName, Item: versionItem(v) })),
  /** Erase in place (same version): erasure is not a change agreed with the client. */
  erasePlan: (tx: UnitOfWork, plan: Plan) => tx.replace(planItem(plan), plan.version),
  planOfAgreement: async (t: string, agreementId: string) =>
    (await getData<{ planId: string; version: number }>(env, keys.agreement(t, agreementId)))?.planId,
  markAgreement: (tx: UnitOfWork, t: string, agreementId: string, planId: string) =>
    tx.create(entityItem(keys.agreement(t, agreementId), 'agreement-plan', { planId, version: 1 })),
  getConsent: (t: string, consentId: string) =>
    getData<ConsentView & { version: number }>(env, keys.consent(t, consentId)),
  putConsent: (tx: UnitOfWork, t: string, c: ConsentView) =>
    tx.put(entityItem(keys.consent(t, c.consentId), 'consent', { ...c, version: 1 })),
  isAnonymised: async (t: string, clientId: string) => !!(await getData(env, keys.anonymised(t, clientId))),
  getAssessment: (t: string, clientId: string, assessmentId: string) =>
    getData<KnownAssessment>(env, keys.assessment(t, clientId, assessmentId)),
  /** The client's most recently recorded assessment at the service (a client has a handful). */
  latestAssessment: async (t: string, clientId: string, serviceId: string) => {
    const out = await env.ddb.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${t}#NEEDS#${clientId}` },
        ConsistentRead: true,
      }),
    );
    return (
      (out.Items ?? [])
        .map((i) => i.data as KnownAssessment)
        .filter((a) => a.serviceId === serviceId)
        // Ids are ULIDs: within the same instant, the later id is the later assessment.
        .sort(
          (a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.assessmentId.localeCompare(a.assessmentId),
        )[0]
    );
  },
  putAssessment: (tx: UnitOfWork, t: string, a: KnownAssessment) =>
    tx.put({ ...keys.assessment(t, a.clientId, a.assessmentId), entity: 'needs-assessment', data: a }),
  markAnonymised: (tx: UnitOfWork, t: string, clientId: string) =>
    tx.put(entityItem(keys.anonymised(t, clientId), 'anonymised', { clientId, version: 1 })),
});
export type Store = ReturnType<typeof createStore>;
