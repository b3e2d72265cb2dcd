// Creates the service tables in DynamoDB Local from the same definition the CDK stack uses.
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { ServiceManifest } from '@spolu/platform';
import { keyNames, physicalTableName, tableDefinition } from '@spolu/platform';

export const ensureTable = async (client: DynamoDBClient, prefix: string, manifest: ServiceManifest) => {
  const def = tableDefinition(manifest);
  const tableName = physicalTableName(prefix, def.logicalName);
  const attributes = new Set<string>([keyNames.pk, keyNames.sk, ...def.indexes.flatMap((i) => [i.pk, i.sk])]);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: keyNames.pk, KeyType: 'HASH' },
          { AttributeName: keyNames.sk, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: def.indexes.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.pk, KeyType: 'HASH' },
            { AttributeName: i.sk, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${tableName} has no stream`);
  return { tableName, streamArn };
};
