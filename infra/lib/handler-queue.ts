// The queue of a queue-consumer handler (manifest `queue`): SQS encrypted with the region's
// messaging key, TLS only, its own alarmed dead-letter queue after `maxReceiveCount` receives, and
// the event source mapping that reports batch item failures (one failed message is retried, not
// its batch). Handlers that list it in `sendsTo` get its URL and may send to it, nothing else.
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { EventSourceMapping, IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { QueueSpec } from '@spolu/platform';
import { queueUrlVariable } from '@spolu/platform';
import { Construct } from 'constructs';
import type { Alarms } from './alarms';
import { DeadLetterQueue } from './dead-letter-queue';
import { acceptedFindings, acknowledge } from './nag';
import type { ServiceFunction } from './service-function';

export interface HandlerQueueProps {
  spec: QueueSpec;
  key: IKey;
  alarms: Alarms;
  /** `<service>.<handler>`, for descriptions, the alarm and the cdk-nag notes. */
  purpose: string;
}

export class HandlerQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetters: DeadLetterQueue;
  readonly key: IKey;
  mapping?: EventSourceMapping;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: HandlerQueueProps,
  ) {
    super(scope, id);
    this.key = props.key;
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      key: props.key,
      alarms: props.alarms,
      purpose: `the ${props.purpose} queue (messages received ${props.spec.maxReceiveCount} times)`,
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.spec.visibilityTimeoutSeconds),
      // Long enough for a retry delay (at most 15 minutes) many times over.
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters.queue, maxReceiveCount: props.spec.maxReceiveCount },
    });
    // A message may wait up to SQS's longest delay (15 minutes) on purpose; twice that is a backlog.
    props.alarms.onQueueBacklog(this.queue, this.queue, Duration.minutes(30));
  }

  /** The consumer: an event source mapping with partial batch responses. */
  consumedBy(handler: ServiceFunction) {
    const { spec } = this.props;
    this.queue.grantConsumeMessages(handler.fn);
    this.mapping = handler.fn.addEventSourceMapping('FromQueue', {
      eventSourceArn: this.queue.queueArn,
      batchSize: spec.batchSize,
      ...(spec.maxBatchingWindowSeconds > 0
        ? { maxBatchingWindow: Duration.seconds(spec.maxBatchingWindowSeconds) }
        : {}),
      reportBatchItemFailures: true,
    });
    acknowledge(this.mapping, acceptedFindings.queueEventSourceWithoutDestination(this.props.purpose));
  }

  /** A handler that puts messages on it (manifest `sendsTo`): its URL and the two named actions an
   * encrypted send needs (no `kms:GenerateDataKey*`, no key policy edit). */
  sentToBy(
    fn: IFunction & { addEnvironment: (key: string, value: string) => unknown },
    queueHandler: string,
  ) {
    fn.addEnvironment(queueUrlVariable(queueHandler), this.queue.queueUrl);
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }),
    );
  }
}
