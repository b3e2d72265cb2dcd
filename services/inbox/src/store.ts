// The inbox service's only DynamoDB access. Single table; every key starts with the tenant id
// (the recipient's provider), except the one index the e-mail schedule reads across providers.
//   worker:     pk P#WORKERS            sk <workerId>        (directory's worker snapshot, by revision)
//   key worker: pk T#CLIENT#<clientId>  sk PLAN#<planId>     (plans' KeyWorkerAssigned; gone at PlanClosed)
//   notice:     pk T#USER#<userId>      sk NOTICE#<eventId>  (event ids are ULIDs: newest last)
//                                       gsi1 while unread: T#UNREAD#<userId> / <eventId>
//   preference: pk T#USER#<userId>      sk PREFS
//   presence:   pk T#USER#<userId>      sk SEEN              (the console's badge asked at lastSeenAt)
//   e-mail due: pk T#USER#<userId>      sk MAILDUE           gsi2: MAILDUE / <since>#T#<userId>
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { inbox } from '@spolu/contracts';
import { inbox as inboxContracts } from '@spolu/contracts';
import type { RuntimeEnv, UnitOfWork } from '@spolu/platform';
import { getData, queryPage } from '@spolu/platform';
import type { MailDue } from './domain/mail';
import type { KnownWorker } from './domain/notices';

type Notice = inbox.Notice;

export const keys = {
  workers: (providerId: string) => `${providerId}#WORKERS`,
  worker: (providerId: string, workerId: string) => ({ pk: `${providerId}#WORKERS`, sk: workerId }),
  clientPlans: (t: string, clientId: string) => `${t}#CLIENT#${clientId}`,
  keyWorker: (t: string, clientId: string, planId: string) => ({
    pk: `${t}#CLIENT#${clientId}`,
    sk: `PLAN#${planId}`,
  }),
  user: (t: string, userId: string) => `${t}#USER#${userId}`,
  notice: (t: string, userId: string, id: string) => ({ pk: `${t}#USER#${userId}`, sk: `NOTICE#${id}` }),
  unread: (t: string, userId: string) => `${t}#UNREAD#${userId}`,
  prefs: (t: string, userId: string) => ({ pk: `${t}#USER#${userId}`, sk: 'PREFS' }),
  seen: (t: string, userId: string) => ({ pk: `${t}#USER#${userId}`, sk: 'SEEN' }),
  mailDue: (t: string, userId: string) => ({ pk: `${t}#USER#${userId}`, sk: 'MAILDUE' }),
  mailDueIndex: 'MAILDUE',
};

interface Revisioned<T> {
  revision: number;
  data: T;
}

const noticeItem = (t: string, userId: string, n: Notice) => ({
  ...keys.notice(t, userId, n.id),
  entity: 'notice',
  // Sparse: only unread notices are in the index the badge counts.
  ...(n.read ? {} : { gsi1pk: keys.unread(t, userId), gsi1sk: n.id }),
  data: n,
});

