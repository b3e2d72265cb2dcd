// The jest environment of every test file: Node's, plus a DynamoDB Local of the file's own,
// started on first use (`testEndpoint()` in harness.ts) and stopped when the file ends.
//
// Why one per file and not one per worker: DynamoDB Local keeps every stream record of every
// table it ever held (deleting tables does not drop them), and each write and GetRecords gets
// slower the more it holds — a table of 1 500 items took 1.9 s to write on a fresh instance and
// 9.2 s after 15 000 stream records. A shared instance made the last suites of a run several
// times slower than the first. A spare instance is started in the background while a file runs,
// so the next file that needs one does not wait for the JVM.
import { TestEnvironment } from 'jest-environment-node';
import type { DynamoDbLocal } from '../src/dynamodb-local';
import { startDynamoDbLocal } from '../src/dynamodb-local';

/** A JVM on a busy 2-core machine can take far longer than its usual 3 s to answer. */
const start = () => startDynamoDbLocal({ startTimeoutMs: 120_000 });

/** One started instance waiting for the next file of this worker (the module lives as long as
 * the worker process; startDynamoDbLocal kills it when the process exits). */
let spare: Promise<DynamoDbLocal> | undefined;
const take = () => {
  const next = spare ?? start();
  spare = start();
  // A spare that failed to start is retried by the file that takes it.
  spare.catch(() => (spare = undefined));
  return next;
};

/** @public jest.config.js names this file (testEnvironment). */
export default class SpoluTestEnvironment extends TestEnvironment {
  private dynamo?: Promise<DynamoDbLocal>;

  override async setup() {
    await super.setup();
    this.global.__spoluTestDynamoDb = () => (this.dynamo ??= take()).then((d) => d.endpoint);
  }

  override async teardown() {
    const dynamo = this.dynamo;
    this.dynamo = undefined;
    if (dynamo) await dynamo.then((d) => d.stop()).catch(() => undefined);
    await super.teardown();
  }
}
