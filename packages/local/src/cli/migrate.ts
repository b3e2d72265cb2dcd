// `npm run migrate -- --region CZ051`: run a region's pending data migrations against the
// DynamoDB Local of a running `npm start` (it notes each region's endpoint in .data/), or show
// their progress with --status. The same runner and manifests as the Lambda after a deploy.
//
//   --region CZ051         the region (default: every region `npm start` noted)
//   --service intake       one service only
//   --status               show the MIGRATION progress items, change nothing
//   --page-size 100        items per Scan page
//   --max-pages N          stop after N pages (the next run resumes)
//   --rerun                scan again even where done (checks that nothing is left to change)
//   --endpoint URL         a DynamoDB Local of your own instead of the noted one
//   --table-prefix P       tables `<P>-<service>` (default `spolu-<region>`, as `npm start` names them)
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { RegionCode } from '@spolu/contracts';
import type { MigrationProgress } from '@spolu/platform';
import { documentClient, migrationProgress, physicalTableName } from '@spolu/platform';
import { manifests } from '../../../../services/manifests';
import { describeRuns, endpointsFile, migrateTables, readEndpoints } from '../migrations';

const root = resolve(import.meta.dirname, '../../../..');
const dataDir = process.env.SPOLU_DATA_DIR ? resolve(process.env.SPOLU_DATA_DIR) : join(root, '.data');

const { values } = parseArgs({
  options: {
    region: { type: 'string' },
    service: { type: 'string' },
    status: { type: 'boolean', default: false },
    'page-size': { type: 'string' },
    'max-pages': { type: 'string' },
    rerun: { type: 'boolean', default: false },
    endpoint: { type: 'string' },
    'table-prefix': { type: 'string' },
  },
});

const count = (name: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number above 0`);
  return n;
};

const progressLine = (service: string, p: MigrationProgress | undefined, id: string) =>
  p
    ? `  ${service} ${id}: ${p.status}, ${p.pages} page(s), ${p.updated} updated, ${p.unchanged} already right` +
      (p.conflicts ? `, ${p.conflicts} retried` : '') +
      `, started ${p.startedAt}` +
      (p.finishedAt ? `, finished ${p.finishedAt}` : `, last progress ${p.updatedAt}`) +
      (p.status === 'running' && p.leaseUntil ? ` (held by a run until ${p.leaseUntil})` : '') +
      (p.lastError ? `\n    error: ${p.lastError}` : '')
    : `  ${service} ${id}: pending (never run)`;

const main = async () => {
  const noted = readEndpoints(dataDir);
  const regions = values.region
    ? [RegionCode.parse(values.region)]
    : Object.keys(noted).map((r) => RegionCode.parse(r));
  if (regions.length === 0)
    throw new Error(
      `No region given and none noted in ${endpointsFile(dataDir)}: start \`npm start\` or pass --region.`,
    );
  const selected = manifests.filter((m) => !values.service || m.name === values.service);
  if (selected.length === 0)
    throw new Error(`--service must be one of ${manifests.map((m) => m.name).join(', ')}`);
  const opts = {
    pageSize: count('page-size', values['page-size']),
    maxPages: count('max-pages', values['max-pages']),
    rerun: values.rerun,
  };
  let unfinished = false;
  for (const region of regions) {
    const endpoint = values.endpoint ?? noted[region];
    if (!endpoint)
      throw new Error(
        `No DynamoDB Local noted for ${region} in ${endpointsFile(dataDir)}: is \`npm start\` running?`,
      );
    const ddb = documentClient(endpoint);
    try {
      await ddb.send(new ListTablesCommand({ Limit: 1 }));
    } catch {
      throw new Error(
        `DynamoDB Local for ${region} does not answer at ${endpoint}: start \`npm start\` (it runs pending migrations itself) or pass --endpoint.`,
      );
    }
    const prefix = values['table-prefix'] ?? `spolu-${region}`;
    const targetOf = (name: string) => ({ ddb, tableName: physicalTableName(prefix, name) });
    if (values.status) {
      console.log(`Data migrations in ${region}:`);
      for (const m of selected) {
        const stored = await migrationProgress(targetOf(m.name));
        const ids = [...new Set([...(m.migrations ?? []).map((x) => x.id), ...stored.map((p) => p.sk)])];
        for (const id of ids)
          console.log(
            progressLine(
              m.name,
              stored.find((p) => p.sk === id),
              id,
            ),
          );
      }
    } else {
      const runs = await migrateTables(selected, (m) => targetOf(m.name), opts);
      console.log(
        `Data migrations in ${region}:\n${describeRuns(region, runs).join('\n') || '  none declared'}`,
      );
      unfinished ||= runs.some((r) => !r.report.finished);
    }
    ddb.destroy();
  }
  // Stopped by --max-pages or held by another run: exit 2, run again to resume.
  if (unfinished) process.exitCode = 2;
};

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
