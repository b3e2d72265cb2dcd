// A service's single table, built from the same definition DynamoDB Local uses, so the local
// runtime and AWS can never disagree about keys or indexes.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { ServiceManifest, TableDefinition } from '@spolu/platform';
import { keyNames, physicalTableName, tableDefinition } from '@spolu/platform';
import { Construct } from 'constructs';

/** What a handler does with its table. Scan is left out on purpose: every access path in a
 * single-table design starts with a tenant-prefixed key, and a scan would read across tenants. */
const itemActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
/** DynamoDB encrypts with the table key on the caller's behalf; named actions, no wildcards. */
const keyActions = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];

export interface ServiceTableProps {
  manifest: ServiceManifest;
  /** `spolu-CZ051`: physical names are `<prefix>-<service>`. */
  namePrefix: string;
}

export class ServiceTable extends Construct {
  readonly table: TableV2;
  readonly key: Key;
  readonly definition: TableDefinition;

  constructor(scope: Construct, id: string, props: ServiceTableProps) {
    super(scope, id);
    this.definition = tableDefinition(props.manifest);
    this.key = new Key(this, 'Key', {
      description: `Spolu table ${props.namePrefix}-${props.manifest.name}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    const string = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      tableName: physicalTableName(props.namePrefix, props.manifest.name),
      partitionKey: string(keyNames.pk),
      sortKey: string(keyNames.sk),
      globalSecondaryIndexes: this.definition.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: string(index.pk),
        sortKey: string(index.sk),
      })),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The outbox publisher reads inserted outbox items from the stream.
      dynamoStream: StreamViewType.NEW_IMAGE,
      timeToLiveAttribute: keyNames.ttl,
    });
  }

  /** Exact ARNs of the table and each of its indexes: no `index/*` wildcard. */
  private arns(indexNames = this.definition.indexes.map((index) => index.name)) {
    return [this.table.tableArn, ...indexNames.map((name) => `${this.table.tableArn}/index/${name}`)];
  }

  /** Item reads and writes for the service's own handlers. */
  grantItemAccess(grantee: IGrantable) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: itemActions, resources: this.arns() }),
    );
    this.grantKeyUse(grantee);
  }

  /** The migration runner alone may Scan (a migration walks every item of the table, across
   * tenants, to change its layout) besides reading and writing items and its progress records. */
  grantMigrationAccess(grantee: IGrantable) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:Scan', ...itemActions], resources: [this.table.tableArn] }),
    );
    this.grantKeyUse(grantee);
  }

  /** Only what the outbox path needs: query the sparse outbox index and mark items published. */
  grantOutboxAccess(grantee: IGrantable, outboxIndexName: string) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [this.table.tableArn] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: this.arns([outboxIndexName]).slice(1) }),
    );
    this.grantKeyUse(grantee);
  }

  private grantKeyUse(grantee: IGrantable) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: keyActions, resources: [this.key.keyArn] }),
    );
  }
}
