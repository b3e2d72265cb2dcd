// The intake service's only DynamoDB access. Single table; every key starts with the tenant id.
//   client:          pk T#CLIENT#<clientId>  sk CLIENT            gsi2: T#CLIENTS / CLIENT#<id>
//   client children: pk T#CLIENT#<clientId>  sk <KIND>#<id>        gsi1: T#TIMELINE#<clientId> / <at>#<KIND>#<id>
//   client code:     pk T#CODE#<serviceId>#<code> sk CODE          (uniqueness marker per service)
//   package read:    pk T#CLIENT#<clientId>  sk PACKAGE-READ#<at>#<referralId>#<userId> (a receiver read a share package; referrals' events)
//   appointment:     (client child)                              gsi2: T#APPOINTMENTS / <scheduledAt UTC>#<id>
//   contact:         pk T#CONTACT#<id>        sk CONTACT           gsi1 timeline (client contacts), gsi2 T#CONTACTS / <at>#<id>
//   template:        pk T#TEMPLATE#<id>       sk CURRENT | V#<nnnnn> gsi2 T#TEMPLATES#<serviceId> / <id> (current only)
//   service view:    pk T#SERVICE#<id>        sk SERVICE           (read model from directory events) gsi2 T#SERVICES / <id>
//   unnamed arrangement: pk T#ARRANGEMENT#<id> sk APPOINTMENT    gsi2 T#APPOINTMENTS (phone arrangement, no client)
//   plan key worker: pk T#PLAN-KEY-WORKER#<planId> sk REVISION (last KeyWorkerAssigned applied)
import { QueryCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { intake } from '@spolu/contracts';
import type { RuntimeEnv, UnitOfWork } from '@spolu/platform';
import {
  auditPartition,
  conflict,
  decodeCursor,
  encodeCursor,
  entityItem,
  getData,
  queryPage,
} from '@spolu/platform';

type Client = intake.Client;
/** One read of a referral share package about this client, as the data export lists it. */
export interface PackageReadRecord {
  at: string;
  referralId: string;
  readerProviderId: string;
  readerUserId: string;
  sharedFields: string[];
}

export const childKinds = {
  consultation: 'CONSULTATION',
  agreement: 'AGREEMENT',
  consent: 'CONSENT',
  'needs-assessment': 'NEEDS',
  appointment: 'APPOINTMENT',
  'home-visit': 'HOMEVISIT',
  questionnaire: 'QUESTIONNAIRE',
} as const;
export type ChildKind = keyof typeof childKinds;
export type TimelineKind = ChildKind | 'contact' | 'registration';

/** The largest UTC offset a time may be written with (±14:00). */
const offsetSlackMs = 14 * 3_600_000;
const pad = (n: number) => String(n).padStart(6, '0');

export const keys = {
  client: (t: string, clientId: string) => ({ pk: `${t}#CLIENT#${clientId}`, sk: 'CLIENT' }),
  clients: (t: string) => `${t}#CLIENTS`,
  child: (t: string, clientId: string, kind: ChildKind, id: string) => ({
    pk: `${t}#CLIENT#${clientId}`,
    sk: `${childKinds[kind]}#${id}`,
  }),
  timeline: (t: string, clientId: string) => `${t}#TIMELINE#${clientId}`,
  clientCode: (t: string, serviceId: string, code: string) => ({
    pk: `${t}#CODE#${serviceId}#${code.toUpperCase()}`,
    sk: 'CODE',
  }),
  contact: (t: string, id: string) => ({ pk: `${t}#CONTACT#${id}`, sk: 'CONTACT' }),
  contacts: (t: string) => `${t}#CONTACTS`,
  appointments: (t: string) => `${t}#APPOINTMENTS`,
  template: (t: string, id: string) => ({ pk: `${t}#TEMPLATE#${id}`, sk: 'CURRENT' }),
  templateVersion: (t: string, id: string, version: number) => ({
    pk: `${t}#TEMPLATE#${id}`,
    sk: `V#${pad(version)}`,
  }),
  templates: (t: string, serviceId: string) => `${t}#TEMPLATES#${serviceId}`,
  service: (t: string, serviceId: string) => ({ pk: `${t}#SERVICE#${serviceId}`, sk: 'SERVICE' }),
  services: (t: string) => `${t}#SERVICES`,
  arrangement: (t: string, id: string) => ({ pk: `${t}#ARRANGEMENT#${id}`, sk: 'APPOINTMENT' }),
};

/** A record's place in the client's timeline (the client file, newest first): the instant in UTC,
 * so records given with different offsets (`10:30+01:00` happened before `10:00Z`) order by when
 * they happened, not by the text of the time. Also used by the backfill of records keyed by their
 * text before (src/migrations.ts). */
export const timelineKeys = (t: string, clientId: string, at: string, kind: TimelineKind, id: string) => ({
  gsi1pk: keys.timeline(t, clientId),
  gsi1sk: `${new Date(at).toISOString()}#${kind}#${id}`,
});

/** An appointment's place in the provider's list by time (GET /appointments): UTC so the sort key
 * orders by instant whatever offset the booking was given with. Also used by the backfill of
 * appointments stored before these keys existed (src/migrations.ts). */
export const appointmentWindowKeys = (t: string, scheduledAt: string, id: string) => ({
  gsi2pk: keys.appointments(t),
  gsi2sk: `${new Date(scheduledAt).toISOString()}#${id}`,
});

const clientItem = (c: Client) => ({
  ...entityItem(
    {
      ...keys.client(c.providerId, c.id),
      gsi2pk: keys.clients(c.providerId),
      gsi2sk: `CLIENT#${c.id}`,
      ...timelineKeys(c.providerId, c.id, c.createdAt, 'registration', c.id),
    },
    'client',
    c,
  ),
  serviceId: c.serviceId,
});

interface ChildRecord {
  id: string;
  version: number;
}

export interface TimelineRow {
  kind: TimelineKind;
  at: string;
  id: string;
  data: Record<string, unknown>;
  pk: string;
  sk: string;
}

const timelineRow = (item: Record<string, unknown>): TimelineRow => {
  const [at, kind, id] = String(item.gsi1sk).split('#') as [string, TimelineKind, string];
  return {
    kind,
    at,
    id,
    data: item.data as Record<string, unknown>,
    pk: String(item.pk),
    sk: String(item.sk),
  };
};

export const createStore = (env: RuntimeEnv) => {
  const childItem = <T extends ChildRecord>(t: string, clientId: string, kind: ChildKind, at: string, r: T) =>
    entityItem(
      {
        ...keys.child(t, clientId, kind, r.id),
        ...timelineKeys(t, clientId, at, kind, r.id),
        // Appointments are also listed across clients by time (a worker's day).
        ...(kind === 'appointment' ? appointmentWindowKeys(t, at, r.id) : {}),
      },
      kind,
      r,
    );

  const arrangementItem = (t: string, a: intake.Appointment) =>
    entityItem(
      { ...keys.arrangement(t, a.id), ...appointmentWindowKeys(t, a.scheduledAt, a.id) },
      'unnamed-arrangement',
      a,
    );

  const contactItem = (c: intake.Contact) =>
    entityItem(
      {
        ...keys.contact(c.providerId, c.id),
        gsi2pk: keys.contacts(c.providerId),
        gsi2sk: `${c.occurredAt}#${c.id}`,
        ...(c.clientId ? timelineKeys(c.providerId, c.clientId, c.occurredAt, 'contact', c.id) : {}),
      },
      'contact',
      c,
    );

  const templateItems = (tpl: intake.QuestionnaireTemplate) => ({
    current: entityItem(
      {
        ...keys.template(tpl.providerId, tpl.id),
        gsi2pk: keys.templates(tpl.providerId, tpl.serviceId),
        gsi2sk: tpl.id,
      },
      'template',
      tpl,
    ),
    version: entityItem(keys.templateVersion(tpl.providerId, tpl.id, tpl.version), 'template-version', tpl),
  });

  return {
    // ---- service read model ----
    getService: (t: string, serviceId: string) =>
      getData<intake.ServiceView>(env, keys.service(t, serviceId)),
    putService: (tx: UnitOfWork, s: intake.ServiceView) =>
      tx.put({
        ...keys.service(s.providerId, s.id),
        // Listed per provider: a missed phone arrangement proposes the provider's contact centre.
        gsi2pk: keys.services(s.providerId),
        gsi2sk: s.id,
        entity: 'service-view',
        revision: s.revision,
        data: s,
      }),
    /** The provider's services as intake knows them (a provider runs a handful). */
    listServices: async (t: string) => {
      const services: intake.ServiceView[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage<intake.ServiceView>(env, {
          index: 'gsi2',
          partition: keys.services(t),
          limit: 100,
          cursor,
        });
        services.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return services;
    },

    // ---- phone arrangements with unnamed people (no client, listed with the appointments) ----
    getArrangement: (t: string, id: string) => getData<intake.Appointment>(env, keys.arrangement(t, id)),
    createArrangement: (tx: UnitOfWork, t: string, a: intake.Appointment) => tx.create(arrangementItem(t, a)),
    replaceArrangement: (tx: UnitOfWork, t: string, a: intake.Appointment, expectedVersion: number) =>
      tx.replace(arrangementItem(t, a), expectedVersion),

    // ---- clients ----
    getClient: (t: string, clientId: string) => getData<Client>(env, keys.client(t, clientId)),
    listClients: (t: string, page: { limit: number; cursor?: string }, filter?: (c: Client) => boolean) =>
      queryPage<Client>(env, { index: 'gsi2', partition: keys.clients(t), ...page }, filter),
    createClient: (tx: UnitOfWork, c: Client) => tx.create(clientItem(c)),
    replaceClient: (tx: UnitOfWork, c: Client, expectedVersion: number) =>
      tx.replace(clientItem(c), expectedVersion),
    /** Note activity on the client (retention clock) and make sure it still exists, not anonymised. */
    touchClient: (tx: UnitOfWork, t: string, clientId: string, at: string) =>
      tx.update(keys.client(t, clientId), 'SET #d.#a = :at', {
        condition: 'attribute_exists(pk) AND attribute_not_exists(#d.#x)',
        names: { '#d': 'data', '#a': 'lastActivityAt', '#x': 'anonymisedAt' },
        values: { ':at': at },
        onConditionFailed: () => conflict('the client was anonymised or removed meanwhile'),
      }),
    claimClientCode: (
      tx: UnitOfWork,
      t: string,
      serviceId: string,
      code: string,
      clientId: string,
      onTaken: () => Error,
    ) => tx.create({ ...keys.clientCode(t, serviceId, code), entity: 'client-code', clientId }, onTaken),
    releaseClientCode: (tx: UnitOfWork, t: string, serviceId: string, code: string) =>
      tx.delete(keys.clientCode(t, serviceId, code)),

    // ---- receivers' reads of the client's referral share packages (from referrals' events) ----
    /** Put, not create: a redelivered event writes the same item again. */
    putPackageRead: (tx: UnitOfWork, t: string, clientId: string, read: PackageReadRecord) =>
      tx.put({
        pk: `${t}#CLIENT#${clientId}`,
        sk: `PACKAGE-READ#${read.at}#${read.referralId}#${read.readerUserId}`,
        entity: 'package-read',
        data: read,
      }),
    packageReads: async (t: string, clientId: string) => {
      const reads: PackageReadRecord[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage<PackageReadRecord>(env, {
          partition: `${t}#CLIENT#${clientId}`,
          skPrefix: 'PACKAGE-READ#',
          limit: 100,
          cursor,
        });
        reads.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return reads;
    },

    // ---- the last plan event applied to the key worker, per plan (out-of-order deliveries) ----
    keyWorkerRevision: async (t: string, planId: string) =>
      (await getData<{ revision: number }>(env, { pk: `${t}#PLAN-KEY-WORKER#${planId}`, sk: 'REVISION' }))
        ?.revision,
    putKeyWorkerRevision: (tx: UnitOfWork, t: string, planId: string, revision: number) =>
      tx.put({
        pk: `${t}#PLAN-KEY-WORKER#${planId}`,
        sk: 'REVISION',
        entity: 'plan-key-worker',
        data: { planId, revision },
      }),

    // ---- client children ----
    getChild: <T>(t: string, clientId: string, kind: ChildKind, id: string) =>
      getData<T>(env, keys.child(t, clientId, kind, id)),
    listChildren: <T>(
      t: string,
      clientId: string,
      kind: ChildKind,
      page: { limit: number; cursor?: string },
    ) =>
      queryPage<T>(env, { partition: `${t}#CLIENT#${clientId}`, skPrefix: `${childKinds[kind]}#`, ...page }),
    createChild: <T extends ChildRecord>(
      tx: UnitOfWork,
      t: string,
      clientId: string,
      kind: ChildKind,
      at: string,
      r: T,
    ) => tx.create(childItem(t, clientId, kind, at, r)),
    replaceChild: <T extends ChildRecord>(
      tx: UnitOfWork,
      t: string,
      clientId: string,
      kind: ChildKind,
      at: string,
      r: T,
      expectedVersion: number,
    ) => tx.replace(childItem(t, clientId, kind, at, r), expectedVersion),

    /** The provider's appointments scheduled in [from, to), earliest first, across its clients. */
    listAppointmentsBetween: (
      t: string,
      window: { from: string; to: string },
      page: { limit: number; cursor?: string },
      filter?: (a: intake.Appointment) => boolean,
    ) =>
      queryPage<intake.Appointment>(
        env,
        {
          index: 'gsi2',
          partition: keys.appointments(t),
          // '#' sorts before every id character, so `<to>#` excludes appointments exactly at `to`.
          skBetween: [new Date(window.from).toISOString(), `${new Date(window.to).toISOString()}#`],
          ...page,
        },
        filter,
      ),

    // ---- contacts ----
    getContact: (t: string, id: string) => getData<intake.Contact>(env, keys.contact(t, id)),
    listContacts: (
      t: string,
      page: { limit: number; cursor?: string },
      filter?: (c: intake.Contact) => boolean,
    ) =>
      queryPage<intake.Contact>(
        env,
        { index: 'gsi2', partition: keys.contacts(t), newestFirst: true, ...page },
        filter,
      ),
    createContact: (tx: UnitOfWork, c: intake.Contact) => tx.create(contactItem(c)),
    replaceContact: (tx: UnitOfWork, c: intake.Contact, expectedVersion: number) =>
      tx.replace(contactItem(c), expectedVersion),
    /** The provider's contacts that happened in [start, end), newest first. The index is sorted by
     * the text of `occurredAt`, which may carry any offset (up to ±14 h), so the key range is
     * widened by 14 hours each way and `inWindow` keeps exactly the window. */
    listContactsBetween: (
      t: string,
      window: { start: Date; end: Date },
      page: { limit: number; cursor?: string },
      filter: (c: intake.Contact) => boolean,
    ) =>
      queryPage<intake.Contact>(
        env,
        {
          index: 'gsi2',
          partition: keys.contacts(t),
          newestFirst: true,
          skBetween: [
            new Date(window.start.getTime() - offsetSlackMs).toISOString().slice(0, 19),
            `${new Date(window.end.getTime() + offsetSlackMs).toISOString().slice(0, 19)}~`,
          ],
          ...page,
        },
        filter,
      ),

    // ---- templates ----
    getTemplate: (t: string, id: string, version?: number) =>
      getData<intake.QuestionnaireTemplate>(
        env,
        version ? keys.templateVersion(t, id, version) : keys.template(t, id),
      ),
    listTemplates: (t: string, serviceId: string, page: { limit: number; cursor?: string }) =>
      queryPage<intake.QuestionnaireTemplate>(env, {
        index: 'gsi2',
        partition: keys.templates(t, serviceId),
        ...page,
      }),
    createTemplate: (tx: UnitOfWork, tpl: intake.QuestionnaireTemplate) => {
      const items = templateItems(tpl);
      tx.create(items.current);
      tx.create(items.version);
    },
    reviseTemplate: (tx: UnitOfWork, tpl: intake.QuestionnaireTemplate, expectedVersion: number) => {
      const items = templateItems(tpl);
      tx.replace(items.current, expectedVersion);
      tx.create(items.version);
    },

    // ---- the client file ----
    /** One page of the client's timeline, newest first, each row with its kind. */
    timelinePage: async (t: string, clientId: string, page: { limit: number; cursor?: string }) => {
      const partition = keys.timeline(t, clientId);
      const out = await env.ddb.send(
        new QueryCommand({
          TableName: env.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ExclusiveStartKey: decodeCursor(page.cursor, {
            partitionAttribute: 'gsi1pk',
            partitionValue: partition,
          }),
          ScanIndexForward: false,
          Limit: page.limit,
        }),
      );
      return { items: (out.Items ?? []).map(timelineRow), nextCursor: encodeCursor(out.LastEvaluatedKey) };
    },
    /** Every timeline row of a client (export, anonymisation), with its keys. */
    allTimelineRows: async (t: string, clientId: string): Promise<TimelineRow[]> => {
      const rows: TimelineRow[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await env.ddb.send(
          new QueryCommand({
            TableName: env.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.timeline(t, clientId) },
            ExclusiveStartKey: start,
          }),
        );
        rows.push(...(out.Items ?? []).map(timelineRow));
        start = out.LastEvaluatedKey;
      } while (start);
      return rows;
    },
    /** The client's audit trail (who read or changed what, when). */
    accessLog: async (t: string, clientId: string) => {
      const rows: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await env.ddb.send(
          new QueryCommand({
            TableName: env.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': `${t}#AUDIT-CLIENT#${clientId}` },
            ExclusiveStartKey: start,
          }),
        );
        rows.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
      } while (start);
      return rows.map((r) => ({
        at: String(r.at),
        actor: String(r.actor),
        action: String(r.action),
        recordType: String(r.recordType),
        recordId: String(r.recordId),
      }));
    },
    /** Overwrite a record's data in place with an erased copy (anonymisation; repeatable). */
    eraseInPlace: async (row: TimelineRow, data: Record<string, unknown>) => {
      const current = await env.ddb.send(
        new QueryCommand({
          TableName: env.tableName,
          KeyConditionExpression: 'pk = :pk AND sk = :sk',
          ExpressionAttributeValues: { ':pk': row.pk, ':sk': row.sk },
          ConsistentRead: true,
        }),
      );
      const item = current.Items?.[0];
      if (!item) return;
      await env.ddb.send(new PutCommand({ TableName: env.tableName, Item: { ...item, data } }));
    },
    auditPartition,
  };
};

export type Store = ReturnType<typeof createStore>;
