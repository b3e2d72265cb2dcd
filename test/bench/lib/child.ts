// Fresh Node processes for the cold-start measurement: spawn, wait for exit, wall time.
import { spawn } from 'node:child_process';
import { now } from './stats';

export interface ChildRun {
  wallMs: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

export const runNode = (args: string[], env: Record<string, string>, timeoutMs = 20_000) =>
  new Promise<ChildRun>((resolve, reject) => {
    const start = now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** The runner the fresh process executes: import the bundle, invoke the handler once, report. */
export const runnerSource = `
const t0 = performance.now();
const mod = await import(process.argv[2]);
const t1 = performance.now();
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
process.stdout.write('\\n' + JSON.stringify({ startToImportMs: t0, importMs: t1 - t0, invokeMs: t2 - t1, outcome }) + '\\n');
process.exit(0);
`;

export interface RunnerReport {
  startToImportMs: number;
  importMs: number;
  invokeMs: number;
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
