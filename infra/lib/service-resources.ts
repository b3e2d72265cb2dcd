// Everything AWS holds for one service, derived from its manifest alone: the table, one function
// per handler, its HTTP routes, event subscriptions, schedules and queues, and the outbox publisher.
// A new service needs a manifest in services/manifests.ts and nothing here.
// Each service is a nested stack of its own: a region with every route in one template came to
// 461 of CloudFormation's 500 resources, and a service's routes, functions and alarms grow
// together (docs/DECISIONS.md, "One nested stack per service").
import { Duration, NestedStack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { RegionCode } from '@spolu/contracts';
import { eventSource } from '@spolu/contracts';
import type { HandlerSpec, ServiceManifest } from '@spolu/platform';
import { callerLimitSettings } from '@spolu/platform';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import type { Alarms } from './alarms';
import { AsyncTargets } from './async-invocations';
import { HandlerQueue } from './handler-queue';
import { OutboxPublisher } from './outbox-publisher';
import { platformLambdas } from './paths';
import type { RegionApi } from './region-api';
import { ServiceFunction } from './service-function';
import { ServiceTable } from './service-table';
import { grantSecretRead } from './grants';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';

export interface ServiceResourcesProps {
  manifest: ServiceManifest;
  region: RegionCode;
  namePrefix: string;
  api: RegionApi;
  bus: EventBus;
  subjectKeySecret: ISecret;
  alarms: Alarms;
  keys: { logs: IKey; messaging: IKey; secrets: IKey };
  logRetention: RetentionDays;
  /** Requests a minute per partner client and per provider (the API answers 429 beyond). */
  callerLimits: { perPartnerClientPerMinute: number; perProviderPerMinute: number };
  /** For handlers that send e-mail (manifest `sendsMail`): the sender, the console's address for
   * the link, and the SES identity they may send from (and nothing else). */
  mail: { from: string; consoleUrl: string; identityArn: string };
}

/** `reference` -> `Reference`: construct ids read like the manifest's handler names. */
const pascal = (name: string) =>
  name.replace(/(^|[-_ ])(\w)/g, (_match, _sep: string, char: string) => char.toUpperCase());

export class ServiceResources extends NestedStack {
  readonly table: ServiceTable;
  readonly handlers = new Map<string, ServiceFunction>();
  /** Handlers EventBridge invokes (subscriptions, schedules), with their failure queues. */
  readonly asyncTargets = new Map<string, AsyncTargets>();
  /** Queues of queue-consumer handlers (manifest `queue`), by handler name. */
  readonly queues = new Map<string, HandlerQueue>();
  readonly outbox: OutboxPublisher;
  /** Runs the service's pending data migrations; ops invoke it after each deploy (OPERATIONS.md). */
  readonly migrate: ServiceFunction;

  constructor(scope: Construct, id: string, props: ServiceResourcesProps) {
    super(scope, id, { description: `Spolu ${props.region}: the ${props.manifest.name} service` });
    const { manifest } = props;
    this.table = new ServiceTable(this, 'Table', { manifest, namePrefix: props.namePrefix });
    props.alarms.onTableThrottles(this.table, this.table.table);

    const baseEnvironment = {
      SPOLU_REGION: props.region,
      TABLE_NAME: this.table.table.tableName,
      EVENT_BUS_NAME: props.bus.eventBusName,
    };

    for (const [name, spec] of Object.entries(manifest.handlers)) {
      if (!spec.queue) continue;
      this.queues.set(
        name,
        new HandlerQueue(this, `${pascal(name)}Queue`, {
          spec: spec.queue,
          key: props.keys.messaging,
          alarms: props.alarms,
          purpose: `${manifest.name}.${name}`,
        }),
      );
    }

    for (const [name, spec] of Object.entries(manifest.handlers)) {
      const handler = this.handlerFunction(name, spec, props, baseEnvironment);
      this.handlers.set(name, handler);
      for (const route of spec.routes ?? []) props.api.addRoute(handler, route, handler.fn);
      this.addEventRules(name, spec, handler, props);
      this.queues.get(name)?.consumedBy(handler);
      for (const target of spec.sendsTo ?? []) this.queues.get(target)!.sentToBy(handler.fn, target);
    }

    this.migrate = new ServiceFunction(this, 'Migrate', {
      entry: platformLambdas.migrate,
      description: `${manifest.name}: pending data migrations (invoked after deploy until finished)`,
      environment: {
        ...baseEnvironment,
        SERVICE: manifest.name,
        POWERTOOLS_SERVICE_NAME: `${manifest.name}-migrate`,
      },
      logRetention: props.logRetention,
      logsKey: props.keys.logs,
      // The runner stops a minute before this and answers finished:false; the caller invokes again.
      timeout: Duration.minutes(15),
      memorySize: 1024,
    }).watch(props.alarms);
    this.table.grantMigrationAccess(this.migrate.role);

    this.outbox = new OutboxPublisher(this, 'Outbox', {
      service: manifest.name,
      table: this.table,
      bus: props.bus,
      environment: baseEnvironment,
      logRetention: props.logRetention,
      logsKey: props.keys.logs,
      messagingKey: props.keys.messaging,
      alarms: props.alarms,
    });
  }

  private handlerFunction(
    name: string,
    spec: HandlerSpec,
    props: ServiceResourcesProps,
    baseEnvironment: Record<string, string>,
  ) {
    const { manifest } = props;
    const handler = new ServiceFunction(this, pascal(name), {
      entry: join(manifest.dir, spec.file),
      description: `${manifest.name}.${name}`,
      environment: {
        ...baseEnvironment,
        SUBJECT_KEY_SECRET_ARN: props.subjectKeySecret.secretArn,
        POWERTOOLS_SERVICE_NAME: manifest.name,
        POWERTOOLS_METRICS_NAMESPACE: 'Spolu',
        [callerLimitSettings.perPartnerClient]: String(props.callerLimits.perPartnerClientPerMinute),
        [callerLimitSettings.perProvider]: String(props.callerLimits.perProviderPerMinute),
      },
      logRetention: props.logRetention,
      logsKey: props.keys.logs,
      timeout: spec.timeoutSeconds ? Duration.seconds(spec.timeoutSeconds) : undefined,
      memorySize: spec.memoryMb,
    });
    this.table.grantItemAccess(handler.role);
    grantSecretRead(props.subjectKeySecret, props.keys.secrets, handler.role);
    if (spec.sendsMail) this.allowMail(handler, props.mail);
    handler.watch(props.alarms);
    return handler;
  }

  /** SES from the region's identity only, as the one sender address. */
  private allowMail(handler: ServiceFunction, mail: ServiceResourcesProps['mail']) {
    handler.fn.addEnvironment('MAIL_TRANSPORT', 'ses');
    handler.fn.addEnvironment('MAIL_FROM', mail.from);
    handler.fn.addEnvironment('CONSOLE_URL', mail.consoleUrl);
    handler.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [mail.identityArn],
        conditions: { StringLike: { 'ses:FromAddress': mail.from.replace(/^.*<(.*)>$/, '$1') } },
      }),
    );
  }

  private addEventRules(
    name: string,
    spec: HandlerSpec,
    handler: ServiceFunction,
    props: ServiceResourcesProps,
  ) {
    if (!spec.subscriptions?.length && !spec.schedule) return;
    const targets = new AsyncTargets(handler, handler.fn, {
      messagingKey: props.keys.messaging,
      alarms: props.alarms,
      purpose: `${props.manifest.name}.${name} event deliveries`,
    });
    this.asyncTargets.set(name, targets);
    // One rule per producer: a manifest lists each source once, with all the types it wants.
    for (const subscription of spec.subscriptions ?? []) {
      const rule = new Rule(handler, `From${pascal(subscription.source)}`, {
        eventBus: props.bus,
        description: `${props.manifest.name}.${name} <- ${eventSource(subscription.source)}: ${subscription.types.join(', ')}`,
        eventPattern: { source: [eventSource(subscription.source)], detailType: [...subscription.types] },
        targets: [targets.target()],
      });
      props.alarms.onFailedInvocations(rule, rule, props.bus.eventBusName);
    }
    if (spec.schedule) {
      const rule = new Rule(handler, 'Schedule', {
        description: `${props.manifest.name}.${name} on ${spec.schedule}`,
        schedule: Schedule.expression(spec.schedule),
        targets: [targets.target()],
      });
      props.alarms.onFailedInvocations(rule, rule);
    }
  }
}