export const createStore = (env: RuntimeEnv) => {
  const get = async <T>(key: { pk: string; sk: string }) =>
    (await env.ddb.send(new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true })))
      .Item as T | undefined;

  return {
    // ---- what the inbox knows of people ----
    async workerRevision(providerId: string, workerId: string) {
      return (await get<Revisioned<KnownWorker>>(keys.worker(providerId, workerId)))?.revision;
    },
    putWorker(tx: UnitOfWork, worker: KnownWorker, revision: number) {
      tx.put({ ...keys.worker(worker.providerId, worker.id), entity: 'worker', revision, data: worker });
    },
    async workersOf(providerId: string): Promise<KnownWorker[]> {
      const out: KnownWorker[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage<KnownWorker>(env, {
          partition: keys.workers(providerId),
          limit: 100,
          cursor,
        });
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
    async keyWorkerRevision(t: string, clientId: string, planId: string) {
      return (await get<{ revision: number }>(keys.keyWorker(t, clientId, planId)))?.revision;
    },
    putKeyWorker(
      tx: UnitOfWork,
      t: string,
      clientId: string,
      planId: string,
      keyWorkerId: string,
      revision: number,
    ) {
      tx.put({ ...keys.keyWorker(t, clientId, planId), entity: 'key-worker', revision, keyWorkerId });
    },
    deleteKeyWorker(tx: UnitOfWork, t: string, clientId: string, planId: string) {
      tx.delete(keys.keyWorker(t, clientId, planId));
    },
    async keyWorkersOf(t: string, clientId: string): Promise<string[]> {
      const out = await env.ddb.send(
        new QueryCommand({
          TableName: env.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :plan)',
          ExpressionAttributeValues: { ':pk': keys.clientPlans(t, clientId), ':plan': 'PLAN#' },
          ConsistentRead: true,
        }),
      );
      return (out.Items ?? []).map((i) => String(i.keyWorkerId));
    },

    // ---- notices ----
    putNotice(tx: UnitOfWork, t: string, userId: string, notice: Notice) {
      tx.put(noticeItem(t, userId, notice));
    },
    getNotice: (t: string, userId: string, id: string) => getData<Notice>(env, keys.notice(t, userId, id)),
    listNotices(t: string, userId: string, q: { limit: number; cursor?: string; unread?: boolean }) {
      return q.unread
        ? queryPage<Notice>(env, {
            index: 'gsi1',
            partition: keys.unread(t, userId),
            limit: q.limit,
            cursor: q.cursor,
            newestFirst: true,
          })
        : queryPage<Notice>(env, {
            partition: keys.user(t, userId),
            skPrefix: 'NOTICE#',
            limit: q.limit,
            cursor: q.cursor,
            newestFirst: true,
          });
    },
    /** Unread notices, counted up to one more than the badge shows. */
    async countUnread(t: string, userId: string) {
      const out = await env.ddb.send(
        new QueryCommand({
          TableName: env.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.unread(t, userId) },
          ScanIndexForward: false,
          Limit: inboxContracts.maxUnreadCounted + 1,
          ProjectionExpression: 'gsi1sk, #data.#at',
          ExpressionAttributeNames: { '#data': 'data', '#at': 'at' },
        }),
      );
      const items = out.Items ?? [];
      const latest = items[0] as { data?: { at?: string } } | undefined;
      return {
        unread: Math.min(items.length, inboxContracts.maxUnreadCounted),
        more: items.length > inboxContracts.maxUnreadCounted,
        ...(latest?.data?.at ? { latestAt: latest.data.at } : {}),
      };
    },
    /** The unread notices' ids, newest first, at most `limit`. */
    async unreadNotices(t: string, userId: string, limit: number) {
      return (await this.listNotices(t, userId, { limit, unread: true })).items;
    },

    // ---- preferences, presence, e-mail ----
    getPreferences: async (t: string, userId: string): Promise<inbox.InboxPreferences> =>
      (await getData<inbox.InboxPreferences>(env, keys.prefs(t, userId))) ?? { emailNotices: false },
    putPreferences(tx: UnitOfWork, t: string, userId: string, prefs: inbox.InboxPreferences) {
      tx.put({ ...keys.prefs(t, userId), entity: 'preferences', data: prefs });
    },
    lastSeenAt: async (t: string, userId: string) =>
      (await get<{ lastSeenAt?: string }>(keys.seen(t, userId)))?.lastSeenAt,
    /** The badge asked: the worker is in the console now. Written outside any transaction (a
     * read route's side note, not a record). */
    async markSeen(t: string, userId: string, at: string) {
      await env.ddb.send(
        new PutCommand({
          TableName: env.tableName,
          Item: { ...keys.seen(t, userId), entity: 'presence', lastSeenAt: at },
        }),
      );
    },
    getMailDue: (t: string, userId: string) => getData<MailDue>(env, keys.mailDue(t, userId)),
    putMailDue(tx: UnitOfWork, due: MailDue) {
      tx.put({
        ...keys.mailDue(due.tenantId, due.userId),
        entity: 'mail-due',
        gsi2pk: keys.mailDueIndex,
        gsi2sk: `${due.since}#${due.tenantId}#${due.userId}`,
        data: due,
      });
    },
    /** Waiting e-mails, oldest first. */
    mailsDue: (limit: number, cursor?: string) =>
      queryPage<MailDue>(env, { index: 'gsi2', partition: keys.mailDueIndex, limit, cursor }),
    /** Done with one waiting e-mail, unless another notice replaced it meanwhile (then the next run
     * sends that one). */
    async deleteMailDue(due: MailDue) {
      try {
        await env.ddb.send(
          new DeleteCommand({
            TableName: env.tableName,
            Key: keys.mailDue(due.tenantId, due.userId),
            ConditionExpression: '#data.since = :since AND size(#data.kinds) = :kinds',
            ExpressionAttributeNames: { '#data': 'data' },
            ExpressionAttributeValues: { ':since': due.since, ':kinds': due.kinds.length },
          }),
        );
      } catch (err) {
        if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      }
    },
  };
};

export type Store = ReturnType<typeof createStore>;
