// Data migrations locally (docs/OPERATIONS.md "Data migrations"): `npm start` runs each region's
// pending migrations as its runtime starts, before anything is seeded or served from old items;
// `npm run migrate` runs them, or shows their progress, against a running `npm start`'s DynamoDB
// Local. Both go through the same runner and manifests as the Lambda after a deploy.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationTarget, RunOptions, RunReport, ServiceManifest } from '@spolu/platform';
import { runMigrations } from '@spolu/platform';
import type { RegionRuntime } from './runtime';

export interface ServiceRun {
  service: string;
  report: RunReport;
}

/** Each service's migrations against its table, one service after another. */
export const migrateTables = async (
  manifests: readonly ServiceManifest[],
  targetOf: (manifest: ServiceManifest) => MigrationTarget,
  opts: RunOptions = {},
): Promise<ServiceRun[]> => {
  const runs: ServiceRun[] = [];
  for (const m of manifests)
    if (m.migrations?.length)
      runs.push({ service: m.name, report: await runMigrations(targetOf(m), m.migrations, opts) });
  return runs;
};

/** One line per migration: `CZ051 intake intake-0001-...: done, 12 updated, 3 already right`. */
export const describeRuns = (region: string, runs: ServiceRun[]) =>
  runs.flatMap(({ service, report }) =>
    report.migrations.map(
      (m) =>
        `  ${region} ${service} ${m.id}: ${m.outcome}` +
        (m.outcome === 'already-done' || m.outcome === 'busy'
          ? ''
          : `, ${m.updated} updated, ${m.unchanged} already right, ${m.pages} page(s)` +
            (m.conflicts ? `, ${m.conflicts} retried after a concurrent write` : '')),
    ),
  );

/** Where `npm start` notes each region's DynamoDB Local, for `npm run migrate`. */
export const endpointsFile = (dataDir: string) => join(dataDir, 'dynamodb-endpoints.json');

export const readEndpoints = (dataDir: string): Record<string, string> =>
  existsSync(endpointsFile(dataDir))
    ? (JSON.parse(readFileSync(endpointsFile(dataDir), 'utf8')) as Record<string, string>)
    : {};

/** `npm start`, per region as its runtime starts: note its DynamoDB Local, run pending migrations,
 * and say what they changed (nothing is printed when no item needed a change). */
export const migrateAtStart = async (
  rt: RegionRuntime,
  manifests: readonly ServiceManifest[],
  dynamoEndpoint: string,
  dataDir: string,
) => {
  writeFileSync(
    endpointsFile(dataDir),
    JSON.stringify({ ...readEndpoints(dataDir), [rt.region]: dynamoEndpoint }, null, 2),
  );
  const runs = await migrateTables(manifests, (m) => {
    const env = rt.envs.get(m.name);
    if (!env) throw new Error(`no table for ${m.name} in ${rt.region}`);
    return env;
  });
  const worked = runs.filter((r) => !r.report.finished || r.report.updated > 0);
  if (worked.length > 0)
    console.log(`Data migrations (${rt.region}):\n${describeRuns(rt.region, worked).join('\n')}`);
  return runs;
};
