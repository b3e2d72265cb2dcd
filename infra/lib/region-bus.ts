// The region's event bus: every service publishes here through its outbox, every subscription
// rule listens here. The archive keeps events for replay (rebuilding stats, a new consumer).
import type { Duration } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { CfnArchive } from 'aws-cdk-lib/aws-events';
import { Archive, EventBus, Match } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface RegionBusProps {
  name: string;
  key: IKey;
  archiveRetention: Duration;
}

export class RegionBus extends Construct {
  readonly bus: EventBus;
  readonly archive: Archive;

  constructor(scope: Construct, id: string, props: RegionBusProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: props.name, kmsKey: props.key });
    // Archive's own kmsKey option writes the bus ARN (a GetAtt) into the key policy while the bus
    // references the key: a dependency cycle. So the archive gets the key by its CloudFormation
    // property and the key policy names the bus by its known ARN instead.
    this.archive = new Archive(this, 'Archive', {
      sourceEventBus: this.bus,
      description: `Every Spolu event on ${props.name}, for replay`,
      eventPattern: { source: Match.prefix('spolu.') },
      retention: props.archiveRetention,
    });
    (this.archive.node.defaultChild as CfnArchive).kmsKeyIdentifier = props.key.keyArn;
    const busArn = Stack.of(this).formatArn({
      service: 'events',
      resource: 'event-bus',
      resourceName: props.name,
    });
    props.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeArchive',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:EncryptionContext:aws:events:event-bus:arn': busArn } },
      }),
    );
    // DescribeKey carries no encryption context, so it is limited to this account instead.
    props.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeDescribeKey',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
  }
}
