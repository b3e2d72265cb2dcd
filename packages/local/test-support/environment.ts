// The jest environment of every test file: Node's, plus a DynamoDB Local for the file, given on
// first use (`testEndpoint()` in harness.ts), fresh or after only short files.
//
// Why not one per worker for the whole run: DynamoDB Local keeps every stream record of every
// table it ever held (deleting tables does not drop them), and each write and GetRecords gets
// slower the more it holds — a table of 1 500 items took 1.9 s to write on a fresh instance and
// 9.2 s after 15 000 stream records. A shared instance made the last suites of a run several
// times slower than the first. So an instance serves files until it has been used for 20 s
// (short files share one, a long file retires it), and a spare is started in the background so
// the next file that needs a fresh one does not wait for the JVM.
import { TestEnvironment } from 'jest-environment-node';
import type { DynamoDbLocal } from '../src/dynamodb-local';
import { shortLivedJvm, startDynamoDbLocal } from '../src/dynamodb-local';

/** A JVM on a busy 2-core machine can take far longer than its usual 3 s to answer. It serves a
 * file or a few: the short-lived JVM flags (why: in dynamodb-local.ts). */
const start = () => startDynamoDbLocal({ startTimeoutMs: 120_000, jvmFlags: shortLivedJvm });

/** How long an instance may be used (summed over the files it served) before it is retired: a
 * short file leaves few stream records, so the next file may use the same instance instead of
 * paying for a JVM start; a long one leaves many, and the next file gets a fresh instance. */
const retireAfterMs = 20_000;

/** This worker's instances (the module lives as long as the worker process;
 * startDynamoDbLocal's watchdog kills them when it ends): the one in use, if it may serve
 * another file, and a spare started in the background. */
let current: { dynamo: Promise<DynamoDbLocal>; usedMs: number } | undefined;
let spare: Promise<DynamoDbLocal> | undefined;
const fresh = () => {
  const next = spare ?? start();
  spare = start();
  // A spare that failed to start is replaced by the file that takes it.
  spare.catch(() => (spare = undefined));
  return { dynamo: next, usedMs: 0 };
};

/** @public jest.config.js names this file (testEnvironment). */
export default class SpoluTestEnvironment extends TestEnvironment {
  private used?: { instance: NonNullable<typeof current>; since: number };

  override async setup() {
    await super.setup();
    this.global.__spoluTestDynamoDb = () => {
      if (!this.used) {
        current ??= fresh();
        this.used = { instance: current, since: Date.now() };
      }
      return this.used.instance.dynamo.then((d) => d.endpoint);
    };
  }

  override async teardown() {
    const used = this.used;
    this.used = undefined;
    if (used) {
      used.instance.usedMs += Date.now() - used.since;
      if (used.instance.usedMs > retireAfterMs) {
        if (current === used.instance) current = undefined;
        await used.instance.dynamo.then((d) => d.stop()).catch(() => undefined);
      }
    }
    await super.teardown();
  }
}
