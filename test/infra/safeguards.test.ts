// Each safeguard the runbook and the design promise, pinned by its own named test on the
// synthesized region (CZ051, with one partner system and a backup copy vault configured), so
// removing any of them from infra/ turns exactly one test red. Expectations are derived from the
// template and the config, so a new consumer, table or route is covered without a test edit.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import type { Template } from 'aws-cdk-lib/assertions';
import { Subscription, SubscriptionProtocol } from 'aws-cdk-lib/aws-sns';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Scopes, securityEvents } from '@spolu/contracts';
import { alarmThresholds } from '../../infra/lib/alarms';
import { asyncInvokePolicy } from '../../infra/lib/async-invocations';
import { backupSchedule } from '../../infra/lib/backup';
import type { RegionStack } from '../../infra/lib/region-stack';
import { buildTestApp, cdkContext, logicalId, referencedIds, regionTemplates } from './support';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Resources = Record<string, Resource>;

const partner = {
  partnerClientId: '01JQ8Z6B2N4V7T0MEH5KPXR9WD',
  tenantId: '01JQ8Z6B2N4V7T0MEH5KPXR9WE',
  name: 'Krajská nemocnice Liberec',
  scopes: [Scopes.directoryRead, Scopes.referralsRead, Scopes.referralsWrite],
};
const copyToVaultArn = 'arn:aws:backup:eu-central-1:999999999999:backup-vault:spolu-copies';
const configured = cdkContext.regions as Record<string, Record<string, unknown>>;
const context = {
  region: 'CZ051',
  regions: {
    ...configured,
    CZ051: { ...configured.CZ051, partnerClients: [partner], backup: { copyToVaultArn } },
  },
};

let stack: RegionStack;
let assembly: CloudAssembly;
let template: Template;
let resources: Resources;

