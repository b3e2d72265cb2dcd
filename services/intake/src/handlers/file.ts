import type { intake } from '@spolu/contracts';
import { intakeEvents as ev, intakeRoutes as r } from '@spolu/contracts';
import type { AuthContext } from '@spolu/platform';
import { httpApi, implement } from '@spolu/platform';
import {
  anonymisedClient,
  assertRetentionOver,
  defaultRetentionDays,
  erasedRecord,
} from '../domain/anonymise';
import { visibleContact } from '../domain/contacts';
import type { TimelineRow } from '../store';
import { createStore } from '../store';
import { helpers } from './common';

export const handler = httpApi('intake', (env) => {
  const store = createStore(env);
  const { ownClient, keyOf, subject } = helpers(env, store);
  const retentionDays = Number(env.settings.CLIENT_RETENTION_DAYS ?? defaultRetentionDays);

  const entry = (row: TimelineRow, viewer: AuthContext) => ({
    kind: row.kind,
    id: row.id,
    at: row.at,
    record: row.kind === 'contact' ? visibleContact(row.data as intake.Contact, viewer) : row.data,
  });

  return [
    implement(r.getClientFile, async ({ params, query, tenant, auth, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      const page = await store.timelinePage(t, client.id, query);
      const agreements = await store.listChildren<intake.Agreement>(t, client.id, 'agreement', {
        limit: 1000,
      });
      audit({ action: 'read', recordType: 'client-file', recordId: client.id, clientId: client.id });
      return {
        body: {
          client,
          keyWorkerId: client.keyWorkerId,
          activeAgreements: agreements.items.filter((a) => a.status === 'active'),
          items: page.items.map((row) => entry(row, auth)),
          nextCursor: page.nextCursor,
        },
      };
    }),

    implement(r.exportClient, async ({ params, tenant, audit }) => {
      const t = tenant();
      const client = await ownClient(t, params.clientId);
      const rows = await store.allTimelineRows(t, client.id);
      const accessLog = await store.accessLog(t, client.id);
      // Reads of the client's referral share packages by the receiving providers (referrals' events).
      const packageReads = await store.packageReads(t, client.id);
      audit({
        action: 'export',
        recordType: 'client',
        recordId: client.id,
        clientId: client.id,
        reason: 'data-subject export',
      });
      return {
        body: {
          exportedAt: env.now().toISOString(),
          client,
          // The data subject gets everything, test results included.
          records: rows.map((row) => ({ kind: row.kind, id: row.id, at: row.at, record: row.data })),
          accessLog,
          packageReads,
        },
      };
    }),

    implement(r.anonymiseClient, async ({ params, body, tenant, ifMatch, tx, audit }) => {
      const t = tenant();
      const current = await ownClient(t, params.clientId);
      const now = env.now();
      assertRetentionOver(current, retentionDays, now);
      // Children first, in place and repeatable; the client record, its audit entry and the event
      // commit last. If anything fails, the client is not marked and the call can be repeated.
      const rows = await store.allTimelineRows(t, current.id);
      const textQuestions = new Map<string, Set<string>>();
      for (const row of rows) {
        if (row.kind === 'registration') continue;
        let texts: Set<string> | undefined;
        if (row.kind === 'questionnaire') {
          const q = row.data as intake.QuestionnaireResponse;
          const key = `${q.templateId}#${q.templateVersion}`;
          if (!textQuestions.has(key)) {
            const tpl = await store.getTemplate(t, q.templateId, q.templateVersion);
            textQuestions.set(
              key,
              new Set(tpl?.questions.filter((x) => x.type === 'text').map((x) => x.code) ?? []),
            );
          }
          texts = textQuestions.get(key);
        }
        await store.eraseInPlace(row, erasedRecord(row.kind, row.data, texts));
      }
      const client = anonymisedClient(current, now);
      store.replaceClient(tx, client, ifMatch);
      if (current.identity.kind === 'anonymous')
        store.releaseClientCode(tx, t, current.serviceId, current.identity.clientCode);
      audit({
        action: 'anonymise',
        recordType: 'client',
        recordId: client.id,
        clientId: client.id,
        reason: body.reason,
      });
      tx.emit(ev.ClientAnonymised, {
        tenantId: t,
        subject: subject(client),
        data: { clientId: client.id, subjectKey: keyOf(t, client.id), anonymisedAt: client.anonymisedAt! },
      });
      return { body: client };
    }),
  ];
});
