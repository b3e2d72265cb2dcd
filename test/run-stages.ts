// `npm test`: the checks (lint, import rules, typecheck, web build) side by side, then jest if they
// all passed, then one summary: a table (stage, result, tests, time),
// the slowest jest suites (to keep them in check), and as the very last line `N passed, N failed`
// (CI reads it; N are jest's totals, a suite that could not run counting as one failed test, and
// a failed stage without any failed test, e.g. lint, as one).
//
// For a quick check of the runner itself:
//   SPOLU_TEST_STAGES=typecheck,jest   only these stages (in the usual order)
//   SPOLU_TEST_JEST_ARGS='web/test/console-journeys.test.ts'   extra jest arguments (e.g. one file)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describeChromium } from '../web/test/chromium';

const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Stage {
  name: string;
  what: string;
  args: () => string[];
  before?: () => Promise<void>;
  /** Runs side by side with the other checks (its output is printed when it ends): they are
   * single-threaded and the machine has two cores, so together they take about as long as the
   * longest (typecheck) instead of their sum (about 45 s less on the 2-core CI machine). */
  check?: true;
}

const work = mkdtempSync(join(tmpdir(), 'spolu-test-'));
const jestJson = join(work, 'jest.json');
const extraJestArgs = (process.env.SPOLU_TEST_JEST_ARGS ?? '').split(/\s+/).filter(Boolean);

const all: Stage[] = [
  { name: 'lint', what: 'eslint + prettier', args: () => ['run', 'lint'], check: true },
  {
    name: 'code-health',
    what: 'import rules (dependency-cruiser), copy-paste (jscpd), unused exports (knip)',
    args: () => ['run', 'code-health'],
    check: true,
  },
  {
    name: 'typecheck',
    what: 'tsc: platform, services, infra, tests; web',
    args: () => ['run', 'typecheck'],
    check: true,
  },
  {
    name: 'build:web',
    what: 'vite build of the console (the browser tests serve it)',
    args: () => ['run', 'build:web'],
    check: true,
  },
  {
    name: 'jest',
    what: 'unit, API, events, infra, e2e and browser tests',
    args: () => ['run', 'test:jest', '--', '--json', `--outputFile=${jestJson}`, ...extraJestArgs],
    before: async () => {
      try {
        console.log(`  ${await describeChromium()}`);
      } catch (err) {
        console.log(`  no browser for the browser tests: ${(err as Error).message}`);
      }
    },
  },
];

const wanted = process.env.SPOLU_TEST_STAGES?.split(',').map((s) => s.trim());
const unknown = wanted?.filter((w) => !all.some((s) => s.name === w)) ?? [];
if (unknown.length > 0) {
  console.error(
    `SPOLU_TEST_STAGES: unknown stage ${unknown.join(', ')} (known: ${all.map((s) => s.name).join(', ')})`,
  );
  process.exit(2);
}
const stages = wanted ? all.filter((s) => wanted.includes(s.name)) : all;

interface JestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTests: number;
  numRuntimeErrorTestSuites: number;
  numTotalTestSuites: number;
  testResults: {
    name: string;
    status: string;
    startTime?: number;
    endTime?: number;
    perfStats?: { start: number; end: number; runtime?: number };
    assertionResults: { status: string }[];
  }[];
}

const run = (args: string[]) =>
  new Promise<number>((done) => {
    const child = spawn(npm, args, { cwd: root, stdio: 'inherit' });
    child.on('error', () => done(127));
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });

/** Like `run`, with the output kept to be printed whole when it ends (checks run side by side). */
const runQuietly = (args: string[]) =>
  new Promise<{ code: number; output: string }>((done) => {
    const child = spawn(npm, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', () => done({ code: 127, output }));
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 128 : 1), output }));
  });

const seconds = (ms: number) =>
  ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

interface Row {
  stage: string;
  result: 'passed' | 'FAILED' | 'not run';
  tests: string;
  ms?: number;
}

