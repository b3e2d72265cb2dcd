// One alarm topic per region; every alarm in the stack goes to it, and ops get an e-mail.
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acceptedFindings, acknowledge } from './nag';

export interface AlarmsProps {
  email: string;
  key: IKey;
}

export class Alarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { masterKey: props.key, enforceSSL: true });
    const email = this.topic.addSubscription(new EmailSubscription(props.email));
    acknowledge(email, acceptedFindings.alarmEmailWithoutDlq);
    this.action = new SnsAction(this.topic);
  }

  /** Any error is worth a look: handlers report expected failures as HTTP responses, not errors. */
  onFunctionErrors(scope: Construct, fn: IFunction) {
    return this.whenAtLeastOne(
      scope,
      'ErrorsAlarm',
      fn.metricErrors({ period: Duration.minutes(5) }),
      'Lambda errors',
    );
  }

  /** A message in a dead-letter queue is an event or batch that was given up on. */
  onDeadLetters(scope: Construct, queue: IQueue) {
    return this.whenAtLeastOne(
      scope,
      'DepthAlarm',
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      'messages waiting in a dead-letter queue',
    );
  }

  /** The alarm lives next to what it watches, so its path names the function or queue. */
  private whenAtLeastOne(scope: Construct, id: string, metric: IMetric, what: string) {
    const alarm = new Alarm(scope, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `${scope.node.path}: ${what}`,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
