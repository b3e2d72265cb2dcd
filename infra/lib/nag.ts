// cdk-nag findings this design accepts on purpose. Each is acknowledged on the construct that
// raises it, with the exact finding id (never a whole rule for the stack) and the reason below.
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export const acceptedFindings = {
  xrayWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no ' +
      'resource-level permissions (Resource must be *). Every other statement names exact ARNs; ' +
      'test/infra checks that * appears only with these actions.',
  },
  subjectKeyNoRotation: {
    id: 'AwsSolutions-SMG4',
    reason:
      'The subject-key secret is an HMAC key for pseudonymous statistics keys. Rotating it would ' +
      'split every client into two pseudonyms and break unique-client counts across years; it is ' +
      'protected by a dedicated CMK, read only by service handlers, and retained on stack deletion.',
  },
  deadLetterQueueWithoutDlq: (purpose: string) => [
    {
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself the dead-letter queue of ${purpose}; a DLQ of a DLQ would only move the problem. It is alarmed on depth.`,
    },
    {
      id: 'Serverless::Serverless-SQSRedrivePolicy',
      reason: `This queue is itself the dead-letter queue of ${purpose}; nothing consumes it but the redrive command, so there is nothing to redrive it to. It is alarmed on depth.`,
    },
  ],
  functionWithoutDlq: {
    id: 'Serverless::Serverless-LambdaDLQ',
    reason:
      'Failed asynchronous invocations go to an on-failure destination (AWS::Lambda::EventInvokeConfig), ' +
      'which keeps the error and the attempts as well as the event, instead of a function DLQ; functions ' +
      'invoked synchronously (API Gateway, Cognito, the stream event source mapping with its own ' +
      'on-failure queue) have nothing to dead-letter. test/infra pins an on-failure destination on every ' +
      'function EventBridge invokes.',
  },
  queueEventSourceWithoutDestination: (queue: string) => ({
    id: 'Serverless::Serverless-LambdaEventSourceMappingDestination',
    reason:
      `An SQS event source mapping has no on-failure destination (Lambda supports one only for ` +
      `streams and Kafka): a message of ${queue} that keeps failing moves to the queue's own ` +
      'dead-letter queue after maxReceiveCount receives (its redrive policy), which is alarmed on depth.',
  }),
  backupServiceRole: [
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        "AWS Backup's own service role policy, attached by aws-cdk-lib's BackupSelection to the role " +
        'AWS Backup assumes to snapshot the tables; AWS maintains it as the service gains resource types.',
    },
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
      reason:
        "AWS Backup's own restore policy, attached by aws-cdk-lib's BackupSelection so a restore drill " +
        'can run with the same role.',
    },
  ],
  sweepScheduleWithoutDlq: {
    id: 'Serverless::Serverless-EventBusDLQ',
    reason:
      'The outbox sweep schedule fires every 5 minutes and each sweep covers everything still pending: a ' +
      'missed sweep is made good by the next one, and the sweeper has an on-failure destination and an ' +
      'errors alarm.',
  },
  alarmEmailWithoutDlq: {
    id: 'Serverless::Serverless-SNSRedrivePolicy',
    reason:
      'The e-mail subscription of the ops alarm topic: an alarm that cannot be mailed stays in ALARM on ' +
      'the region dashboard, and CloudWatch re-notifies on the next state change; a DLQ of alarm ' +
      'notifications would need its own watcher.',
  },
  logBucketWithoutLogs: {
    id: 'AwsSolutions-S1',
    reason:
      "This bucket receives the console bucket's S3 server access logs and the CloudFront logs; " +
      'logging it into itself would loop and into another bucket would only move the finding.',
  },
  consoleDistribution: [
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: the console is static code without data (client data comes only from the ' +
        'API behind the JWT authorizer), and field workers near the borders or on foreign mobile ' +
        'networks must still reach it.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF web ACL: the distribution serves only public static files without sign-in or data; the ' +
        'protected surface is the HTTP API (JWT authorizer, scopes, stage throttling).',
    },
    {
      id: 'AwsSolutions-CFR4',
      reason:
        'The console uses the default *.cloudfront.net certificate, for which CloudFront fixes the ' +
        'minimum viewer protocol at TLSv1; browsers negotiate TLS 1.2/1.3. With a custom domain and an ' +
        'ACM certificate set minimumProtocolVersion TLSv1.2_2021 (infra/README.md, open points).',
    },
  ],
  /** The handler aws-cdk-lib's BucketDeployment brings, as it builds it (not configurable). */
  consoleDeployment: (buckets: { assets: string; site: string }) => {
    const grants =
      `BucketDeployment's handler runs only during deployments and syncs the build from the CDK asset ` +
      `bucket into the console bucket; aws-cdk-lib grants it read on ${buckets.assets} and ` +
      `read/write/delete (prune) on ${buckets.site}, nothing else.`;
    return [
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: grants,
      })),
      ...[buckets.assets, buckets.site].map((bucket) => ({
        id: `AwsSolutions-IAM5[Resource::arn:aws:s3:::${bucket}/*]`,
        reason: grants,
      })),
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'cloudfront:CreateInvalidation and cloudfront:GetInvalidation, granted on * by aws-cdk-lib ' +
          "BucketDeployment, so a deployment can invalidate the console distribution's cache.",
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `AWSLambdaBasicExecutionRole (its own logs) is attached by aws-cdk-lib BucketDeployment. ${grants}`,
      },
      ...['AwsSolutions-L1', 'Serverless::Serverless-LambdaLatestVersion'].map((id) => ({
        id,
        reason:
          'The BucketDeployment handler runtime (Python) is chosen by aws-cdk-lib and not configurable; ' +
          'it moves with aws-cdk-lib upgrades. It runs only during deployments.',
      })),
      {
        id: 'Serverless::Serverless-LambdaDLQ',
        reason:
          'The BucketDeployment handler is invoked by CloudFormation as a custom resource and reports its ' +
          'outcome back to the deployment, which fails and rolls back on an error: nothing to dead-letter.',
      },
      {
        id: 'Serverless::Serverless-LambdaTracing',
        reason:
          'The BucketDeployment handler is built by aws-cdk-lib without tracing options; it runs only ' +
          'during deployments and carries no client data.',
      },
    ];
  },
} as const;

type Finding = { id: string; reason: string };

export const acknowledge = (construct: IConstruct, findings: Finding | readonly Finding[]) =>
  Validations.of(construct).acknowledge(...[findings].flat());
