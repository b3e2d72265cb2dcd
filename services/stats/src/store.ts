// The stats table: the only DynamoDB access of the service. It holds precomputed cells (counts
// and waiting-time histograms), unique-subject markers, the public read model of the directory's
// services (for the gaps report) and transient pairing items (e.g. a referral's sent time).
// Aggregates span providers, so keys start with the region code (the stats tenant is the region).
import { BatchGetCommand, GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import type { RegionCode } from '@spolu/contracts';
import type { RuntimeEnv } from '@spolu/platform';
import { conflict, RetryableConflict, UnitOfWork } from '@spolu/platform';
import type { CellWrite, ItemWrite } from './domain/cells';
import {
  chunk,
  counterAttribute,
  dimSetOfCell,
  itemsOf,
  markerEntry,
  markerOf,
  readCells,
} from './domain/cells';
import { definitions } from './domain/definitions';
import { bucketAttribute, bucketOf, openBucket } from './domain/histogram';

type Item = Record<string, NativeAttributeValue>;

/** A cell item: one event type's counters for one year and cell, partitioned by dimension set so
 * a table reads only the dimension sets it shows, of the event types that feed its indicator. */
export const cellKey = (region: RegionCode, family: string, year: string, cell: string) => ({
  pk: `${region}#C#${year}#${family}#${dimSetOfCell(cell)}`,
  sk: cell,
});
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
  /** The ages the service takes (absent on items stored before they were kept: all ages). */
  ageMin?: number;
  ageMax?: number;
  providerName?: string;
  /** The service's name and registry id (annual report; absent on items stored before). */
  serviceName?: string;
  registryId?: string;
  capacity: number;
  waitingDays: number;
  acceptingReferrals: boolean;
  active: boolean;
  revision: number;
}

/** Only these attributes of each item (and `sk`): a ProjectionExpression. DynamoDB still charges
 * the read by the whole item's size, but returns, and the SDK parses, only these. */
export type Projection = readonly string[];

