// Queues between handlers of one service: a handler with `queue` in its manifest consumes one
// (SQS in AWS, an in-process queue locally with the same semantics), and handlers that list it in
// `sendsTo` put messages on it. Messages are sent after the sender's unit of work commits
// (`tx.afterCommit`), so a message never names a record that is not there.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ServiceName } from '@spolu/contracts';
import type { RuntimeEnv } from './env';
import type { LambdaEntry } from './lambda-entry';
import { lambdaEntry } from './lambda-entry';
import { maxQueueDelaySeconds, queueUrlVariable } from './manifest';

export interface QueueMessage {
  body: string;
  /** Seconds before the message can be received: 0 to 900 (SQS's limit); rounded up. */
  delaySeconds?: number;
}

/** Sends to the queues of the environment's own service, by handler name. */
export interface QueueSender {
  send: (queue: string, messages: readonly QueueMessage[]) => Promise<void>;
}

const sqsBatchLimit = 10;

export const queueDelay = (seconds: number | undefined) =>
  Math.min(maxQueueDelaySeconds, Math.max(0, Math.ceil(seconds ?? 0)));

/** In Lambda: SendMessageBatch to the URL infra put in `QUEUE_URL_<HANDLER>`. The client is
 * loaded on the first send, so functions that never send do not pay for it at start. */
export const sqsQueueSender = (vars: NodeJS.ProcessEnv): QueueSender => {
  let client: Promise<{ send: (queueUrl: string, batch: QueueMessage[]) => Promise<void> }> | undefined;
  const load = async () => {
    const { SQSClient, SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
    const sqs = new SQSClient({ maxAttempts: 3 });
    return {
      send: async (queueUrl: string, batch: QueueMessage[]) => {
        const out = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: batch.map((m, i) => ({
              Id: String(i),
              MessageBody: m.body,
              DelaySeconds: queueDelay(m.delaySeconds),
            })),
          }),
        );
        if (out.Failed?.length)
          throw new Error(
            `${out.Failed.length} of ${batch.length} messages not queued: ${out.Failed.map((f) => f.Code).join(', ')}`,
          );
      },
    };
  };
  return {
    send: async (queue, messages) => {
      const url = vars[queueUrlVariable(queue)];
      if (!url) throw new Error(`no queue URL for ${queue} (${queueUrlVariable(queue)} is not set)`);
      client ??= load();
      const sqs = await client;
      for (let i = 0; i < messages.length; i += sqsBatchLimit)
        await sqs.send(url, messages.slice(i, i + sqsBatchLimit));
    },
  };
};

/** Puts messages on one of the service's queues (the caller's manifest lists it in `sendsTo`). */
export const enqueue = async (env: RuntimeEnv, queue: string, messages: readonly QueueMessage[]) => {
  if (messages.length === 0) return;
  if (!env.queues) throw new Error(`no queue sender in this environment (queue ${queue})`);
  await env.queues.send(
    queue,
    messages.map((m) => ({ body: m.body, delaySeconds: queueDelay(m.delaySeconds) })),
  );
};

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
