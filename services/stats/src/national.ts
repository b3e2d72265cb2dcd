// National figures (docs/NATIONAL.md), the I/O around domain/national.ts:
// - `exportRegionYear`: a region reads one year of its own cells (the store's cell reading, the
//   region view's dimension sets only) into the export document that leaves the region;
// - `importRegionExport`: the national stack keeps each region's latest export, one item per
//   (indicator, year, region), replaced whole by a newer export (corrections and rebuilds carry
//   over; an older export arriving late is dropped);
// - `nationalTable`: the national view reads the regions' items of one indicator and period and
//   publishes them with the region view's disclosure control.
// In AWS the export runs in each region and the import and the view in the national stack (the
// Ministry's account); locally the first region's stats table holds the national items
// (packages/local/src/national-feed.ts).
import { gzipSync, gunzipSync } from 'node:zlib';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RegionCode, stats } from '@spolu/contracts';
import type { RuntimeEnv } from '@spolu/platform';
import { definitions, familiesOf } from './domain/definitions';
import type { ExportedCell, RegionExport } from './domain/national';
import { exportedDimSets, nationalTableOf, regionExportOf } from './domain/national';
import { createStore, partitionItems } from './store';

/** The national stack keeps one item per (indicator, year, region): every period's cells of that
 * indicator in the region's latest export, as gzipped JSON (a large region's interventions by
 * district and service type over 17 periods would come near DynamoDB's 400 KB as plain JSON). */
const nationalPk = (indicator: string, year: string) => `NATIONAL#${indicator}#${year}`;
type Stored = Record<string, Record<string, ExportedCell>>; // period -> cell -> count

/** One year of the region's exact cells, as the export document (no client data, no keys). */
export const exportRegionYear = async (env: RuntimeEnv, year: string): Promise<RegionExport> => {
  const store = createStore(env);
  const items = new Map(
    await Promise.all(
      definitions.map(
        async (d) => [d.id, await store.yearItems(year, familiesOf(d.id), exportedDimSets(d.id))] as const,
      ),
    ),
  );
  return regionExportOf(env.region, year, env.now().toISOString(), items);
};

/** Keep a region's export in the national stack: every indicator of its year is written, empty
 * ones too, so a cell that disappeared in the region disappears nationally. */
export const importRegionExport = async (env: RuntimeEnv, exp: RegionExport) => {
  const byIndicator = new Map<string, Stored>(definitions.map((d) => [d.id, {}]));
  for (const [key, cell] of Object.entries(exp.cells)) {
    // `indicator|period|cell`; the cell id itself may hold `|` (`…#semily|s59`).
    const first = key.indexOf('|');
    const second = key.indexOf('|', first + 1);
    const stored = byIndicator.get(key.slice(0, first));
    if (!stored) continue;
    const period = key.slice(first + 1, second);
    (stored[period] ??= {})[key.slice(second + 1)] = cell;
  }
  await Promise.all(
    [...byIndicator].map(([indicator, stored]) =>
      env.ddb
        .send(
          new PutCommand({
            TableName: env.tableName,
            Item: {
              pk: nationalPk(indicator, exp.year),
              sk: exp.region,
              entity: 'national-export',
              exportedAt: exp.exportedAt,
              cells: gzipSync(JSON.stringify(stored)),
            },
            // A newer export replaces an older one, never the other way round.
            ConditionExpression: 'attribute_not_exists(pk) OR exportedAt <= :at',
            ExpressionAttributeValues: { ':at': exp.exportedAt },
          }),
        )
        .catch((err: Error) => {
          if (err.name !== 'ConditionalCheckFailedException') throw err;
        }),
    ),
  );
};

/** The regions' latest cells of one indicator and period in the national stack. */
export const nationalRegionCells = async (env: RuntimeEnv, indicator: stats.IndicatorId, period: string) => {
  const items = await partitionItems(env, nationalPk(indicator, period.slice(0, 4)));
  return items.map((it) => {
    const stored = JSON.parse(gunzipSync(it.cells as Uint8Array).toString('utf8')) as Stored;
    return { region: it.sk as RegionCode, cells: new Map(Object.entries(stored[period] ?? {})) };
  });
};

/** The national view of an indicator: published like a region's table. The national stack's
 * own secret keys its cell keys (locally the hosting runtime's secret, with a national prefix).
 * `STATS_DISCLOSURE=per-table` brings back the old per-table suppression here as in the region's
 * tables: it leaks, and exists only so the auditor's test can show that it finds the leak. */
export const nationalTable = async (
  env: RuntimeEnv,
  indicator: stats.IndicatorId,
  q: { period: string; rows?: stats.Dimension; columns?: stats.Dimension },
  threshold: number,
): Promise<stats.NationalStatsTable> => {
  const regions = await nationalRegionCells(env, indicator, q.period);
  const contributing = regions.filter((r) => r.cells.size > 0);
  return {
    ...nationalTableOf(
      {
        indicator,
        ...q,
        threshold,
        disclosure: env.settings.STATS_DISCLOSURE === 'per-table' ? 'per-table' : 'cell-key',
      },
      contributing,
      `national|${env.subjectKeySecret}`,
    ),
    regions: contributing.map((r) => r.region).sort(),
  };
};
