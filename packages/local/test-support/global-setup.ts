// One in-memory DynamoDB Local per jest worker; each test file uses its own table prefix. A single
// instance saturates one core (it serialises requests), so with two workers one shared JVM was
// the bottleneck of the whole suite; two instances use both cores.
import { startDynamoDbLocal } from '../src/dynamodb-local';
import type { DynamoDbLocal } from '../src/dynamodb-local';

/** @public jest.config.js names this file (globalSetup/globalTeardown). */
export default async function globalSetup(config: { maxWorkers?: number }) {
  if (process.env.SPOLU_TEST_DYNAMODB_ENDPOINT) return;
  const count = Math.max(1, Math.min(config.maxWorkers ?? 1, 4));
  const instances: DynamoDbLocal[] = await Promise.all(
    // A JVM on a busy 2-core machine can take far longer than its usual 3 s to answer.
    Array.from({ length: count }, () => startDynamoDbLocal({ startTimeoutMs: 120_000 })),
  );
  process.env.SPOLU_TEST_DYNAMODB_ENDPOINT = instances.map((i) => i.endpoint).join(',');
  (globalThis as { __spoluDynamo?: DynamoDbLocal[] }).__spoluDynamo = instances;
}
