// Synthesizes every region stack in-process (bundling skipped) and checks the promises the design
// makes about AWS: encrypted, recoverable tables; every route behind the JWT authorizer with the
// manifest's scopes; least-privilege roles; retention, throttling, alarms; zero cdk-nag findings.
// Expectations come from the manifests, so a new service or route is covered without a test edit.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { allScopes, eventSource } from '@spolu/contracts';
import { outboxStreamFilter, routesOf, tableDefinition } from '@spolu/platform';
import type { RegionStack } from '../../infra/lib/region-stack';
import {
  actionsOf,
  buildTestApp,
  logicalId,
  referencedIds,
  regionTemplates,
  resourcesOf,
  testManifests,
} from './support';
import type { Statement } from './support';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let stacks: RegionStack[];
const templates = new Map<RegionStack, Template>();
const counts = new Map<RegionStack, Map<string, number>>();
let synthError: unknown;

// One synthesis for everything: it runs the cdk-nag validation and yields every template.
beforeAll(() => {
  const built = buildTestApp();
  stacks = built.stacks;
  try {
    const assembly = built.app.synth();
    for (const stack of stacks) {
      const region = regionTemplates(assembly, stack);
      templates.set(stack, region.merged);
      counts.set(stack, region.counts);
    }
  } catch (error) {
    synthError = error;
  }
});

const each = (check: (stack: RegionStack, template: Template, resources: Resources) => void) => () => {
  if (synthError) throw synthError;
  expect(stacks.length).toBeGreaterThan(0);
  for (const stack of stacks) {
    const template = templates.get(stack)!;
    check(stack, template, template.toJSON().Resources as Resources);
  }
};

const ofType = (resources: Resources, type: string) =>
  Object.entries(resources).filter(([, resource]) => resource.Type === type);
/** The console's nested stacks hold aws-cdk-lib's BucketDeployment (its own runtime and role);
 * infra/test/console.test.ts checks them. */
const ofOurType = (resources: Resources, type: string) =>
  ofType(resources, type).filter(([id]) => !/^Console(Hosting|Content)\./.test(id));

