// The FHIR face of referrals (docs/REFERRALS.md, "FHIR"): ServiceRequest = the referral asked
// for, Task = its fulfilment. Every write runs the same commands as the referral routes
// (referral-commands.ts), so rules, consent scoping, events and audit are the same.
import { fhir, fhirRoutes as r } from '@spolu/contracts';
import { DomainRuleViolation, httpApi, implement } from '@spolu/platform';
import capabilityStatement from '../domain/fhir-capability-statement.json' with { type: 'json' };
import { matchesTaskStatuses, serviceRequestOf, stepForTask, taskOf } from '../domain/fhir';
import { referralAsSeenBy } from '../domain/receiver-view';
import { createStore } from '../store';
import { helpers } from './common';
import { referralCommands } from './referral-commands';

/** FHIR versions are weak ETags of the record's version. */
const versionHeaders = (version: number) => ({ etag: `W/"${version}"` });
const idOf = (reference: string) => reference.slice(reference.indexOf('/') + 1);

export const handler = httpApi('referrals', (env) => {
  const store = createStore(env);
  const h = helpers(env, store);
  const { create, move } = referralCommands(env, store, h);

  /** The referral as the caller's provider sees it (404 for anyone else), read and audited. */
  const readAs = async (t: string, id: string, audit: Parameters<typeof create>[0]['audit']) => {
    const mine = referralAsSeenBy(await h.visibleReferral(t, id), t, true);
    audit({ action: 'read', recordType: 'referral', recordId: mine.id, clientId: mine.clientId });
    return mine;
  };

  return [
    implement(r.metadata, async ({ auth }) => {
      await h.partnerMayAct(auth);
      return { body: fhir.FhirCapabilityStatement.parse(capabilityStatement) };
    }),

    implement(r.createServiceRequest, async ({ body, tenant, auth, tx, audit }) => {
      await h.partnerMayAct(auth);
      const t = tenant();
      const { referral } = await create({ tenant: t, auth, tx, audit }, body.referral);
      return {
        status: 201,
        body: serviceRequestOf(referral, t),
        headers: { ...versionHeaders(referral.version), location: `/fhir/ServiceRequest/${referral.id}` },
      };
    }),

    implement(r.getServiceRequest, async ({ params, tenant, auth, audit }) => {
      await h.partnerMayAct(auth);
      const t = tenant();
      const referral = await readAs(t, params.id, audit);
      return { body: serviceRequestOf(referral, t), headers: versionHeaders(referral.version) };
    }),

    implement(r.createTask, async ({ body, tenant, auth, tx, audit }) => {
      await h.partnerMayAct(auth);
      const t = tenant();
      if (body.status !== 'requested')
        throw new DomainRuleViolation(
          'fhir-task-requested',
          'a new Task asks for its ServiceRequest: status requested',
          'body.status',
        );
      // One Task per referral: its id is the referral's, and sending twice is a lifecycle error.
      const referralId = idOf(body.focus.reference);
      const current = await h.visibleReferral(t, referralId);
      const step = stepForTask(current, body);
      if (!step)
        throw new DomainRuleViolation('referral-status', 'the referral was sent already', 'body.status');
      const { next } = await move({ tenant: t, auth, tx, audit }, referralId, step, current.version);
      return {
        status: 201,
        body: taskOf(next, t),
        headers: { ...versionHeaders(next.version), location: `/fhir/Task/${next.id}` },
      };
    }),

    implement(r.getTask, async ({ params, tenant, auth, audit }) => {
      await h.partnerMayAct(auth);
      const t = tenant();
      const referral = await readAs(t, params.id, audit);
      return { body: taskOf(referral, t), headers: versionHeaders(referral.version) };
    }),

    implement(r.searchTasks, async ({ query, tenant, auth, audit }) => {
      await h.partnerMayAct(auth);
      const t = tenant();
      const statuses = query.status?.split(',');
      const owner = query.owner && idOf(query.owner);
      const requester = query.requester && idOf(query.requester);
      const page = await store.listReferrals(
        t,
        { limit: query._count, cursor: query._cursor },
        (x) =>
          (!statuses || matchesTaskStatuses(x, statuses)) &&
          (!owner || x.receiverProviderId === owner) &&
          (!requester || x.senderProviderId === requester),
      );
      const tasks = [];
      for (const x of page.items)
        if (await h.receiverMaySee(x, t)) tasks.push(taskOf(referralAsSeenBy(x, t, true), t));
      for (const task of tasks) audit({ action: 'list', recordType: 'referral', recordId: task.id });
      if (tasks.length === 0) audit({ action: 'list', recordType: 'referral', recordId: '-' });
      const self = new URLSearchParams(
        Object.entries(query).flatMap(([k, v]): [string, string][] =>
          v === undefined ? [] : [[k, String(v)]],
        ),
      );
      const next =
        page.nextCursor && new URLSearchParams({ ...Object.fromEntries(self), _cursor: page.nextCursor });
      return {
        body: {
          resourceType: 'Bundle' as const,
          type: 'searchset' as const,
          link: [
            { relation: 'self', url: `/fhir/Task?${self.toString()}` },
            ...(next ? [{ relation: 'next', url: `/fhir/Task?${next.toString()}` }] : []),
          ],
          entry: tasks.map((resource) => ({ resource, search: { mode: 'match' as const } })),
        },
      };
    }),

    implement(r.updateTask, async ({ params, body, tenant, auth, ifMatch, tx, audit }) => {
      await h.partnerMayAct(auth);
      const t = tenant();
      if (idOf(body.focus.reference) !== params.id || (body.id !== undefined && body.id !== params.id))
        throw new DomainRuleViolation(
          'fhir-task-focus',
          'the Task of a referral has the referral’s id and its ServiceRequest as focus',
          'body.focus',
        );
      const current = referralAsSeenBy(await h.visibleReferral(t, params.id), t, true);
      const step = stepForTask(current, body);
      if (!step) {
        // Nothing to change: the answer is a read of the Task as it stands.
        audit({ action: 'read', recordType: 'referral', recordId: current.id, clientId: current.clientId });
        return { body: taskOf(current, t), headers: versionHeaders(current.version) };
      }
      const { next } = await move({ tenant: t, auth, tx, audit }, params.id, step, ifMatch);
      return { body: taskOf(referralAsSeenBy(next, t, true), t), headers: versionHeaders(next.version) };
    }),
  ];
});
