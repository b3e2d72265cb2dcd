// Customer-managed KMS keys shared by a region stack. Tables get their own key (ServiceTable);
// these cover logs and messaging. Each key policy names the AWS service that must use it, because
// service principals are not covered by IAM grants on our roles.
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

const regionKey = (scope: Construct, id: string, description: string) =>
  new Key(scope, id, {
    description,
    enableKeyRotation: true,
    rotationPeriod: Duration.days(365),
    // Deleting a key makes everything it encrypted unreadable; keep it past stack deletion.
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });

export class RegionKeys extends Construct {
  /** CloudWatch Logs: Lambda logs and API access logs. */
  readonly logs: Key;
  /** SQS dead-letter queues, the alarm SNS topic, the EventBridge bus and its archive. */
  readonly messaging: Key;
  /** The per-region subject-key (HMAC) secret. */
  readonly secrets: Key;

  constructor(scope: Construct, id: string, regionCode: string) {
    super(scope, id);
    const stack = Stack.of(this);

    this.logs = regionKey(this, 'LogsKey', `Spolu ${regionCode}: CloudWatch Logs`);
    this.logs.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );

    this.messaging = regionKey(this, 'MessagingKey', `Spolu ${regionCode}: queues, alarms topic, event bus`);
    // EventBridge delivers failed events to encrypted DLQs; CloudWatch publishes alarms to the
    // encrypted topic. Both act as service principals and need the key policy to allow them.
    this.messaging.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    // CloudWatch alarm actions carry no source-account context, so this one cannot be narrowed.
    this.messaging.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );

    this.secrets = regionKey(this, 'SecretsKey', `Spolu ${regionCode}: Secrets Manager`);
  }
}
