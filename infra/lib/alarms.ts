// One alarm topic per region; every alarm in the stack goes to it, and ops get an e-mail. The
// alarms cover what pages ops in practice (docs/OPERATIONS.md "Alarms" says what each means and
// what to do): function errors, throttles and slow answers, the API's 5xx rate and latency,
// DynamoDB throttles, a stream publisher falling behind, EventBridge failing to invoke a target,
// every dead-letter and on-failure queue, and bursts of refused access.
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IAlarm, IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IRule } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { securityEvents } from '@spolu/contracts';
import { Construct } from 'constructs';
import { acceptedFindings, acknowledge } from './nag';

export interface AlarmsProps {
  email: string;
  key: IKey;
}

/** Thresholds, in one place so the runbook and the tests can name them. */
export const alarmThresholds = {
  /** Share of API requests answered 5xx over 5 minutes, in percent. */
  apiServerErrorPercent: 1,
  /** p99 latency of the whole API over 5 minutes. */
  apiLatencyP99: Duration.seconds(3),
  /** p99 duration of one handler, as a share of its timeout. */
  functionDurationP99OfTimeout: 0.8,
  /** How far a stream publisher may lag behind its table. */
  streamIteratorAge: Duration.minutes(5),
} as const;

const fiveMinutes = Duration.minutes(5);

export class Alarms extends Construct {
  readonly topic: Topic;
  /** Every alarm of the region (for the dashboard). */
  readonly all: IAlarm[] = [];
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
      fn.metricErrors({ period: fiveMinutes }),
      'Lambda errors',
    );
  }

  /** Throttled invocations (the account's or the function's concurrency is used up) and a p99
   * duration close to the timeout (a route group or consumer about to time out). */
  onFunctionLoad(scope: Construct, fn: IFunction, timeout: Duration) {
    this.whenAtLeastOne(
      scope,
      'ThrottlesAlarm',
      fn.metricThrottles({ period: fiveMinutes }),
      'Lambda throttles',
    );
    const limitMs = Math.round(timeout.toMilliseconds() * alarmThresholds.functionDurationP99OfTimeout);
    this.add(
      scope,
      'DurationAlarm',
      {
        metric: fn.metricDuration({ period: fiveMinutes, statistic: 'p99' }),
        threshold: limitMs,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      `p99 duration above ${limitMs} ms (${alarmThresholds.functionDurationP99OfTimeout * 100}% of the timeout)`,
    );
  }

  /** A work queue whose oldest message waits longer than its longest planned delay plus a margin:
   * the consumer is failing or cannot keep up. */
  onQueueBacklog(scope: Construct, queue: IQueue, longest: Duration) {
    return this.add(
      scope,
      'BacklogAlarm',
      {
        metric: queue.metricApproximateAgeOfOldestMessage({ period: fiveMinutes, statistic: 'Maximum' }),
        threshold: longest.toSeconds(),
        evaluationPeriods: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      `oldest message older than ${longest.toHumanString()}`,
    );
  }

  /** A message in a dead-letter queue is an event or batch that was given up on. */
  onDeadLetters(scope: Construct, queue: IQueue) {
    return this.whenAtLeastOne(
      scope,
      'DepthAlarm',
      queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes }),
      'messages waiting in a dead-letter queue',
    );
  }

  /** The whole API: share of 5xx answers and p99 latency. */
  onApi(scope: Construct, api: HttpApi) {
    const rate = new MathExpression({
      expression: '100 * errors / MAX([requests, 1])',
      usingMetrics: {
        errors: api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
        requests: api.metricCount({ period: fiveMinutes, statistic: 'Sum' }),
      },
      period: fiveMinutes,
      label: 'API 5xx %',
    });
    this.add(
      scope,
      'ServerErrorRateAlarm',
      {
        metric: rate,
        threshold: alarmThresholds.apiServerErrorPercent,
        evaluationPeriods: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      `more than ${alarmThresholds.apiServerErrorPercent}% of API answers are 5xx`,
    );
    const latencyMs = alarmThresholds.apiLatencyP99.toMilliseconds();
    this.add(
      scope,
      'LatencyAlarm',
      {
        metric: api.metricLatency({ period: fiveMinutes, statistic: 'p99' }),
        threshold: latencyMs,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      `API p99 latency above ${latencyMs} ms`,
    );
  }

  /** On-demand tables throttle when a partition is hot or the account's table limit is reached. */
  onTableThrottles(scope: Construct, table: ITableV2) {
    const throttles = new MathExpression({
      expression: 'reads + writes',
      usingMetrics: {
        reads: table.metric('ReadThrottleEvents', { period: fiveMinutes, statistic: 'Sum' }),
        writes: table.metric('WriteThrottleEvents', { period: fiveMinutes, statistic: 'Sum' }),
      },
      period: fiveMinutes,
      label: 'DynamoDB throttle events',
    });
    return this.whenAtLeastOne(scope, 'ThrottlesAlarm', throttles, 'DynamoDB throttled reads or writes');
  }

  /** The outbox publisher falls behind its table's stream: events reach consumers late. */
  onStreamLag(scope: Construct, publisher: IFunction) {
    const limitMs = alarmThresholds.streamIteratorAge.toMilliseconds();
    return this.add(
      scope,
      'IteratorAgeAlarm',
      {
        metric: publisher.metric('IteratorAge', { period: fiveMinutes, statistic: 'Maximum' }),
        threshold: limitMs,
        evaluationPeriods: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      },
      `stream iterator age above ${limitMs} ms`,
    );
  }

  /** EventBridge could not invoke a rule's target (permissions, a deleted function, throttling). */
  onFailedInvocations(scope: Construct, rule: IRule, busName?: string) {
    const metric = new Metric({
      namespace: 'AWS/Events',
      metricName: 'FailedInvocations',
      dimensionsMap: { RuleName: rule.ruleName, ...(busName ? { EventBusName: busName } : {}) },
      period: fiveMinutes,
      statistic: 'Sum',
    });
    return this.whenAtLeastOne(scope, 'FailedInvocationsAlarm', metric, 'EventBridge failed invocations');
  }

  /** One caller was refused many times in 5 minutes (probing ids, a stolen token, a broken client). */
  onRefusedAccessBursts(scope: Construct) {
    // The directory's security consumer emits it when one caller crosses its burst threshold.
    const metric = new Metric({
      namespace: securityEvents.securityMetricNamespace,
      metricName: securityEvents.refusedAccessBurstMetric,
      dimensionsMap: { service: securityEvents.securityMetricService },
      period: fiveMinutes,
      statistic: 'Sum',
    });
    return this.whenAtLeastOne(
      scope,
      'RefusedAccessBurstAlarm',
      metric,
      'a burst of refused access by one caller',
    );
  }

  /** The alarm lives next to what it watches, so its path names the function or queue. */
  private whenAtLeastOne(scope: Construct, id: string, metric: IMetric, what: string) {
    return this.add(
      scope,
      id,
      {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      },
      what,
    );
  }

  private add(
    scope: Construct,
    id: string,
    props: Pick<
      ConstructorParameters<typeof Alarm>[2],
      'metric' | 'threshold' | 'evaluationPeriods' | 'datapointsToAlarm' | 'comparisonOperator'
    >,
    what: string,
  ) {
    const alarm = new Alarm(scope, id, {
      ...props,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `${scope.node.path}: ${what}`,
    });
    alarm.addAlarmAction(this.action);
    this.all.push(alarm);
    return alarm;
  }
}
