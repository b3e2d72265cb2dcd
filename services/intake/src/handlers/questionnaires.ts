import type { intake } from '@spolu/contracts';
import { intakeRoutes as r, newId } from '@spolu/contracts';
import { httpApi, implement, notFound, unprocessable } from '@spolu/platform';
import { assertNotAnonymised } from '../domain/clients';
import { assertNotInFuture } from '../domain/in-future';
import { answerIssues, assertTemplateSound } from '../domain/questionnaires';
import { createStore } from '../store';
import { helpers, stamp } from './common';

export const handler = httpApi('intake', (env) => {
  const store = createStore(env);
  const { ownClient, ownService } = helpers(env, store);

  return [
    implement(r.createTemplate, async ({ body, tenant, tx }) => {
      const t = tenant();
      await ownService(t, body.serviceId);
      assertTemplateSound(body);
      const now = env.now().toISOString();
      const template: intake.QuestionnaireTemplate = {
        ...body,
        id: newId(),
        providerId: t,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      store.createTemplate(tx, template);
      return { status: 201, body: template };
    }),

    implement(r.listTemplates, async ({ query, tenant }) => {
      const { serviceId, limit, cursor } = query;
      if (!serviceId)
        throw unprocessable('The query is not valid.', [
          { path: 'query.serviceId', message: 'required', code: 'invalid_type' },
        ]);
      return { body: await store.listTemplates(tenant(), serviceId, { limit, cursor }) };
    }),

    implement(r.getTemplate, async ({ params, query, tenant }) => {
      const template = await store.getTemplate(tenant(), params.templateId, query.version);
      if (!template) throw notFound('template');
      return { body: template };
    }),

    implement(r.reviseTemplate, async ({ params, body, tenant, ifMatch, tx }) => {
      const t = tenant();
      const current = await store.getTemplate(t, params.templateId);
      if (!current) throw notFound('template');
      assertTemplateSound(body);
      const template: intake.QuestionnaireTemplate = {
        ...body,
        id: current.id,
        providerId: t,
        serviceId: current.serviceId,
        version: current.version + 1,
        createdAt: current.createdAt,
        updatedAt: env.now().toISOString(),
      };
      store.reviseTemplate(tx, template, ifMatch);
      return { body: template };
    }),

    implement(r.submitQuestionnaire, async ({ params, body, tenant, auth, tx, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      assertNotAnonymised(client);
      const template = await store.getTemplate(t, body.templateId, body.templateVersion);
      if (!template) throw notFound('template version');
      assertNotInFuture('questionnaire', body.answeredAt, env.now(), 'body.answeredAt');
      const issues = answerIssues(template, body.answers);
      if (issues.length > 0) throw unprocessable('The answers do not fit the template version.', issues);
      const s = stamp(env, newId(), auth.userId);
      const response: intake.QuestionnaireResponse = {
        ...body,
        id: s.id,
        clientId: client.id,
        serviceId: template.serviceId,
        version: 1,
        createdAt: s.now.toISOString(),
        updatedAt: s.now.toISOString(),
        recordedBy: s.by,
      };
      store.createChild(tx, t, client.id, 'questionnaire', response.answeredAt, response);
      store.touchClient(tx, t, client.id, s.now.toISOString());
      audit({ action: 'create', recordType: 'questionnaire', recordId: response.id, clientId: client.id });
      return { status: 201, body: response };
    }),

    implement(r.listQuestionnaires, async ({ params, query, tenant, audit }) => {
      const client = await ownClient(tenant(), params.clientId);
      audit({ action: 'list', recordType: 'questionnaire', recordId: client.id, clientId: client.id });
      return {
        body: await store.listChildren<intake.QuestionnaireResponse>(
          tenant(),
          client.id,
          'questionnaire',
          query,
        ),
      };
    }),
  ];
});
