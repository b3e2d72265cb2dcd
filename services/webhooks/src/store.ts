// The webhooks service's only DynamoDB access. Single table; every primary key starts with the
// tenant id.
//   subscription:  pk T#SUB#<id>             sk SUB        gsi1: T#SUBS / <id>      (+ secrets, never in data)
//   partner:       pk T#PARTNER#<id>         sk PARTNER    read model of directory partner clients (+ inbound secrets)
//   delivery:      pk T#DELIVERY#<id>        sk DELIVERY   gsi1: T#SUBDELIVERIES#<subId> / <createdAt>#<id>
//                                                         gsi2 (only while pending): DUE / <nextAttemptAt>#T#<id>
//   attempt:       pk T#DELIVERY#<id>        sk ATTEMPT#<nnnnnn>
//   inbound:       pk T#INBOUND#<partner>#<webhook-id> sk INBOUND (replay marker, with TTL)
// The due index is the one cross-tenant partition: the sender's sweep (retries beyond the queue's
// 15-minute delay, lost queue messages) must find every tenant's due messages. It is sparse (only pending messages) and holds no data beyond the key.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { webhooks } from '@spolu/contracts';
import type { RuntimeEnv, UnitOfWork } from '@spolu/platform';
import { conflict, entityItem, getData, queryPage } from '@spolu/platform';
import type { StoredSecret } from './domain/signing';

type Subscription = webhooks.Subscription;
type Delivery = webhooks.Delivery;

export interface PartnerView {
  id: string;
  providerId: string;
  scopes: string[];
  status: 'active' | 'revoked';
  revision: number;
}

const pad = (n: number) => String(n).padStart(6, '0');
export const duePartition = 'DUE';

export const keys = {
  subscription: (t: string, id: string) => ({ pk: `${t}#SUB#${id}`, sk: 'SUB' }),
  subscriptions: (t: string) => `${t}#SUBS`,
  partner: (t: string, id: string) => ({ pk: `${t}#PARTNER#${id}`, sk: 'PARTNER' }),
  delivery: (t: string, id: string) => ({ pk: `${t}#DELIVERY#${id}`, sk: 'DELIVERY' }),
  subscriptionDeliveries: (t: string, subId: string) => `${t}#SUBDELIVERIES#${subId}`,
  attempt: (t: string, id: string, n: number) => ({ pk: `${t}#DELIVERY#${id}`, sk: `ATTEMPT#${pad(n)}` }),
  inbound: (t: string, partnerId: string, msgId: string) => ({
    pk: `${t}#INBOUND#${partnerId}#${msgId}`,
    sk: 'INBOUND',
  }),
};

export interface DeliveryRow {
  delivery: Delivery;
  payload: string;
  /** Attempts since the message was created or last replayed: the retry schedule counts these. */
  runAttempts: number;
}

/** The delivery log is kept this long after a message ends (delivered or dead-lettered). */
const defaultRetentionDays = 30;

