// Fresh Node processes for the cold-start measurement: spawn, wait for exit, wall time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { now } from './stats';

export interface ChildRun {
  wallMs: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Spawns `bin` (the bench's own Node unless given, e.g. a Node 24 binary) and waits for its exit. */
export const runNode = (
  args: string[],
  env: Record<string, string>,
  timeoutMs = 20_000,
  bin: string = process.execPath,
) =>
  new Promise<ChildRun>((resolve, reject) => {
    const start = now();
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ wallMs: now() - start, stdout, stderr, code });
    });
  });

/** The runner the fresh process executes: import the bundle, invoke the handler once, report.
 * Besides wall times it reports CPU time (user + system, all threads of the process): on a shared
 * machine the wall time grows with the other processes' load, the CPU time much less. */
export const runnerSource = `
const c0 = process.cpuUsage();
const t0 = performance.now();
const mod = await import(process.argv[2]);
const t1 = performance.now();
const c1 = process.cpuUsage(c0);
const event = JSON.parse(process.env.BENCH_EVENT);
const context = { functionName: 'bench', awsRequestId: 'bench-1', getRemainingTimeInMillis: () => 10000, callbackWaitsForEmptyEventLoop: false };
let outcome = 'ok';
try {
  const result = await mod.handler(event, context);
  if (result && typeof result === 'object' && 'statusCode' in result) outcome = 'HTTP ' + result.statusCode;
} catch (err) {
  outcome = 'threw: ' + String(err && err.message).split('\\n')[0].slice(0, 60);
}
const t2 = performance.now();
const c2 = process.cpuUsage();
const ms = (c) => (c.user + c.system) / 1000;
process.stdout.write('\\n' + JSON.stringify({ startToImportMs: t0, importMs: t1 - t0, invokeMs: t2 - t1, importCpuMs: ms(c1), cpuMs: ms(c2), outcome }) + '\\n');
process.exit(0);
`;

export interface RunnerReport {
  startToImportMs: number;
  importMs: number;
  invokeMs: number;
  /** CPU time of the import alone, and of the whole process from its start to the report. */
  importCpuMs: number;
  cpuMs: number;
  outcome: string;
}

export const parseRunnerReport = (run: ChildRun): RunnerReport => {
  const line = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as RunnerReport;
  } catch {
    throw new Error(`cold-start runner failed (exit ${run.code}): ${run.stderr.slice(0, 500)}`);
  }
};

/** A fresh process that does nothing but report its CPU time: the baseline of `cpuMs`. */
export const emptySource =
  'const c = process.cpuUsage(); process.stdout.write(String((c.user + c.system) / 1000));';

/** A real Node 24 binary (Lambda runs nodejs24.x) for the cold-start group, installed with npm into
 * .bench-tmp/node24 without touching package.json (`npm install --no-save --prefix`), once per
 * clone; the npm package's bin/node is the official binary. `error` says why there is none. */
export const node24 = (repoRoot: string): { bin: string; version: string } | { error: string } => {
  const prefix = join(repoRoot, '.bench-tmp', 'node24');
  const bin = join(prefix, 'node_modules', 'node', 'bin', 'node');
  const version = () => {
    const v = spawnSync(bin, ['-v'], { encoding: 'utf8' });
    return v.status === 0 ? v.stdout.trim() : '';
  };
  if (!existsSync(bin) || !version().startsWith('v24.')) {
    const npm = spawnSync(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, 'node@24'],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    if (npm.status !== 0)
      return {
        error: `npm install node@24 failed: ${(npm.stderr || npm.stdout).trim().split('\n').pop() ?? ''}`,
      };
  }
  const v = version();
  return v.startsWith('v24.') ? { bin, version: v } : { error: `${bin} -v gave "${v}", not a Node 24` };
};