beforeAll(() => {
  const built = buildTestApp(context);
  stack = built.stacks[0]!;
  assembly = built.app.synth();
  template = regionTemplates(assembly, stack).merged;
  resources = template.toJSON().Resources as Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const isOurs = (id: string) => !/^Console(Hosting|Content)\./.test(id);
/** Logical ids of the resources an alarm's metric (or metric math) watches through dimensions. */
const alarmsOn = (metricName: string) =>
  ofType('AWS::CloudWatch::Alarm').filter(([, alarm]) =>
    JSON.stringify(alarm.Properties).includes(`"MetricName":"${metricName}"`),
  );
const watchedBy = (metricName: string) =>
  new Set(alarmsOn(metricName).flatMap(([, alarm]) => [...referencedIds(alarm.Properties)]));

describe('safeguards of the synthesized region', () => {
  it('keeps termination protection on the region stack', () => {
    expect(assembly.getStackByName(stack.stackName).terminationProtection).toBe(true);
  });

  it('keeps every table point-in-time recoverable, deletion protected and retained', () => {
    const tables = ofType('AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(stack.services.size);
    for (const [id] of tables) {
      template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          Replicas: [
            Match.objectLike({
              DeletionProtectionEnabled: true,
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            }),
          ],
        }),
      });
      expect(resources[id]!.Properties.TableName).toMatch(/^spolu-cz051-/);
    }
  });

  it('keeps Cognito threat protection in full-function (enforced) mode', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it("keeps the event archive for the region's data retention", () => {
    template.hasResourceProperties('AWS::Events::Archive', {
      RetentionDays: stack.kraj.dataRetentionYears * 365,
    });
  });

  it('gives every function its explicit timeout and memory, Node 24 on arm64', () => {
    const functions = [
      stack.preTokenGeneration,
      stack.accessLogRefusals,
      ...[...stack.services.values()].flatMap((service) => [
        ...service.handlers.values(),
        service.migrate,
        service.outbox.publisher,
        service.outbox.sweeper,
      ]),
    ];
    for (const fn of functions) {
      const resource = resources[logicalId(fn.fn)]!;
      expect({ fn: fn.node.path, ...resource.Properties }).toMatchObject({
        fn: fn.node.path,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Timeout: fn.timeout.toSeconds(),
        MemorySize: expect.any(Number),
      });
    }
    // The defaults the platform was sized for: an API handler answers within 10 s on 512 MB.
    const api = resources[logicalId(stack.services.get('directory')!.handlers.get('reference')!.fn)]!;
    expect(api.Properties).toMatchObject({ Timeout: 10, MemorySize: 512 });
    expect(ofType('AWS::Lambda::Function').filter(([id]) => isOurs(id))).toHaveLength(functions.length);
  });

  it('gives every function EventBridge or CloudWatch Logs invokes an alarmed on-failure queue', () => {
    const invokedAsynchronously = new Set([
      ...ofType('AWS::Events::Rule').flatMap(([, rule]) =>
        ((rule.Properties.Targets ?? []) as { Arn: unknown }[]).flatMap((target) => [
          ...referencedIds(target.Arn),
        ]),
      ),
      ...ofType('AWS::Logs::SubscriptionFilter').flatMap(([, filter]) => [
        ...referencedIds(filter.Properties.DestinationArn),
      ]),
    ]);
    expect(invokedAsynchronously.size).toBeGreaterThan(stack.services.size);
    const configs = ofType('AWS::Lambda::EventInvokeConfig');
    const depthWatched = watchedBy('ApproximateNumberOfMessagesVisible');
    for (const fnId of invokedAsynchronously) {
      const found = configs.filter(([, config]) => referencedIds(config.Properties.FunctionName).has(fnId));
      expect({ fnId, configs: found.length }).toEqual({ fnId, configs: 1 });
      const config = found[0]![1].Properties;
      expect(config.MaximumRetryAttempts).toBe(asyncInvokePolicy.retryAttempts);
      const [queueId] = [...referencedIds(config.DestinationConfig)];
      expect(resources[queueId!]!.Type).toBe('AWS::SQS::Queue');
      expect(resources[queueId!]!.Properties.KmsMasterKeyId).toBeDefined();
      expect(depthWatched.has(queueId!)).toBe(true);
    }
  });

  it('lets the authorizer accept the console and exactly the configured partner app clients', () => {
    const partnerClient = stack.identity.partnerClients.get(partner.partnerClientId)!;
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: Match.objectLike({
        Audience: [{ Ref: logicalId(stack.identity.webClient) }, { Ref: logicalId(partnerClient) }],
      }),
    });
    expect(resources[logicalId(partnerClient)]!.Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: partner.scopes,
    });
  });

  it('runs the V3 pre-token trigger, which reads the partner mapping from its SSM parameter', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: { 'Fn::GetAtt': [logicalId(stack.preTokenGeneration.fn), 'Arn'] },
          LambdaVersion: 'V3_0',
        },
      },
    });
    const parameter = resources[logicalId(stack.identity.partnerMapping!)]!.Properties;
    const partnerClient = stack.identity.partnerClients.get(partner.partnerClientId)!;
    expect(parameter.Value).toEqual({
      'Fn::Join': [
        '',
        [
          '{"',
          { Ref: logicalId(partnerClient) },
          `":${JSON.stringify({ tenantId: partner.tenantId, partnerClientId: partner.partnerClientId })}}`,
        ],
      ],
    });
    const trigger = resources[logicalId(stack.preTokenGeneration.fn)]!.Properties;
    expect(trigger.Environment).toEqual({
      Variables: expect.objectContaining({ PARTNER_CLIENTS_PARAMETER: parameter.Name }),
    });
    const policy = JSON.stringify(
      ofType('AWS::IAM::Policy').find(([, p]) =>
        referencedIds(p.Properties.Roles).has(logicalId(stack.preTokenGeneration.role)),
      )![1].Properties,
    );
    expect(policy).toContain('"ssm:GetParameter"');
    expect(policy).toContain(`:parameter${String(parameter.Name)}`);
  });

  it('throttles the stage by config, and partner-only routes below it', () => {
    const { apiThrottle, partnerRouteThrottle } = stack.kraj;
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: apiThrottle.rateLimit,
      ThrottlingBurstLimit: apiThrottle.burstLimit,
    });
    const routeSettings = stage.Properties.RouteSettings as Record<string, unknown>;
    expect(Object.keys(routeSettings)).toContain('POST /webhooks/inbound/{partnerClientId}');
    for (const settings of Object.values(routeSettings)) {
      expect(settings).toEqual({
        ThrottlingRateLimit: partnerRouteThrottle.rateLimit,
        ThrottlingBurstLimit: partnerRouteThrottle.burstLimit,
      });
    }
  });

  it('alarms on the API 5xx rate and p99 latency', () => {
    const api = logicalId(stack.api.api);
    expect(alarmsOn('5xx').filter(([, a]) => referencedIds(a.Properties).has(api))).toHaveLength(1);
    expect(alarmsOn('Latency').filter(([, a]) => referencedIds(a.Properties).has(api))).toHaveLength(1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Threshold: alarmThresholds.apiLatencyP99.toMilliseconds(),
    });
  });

  it('alarms on errors, throttles and p99 duration of every function', () => {
    const functions = ofType('AWS::Lambda::Function').filter(([id]) => isOurs(id));
    for (const metric of ['Errors', 'Throttles', 'Duration']) {
      const watched = watchedBy(metric);
      expect(functions.filter(([id]) => !watched.has(id)).map(([id]) => `${metric}: ${id}`)).toEqual([]);
    }
  });

  it('alarms on DynamoDB throttles of every table and on every stream publisher falling behind', () => {
    const throttled = watchedBy('WriteThrottleEvents');
    for (const [id] of ofType('AWS::DynamoDB::GlobalTable')) expect(throttled.has(id)).toBe(true);
    const lagging = watchedBy('IteratorAge');
    for (const service of stack.services.values()) {
      expect(lagging.has(logicalId(service.outbox.publisher.fn))).toBe(true);
    }
  });

  it('alarms on EventBridge failed invocations of every rule', () => {
    const watched = watchedBy('FailedInvocations');
    for (const [id] of ofType('AWS::Events::Rule').filter(([ruleId]) => isOurs(ruleId))) {
      expect({ rule: id, watched: watched.has(id) }).toEqual({ rule: id, watched: true });
    }
  });

  it('alarms on bursts of refused access and sends every alarm to the ops e-mail', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: securityEvents.securityMetricNamespace,
      MetricName: securityEvents.refusedAccessBurstMetric,
      Dimensions: [{ Name: 'service', Value: securityEvents.securityMetricService }],
    });
    const topic = logicalId(stack.alarms.topic);
    for (const [, alarm] of ofType('AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
    }
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: stack.kraj.alarmEmail,
      TopicArn: { Ref: topic },
    });
  });

  it('shows the same figures on a region dashboard', () => {
    const [, dashboard] = ofType('AWS::CloudWatch::Dashboard')[0]!;
    expect(dashboard.Properties.DashboardName).toBe('spolu-cz051');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const service of stack.services.keys()) expect(body).toContain(`${service}: function errors`);
    expect(body).toContain('Alarms');
  });

  it('backs up every table daily (35 days) and monthly (data retention), copied to the second account', () => {
    const days = stack.kraj.dataRetentionYears * 365;
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: 'spolu-cz051-tables',
        BackupPlanRule: [
          Match.objectLike({
            RuleName: 'daily',
            Lifecycle: { DeleteAfterDays: backupSchedule.daily.keep.toDays() },
          }),
          Match.objectLike({
            RuleName: 'monthly',
            Lifecycle: { DeleteAfterDays: days },
            CopyActions: [
              { DestinationBackupVaultArn: copyToVaultArn, Lifecycle: { DeleteAfterDays: days } },
            ],
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      EncryptionKeyArn: { 'Fn::GetAtt': [logicalId(stack.backup.key), 'Arn'] },
    });
    const [, selection] = ofType('AWS::Backup::BackupSelection')[0]!;
    const selected = referencedIds(selection.Properties.BackupSelection);
    for (const service of stack.services.values())
      expect(selected.has(logicalId(service.table.table))).toBe(true);
  });

  it("feeds the authorizer's refusals from the access log to the security log", () => {
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: { Ref: logicalId(stack.api.accessLogs) },
      DestinationArn: { 'Fn::GetAtt': [logicalId(stack.accessLogRefusals.fn), 'Arn'] },
      FilterPattern: '{ ($.status = "401") || ($.status = "403") }',
    });
    // The access log names the refused caller as the security log reads it (platform/access-log).
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    const { Format } = stage.Properties.AccessLogSettings as { Format: string };
    expect(JSON.parse(Format)).toMatchObject({
      status: '$context.status',
      routeKey: '$context.routeKey',
      path: '$context.path',
      integrationStatus: '$context.integration.status',
      sub: '$context.authorizer.claims.sub',
      clientId: '$context.authorizer.claims.client_id',
      partnerClientId: '$context.authorizer.claims.partner_client_id',
      tenantId: '$context.authorizer.claims.tenant_id',
    });
  });

  it('fails synth on an unacknowledged finding of the Serverless pack (the pack is live)', () => {
    const probe = buildTestApp(context);
    // Only the Serverless pack checks an SNS subscription for a redrive policy.
    new Subscription(probe.stacks[0]!, 'ProbeWithoutRedrive', {
      topic: probe.stacks[0]!.alarms.topic,
      protocol: SubscriptionProtocol.EMAIL,
      endpoint: 'probe@spolu.cz',
    });
    let message = '';
    try {
      probe.app.synth();
    } catch (error) {
      message = String(error);
    }
    const reportPath = /found in: (\S+validation-report\.json)/.exec(message)?.[1];
    expect(reportPath).toBeDefined();
    const report = readFileSync(reportPath!, 'utf8');
    expect(report).toContain('Serverless-SNSRedrivePolicy');
    expect(report).toContain('ProbeWithoutRedrive');
  });
});
