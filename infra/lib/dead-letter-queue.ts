// Where given-up events and stream batches wait for a human; kept for the longest SQS allows and
// alarmed on, so nothing is dropped silently.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type {
  DlqDestinationConfig,
  IEventSourceDlq,
  IEventSourceMapping,
  IFunction,
} from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alarms } from './alarms';
import { acceptedFindings, acknowledge } from './nag';

export interface DeadLetterQueueProps {
  key: IKey;
  alarms: Alarms;
  /** Who gives up messages into it, for the alarm name and the cdk-nag note. */
  purpose: string;
}

export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly key: IKey;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.key = props.key;
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.queue, acceptedFindings.deadLetterQueueWithoutDlq(props.purpose));
    props.alarms.onDeadLetters(this, this.queue);
  }
}

/** Stream failures go to a DLQ; SqsDlq would grant `kms:GenerateDataKey*` and `kms:ReEncrypt*`
 * on the queue key, so this grants the two named actions SQS needs for an encrypted send. */
export class EncryptedSqsDlq implements IEventSourceDlq {
  constructor(private readonly deadLetters: DeadLetterQueue) {}

  bind(_target: IEventSourceMapping, targetHandler: IFunction): DlqDestinationConfig {
    const { queue } = this.deadLetters;
    targetHandler.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
    );
    targetHandler.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.deadLetters.key.keyArn],
      }),
    );
    return { destination: queue.queueArn };
  }
}
