// Putting messages on a service's own queues (manifest `queue` / `sendsTo`): SQS in AWS (this
// file), an in-process queue locally (packages/local). The environment holds the sender, so it
// lives apart from the consumer's Lambda entry (queue.ts), which needs the environment.
import type { RuntimeEnv } from './env';
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
