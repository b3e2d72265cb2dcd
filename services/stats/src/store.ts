// The stats table: the only DynamoDB access of the service. It holds precomputed cells (counts
// and waiting-time histograms), unique-subject markers, the public read model of the directory's
// services (for the gaps report) and transient pairing items (e.g. a referral's sent time).
// Aggregates span providers, so keys start with the region code (the stats tenant is the region).
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { RegionCode } from '@spolu/contracts';
import type { RuntimeEnv } from '@spolu/platform';
import { conflict, UnitOfWork } from '@spolu/platform';
import type { CellWrite } from './domain/cells';
import { chunk, markerOf } from './domain/cells';
import { bucketAttribute, bucketOf } from './domain/histogram';

type Item = Record<string, NativeAttributeValue>;

export const cellPk = (region: RegionCode, indicator: string, period: string) =>
  `${region}#C#${indicator}#${period}`;
const chunkKey = (region: RegionCode, eventId: string, i: number) => ({
  pk: `${region}#CHUNK#${eventId}#${i}`,
  sk: 'CHUNK',
});
const servicesPk = (region: RegionCode) => `${region}#SERVICES`;

/** Items per transaction for cell writes; the rest of the 100 is the inbox marker and headroom. */
export const chunkBudget = 90;
const markerRetentionDays = 14;

export interface ServiceSupply {
  serviceId: string;
  providerId: string;
  type: string;
  districts: string[];
  targetGroups: string[];
  needCodes: string[];
  capacity: number;
  waitingDays: number;
  acceptingReferrals: boolean;
  active: boolean;
  revision: number;
}

export class RetryableConflict extends Error {}

export const createStore = (env: RuntimeEnv) => {
  const region = env.region;

  const batchGet = async (keys: Item[]): Promise<Set<string>> => {
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += 100) {
      let request: Item[] | undefined = keys.slice(i, i + 100);
      while (request && request.length > 0) {
        const out = await env.ddb.send(
          new BatchGetCommand({
            RequestItems: {
              [env.tableName]: { Keys: request, ConsistentRead: true, ProjectionExpression: 'pk' },
            },
          }),
        );
        for (const item of out.Responses?.[env.tableName] ?? []) found.add(item.pk as string);
        request = out.UnprocessedKeys?.[env.tableName]?.Keys as Item[] | undefined;
      }
    }
    return found;
  };

  const markers = async (keys: Item[]): Promise<Map<string, Set<string>>> => {
    const found = new Map<string, Set<string>>();
    for (let i = 0; i < keys.length; i += 100) {
      let request: Item[] | undefined = keys.slice(i, i + 100);
      while (request && request.length > 0) {
        const out = await env.ddb.send(
          new BatchGetCommand({
            RequestItems: {
              [env.tableName]: { Keys: request, ConsistentRead: true, ProjectionExpression: 'pk, cells' },
            },
          }),
        );
        for (const item of out.Responses?.[env.tableName] ?? [])
          found.set(item.pk as string, (item.cells as Set<string> | undefined) ?? new Set());
        request = out.UnprocessedKeys?.[env.tableName]?.Keys as Item[] | undefined;
      }
    }
    return found;
  };

  /** Add one chunk's writes to a unit of work. A subject's marker (one per indicator, period and
   * subject) holds the cells it was counted in; cells already there are dropped, the new ones are
   * added under a condition that none of them is there yet (a concurrent event -> retry). */
  const addChunk = async (tx: UnitOfWork, writes: CellWrite[]) => {
    const groups = new Map<string, CellWrite[]>();
    for (const w of writes) {
      const m = markerOf(w);
      if (m) groups.set(m, [...(groups.get(m) ?? []), w]);
    }
    const keyOf = (m: string) => ({ pk: `${region}#UNIQ#${m}`, sk: 'U' });
    const seen = await markers([...groups.keys()].map(keyOf));
    const counted = new Set<CellWrite>();
    for (const [m, ws] of groups) {
      const have = seen.get(keyOf(m).pk) ?? new Set<string>();
      const fresh = ws.filter((w) => !have.has(w.cell));
      if (fresh.length === 0) continue;
      fresh.forEach((w) => counted.add(w));
      const values: Item = { ':new': new Set(fresh.map((w) => w.cell)), ':e': 'uniq' };
      fresh.forEach((w, i) => (values[`:c${i}`] = w.cell));
      tx.update(keyOf(m), 'ADD #cells :new SET entity = :e', {
        names: { '#cells': 'cells' },
        values,
        condition: fresh.map((_, i) => `NOT contains(#cells, :c${i})`).join(' AND '),
        onConditionFailed: () => new RetryableConflict('subject counted concurrently; retry'),
      });
    }
    for (const w of writes) {
      if (w.subjectKey && !counted.has(w)) continue;
      const names: Record<string, string> = { '#n': 'n' };
      const values: Item = { ':n': w.add, ':e': 'cell' };
      let expression = 'ADD #n :n';
      for (const [i, days] of (w.days ?? []).entries()) {
        names[`#h${i}`] = bucketAttribute(bucketOf(days));
        values[`:h${i}`] = 1;
        expression += `, #h${i} :h${i}`;
      }
      tx.update({ pk: cellPk(region, w.indicator, w.period), sk: w.cell }, `${expression} SET entity = :e`, {
        names,
        values,
      });
    }
  };

  return {
    /** Apply an event's cell writes exactly once. One chunk rides in the consumer's transaction
     * (with the inbox marker); an event with more writes commits its leading chunks first, each
     * with its own marker, so a redelivery skips the chunks already applied. */
    async applyWrites(tx: UnitOfWork, eventId: string, writes: CellWrite[]) {
      const chunks = chunk(writes, chunkBudget);
      const last = chunks.pop() ?? [];
      if (chunks.length > 0) {
        const keys = chunks.map((_, i) => chunkKey(region, eventId, i));
        const done = await batchGet(keys);
        for (const [i, c] of chunks.entries()) {
          if (done.has(keys[i]!.pk)) continue;
          const own = new UnitOfWork(env);
          own.put(
            {
              ...keys[i]!,
              entity: 'chunk',
              expiresAt: Math.floor(env.now().getTime() / 1000) + markerRetentionDays * 86400,
            },
            { condition: 'attribute_not_exists(pk)', onConditionFailed: () => conflict('chunk applied') },
          );
          await addChunk(own, c);
          await own.commit();
        }
      }
      await addChunk(tx, last);
    },

    /** Every cell of one indicator and period (bounded by the number of dimension values). */
    async cells(indicator: string, period: string): Promise<Map<string, Item>> {
      const out = new Map<string, Item>();
      let start: Item | undefined;
      do {
        const page = await env.ddb.send(
          new QueryCommand({
            TableName: env.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': cellPk(region, indicator, period) },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) out.set(item.sk as string, item);
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    },

    async getService(serviceId: string) {
      const out = await env.ddb.send(
        new GetCommand({
          TableName: env.tableName,
          Key: { pk: servicesPk(region), sk: serviceId },
          ConsistentRead: true,
        }),
      );
      return out.Item?.data as ServiceSupply | undefined;
    },
    putService(tx: UnitOfWork, s: ServiceSupply) {
      tx.put({ pk: servicesPk(region), sk: s.serviceId, entity: 'service', data: s });
    },
    async services(): Promise<ServiceSupply[]> {
      const items: ServiceSupply[] = [];
      let start: Item | undefined;
      do {
        const page = await env.ddb.send(
          new QueryCommand({
            TableName: env.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': servicesPk(region) },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) items.push(item.data as ServiceSupply);
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
};
export type Store = ReturnType<typeof createStore>;
