// Item 6 (issue 23 item 4): `cdk synth` of every kraj in one app run. Each measurement is a fresh
// process (test/bench/synth-app.ts) as the CDK CLI runs the app: 1 kraj and all kraje of the
// reference data, with bundling skipped (as test/infra) and with bundling (as `cdk synth`/deploy).
// Wall seconds (what a person waits, inflated by other load on the shared machine) and CPU seconds
// of the process and its esbuild children (what it costs on an idle machine).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { regions as krajeData } from '@spolu/contracts';
import { runNode } from './lib/child';
import type { Result } from './lib/results';
import { result } from './lib/results';
import { round } from './lib/stats';

export const synthGroup = '6 synth of all kraje';
/** Issue 23 item 4: all kraje in one app run in under 2 minutes on this 2-core machine. */
const allTarget = { on: 'value', max: 120 } as const;

interface SynthReport {
  importMs: number;
  constructMs: number;
  synthMs: number;
  stacks: number;
  assets: number;
  cpuSeconds: number;
  rssMb: number;
}

const synthOnce = async (repoRoot: string, count: number, bundling: boolean, consoleDist: string) => {
  const outdir = mkdtempSync(join(tmpdir(), 'spolu-synth-bench-'));
  try {
    const run = await runNode(
      ['--import', 'tsx', join(repoRoot, 'test/bench/synth-app.ts')],
      {
        ...(process.env as Record<string, string>),
        SYNTH_REGIONS: String(count),
        SYNTH_BUNDLING: bundling ? '1' : '0',
        SYNTH_OUT: outdir,
        SYNTH_CONSOLE_DIST: consoleDist,
      },
      40 * 60_000,
    );
    const line = run.stdout.trim().split('\n').pop() ?? '';
    let report: SynthReport;
    try {
      report = JSON.parse(line) as SynthReport;
    } catch {
      throw new Error(`synth of ${count} kraje failed (exit ${run.code}): ${run.stderr.slice(-800)}`);
    }
    // aws-cdk-lib prints this line for every asset it really bundles (esbuild runs), not for one
    // it takes from its cache of identical stagings.
    const bundles = (run.stderr.match(/^Bundling asset /gm) ?? []).length;
    return { wallSeconds: run.wallMs / 1000, bundles, ...report };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};

export const measureSynth = async (opts: {
  repoRoot: string;
  log: (what: string) => void;
  /** Default: every kraj in the reference data (14). */
  all?: number;
}): Promise<Result[]> => {
  const all = opts.all ?? krajeData.length;
  const results: Result[] = [];
  // A copy of the console build, so that a `vite build` by someone else during the runs cannot
  // empty it; without a build, the placeholder page (the asset copy is small either way).
  const built = join(opts.repoRoot, 'web/dist');
  const consoleDist = mkdtempSync(join(tmpdir(), 'spolu-synth-console-'));
  cpSync(
    existsSync(join(built, 'index.html')) ? built : join(opts.repoRoot, 'infra/console-placeholder'),
    consoleDist,
    {
      recursive: true,
    },
  );
  try {
    await measureModes(opts, all, consoleDist, results);
  } finally {
    rmSync(consoleDist, { recursive: true, force: true });
  }
  return results;
};

const measureModes = async (
  opts: { repoRoot: string; log: (what: string) => void },
  all: number,
  consoleDist: string,
  results: Result[],
) => {
  for (const bundling of [false, true]) {
    const mode = bundling ? 'with bundling (cdk synth)' : 'bundling skipped (tests)';
    opts.log(`6 synth: 1 kraj, ${mode}`);
    const one = await synthOnce(opts.repoRoot, 1, bundling, consoleDist);
    opts.log(`6 synth: ${all} kraje, ${mode}`);
    const many = await synthOnce(opts.repoRoot, all, bundling, consoleDist);
    const detail = (r: typeof one) =>
      `${r.stacks} region stack(s), ${r.assets} staged assets, ${r.bundles} esbuild runs; module import ${round(r.importMs / 1000, 1)} s, ` +
      `constructs ${round(r.constructMs / 1000, 1)} s, app.synth (templates, cdk-nag${bundling ? ', esbuild' : ''}) ` +
      `${round(r.synthMs / 1000, 1)} s; ${r.rssMb} MB RSS`;
    results.push(
      result({
        group: synthGroup,
        name: `1 kraj, ${mode}, wall`,
        value: round(one.wallSeconds, 1),
        unit: 's',
        ratio: null,
        note: detail(one),
      }),
      result({
        group: synthGroup,
        name: `${all} kraje, ${mode}, wall`,
        value: round(many.wallSeconds, 1),
        unit: 's',
        ratio: round(many.wallSeconds / one.wallSeconds, 2),
        ratioOf: `1 kraj, ${mode}`,
        targetSpec: allTarget,
        missNote: `over 2 minutes of wall time for all ${all} kraje under this run's load: compare the CPU seconds (docs/DECISIONS.md "Synth of fourteen kraje")`,
        note: detail(many),
      }),
      result({
        group: synthGroup,
        name: `1 kraj, ${mode}, CPU`,
        value: round(one.cpuSeconds, 1),
        unit: 's',
        ratio: null,
      }),
      result({
        group: synthGroup,
        name: `${all} kraje, ${mode}, CPU`,
        value: round(many.cpuSeconds, 1),
        unit: 's',
        ratio: round(many.cpuSeconds / one.cpuSeconds, 2),
        ratioOf: `1 kraj, ${mode}`,
        note: 'user + system seconds of the synth process and its esbuild children: the wall time on an idle machine is about this (one thread does the CDK work)',
      }),
    );
  }
};
