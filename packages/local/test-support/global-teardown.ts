import type { DynamoDbLocal } from '../src/dynamodb-local';

/** @public jest.config.js names this file (globalSetup/globalTeardown). */
export default async function globalTeardown() {
  const instances = (globalThis as { __spoluDynamo?: DynamoDbLocal[] }).__spoluDynamo ?? [];
  await Promise.all(instances.map((i) => i.stop()));
}
