// Where given-up events and stream batches wait for a human; kept for the longest SQS allows and
// alarmed on, so nothing is dropped silently.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type {
  DestinationConfig,
  DlqDestinationConfig,
  IDestination,
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

/** The two named actions SQS needs for an encrypted send; aws-cdk-lib's own grants would add
 * `kms:GenerateDataKey*` and `kms:ReEncrypt*` and edit the key policy. */
const grantEncryptedSend = (deadLetters: DeadLetterQueue, fn: IFunction) => {
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetters.queue.queueArn] }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [deadLetters.key.keyArn],
    }),
  );
};

/** Stream failures go to a DLQ (the stream event source's on-failure destination). */
export class EncryptedSqsDlq implements IEventSourceDlq {
  constructor(private readonly deadLetters: DeadLetterQueue) {}

  bind(_target: IEventSourceMapping, targetHandler: IFunction): DlqDestinationConfig {
    grantEncryptedSend(this.deadLetters, targetHandler);
    return { destination: this.deadLetters.queue.queueArn };
  }
}

/** An asynchronous invocation that failed every attempt: Lambda sends its invocation record
 * (the event, the error, the attempts) here instead of dropping it. */
export class EncryptedSqsDestination implements IDestination {
  constructor(private readonly deadLetters: DeadLetterQueue) {}

  bind(_scope: Construct, fn: IFunction): DestinationConfig {
    grantEncryptedSend(this.deadLetters, fn);
    return { destination: this.deadLetters.queue.queueArn };
  }
}
