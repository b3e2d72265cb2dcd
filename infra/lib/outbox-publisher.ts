// Per service table: the stream-driven outbox publisher and its scheduled safety-net sweeper.
// Together they put every committed outbox item on the region bus at least once.
import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ServiceName } from '@spolu/contracts';
import { outboxIndex, outboxStreamFilter } from '@spolu/platform';
import { Construct } from 'constructs';
import type { Alarms } from './alarms';
import { keepFailedInvocations } from './async-invocations';
import { DeadLetterQueue, EncryptedSqsDlq } from './dead-letter-queue';
import { acceptedFindings, acknowledge } from './nag';
import { platformLambdas } from './paths';
import { ServiceFunction } from './service-function';
import type { ServiceTable } from './service-table';

export interface OutboxPublisherProps {
  service: ServiceName;
  table: ServiceTable;
  bus: EventBus;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  logsKey: IKey;
  messagingKey: IKey;
  alarms: Alarms;
}

export class OutboxPublisher extends Construct {
  readonly publisher: ServiceFunction;
  readonly sweeper: ServiceFunction;
  readonly deadLetters: DeadLetterQueue;
  /** Sweeps that failed every attempt (the next sweep retries anyway; this keeps the error). */
  readonly sweeperFailures: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: OutboxPublisherProps) {
    super(scope, id);
    const common = { logRetention: props.logRetention, logsKey: props.logsKey };

    this.publisher = new ServiceFunction(this, 'Publisher', {
      ...common,
      entry: platformLambdas.outboxPublisher,
      description: `${props.service}: publishes outbox items from the table stream to the region bus`,
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: `${props.service}-outbox-publisher` },
      timeout: Duration.seconds(30),
    });
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      key: props.messagingKey,
      alarms: props.alarms,
      purpose: `the ${props.service} outbox stream (batches given up after retries)`,
    });
    this.publisher.fn.addEventSource(
      new DynamoEventSource(props.table.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        filters: [FilterCriteria.filter(outboxStreamFilter.pattern)],
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 10,
        // After the stream gives up, the item is still pending in the outbox index: the sweeper
        // publishes it, and the DLQ alarm tells ops that the stream path is failing.
        onFailure: new EncryptedSqsDlq(this.deadLetters),
      }),
    );

    this.sweeper = new ServiceFunction(this, 'Sweeper', {
      ...common,
      entry: platformLambdas.outboxSweeper,
      description: `${props.service}: republishes outbox items the stream path did not confirm`,
      environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: `${props.service}-outbox-sweeper` },
      timeout: Duration.seconds(60),
    });
    const sweepSchedule = new Rule(this, 'SweepSchedule', {
      description: `${props.service}: outbox sweep`,
      schedule: Schedule.rate(Duration.minutes(5)),
      // The next sweep retries anyway; a failed one only needs the errors alarm.
      targets: [new LambdaFunction(this.sweeper.fn, { retryAttempts: 0 })],
    });
    acknowledge(sweepSchedule, acceptedFindings.sweepScheduleWithoutDlq);
    props.alarms.onFailedInvocations(sweepSchedule, sweepSchedule);
    props.alarms.onStreamLag(this.publisher, this.publisher.fn);
    this.sweeperFailures = keepFailedInvocations(this.sweeper, this.sweeper.fn, {
      messagingKey: props.messagingKey,
      alarms: props.alarms,
      purpose: `the ${props.service} outbox sweeper`,
    });

    for (const fn of [this.publisher, this.sweeper]) {
      props.table.grantOutboxAccess(fn.role, outboxIndex.name);
      props.bus.grantPutEventsTo(fn.role);
      fn.watch(props.alarms);
    }
  }
}
