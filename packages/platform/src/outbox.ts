// Transactional outbox. An outbox item is written in the same transaction as the change it
// announces; the publisher (DynamoDB Streams -> Lambda in AWS, the stream poller locally) puts it
// on EventBridge and then clears `outboxPending`, so the sparse outbox index lists exactly the
// items not yet confirmed published.
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AnyEnvelope, ServiceName } from '@spolu/contracts';
import { AnyEnvelope as EnvelopeSchema, eventSource } from '@spolu/contracts';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { outboxIndex } from './table';

export const outboxEntity = 'outbox';
const outboxRetentionDays = 7;

export const outboxKey = (envelope: Pick<AnyEnvelope, 'tenantId' | 'id'>) => ({
  pk: `${envelope.tenantId}#OUTBOX#${envelope.id}`,
  sk: 'OUTBOX',
});

export const outboxItem = (service: ServiceName, envelope: AnyEnvelope, now: Date) => ({
  ...outboxKey(envelope),
  entity: outboxEntity,
  source: eventSource(service),
  event: JSON.stringify(envelope),
  [outboxIndex.pk]: 'PENDING',
  [outboxIndex.sk]: envelope.occurredAt,
  expiresAt: Math.floor(now.getTime() / 1000) + outboxRetentionDays * 86400,
});

/** The stream filter: only newly inserted outbox items are published. CDK writes the same rule
 * as the event source mapping's filter; the local poller applies this function. */
export const outboxStreamFilter = {
  pattern: { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: [outboxEntity] } } } },
  matches: (record: DynamoDBRecord) =>
    record.eventName === 'INSERT' && record.dynamodb?.NewImage?.entity?.S === outboxEntity,
};

export type PutEvents = (entries: PutEventsRequestEntry[]) => Promise<PutEventsResultEntry[]>;

export interface PublisherDeps {
  putEvents: PutEvents;
  eventBusName: string;
  ddb: DynamoDBDocumentClient;
  tableName: string;
  log?: Pick<Logger, 'warn'>;
}

const eventBridgeBatch = 10;

export const toPutEventsEntry = (
  source: string,
  envelope: AnyEnvelope,
  eventBusName: string,
): PutEventsRequestEntry => ({
  EventBusName: eventBusName,
  Source: source,
  DetailType: envelope.type,
  Detail: JSON.stringify(envelope),
  Time: new Date(envelope.occurredAt),
});

/** The two attributes of an outbox item's stream image the publisher needs, as the stream
 * delivers them (string attributes, so no unmarshalling). */
const outboxImageOf = (record: DynamoDBRecord) => {
  const image = record.dynamodb?.NewImage;
  const source = image?.source?.S;
  const event = image?.event?.S;
  if (source === undefined || event === undefined)
    throw new Error(`outbox stream record ${record.dynamodb?.SequenceNumber} has no source or event`);
  return { source, event };
};

/** Lambda handler body for a DynamoDB Stream batch of outbox inserts. Records that could not be
 * put are reported as batchItemFailures; the stream then retries from the first of them, so an
 * event may be published twice but never lost (consumers drop the duplicate by event id). */
export const createOutboxPublisher =
  (deps: PublisherDeps) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const records = event.Records.filter(outboxStreamFilter.matches);
    const failed: string[] = [];
    const published: AnyEnvelope[] = [];

    for (let i = 0; i < records.length; i += eventBridgeBatch) {
      const batch = records.slice(i, i + eventBridgeBatch).map((record) => {
        const { source, event } = outboxImageOf(record);
        const envelope = EnvelopeSchema.parse(JSON.parse(event));
        return { record, envelope, entry: toPutEventsEntry(source, envelope, deps.eventBusName) };
      });
      let results: PutEventsResultEntry[];
      try {
        results = await deps.putEvents(batch.map((b) => b.entry));
      } catch (err) {
        deps.log?.warn('PutEvents failed for a whole batch', { error: (err as Error).message });
        results = batch.map(() => ({ ErrorCode: 'ClientError', ErrorMessage: (err as Error).message }));
      }
      batch.forEach((b, index) => {
        const result = results[index];
        if (result && !result.ErrorCode && result.EventId) published.push(b.envelope);
        else failed.push(b.record.dynamodb!.SequenceNumber!);
      });
    }

    // Best effort: a failure here leaves the item pending and the sweeper republishes it.
    await Promise.allSettled(
      published.map((envelope) =>
        deps.ddb.send(
          new UpdateCommand({
            TableName: deps.tableName,
            Key: outboxKey(envelope),
            UpdateExpression: 'REMOVE outboxPending SET publishedAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': new Date().toISOString() },
          }),
        ),
      ),
    );

    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };

/** Safety net for the stream: republishes outbox items still pending after `olderThanMs`
 * (e.g. the stream record expired after 24 h of publisher failures). Scheduled per table. */
export const createOutboxSweeper =
  (deps: PublisherDeps & { now: () => Date; olderThanMs?: number }) =>
  async (): Promise<{ republished: number }> => {
    const cutoff = new Date(deps.now().getTime() - (deps.olderThanMs ?? 5 * 60_000)).toISOString();
    const page = await deps.ddb.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: outboxIndex.name,
        KeyConditionExpression: '#p = :pending AND #t < :cutoff',
        ExpressionAttributeNames: { '#p': outboxIndex.pk, '#t': outboxIndex.sk },
        ExpressionAttributeValues: { ':pending': 'PENDING', ':cutoff': cutoff },
        Limit: 100,
      }),
    );
    const items = page.Items ?? [];
    if (items.length === 0) return { republished: 0 };
    // Re-run the publisher on synthetic stream records so both paths share one code path.
    const publish = createOutboxPublisher(deps);
    const result = await publish({
      Records: items.map((item, i) => ({
        eventName: 'INSERT',
        dynamodb: {
          NewImage: {
            entity: { S: outboxEntity },
            source: { S: String(item.source) },
            event: { S: String(item.event) },
          },
          SequenceNumber: String(i),
        },
      })),
    });
    return { republished: items.length - result.batchItemFailures.length };
  };
