import type { intake } from '@spolu/contracts';
import { intakeEvents as ev, intakeRoutes as r, newId } from '@spolu/contracts';
import { httpApi, implement } from '@spolu/platform';
import { assertNotAnonymised } from '../domain/clients';
import { assertNotInFuture } from '../domain/in-future';
import { newAssessment } from '../domain/needs';
import { createStore } from '../store';
import { helpers, stamp } from './common';

export const handler = httpApi('intake', (env) => {
  const store = createStore(env);
  const { ownClient, ownService, facts, subject } = helpers(env, store);

  return [
    implement(r.assessNeeds, async ({ params, body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      assertNotAnonymised(client);
      const service = await ownService(t, body.serviceId);
      assertNotInFuture('needs-assessment', body.assessedAt, env.now(), 'body.assessedAt');
      // Court-ordered treatment comes from the client's active agreement with this service.
      const agreements = await store.listChildren<intake.Agreement>(t, client.id, 'agreement', {
        limit: 1000,
      });
      const courtOrdered = agreements.items.some(
        (a) => a.serviceId === service.id && a.status === 'active' && a.courtOrdered,
      );
      const assessment = newAssessment(body, client.id, courtOrdered, stamp(env, newId(), auth.userId));
      store.createChild(tx, t, client.id, 'needs-assessment', assessment.assessedAt, assessment);
      store.touchClient(tx, t, client.id, env.now().toISOString());
      audit({
        action: 'create',
        recordType: 'needs-assessment',
        recordId: assessment.id,
        clientId: client.id,
      });
      tx.emit(ev.NeedsAssessed, {
        tenantId: t,
        subject: subject(client),
        data: {
          ...facts(client, service),
          assessmentId: assessment.id,
          finalSay: assessment.finalSay,
          needCodes: assessment.needs.filter((n) => n.finalPriority !== 'none').map((n) => n.code),
          needs: assessment.needs.map((n) => ({ code: n.code, finalPriority: n.finalPriority })),
        },
      });
      return { status: 201, body: assessment };
    }),

    implement(r.listNeedsAssessments, async ({ params, query, tenant, audit }) => {
      const client = await ownClient(tenant(), params.clientId);
      audit({ action: 'list', recordType: 'needs-assessment', recordId: client.id, clientId: client.id });
      return {
        body: await store.listChildren<intake.NeedsAssessment>(
          tenant(),
          client.id,
          'needs-assessment',
          query,
        ),
      };
    }),
  ];
});
