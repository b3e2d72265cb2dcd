// Data migrations as code. A layout change (new index keys, a reshaped item) ships with a
// migration in the service's src/migrations.ts, listed in its manifest. The runner backfills one
// service table: it scans the selected items page by page, writes each change conditionally (only
// if the item is unchanged since it was read), and records its progress in the table itself
// (pk `MIGRATION`, sk <id>) so a stopped run resumes at its last page and a finished migration is
// never run again. In AWS a Lambda runs it after each deploy (lambda/migrate.ts); locally
// `npm start` runs pending migrations at start and `npm run migrate` on demand.
import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient, NativeAttributeValue, ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export type MigrationItem = Record<string, NativeAttributeValue>;

/** Which items a migration looks at (a Scan filter; all parts must hold). */
export interface MigrationSelect {
  /** The `entity` attribute every entity item carries (`appointment`, `handover`, ...). */
  entity?: string;
  /** Partition keys beginning with this. */
  pkPrefix?: string;
  /** Sort keys beginning with this. */
  skPrefix?: string;
  /** Any further Scan filter, with its own placeholders (do not use `#m_*` / `:m_*`). */
  filter?: { expression: string; names?: Record<string, string>; values?: MigrationItem };
}

export interface Migration {
  /** `<service>-<nnnn>-<what>`; unique, never renamed or reused. Migrations run in list order. */
  id: string;
  description: string;
  select: MigrationSelect;
  /** Pure: the item as the current code would write it, or undefined when it already is.
   * It must keep `pk` and `sk` (moving an item to another key is not a backfill). */
  apply: (item: MigrationItem) => MigrationItem | undefined;
}

export const migrationPartition = 'MIGRATION';
const idPattern = /^[a-z]+-\d{4}-[a-z0-9-]+$/;

/** A service's migration list, checked once when the module loads: ids well formed and unique. */
export const defineMigrations = (migrations: Migration[]): readonly Migration[] => {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (!idPattern.test(m.id)) throw new Error(`migration id ${m.id} is not <service>-<nnnn>-<what>`);
    if (seen.has(m.id)) throw new Error(`migration id ${m.id} is listed twice`);
    seen.add(m.id);
  }
  return migrations;
};

export type MigrationStatus = 'running' | 'stopped' | 'done';

/** The progress item, one per migration (pk `MIGRATION`, sk <id>). Counts are of the current pass. */
export interface MigrationProgress {
  pk: typeof migrationPartition;
  sk: string;
  entity: 'migration';
  description: string;
  status: MigrationStatus;
  /** The run holding it while `running`; another run waits until `leaseUntil` has passed. */
  runId?: string;
  leaseUntil?: string;
  /** Where the next page starts; absent before the first page and when done. */
  lastEvaluatedKey?: MigrationItem;
  /** Items read by the Scan / matching the selection / written / already right / writes lost to a
   * concurrent change (then re-read and retried). */
  scanned: number;
  matched: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  pages: number;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Why the last run stopped with an error (cleared by the next page written). */
  lastError?: string;
  /** Bumped on every write of this item; each write is conditional on the previous value. */
  rev: number;
}

export interface MigrationTarget {
  ddb: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}