export const createStore = (env: RuntimeEnv) => {
  const retentionSeconds = Number(env.settings.WEBHOOKS_LOG_RETENTION_DAYS ?? defaultRetentionDays) * 86400;
  const expiresAfter = (iso: string) => Math.floor(Date.parse(iso) / 1000) + retentionSeconds;
  const subscriptionItem = (s: Subscription, secrets: StoredSecret[]) => ({
    ...entityItem(
      { ...keys.subscription(s.providerId, s.id), gsi1pk: keys.subscriptions(s.providerId), gsi1sk: s.id },
      'subscription',
      s,
    ),
    secrets,
  });

  const deliveryItem = (row: DeliveryRow) => {
    const d = row.delivery;
    return {
      ...entityItem(
        {
          ...keys.delivery(d.providerId, d.id),
          gsi1pk: keys.subscriptionDeliveries(d.providerId, d.subscriptionId),
          gsi1sk: `${d.createdAt}#${d.id}`,
          ...(d.status === 'pending' && d.nextAttemptAt
            ? { gsi2pk: duePartition, gsi2sk: `${d.nextAttemptAt}#${d.providerId}#${d.id}` }
            : {}),
        },
        'delivery',
        d,
      ),
      payload: row.payload,
      runAttempts: row.runAttempts,
      ...(d.deliveredAt || d.deadLetteredAt
        ? { expiresAt: expiresAfter(d.deliveredAt ?? d.deadLetteredAt ?? d.createdAt) }
        : {}),
    };
  };

  const getItem = async (key: { pk: string; sk: string }) =>
    (await env.ddb.send(new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }))).Item;

  return {
    // ---- subscriptions ----
    getSubscription: (t: string, id: string) => getData<Subscription>(env, keys.subscription(t, id)),
    getSubscriptionWithSecrets: async (t: string, id: string) => {
      const item = await getItem(keys.subscription(t, id));
      return item
        ? { subscription: item.data as Subscription, secrets: (item.secrets ?? []) as StoredSecret[] }
        : undefined;
    },
    listSubscriptions: (t: string, page: { limit: number; cursor?: string }) =>
      queryPage<Subscription>(env, { index: 'gsi1', partition: keys.subscriptions(t), ...page }),
    /** Every subscription of a provider (bounded by the per-provider limit). */
    allSubscriptions: async (t: string) => {
      const out = await env.ddb.send(
        new QueryCommand({
          TableName: env.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.subscriptions(t) },
        }),
      );
      return (out.Items ?? []).map((i) => i.data as Subscription);
    },
    createSubscription: (tx: UnitOfWork, s: Subscription, secrets: StoredSecret[]) =>
      tx.create(subscriptionItem(s, secrets)),
    replaceSubscription: (
      tx: UnitOfWork,
      s: Subscription,
      secrets: StoredSecret[],
      expectedVersion: number,
    ) => tx.replace(subscriptionItem(s, secrets), expectedVersion),

    // ---- partner clients (read model) and their inbound secrets ----
    getPartner: async (t: string, id: string) => {
      const item = await getItem(keys.partner(t, id));
      return item
        ? { partner: item.data as PartnerView, inboundSecrets: (item.inboundSecrets ?? []) as StoredSecret[] }
        : undefined;
    },
    putPartner: (tx: UnitOfWork, p: PartnerView, inboundSecrets: StoredSecret[]) =>
      tx.put({
        ...keys.partner(p.providerId, p.id),
        entity: 'partner',
        revision: p.revision,
        data: p,
        inboundSecrets,
      }),

    // ---- deliveries and attempts ----
    getDelivery: async (t: string, id: string): Promise<DeliveryRow | undefined> => {
      const item = await getItem(keys.delivery(t, id));
      return item
        ? {
            delivery: item.data as Delivery,
            payload: String(item.payload),
            runAttempts: Number(item.runAttempts ?? 0),
          }
        : undefined;
    },
    createDelivery: (tx: UnitOfWork, row: DeliveryRow) => tx.create(deliveryItem(row)),
    replaceDelivery: (tx: UnitOfWork, row: DeliveryRow, expectedVersion: number) =>
      tx.replace(deliveryItem(row), expectedVersion),
    listDeliveries: (
      t: string,
      subId: string,
      page: { limit: number; cursor?: string },
      filter?: (d: Delivery) => boolean,
    ) =>
      queryPage<Delivery>(
        env,
        { index: 'gsi1', partition: keys.subscriptionDeliveries(t, subId), newestFirst: true, ...page },
        filter,
      ),
    /** Messages of a subscription created at or after `since`, oldest first (bounded). */
    deliveriesSince: async (t: string, subId: string, since: string, max: number) => {
      const out = await env.ddb.send(
        new QueryCommand({
          TableName: env.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
          ExpressionAttributeValues: { ':pk': keys.subscriptionDeliveries(t, subId), ':since': since },
          Limit: max,
        }),
      );
      return (out.Items ?? []).map((i) => ({ providerId: t, id: (i.data as Delivery).id }));
    },
    /** Due messages across tenants, earliest first. */
    dueDeliveries: async (now: string, max: number) => {
      const out = await env.ddb.send(
        new QueryCommand({
          TableName: env.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :due AND gsi2sk <= :now',
          ExpressionAttributeValues: { ':due': duePartition, ':now': `${now}#~` },
          Limit: max,
        }),
      );
      return (out.Items ?? []).map((i) => {
        const d = i.data as Delivery;
        return { providerId: d.providerId, id: d.id };
      });
    },
    putAttempt: (tx: UnitOfWork, t: string, a: webhooks.DeliveryAttempt) =>
      tx.put({
        ...keys.attempt(t, a.deliveryId, a.attempt),
        entity: 'attempt',
        expiresAt: expiresAfter(a.at),
        data: a,
      }),
    listAttempts: (t: string, deliveryId: string, page: { limit: number; cursor?: string }) =>
      queryPage<webhooks.DeliveryAttempt>(env, {
        partition: keys.delivery(t, deliveryId).pk,
        skPrefix: 'ATTEMPT#',
        ...page,
      }),

    // ---- inbound replay markers ----
    rememberInbound: (
      tx: UnitOfWork,
      t: string,
      partnerId: string,
      msgId: string,
      expiresAt: number,
      receipt: webhooks.InboundStatusUpdate,
    ) =>
      tx.create({ ...keys.inbound(t, partnerId, msgId), entity: 'inbound', expiresAt, data: receipt }, () =>
        conflict('this webhook-id was already received (replay)'),
      ),
  };
};
export type Store = ReturnType<typeof createStore>;