describe('region stacks', () => {
  it(
    "keeps every template far from CloudFormation's 500 resources, and outputs what the runbook needs",
    each((stack, template) => {
      // Each service is a nested stack (the largest, intake, ~110 today). A tripwire well below the
      // hard limit: past 400, split the service or its routes before CloudFormation refuses it.
      const sizes = [...counts.get(stack)!.entries()];
      expect(sizes.length).toBe(1 + stack.services.size + 2);
      expect(sizes.filter(([, size]) => size > 400)).toEqual([]);
      expect(Math.max(...sizes.map(([, size]) => size))).toBeLessThanOrEqual(250);
      const outputs = Object.keys(template.toJSON().Outputs ?? {});
      expect(outputs).toEqual(
        expect.arrayContaining([
          'ApiUrl',
          'UserPoolId',
          'EventBusArn',
          'EventArchiveArn',
          'BackupVaultName',
          'BackupPlanId',
          'DashboardName',
          'PartnerMappingParameter',
        ]),
      );
      const upper = (word: string) => word[0]!.toUpperCase() + word.slice(1);
      for (const [name, service] of stack.services) {
        expect(outputs).toEqual(
          expect.arrayContaining([
            `${upper(name)}TableName`,
            `${upper(name)}OutboxSweeper`,
            `${upper(name)}Migrate`,
            `${upper(name)}OutboxDeadLetterQueueUrl`,
            // what the redrive command takes, one per consumer
            ...[...service.asyncTargets.keys()].map((handler) => `${upper(name)}${upper(handler)}Consumer`),
          ]),
        );
      }
    }),
  );

  it('builds one stack per configured kraj', () => {
    expect(stacks.map((stack) => stack.stackName).sort()).toEqual([
      'Spolu-CZ051',
      'Spolu-CZ063',
      'Spolu-CZ072',
    ]);
  });

  it(
    'gives every service one encrypted, recoverable, protected table with a stream and TTL',
    each((stack, template, resources) => {
      const tables = ofType(resources, 'AWS::DynamoDB::GlobalTable');
      expect(tables).toHaveLength(testManifests.length);
      for (const manifest of testManifests) {
        const service = stack.services.get(manifest.name)!;
        const keyId = logicalId(service.table.key);
        template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
          TableName: `spolu-${stack.kraj.code.toLowerCase()}-${manifest.name}`,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: tableDefinition(manifest).indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.pk, KeyType: 'HASH' },
              { AttributeName: index.sk, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          })),
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
          StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
          Replicas: [
            Match.objectLike({
              DeletionProtectionEnabled: true,
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
              SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
            }),
          ],
        });
        template.hasResource('AWS::DynamoDB::GlobalTable', {
          DeletionPolicy: 'Retain',
          Properties: Match.objectLike({ TableName: Match.stringLikeRegexp(`-${manifest.name}$`) }),
        });
      }
      for (const [, key] of ofType(resources, 'AWS::KMS::Key')) {
        expect(key.Properties.EnableKeyRotation).toBe(true);
      }
    }),
  );

  it(
    'puts every manifest route, and nothing else, behind the Cognito JWT authorizer with its scopes',
    each((stack, template, resources) => {
      const authorizers = ofType(resources, 'AWS::ApiGatewayV2::Authorizer');
      expect(authorizers).toHaveLength(1);
      const [authorizerId] = authorizers[0]!;
      const routes = ofType(resources, 'AWS::ApiGatewayV2::Route');
      const expected = testManifests.flatMap((manifest) => routesOf(manifest).map(({ route }) => route));
      expect(routes.map(([, route]) => route.Properties.RouteKey).sort()).toEqual(
        expected.map((route) => `${route.method} ${route.path}`).sort(),
      );
      for (const route of expected) {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: `${route.method} ${route.path}`,
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
          AuthorizationScopes: [...route.scopes],
        });
      }
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: logicalId(stack.identity.webClient) }],
          Issuer: {
            'Fn::Join': [
              '',
              [
                Match.stringLikeRegexp('^https://cognito-idp\\.'),
                { Ref: logicalId(stack.identity.userPool) },
              ],
            ],
          },
        },
      });
    }),
  );

  it(
    'routes each manifest handler to its own function',
    each((stack, _template, resources) => {
      const integrations = Object.fromEntries(ofType(resources, 'AWS::ApiGatewayV2::Integration'));
      for (const manifest of testManifests) {
        for (const { handler, route } of routesOf(manifest)) {
          const [, resource] = ofType(resources, 'AWS::ApiGatewayV2::Route').find(
            ([, r]) => r.Properties.RouteKey === `${route.method} ${route.path}`,
          )!;
          const [integrationId] = [...referencedIds(resource.Properties.Target)];
          const fnId = logicalId(stack.services.get(manifest.name)!.handlers.get(handler)!.fn);
          expect(referencedIds(integrations[integrationId!]!.Properties.IntegrationUri)).toEqual(
            new Set([fnId]),
          );
        }
      }
    }),
  );

  it(
    "limits every function's role to its own table, key, log group, queues and the region bus",
    each((stack, _template, resources) => {
      const policies = ofType(resources, 'AWS::IAM::Policy');
      const policyOf = (roleId: string) => {
        const attached = policies.filter(([, p]) => referencedIds(p.Properties.Roles).has(roleId));
        expect(attached).toHaveLength(1);
        return (attached[0]![1].Properties.PolicyDocument as { Statement: Statement[] }).Statement;
      };
      const busId = logicalId(stack.bus.bus);
      const secretIds = [logicalId(stack.subjectKeySecret), logicalId(stack.keys.secrets)];
      const checks: { name: string; roleId: string; allowed: string[] }[] = [];

      for (const manifest of testManifests) {
        const service = stack.services.get(manifest.name)!;
        const own = [logicalId(service.table.table), logicalId(service.table.key)];
        const messagingKey = logicalId(stack.keys.messaging);
        for (const [name, handler] of service.handlers) {
          // A function EventBridge invokes may also send its failed invocations to its own queue.
          const failures = service.asyncTargets.get(name)?.failures.queue;
          // A queue consumer reads its queue; a handler with `sendsTo` sends to those queues.
          const queues = [name, ...(manifest.handlers[name]?.sendsTo ?? [])]
            .map((q) => service.queues.get(q)?.queue)
            .filter((q) => q !== undefined);
          checks.push({
            name: `${manifest.name}.${name}`,
            roleId: logicalId(handler.role),
            allowed: [
              ...own,
              logicalId(handler.logGroup),
              ...secretIds,
              ...(failures ? [logicalId(failures), messagingKey] : []),
              ...queues.flatMap((q) => [logicalId(q), messagingKey]),
              // The inbox's mailer sends from the region's SES identity (and nothing else).
              ...(manifest.handlers[name]?.sendsMail ? [logicalId(stack.mailIdentity)] : []),
            ],
          });
        }
        const { publisher, sweeper, deadLetters } = service.outbox;
        const outboxAllowed = [...own, busId, logicalId(deadLetters.queue), logicalId(stack.keys.messaging)];
        checks.push({
          name: `${manifest.name} publisher`,
          roleId: logicalId(publisher.role),
          allowed: [...outboxAllowed, logicalId(publisher.logGroup)],
        });
        checks.push({
          name: `${manifest.name} sweeper`,
          roleId: logicalId(sweeper.role),
          allowed: [
            ...own,
            busId,
            logicalId(sweeper.logGroup),
            logicalId(service.outbox.sweeperFailures.queue),
            messagingKey,
          ],
        });
      }
      checks.push({
        name: 'pre-token-generation',
        roleId: logicalId(stack.preTokenGeneration.role),
        // and ssm:GetParameter on the partner mapping, by ARN (test/infra/safeguards.test.ts)
        allowed: [logicalId(stack.preTokenGeneration.logGroup)],
      });
      const refusals = stack.accessLogRefusals;
      checks.push({
        name: 'access-log refusals',
        roleId: logicalId(refusals.role),
        allowed: [
          logicalId(refusals.logGroup),
          busId,
          logicalId(refusals.node.findChild('FailedInvocations').node.findChild('Queue')),
          logicalId(stack.keys.messaging),
        ],
      });
      for (const [name, service] of stack.services) {
        checks.push({
          name: `${name} migrate`,
          roleId: logicalId(service.migrate.role),
          allowed: [
            logicalId(service.table.table),
            logicalId(service.table.key),
            logicalId(service.migrate.logGroup),
          ],
        });
      }

      for (const check of checks) {
        const statements = policyOf(check.roleId);
        const referenced = [...referencedIds(statements)];
        expect({ role: check.name, outside: referenced.filter((id) => !check.allowed.includes(id)) }).toEqual(
          {
            role: check.name,
            outside: [],
          },
        );
        for (const statement of statements) {
          expect(statement.Effect).toBe('Allow');
          // Named actions only: no `dynamodb:*`, `kms:GenerateDataKey*`, `sqs:*`.
          for (const action of actionsOf(statement)) expect(`${check.name}: ${action}`).not.toMatch(/\*/);
          // A bare `*` resource is accepted only where AWS offers nothing narrower (X-Ray).
          if (resourcesOf(statement).includes('*')) {
            expect(actionsOf(statement).sort()).toEqual([
              'xray:PutTelemetryRecords',
              'xray:PutTraceSegments',
            ]);
          }
        }
      }
      // No role outside this list, and none with an AWS managed policy but the one AWS Backup
      // assumes (its service policies, acknowledged in infra/lib/nag.ts).
      const backupRole = logicalId(
        stack.backup.node.findChild('Plan').node.findChild('Tables').node.findChild('Role'),
      );
      const roles = ofOurType(resources, 'AWS::IAM::Role').filter(([id]) => id !== backupRole);
      expect(roles.map(([id]) => id).sort()).toEqual(checks.map((check) => check.roleId).sort());
      for (const [, role] of roles) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(resources[backupRole]!.Properties.AssumeRolePolicyDocument).toMatchObject({
        Statement: [expect.objectContaining({ Principal: { Service: 'backup.amazonaws.com' } })],
      });
    }),
  );

  it(
    "lets only the inbox's mailer send e-mail: through SES, from the region's own identity and address",
    each((stack, template, resources) => {
      const identity = logicalId(stack.mailIdentity);
      expect(resources[identity]).toMatchObject({
        Type: 'AWS::SES::EmailIdentity',
        Properties: { EmailIdentity: stack.kraj.domain },
      });
      const mailer = stack.services.get('inbox')!.handlers.get('mailer')!;
      const sending: string[] = [];
      for (const [id, policy] of ofType(resources, 'AWS::IAM::Policy')) {
        const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
        for (const statement of statements.filter((st) => actionsOf(st).some((a) => a.startsWith('ses:')))) {
          sending.push(id);
          expect(referencedIds(policy.Properties.Roles)).toEqual(new Set([logicalId(mailer.role)]));
          expect(referencedIds(statement.Resource)).toEqual(new Set([identity]));
          expect(statement.Condition).toEqual({
            StringLike: { 'ses:FromAddress': `noreply@${stack.kraj.domain}` },
          });
        }
      }
      expect(sending).toHaveLength(1);
      template.hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [logicalId(mailer.role), 'Arn'] },
        Environment: {
          Variables: Match.objectLike({
            MAIL_TRANSPORT: 'ses',
            MAIL_FROM: `Spolu <noreply@${stack.kraj.domain}>`,
          }),
        },
      });
    }),
  );

  it(
    'runs every function on Node 24 arm64 with tracing and the environment the platform reads',
    each((stack, template, resources) => {
      for (const [, fn] of ofOurType(resources, 'AWS::Lambda::Function')) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogFormat: 'JSON' },
        });
      }
      const code = stack.kraj.code;
      for (const manifest of testManifests) {
        const service = stack.services.get(manifest.name)!;
        for (const [, handler] of service.handlers) {
          template.hasResourceProperties('AWS::Lambda::Function', {
            Role: { 'Fn::GetAtt': [logicalId(handler.role), 'Arn'] },
            Environment: {
              Variables: Match.objectLike({
                SPOLU_REGION: code,
                TABLE_NAME: { Ref: logicalId(service.table.table) },
                EVENT_BUS_NAME: { Ref: logicalId(stack.bus.bus) },
                SUBJECT_KEY_SECRET_ARN: { Ref: logicalId(stack.subjectKeySecret) },
                POWERTOOLS_SERVICE_NAME: manifest.name,
              }),
            },
          });
        }
      }
    }),
  );

  it(
    'keeps logs for the configured retention, encrypted, and throttles and logs the API stage',
    each((stack, template, resources) => {
      const config = stack.kraj;
      const logGroups = ofType(resources, 'AWS::Logs::LogGroup');
      expect(logGroups.length).toBeGreaterThan(0);
      for (const [, group] of logGroups) {
        expect(group.Properties.RetentionInDays).toBe(config.logRetentionDays);
        expect(referencedIds(group.Properties.KmsKeyId)).toEqual(new Set([logicalId(stack.keys.logs)]));
      }
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        DefaultRouteSettings: {
          ThrottlingBurstLimit: Match.anyValue(),
          ThrottlingRateLimit: Match.anyValue(),
        },
        AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [logicalId(stack.api.accessLogs), 'Arn'] } },
      });
    }),
  );

  it(
    'turns every subscription and schedule into a rule with retries and a dead-letter queue',
    each((stack, template) => {
      for (const manifest of testManifests) {
        for (const [name, spec] of Object.entries(manifest.handlers)) {
          const fnId = logicalId(stack.services.get(manifest.name)!.handlers.get(name)!.fn);
          const target = Match.objectLike({
            Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
            RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 6 * 3600 },
            DeadLetterConfig: { Arn: Match.anyValue() },
          });
          for (const subscription of spec.subscriptions ?? []) {
            template.hasResourceProperties('AWS::Events::Rule', {
              EventBusName: { Ref: logicalId(stack.bus.bus) },
              EventPattern: {
                source: [eventSource(subscription.source)],
                'detail-type': [...subscription.types],
              },
              Targets: [target],
            });
          }
          if (spec.schedule) {
            template.hasResourceProperties('AWS::Events::Rule', {
              ScheduleExpression: spec.schedule,
              Targets: [target],
            });
          }
        }
      }
      // The fixture guarantees the paths above are exercised even while no real service subscribes.
      expect(testManifests.some((m) => Object.values(m.handlers).some((h) => h.subscriptions?.length))).toBe(
        true,
      );
    }),
  );

  it(
    'pushes webhooks: the sender consumes an encrypted SQS queue with a DLQ, reports batch item failures, and no schedule runs it every minute',
    each((stack, template, resources) => {
      const manifest = testManifests.find((m) => m.name === 'webhooks')!;
      const spec = manifest.handlers.sender!.queue!;
      const service = stack.services.get('webhooks')!;
      const sender = service.handlers.get('sender')!;
      const { queue, deadLetters } = service.queues.get('sender')!;
      const [queueId, dlqId, fnId] = [logicalId(queue), logicalId(deadLetters.queue), logicalId(sender.fn)];
      const messagingKey = logicalId(stack.keys.messaging);

      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        FunctionName: { Ref: fnId },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: spec.batchSize,
      });
      // SSE with the region's messaging key, a redrive policy to its own DLQ (also encrypted),
      // TLS only, and a visibility timeout of at least six function timeouts (AWS's advice).
      for (const id of [queueId, dlqId])
        expect(referencedIds(resources[id]!.Properties.KmsMasterKeyId)).toEqual(new Set([messagingKey]));
      expect(resources[queueId]!.Properties).toMatchObject({
        VisibilityTimeout: spec.visibilityTimeoutSeconds,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
          maxReceiveCount: spec.maxReceiveCount,
        },
      });
      expect(spec.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * sender.timeout.toSeconds());
      const queuePolicies = ofType(resources, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
        referencedIds(p.Properties.Queues).has(queueId),
      );
      expect(JSON.stringify(queuePolicies.map(([, p]) => p.Properties.PolicyDocument))).toContain(
        '"aws:SecureTransport":"false"',
      );
      const alarmed = (id: string) =>
        ofType(resources, 'AWS::CloudWatch::Alarm').some(([, a]) =>
          referencedIds(a.Properties.Dimensions).has(id),
        );
      expect([alarmed(queueId), alarmed(dlqId)]).toEqual([true, true]);

      // Event-driven, not scheduled: the only rule that runs the sender is the slow sweep of
      // retries due later than SQS's 15-minute delay (docs/WEBHOOKS.md), never every minute.
      const schedules = ofType(resources, 'AWS::Events::Rule')
        .filter(([, rule]) => referencedIds(rule.Properties.Targets).has(fnId))
        .map(([, rule]) => rule.Properties.ScheduleExpression);
      expect(schedules).toEqual(['rate(5 minutes)']);

      // The fanout consumer (and the API handlers that queue pings and replays) send to it.
      for (const name of ['fanout', 'subscriptions', 'deliveries', 'sender'])
        template.hasResourceProperties('AWS::Lambda::Function', {
          Role: { 'Fn::GetAtt': [logicalId(service.handlers.get(name)!.role), 'Arn'] },
          Environment: { Variables: Match.objectLike({ QUEUE_URL_SENDER: { Ref: queueId } }) },
        });
    }),
  );

  it(
    'publishes each table outbox from its stream with the platform filter and sweeps every 5 minutes',
    each((stack, template) => {
      for (const manifest of testManifests) {
        const { table, outbox } = stack.services.get(manifest.name)!;
        template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          EventSourceArn: { 'Fn::GetAtt': [logicalId(table.table), 'StreamArn'] },
          FunctionName: { Ref: logicalId(outbox.publisher.fn) },
          FilterCriteria: { Filters: [{ Pattern: JSON.stringify(outboxStreamFilter.pattern) }] },
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          BisectBatchOnFunctionError: true,
          MaximumRetryAttempts: Match.anyValue(),
          DestinationConfig: {
            OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(outbox.deadLetters.queue), 'Arn'] } },
          },
        });
        template.hasResourceProperties('AWS::Events::Rule', {
          ScheduleExpression: 'rate(5 minutes)',
          Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(outbox.sweeper.fn), 'Arn'] } })],
        });
      }
    }),
  );

  it(
    'encrypts the bus, its archive, every queue and the alarm topic, and alarms on every function and queue',
    each((stack, template, resources) => {
      const messagingKey = logicalId(stack.keys.messaging);
      template.hasResourceProperties('AWS::Events::EventBus', {
        KmsKeyIdentifier: { 'Fn::GetAtt': [messagingKey, 'Arn'] },
      });
      template.hasResourceProperties('AWS::Events::Archive', {
        KmsKeyIdentifier: { 'Fn::GetAtt': [messagingKey, 'Arn'] },
        RetentionDays: Match.anyValue(),
      });
      template.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::GetAtt': [messagingKey, 'Arn'] },
      });
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email' });

      const queues = ofType(resources, 'AWS::SQS::Queue');
      const alarms = ofType(resources, 'AWS::CloudWatch::Alarm');
      const watched = new Set(alarms.flatMap(([, alarm]) => [...referencedIds(alarm.Properties.Dimensions)]));
      for (const [id, queue] of queues) {
        expect(referencedIds(queue.Properties.KmsMasterKeyId)).toEqual(new Set([messagingKey]));
        expect(watched.has(id)).toBe(true);
      }
      for (const [id] of ofOurType(resources, 'AWS::Lambda::Function')) expect(watched.has(id)).toBe(true);
      const topicId = logicalId(stack.alarms.topic);
      for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      // Every queue policy denies plain HTTP.
      for (const [, policy] of ofType(resources, 'AWS::SQS::QueuePolicy')) {
        expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
      }
    }),
  );

  it(
    'issues tokens from a Plus-tier, MFA-required pool with every scope and a V3 pre-token trigger',
    each((stack, template) => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        UserPoolTier: 'PLUS',
        MfaConfiguration: 'ON',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        LambdaConfig: {
          PreTokenGenerationConfig: {
            LambdaArn: { 'Fn::GetAtt': [logicalId(stack.preTokenGeneration.fn), 'Arn'] },
            LambdaVersion: 'V3_0',
          },
        },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'tenant_id' }),
          Match.objectLike({ Name: 'roles' }),
        ]),
      });
      template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
        Identifier: 'spolu',
        Scopes: allScopes.map((scope) => ({
          ScopeName: scope.replace(/^spolu\//, ''),
          ScopeDescription: scope,
        })),
      });
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        AllowedOAuthFlows: ['code'],
        GenerateSecret: false,
        // The user must never be able to grant themselves a tenant or a role.
        WriteAttributes: ['name'],
      });
    }),
  );

  it('passes AwsSolutions checks with zero unacknowledged findings', () => {
    // On failure the message lists each finding with its construct path and acknowledge id.
    expect(synthError).toBeUndefined();
  });

  it('fails synth on an unacknowledged cdk-nag finding (the check above is live)', () => {
    const {
      app: probe,
      stacks: [stack],
    } = buildTestApp({ region: 'CZ051' });
    new Queue(stack!, 'UnencryptedProbe', { encryption: QueueEncryption.UNENCRYPTED });
    expect(() => probe.synth()).toThrow(/Validation failed|AwsSolutions/);
  });
});