export interface RunOptions {
  /** Items per Scan page (the Scan's Limit). Default 100. */
  pageSize?: number;
  /** Stop after this many pages in this run (all migrations together); the next run resumes. */
  maxPages?: number;
  /** Stop after the page during which this much time has passed (a Lambda's remaining time). */
  maxDurationMs?: number;
  /** Scan again from the start even when a migration is done (to check idempotency). */
  rerun?: boolean;
  /** How long a run may hold a migration without writing progress. Default 5 minutes. */
  leaseMs?: number;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

export interface MigrationReport {
  id: string;
  /** `done`: finished in this run; `already-done`: skipped; `stopped`: page or time limit reached
   * (run again to resume); `busy`: another run holds it. */
  outcome: 'done' | 'already-done' | 'stopped' | 'busy';
  /** This run's counts. */
  scanned: number;
  matched: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  pages: number;
}

export interface RunReport {
  /** Every migration is done. */
  finished: boolean;
  /** Items written by this run, all migrations together. */
  updated: number;
  migrations: MigrationReport[];
}

const isConditionFailure = (err: unknown) =>
  err instanceof Error && err.name === 'ConditionalCheckFailedException';

const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

const scanFilter = (select: MigrationSelect) => {
  const parts = ['#m_pk <> :m_migration'];
  const names: Record<string, string> = { '#m_pk': 'pk' };
  const values: MigrationItem = { ':m_migration': migrationPartition };
  if (select.entity !== undefined) {
    parts.push('#m_entity = :m_entity');
    names['#m_entity'] = 'entity';
    values[':m_entity'] = select.entity;
  }
  if (select.pkPrefix !== undefined) {
    parts.push('begins_with(#m_pk, :m_pkPrefix)');
    values[':m_pkPrefix'] = select.pkPrefix;
  }
  if (select.skPrefix !== undefined) {
    parts.push('begins_with(#m_sk, :m_skPrefix)');
    names['#m_sk'] = 'sk';
    values[':m_skPrefix'] = select.skPrefix;
  }
  if (select.filter) {
    parts.push(`(${select.filter.expression})`);
    Object.assign(names, select.filter.names);
    Object.assign(values, select.filter.values);
  }
  return {
    FilterExpression: parts.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};

/** The conditional write of one item's change: SET what changed or was added, REMOVE what was
 * dropped; written only if the item is as read (its `version` if it has one, else the touched
 * attributes: absent ones still absent, scalar ones still equal). */
export const changeWrite = (migrationId: string, before: MigrationItem, after: MigrationItem) => {
  if (after.pk !== before.pk || after.sk !== before.sk)
    throw new Error(
      `migration ${migrationId} changed the key of ${String(before.pk)} / ${String(before.sk)}`,
    );
  const names: Record<string, string> = { '#pk': 'pk' };
  const values: MigrationItem = {};
  const sets: string[] = [];
  const removes: string[] = [];
  const guards: string[] = ['attribute_exists(#pk)'];
  const versioned = typeof before.version === 'number';
  if (versioned) {
    names['#version'] = 'version';
    values[':expectedVersion'] = before.version;
    guards.push('#version = :expectedVersion');
  }
  const touched = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (name) => name !== 'pk' && name !== 'sk' && !isDeepStrictEqual(before[name], after[name]),
  );
  touched.forEach((name, i) => {
    names[`#a${i}`] = name;
    if (name in after && after[name] !== undefined) {
      values[`:a${i}`] = after[name];
      sets.push(`#a${i} = :a${i}`);
    } else removes.push(`#a${i}`);
    if (versioned) return;
    if (!(name in before)) guards.push(`attribute_not_exists(#a${i})`);
    else if (scalar(before[name])) {
      values[`:b${i}`] = before[name];
      guards.push(`#a${i} = :b${i}`);
    } else
      throw new Error(
        `migration ${migrationId}: ${String(before.pk)} / ${String(before.sk)} has no version, so only added or scalar attributes can be changed safely (${name})`,
      );
  });
  if (touched.length === 0) return undefined;
  return {
    Key: { pk: before.pk, sk: before.sk },
    UpdateExpression: [
      sets.length ? `SET ${sets.join(', ')}` : '',
      removes.length ? `REMOVE ${removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' '),
    ConditionExpression: guards.join(' AND '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
};

const maxAttempts = 5;

interface PageCounts {
  scanned: number;
  matched: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}

/** Run a service's pending migrations against its table, in order. A migration that does not
 * finish (page/time limit, or another run holds it) stops the run: later ones wait for it. */
export const runMigrations = async (
  target: MigrationTarget,
  migrations: readonly Migration[],
  opts: RunOptions = {},
): Promise<RunReport> => {
  const now = target.now ?? (() => new Date());
  const pageSize = opts.pageSize ?? 100;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const runId = randomUUID();
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  let pagesThisRun = 0;
  const report: RunReport = { finished: false, updated: 0, migrations: [] };
  const progressKey = (id: string) => ({ pk: migrationPartition, sk: id });

  const writeProgress = async (p: MigrationProgress) => {
    const next: MigrationProgress = { ...p, rev: p.rev + 1, updatedAt: now().toISOString() };
    await target.ddb.send(
      new PutCommand({
        TableName: target.tableName,
        Item: next,
        ConditionExpression: p.rev === 0 ? 'attribute_not_exists(pk)' : 'rev = :rev',
        ...(p.rev === 0 ? {} : { ExpressionAttributeValues: { ':rev': p.rev } }),
      }),
    );
    return next;
  };

  const read = async (key: MigrationItem) =>
    (await target.ddb.send(new GetCommand({ TableName: target.tableName, Key: key, ConsistentRead: true })))
      .Item;

  /** One item: apply, write conditionally; on a lost condition read it again and retry. */
  const migrateItem = async (m: Migration, found: MigrationItem, page: PageCounts) => {
    let item: MigrationItem | undefined = found;
    for (let attempt = 1; ; attempt++) {
      const next: MigrationItem | undefined = item ? m.apply(item) : undefined;
      const write = item && next ? changeWrite(m.id, item, next) : undefined;
      if (!write) {
        page.unchanged++;
        return;
      }
      try {
        await target.ddb.send(new UpdateCommand({ TableName: target.tableName, ...write }));
        page.updated++;
        return;
      } catch (err) {
        if (!isConditionFailure(err) || attempt === maxAttempts) throw err;
        // Changed (or deleted) by live traffic since the Scan read it: read it again.
        page.conflicts++;
        item = await read(write.Key);
      }
    }
  };

  for (const m of migrations) {
    const r: MigrationReport = {
      id: m.id,
      outcome: 'done',
      scanned: 0,
      matched: 0,
      updated: 0,
      unchanged: 0,
      conflicts: 0,
      pages: 0,
    };
    report.migrations.push(r);
    const stored = (await read(progressKey(m.id))) as MigrationProgress | undefined;
    if (stored?.status === 'done' && !opts.rerun) {
      r.outcome = 'already-done';
      continue;
    }
    if (
      stored?.status === 'running' &&
      stored.runId !== runId &&
      (stored.leaseUntil ?? '') > now().toISOString()
    ) {
      r.outcome = 'busy';
      log('migration held by another run', { id: m.id, runId: stored.runId, leaseUntil: stored.leaseUntil });
      return report;
    }
    const fresh = !stored || stored.status === 'done';
    const at = now().toISOString();
    let progress: MigrationProgress;
    try {
      progress = await writeProgress({
        ...(fresh
          ? {
              pk: migrationPartition,
              sk: m.id,
              entity: 'migration',
              scanned: 0,
              matched: 0,
              updated: 0,
              unchanged: 0,
              conflicts: 0,
              pages: 0,
              startedAt: at,
              updatedAt: at,
              rev: stored?.rev ?? 0,
            }
          : stored),
        description: m.description,
        status: 'running',
        runId,
        leaseUntil: new Date(now().getTime() + leaseMs).toISOString(),
      });
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      r.outcome = 'busy';
      return report;
    }
    log('migration started', { id: m.id, resumeFrom: progress.lastEvaluatedKey });

    // A migration that throws (or a Scan that fails) leaves the migration `stopped` at its last
    // recorded page with the error, so `--status` shows it and a fixed run need not wait for the lease.
    const failed = async (err: unknown) => {
      const stoppedOn: MigrationProgress = {
        ...progress,
        status: 'stopped',
        lastError: (err instanceof Error ? err.message : String(err)).slice(0, 1000),
      };
      delete stoppedOn.runId;
      delete stoppedOn.leaseUntil;
      await writeProgress(stoppedOn).catch(() => undefined);
      return err;
    };

    for (;;) {
      const page: PageCounts = { scanned: 0, matched: 0, updated: 0, unchanged: 0, conflicts: 0 };
      let out: ScanCommandOutput;
      try {
        out = await target.ddb.send(
          new ScanCommand({
            TableName: target.tableName,
            Limit: pageSize,
            ConsistentRead: true,
            ...scanFilter(m.select),
            ...(progress.lastEvaluatedKey ? { ExclusiveStartKey: progress.lastEvaluatedKey } : {}),
          }),
        );
        page.scanned = out.ScannedCount ?? 0;
        for (const found of out.Items ?? []) {
          page.matched++;
          await migrateItem(m, found, page);
        }
      } catch (err) {
        throw await failed(err);
      }
      pagesThisRun++;
      for (const k of ['scanned', 'matched', 'updated', 'unchanged', 'conflicts'] as const) {
        r[k] += page[k];
        progress[k] += page[k];
      }
      r.pages++;
      progress.pages++;
      report.updated += page.updated;
      const done = !out.LastEvaluatedKey;
      const stop =
        !done &&
        ((opts.maxPages !== undefined && pagesThisRun >= opts.maxPages) ||
          (opts.maxDurationMs !== undefined && Date.now() - started >= opts.maxDurationMs));
      const rest: MigrationProgress = { ...progress };
      delete rest.lastEvaluatedKey;
      delete rest.leaseUntil;
      delete rest.runId;
      delete rest.lastError;
      try {
        progress = await writeProgress({
          ...rest,
          ...(out.LastEvaluatedKey ? { lastEvaluatedKey: out.LastEvaluatedKey } : {}),
          ...(done
            ? { status: 'done', finishedAt: now().toISOString() }
            : stop
              ? { status: 'stopped' }
              : { status: 'running', runId, leaseUntil: new Date(now().getTime() + leaseMs).toISOString() }),
        });
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        // Our lease ran out and another run took the migration over: it carries on from its page.
        r.outcome = 'busy';
        return report;
      }
      log('migration page', { id: m.id, ...page, status: progress.status });
      if (done) break;
      if (stop) {
        r.outcome = 'stopped';
        return report;
      }
    }
  }
  report.finished = true;
  return report;
};

/** The progress items of a table, for `npm run migrate -- --status` and the runbook. */
export const migrationProgress = async (target: MigrationTarget) => {
  const items: MigrationProgress[] = [];
  let start: MigrationItem | undefined;
  do {
    const out = await target.ddb.send(
      new QueryCommand({
        TableName: target.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': migrationPartition },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((out.Items ?? []) as MigrationProgress[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
};
