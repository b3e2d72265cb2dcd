// One in-memory DynamoDB Local for the whole jest run; each test file uses its own table prefix.
import { startDynamoDbLocal } from '../src/dynamodb-local';

export default async function globalSetup() {
  if (process.env.SPOLU_TEST_DYNAMODB_ENDPOINT) return;
  const local = await startDynamoDbLocal();
  process.env.SPOLU_TEST_DYNAMODB_ENDPOINT = local.endpoint;
  (globalThis as { __spoluDynamo?: typeof local }).__spoluDynamo = local;
}
