// One CloudWatch dashboard per region with the figures the alarms watch: the API's traffic, errors
// and latency, each service's function errors and the depth of its failure queues, and the state
// of every alarm. Ops open it first when an alarm e-mail arrives (docs/OPERATIONS.md "Alarms").
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { AlarmStatusWidget, Dashboard, GraphWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { ServiceResources } from './service-resources';

export interface RegionDashboardProps {
  name: string;
  api: HttpApi;
  services: ReadonlyMap<string, ServiceResources>;
  alarms: readonly IAlarm[];
}

const period = Duration.minutes(5);

export class RegionDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: RegionDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: props.name });
    const { api } = props;
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors',
        left: [
          api.metricCount({ period, statistic: 'Sum', label: 'requests' }),
          api.metricClientError({ period, statistic: 'Sum', label: '4xx' }),
          api.metricServerError({ period, statistic: 'Sum', label: '5xx' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'API latency',
        left: [
          api.metricLatency({ period, statistic: 'p50', label: 'p50' }),
          api.metricLatency({ period, statistic: 'p99', label: 'p99' }),
        ],
        width: 12,
      }),
    );
    for (const [name, service] of props.services) {
      const functions = [...service.handlers, ['outbox publisher', service.outbox.publisher] as const];
      const queues = [
        ['outbox stream', service.outbox.deadLetters] as const,
        ...[...service.asyncTargets].map(
          ([handler, targets]) => [`${handler} failed`, targets.failures] as const,
        ),
        ...[...service.queues].map(
          ([handler, queue]) => [`${handler} queue given up`, queue.deadLetters] as const,
        ),
      ];
      this.dashboard.addWidgets(
        new GraphWidget({
          title: `${name}: function errors`,
          left: functions.map(([handler, fn]) => fn.fn.metricErrors({ period, label: handler })),
          width: 8,
        }),
        new GraphWidget({
          title: `${name}: p99 duration`,
          left: functions.map(([handler, fn]) =>
            fn.fn.metricDuration({ period, statistic: 'p99', label: handler }),
          ),
          width: 8,
        }),
        new GraphWidget({
          title: `${name}: waiting in failure queues`,
          left: queues.map(([label, queue]) =>
            queue.queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label }),
          ),
          width: 8,
        }),
      );
    }
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 12 }),
    );
  }
}
