// Lambda entry: run one service's pending data migrations against its table, after each deploy
// (docs/OPERATIONS.md "Data migrations"). One function per service table, env SERVICE (the
// manifest's name) and TABLE_NAME. It stops a minute before its timeout and answers
// `finished: false`; the caller invokes it again until `finished: true` (each run resumes from
// the page recorded in the table). A migration that throws fails the invocation.
//
// The migrations come from the manifests list (services/manifests.ts), the same objects infra and
// the local runtime read: a manifest names its handlers by path and imports only contracts, the
// platform and its own migrations file (which imports its store's key builders), so the bundle
// holds no handler code and stays about the size of one service handler.
import type { Context } from 'aws-lambda';
import { manifests } from '../../../../services/manifests';
import { documentClient } from '../env';
import { createLogger } from '../logger';
import type { RunReport } from '../migrations';
import { runMigrations } from '../migrations';

const log = createLogger('migrate');
// DYNAMODB_ENDPOINT only off AWS (a local run of this entry), as in envFromProcess.
const ddb = documentClient(process.env.DYNAMODB_ENDPOINT);

/** Optional knobs on the invocation event (e.g. `aws lambda invoke --payload '{"maxPages":1}'`). */
export interface MigrateEvent {
  pageSize?: number;
  maxPages?: number;
  rerun?: boolean;
}

const positive = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

export const handler = async (
  event: MigrateEvent | null | undefined,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<RunReport & { service: string }> => {
  const service = process.env.SERVICE ?? '';
  const tableName = process.env.TABLE_NAME ?? '';
  const manifest = manifests.find((m) => m.name === service);
  if (!manifest || !tableName)
    throw new Error(`SERVICE (one of ${manifests.map((m) => m.name).join(', ')}) and TABLE_NAME must be set`);
  const remaining = context?.getRemainingTimeInMillis();
  const report = await runMigrations({ ddb, tableName }, manifest.migrations ?? [], {
    pageSize: positive(event?.pageSize),
    maxPages: positive(event?.maxPages),
    rerun: event?.rerun === true,
    // Leave a minute for the last page and its progress write.
    maxDurationMs: remaining === undefined ? undefined : Math.max(remaining - 60_000, 1_000),
    log: (message, fields) => log.info(message, { service, ...fields }),
  });
  log.info('migrations run', { service, ...report });
  return { service, ...report };
};
