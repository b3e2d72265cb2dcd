// Reads a table's DynamoDB Stream from DynamoDB Local and hands batches to the outbox publisher
// in the shape Lambda's event source mapping uses, honouring batchItemFailures the same way:
// a failed record and everything after it in its shard is retried.
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaStreamRecord } from './stream-record';

interface ShardState {
  iterator?: string;
  /** Records handed to the publisher but not yet acknowledged. */
  pending: DynamoDBRecord[];
  closed: boolean;
  lastSequence?: string;
}

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  /** `latest` skips what the stream already holds (used on restart of a persisted runtime). */
  startFrom: 'trim-horizon' | 'latest';
  batchSize?: number;
  handle: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  onError?: (err: Error) => void;
}

/** How often a background pass looks for new shards (the event source mapping does too; a
 * DescribeStream on every pass kept DynamoDB Local busy for nothing). */
const rediscoverMs = 1_000;

export class StreamPoller {
  private readonly shards = new Map<string, ShardState>();
  private initialised = false;
  private discoveredAt = 0;
  /** A shard closed since the last discovery: its successor must be found at once. */
  private shardClosed = false;
  /** A write to the table since the last pass that read nothing (or no pass yet). */
  private written = true;

  constructor(private readonly opts: StreamPollerOptions) {}

  private async discoverShards() {
    let exclusiveStart: string | undefined;
    do {
      const out = await this.opts.client.send(
        new DescribeStreamCommand({ StreamArn: this.opts.streamArn, ExclusiveStartShardId: exclusiveStart }),
      );
      for (const shard of out.StreamDescription?.Shards ?? []) {
        if (!shard.ShardId || this.shards.has(shard.ShardId)) continue;
        // Shards that appear after start are read from their beginning so nothing is skipped.
        const type = !this.initialised && this.opts.startFrom === 'latest' ? 'LATEST' : 'TRIM_HORIZON';
        const it = await this.opts.client.send(
          new GetShardIteratorCommand({
            StreamArn: this.opts.streamArn,
            ShardId: shard.ShardId,
            ShardIteratorType: type,
          }),
        );
        this.shards.set(shard.ShardId, { iterator: it.ShardIterator, pending: [], closed: false });
      }
      exclusiveStart = out.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
    this.initialised = true;
    this.discoveredAt = Date.now();
    this.shardClosed = false;
  }

  private async refreshIterator(shardId: string, state: ShardState) {
    const it = await this.opts.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.opts.streamArn,
        ShardId: shardId,
        ...(state.lastSequence
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.lastSequence }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    state.iterator = it.ShardIterator;
  }

  private running: Promise<number> = Promise.resolve(0);

  /** One pass over every shard. Returns how many records were fetched or retried. Passes never
   * overlap (as one event source mapping per shard): a second caller waits for the first.
   * `discover`: look for new shards now (a settle must not miss one); otherwise at most once a
   * second, or at once after a shard closed. */
  poll(opts: { discover?: boolean } = {}): Promise<number> {
    const next = this.running.catch(() => 0).then(() => this.pollOnce(opts.discover ?? false));
    this.running = next;
    return next;
  }

  /** The table was written: its stream has something to read. */
  markWritten() {
    this.written = true;
  }

  /** Whether a pass has reason to read now: a write since the last empty read, records awaiting
   * their retry, or shards not yet found. */
  get wantsPoll() {
    return this.written || this.hasPending || !this.initialised || this.shardClosed;
  }

  private async pollOnce(discover: boolean): Promise<number> {
    this.written = false;
    if (discover || !this.initialised || this.shardClosed || Date.now() - this.discoveredAt >= rediscoverMs)
      await this.discoverShards();
    let seen = 0;
    for (const [shardId, state] of this.shards) {
      if (state.closed && state.pending.length === 0) continue;
      if (state.iterator && !state.closed) {
        let out;
        try {
          out = await this.opts.client.send(
            new GetRecordsCommand({ ShardIterator: state.iterator, Limit: this.opts.batchSize ?? 100 }),
          );
        } catch (err) {
          // DynamoDB Local numbers stream records across all tables, so an iterator taken on an
          // empty shard is reported as trimmed once another table writes; re-anchor it like an
          // expired one (after the last record read, or from the shard's start).
          if (
            err instanceof ExpiredIteratorException ||
            (err as Error).name === 'TrimmedDataAccessException'
          ) {
            await this.refreshIterator(shardId, state);
            continue;
          }
          throw err;
        }
        const records = (out.Records ?? []).map(lambdaStreamRecord);
        if (records.length > 0) state.lastSequence = records.at(-1)!.dynamodb?.SequenceNumber;
        state.pending.push(...records);
        state.iterator = out.NextShardIterator;
        if (!out.NextShardIterator) {
          state.closed = true;
          this.shardClosed = true;
        }
      }
      if (state.pending.length === 0) continue;
      seen += state.pending.length;
      const batch = state.pending.slice(0, this.opts.batchSize ?? 100);
      const result = await this.opts.handle({ Records: batch });
      const failedSequences = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
      const firstFailed = batch.findIndex((r) => failedSequences.has(r.dynamodb?.SequenceNumber ?? ''));
      state.pending = firstFailed >= 0 ? state.pending.slice(firstFailed) : state.pending.slice(batch.length);
    }
    // Read again until a pass finds nothing: the stream may hold more than one batch.
    if (seen > 0) this.written = true;
    return seen;
  }

  get hasPending() {
    return [...this.shards.values()].some((s) => s.pending.length > 0);
  }
}