/** Every item of one partition, page after page. */
export const partitionItems = async (
  env: RuntimeEnv,
  pk: string,
  projection?: Projection,
): Promise<Item[]> => {
  const items: Item[] = [];
  const names = projection
    ? Object.fromEntries(['sk', ...projection].map((a, i) => [`#p${i}`, a]))
    : undefined;
  for await (const page of paginateQuery(
    { client: env.ddb },
    {
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ...(names
        ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }
        : {}),
    },
  ))
    items.push(...(page.Items ?? []));
  return items;
};

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

  const markers = async (keys: Item[]): Promise<Map<string, { cells: Set<string>; v?: number }>> => {
    const found = new Map<string, { cells: Set<string>; v?: number }>();
    for (let i = 0; i < keys.length; i += 100) {
      let request: Item[] | undefined = keys.slice(i, i + 100);
      while (request && request.length > 0) {
        const out = await env.ddb.send(
          new BatchGetCommand({
            RequestItems: {
              [env.tableName]: {
                Keys: request,
                ConsistentRead: true,
                ProjectionExpression: 'pk, #cells, #v',
                ExpressionAttributeNames: { '#cells': 'cells', '#v': 'v' },
              },
            },
          }),
        );
        for (const item of out.Responses?.[env.tableName] ?? [])
          found.set(item.pk as string, {
            cells: (item.cells as Set<string> | undefined) ?? new Set(),
            v: item.v as number | undefined,
          });
        request = out.UnprocessedKeys?.[env.tableName]?.Keys as Item[] | undefined;
      }
    }
    return found;
  };

  /** Add one chunk's items to a unit of work. A subject's marker (one per indicator, year and
   * subject) holds the cells and periods it was counted in; those already there are dropped and
   * the new ones added under a condition on the marker's version (a concurrent event for the same
   * subject -> retry). Then each item gets one UpdateItem adding all its counters. */
  const addChunk = async (tx: UnitOfWork, items: ItemWrite[]) => {
    const groups = new Map<string, CellWrite[]>();
    for (const w of items.flatMap((i) => i.writes)) {
      const m = markerOf(w);
      if (m) groups.set(m, [...(groups.get(m) ?? []), w]);
    }
    const keyOf = (m: string) => ({ pk: `${region}#UNIQ#${m}`, sk: 'U' });
    const seen = await markers([...groups.keys()].map(keyOf));
    const counted = new Set<CellWrite>();
    for (const [m, ws] of groups) {
      const have = seen.get(keyOf(m).pk);
      const fresh = ws.filter((w) => !have?.cells.has(markerEntry(w)));
      if (fresh.length === 0) continue;
      fresh.forEach((w) => counted.add(w));
      const version = have?.v ?? 0;
      tx.update(keyOf(m), 'ADD #cells :new SET entity = :e, #v = :next', {
        names: { '#cells': 'cells', '#v': 'v' },
        values: {
          ':new': new Set(fresh.map(markerEntry)),
          ':e': 'uniq',
          ':next': version + 1,
          ...(have?.v !== undefined ? { ':prev': have.v } : {}),
        },
        condition: !have
          ? 'attribute_not_exists(pk)'
          : have.v === undefined
            ? 'attribute_not_exists(#v)'
            : '#v = :prev',
        onConditionFailed: () => new RetryableConflict('subject counted concurrently; retry'),
      });
    }
    for (const item of items) {
      const adds = new Map<string, number>();
      for (const w of item.writes) {
        if (w.subjectKey && !counted.has(w)) continue;
        const attr = counterAttribute(w.indicator, w.period);
        adds.set(attr, (adds.get(attr) ?? 0) + w.add);
        if (w.key !== undefined) adds.set(`${attr}.k`, (adds.get(`${attr}.k`) ?? 0) + w.key);
        for (const days of w.days ?? []) {
          const bucket = `${attr}.${bucketAttribute(bucketOf(days))}`;
          adds.set(bucket, (adds.get(bucket) ?? 0) + 1);
        }
      }
      if (adds.size === 0) continue;
      const names: Record<string, string> = {};
      const values: Item = { ':e': 'cell' };
      const terms = [...adds].map(([attr, n], i) => {
        names[`#a${i}`] = attr;
        values[`:a${i}`] = n;
        return `#a${i} :a${i}`;
      });
      tx.update(
        cellKey(region, item.family, item.year, item.cell),
        `ADD ${terms.join(', ')} SET entity = :e`,
        {
          names,
          values,
        },
      );
    }
  };

  /** The stored cell items of a year for the given event types and dimension sets: a query per
   * event type and dimension set, each bounded by the number of dimension values (never by
   * events). Every period of the year is on these items (read with `readCells`). */
  const yearItems = async (
    year: string,
    families: readonly string[],
    dimSets: readonly string[],
    projection?: Projection,
  ): Promise<Item[]> => {
    const pages = await Promise.all(
      families.flatMap((family) =>
        dimSets.map((dimSet) => partitionItems(env, `${region}#C#${year}#${family}#${dimSet}`, projection)),
      ),
    );
    return pages.flat();
  };

  return {
    /** Apply an event's cell writes exactly once. One chunk rides in the consumer's transaction
     * (with the inbox marker); an event with more items commits its leading chunks first, each
     * with its own marker, so a redelivery skips the chunks already applied. `family` is the
     * event type: its counters live on items of their own. */
    async applyWrites(tx: UnitOfWork, eventId: string, family: string, writes: CellWrite[]) {
      const chunks = chunk(itemsOf(writes, family), chunkBudget);
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

    yearItems,

    /** One indicator and period in the given dimension sets (the items of its year, read). A cell
     * item carries every indicator of its event type for every month, quarter and year, and fills
     * up as events arrive; the query returns only what `readCells` reads of this indicator and
     * period (its counter, cell-key sum and, for waiting times, histogram buckets), so the bytes
     * returned and parsed per cell do not grow with the other counters (BENCHMARKS "stats scale"). */
    async cells(
      indicator: string,
      period: string,
      families: readonly string[],
      dimSets: readonly string[],
    ): Promise<Map<string, Record<string, number>>> {
      const attr = counterAttribute(indicator, period);
      const waiting = definitions.find((d) => d.id === indicator)?.kind === 'waiting-time';
      const projection = [
        attr,
        `${attr}.k`,
        ...(waiting ? Array.from({ length: openBucket + 1 }, (_, b) => `${attr}.${bucketAttribute(b)}`) : []),
      ];
      return readCells(await yearItems(period.slice(0, 4), families, dimSets, projection), indicator, period);
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
      return (await partitionItems(env, servicesPk(region))).map((item) => item.data as ServiceSupply);
    },
  };
};
