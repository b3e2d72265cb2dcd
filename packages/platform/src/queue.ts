// Queues between handlers of one service: a handler with `queue` in its manifest consumes one
// (SQS in AWS, an in-process queue locally with the same semantics), and handlers that list it in
// `sendsTo` put messages on it (queue-sender.ts). Messages are sent after the sender's unit of work commits
// (`tx.afterCommit`), so a message never names a record that is not there.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ServiceName } from '@spolu/contracts';
import type { RuntimeEnv } from './env';
import type { LambdaEntry } from './lambda-entry';
import { lambdaEntry } from './lambda-entry';

export interface QueueConsumer {
  /** One message. Throwing fails this message only: the queue delivers it again after the
   * visibility timeout and dead-letters it after `maxReceiveCount` receives. */
  message: (body: string, record: SQSRecord) => Promise<unknown>;
  /** What the same function does when its manifest `schedule` fires, if it has one. */
  schedule?: () => Promise<unknown>;
}

/** Anything a queue consumer's function is invoked with: a batch from its queue or its schedule. */
export type QueueConsumerEvent = SQSEvent | { source: string; time?: string };

export type QueueConsumerHandler = LambdaEntry<
  [event: QueueConsumerEvent, context?: Context],
  SQSBatchResponse | unknown
>;

const isSqsBatch = (event: QueueConsumerEvent): event is SQSEvent =>
  'Records' in event && Array.isArray(event.Records);

/** A queue consumer's Lambda entry: each batch through Powertools' BatchProcessor, so one failed
 * message is reported in `batchItemFailures` (the event source mapping has
 * `reportBatchItemFailures`) instead of failing, and redoing, the whole batch. */
export const queueConsumer = (
  service: ServiceName,
  build: (env: RuntimeEnv) => QueueConsumer,
): QueueConsumerHandler =>
  lambdaEntry(service, (env) => {
    const consumer = build(env);
    return async (event: QueueConsumerEvent, context?: Context) => {
      if (isSqsBatch(event))
        return processPartialResponse(
          event,
          (record: SQSRecord) => consumer.message(record.body, record),
          // One per batch: it holds the batch's outcomes (the local runtime runs batches side by side).
          new BatchProcessor(EventType.SQS),
          context ? { context } : undefined,
        );
      if (!consumer.schedule)
        throw new Error(`${service}: a queue consumer without a schedule was invoked by one`);
      return consumer.schedule();
    };
  });
