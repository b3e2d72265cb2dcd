import type { DynamoDbLocal } from '../src/dynamodb-local';

export default async function globalTeardown() {
  await (globalThis as { __spoluDynamo?: DynamoDbLocal }).__spoluDynamo?.stop();
}