const rows: Row[] = [];
let jest: JestReport | undefined;
let failed = false;
const startedAll = performance.now();

const ended = (stage: Stage, code: number, ms: number) => {
  let tests = '';
  if (stage.name === 'jest' && existsSync(jestJson)) {
    jest = JSON.parse(readFileSync(jestJson, 'utf8')) as JestReport;
    tests =
      `${jest.numPassedTests} passed, ${jest.numFailedTests} failed` +
      (jest.numPendingTests ? `, ${jest.numPendingTests} skipped` : '') +
      (jest.numRuntimeErrorTestSuites ? `, ${jest.numRuntimeErrorTestSuites} suites did not run` : '') +
      ` (${jest.numTotalTestSuites} suites)`;
  }
  rows.push({ stage: stage.name, result: code === 0 ? 'passed' : 'FAILED', tests, ms });
  console.log(
    `${code === 0 ? '✔' : '✘'} ${stage.name} ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds(ms)}`,
  );
  if (code !== 0) failed = true;
};

const checks = stages.filter((s) => s.check);
if (checks.length > 0) {
  console.log(`\n▶ ${checks.map((s) => s.name).join(', ')}: side by side (each printed when it ends)`);
  await Promise.all(
    checks.map(async (stage) => {
      const t0 = performance.now();
      await stage.before?.();
      const { code, output } = await runQuietly(stage.args());
      console.log(`\n▶ ${stage.name}: ${stage.what}\n${output.trimEnd()}`);
      ended(stage, code, performance.now() - t0);
    }),
  );
  // The summary lists the checks in their usual order, whichever ended first.
  rows.sort(
    (a, b) => stages.findIndex((s) => s.name === a.stage) - stages.findIndex((s) => s.name === b.stage),
  );
}

for (const stage of stages.filter((s) => !s.check)) {
  if (failed) {
    rows.push({ stage: stage.name, result: 'not run', tests: '' });
    continue;
  }
  console.log(`\n▶ ${stage.name}: ${stage.what}`);
  const t0 = performance.now();
  await stage.before?.();
  ended(stage, await run(stage.args()), performance.now() - t0);
}

const table = (head: string[], body: string[][]) => {
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((x, c) => x.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [
    line(head),
    widths
      .map((w) => '─'.repeat(w))
      .join('  ')
      .trimEnd(),
    ...body.map(line),
  ].join('\n');
};

console.log('\n══ npm test: summary ══\n');
console.log(
  table(
    ['stage', 'result', 'tests', 'time'],
    [
      ...rows.map((r) => [r.stage, r.result, r.tests, r.ms === undefined ? '' : seconds(r.ms)]),
      ['total', failed ? 'FAILED' : 'passed', '', seconds(performance.now() - startedAll)],
    ],
  ),
);

if (jest && jest.testResults.length > 0) {
  const suites = jest.testResults
    .map((s) => ({
      name: relative(root, s.name),
      ms: s.perfStats ? s.perfStats.end - s.perfStats.start : (s.endTime ?? 0) - (s.startTime ?? 0),
      tests: s.assertionResults.length,
      status: s.status,
    }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 20);
  console.log(`\nSlowest jest suites (${suites.length} of ${jest.testResults.length}):\n`);
  console.log(
    table(
      ['suite', 'tests', 'time', ''],
      suites.map((s) => [s.name, String(s.tests), seconds(s.ms), s.status === 'passed' ? '' : s.status]),
    ),
  );
}

rmSync(work, { recursive: true, force: true });
const passed = jest?.numPassedTests ?? 0;
// A failed stage with no failed test to show for it (lint, a type error, jest's global setup)
// still counts as one failure: CI must never read "0 failed" off a failed run.
const failedTests = Math.max(
  (jest?.numFailedTests ?? 0) + (jest?.numRuntimeErrorTestSuites ?? 0),
  failed ? 1 : 0,
);
console.log('');
console.log(`${passed} passed, ${failedTests} failed`);
process.exit(failed ? 1 : 0);
