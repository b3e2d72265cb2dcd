// One `cdk synth` of the app for the synth bench (test/bench/synth.ts), in a fresh process as the
// CDK CLI runs infra/bin/app.ts: cdk.json's context with "regions" replaced by generated entries
// for the first SYNTH_REGIONS kraje of the reference data (packages/contracts/data), the same
// buildApp (every service, cdk-nag), bundling skipped (as the infra tests) or done (SYNTH_BUNDLING=1,
// as `cdk synth`). Prints one JSON line: construct and synth times in ms, stacks, assets.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App } from 'aws-cdk-lib';
import { regions as krajeData } from '@spolu/contracts';
import { buildApp } from '../../infra/lib/app';
import { repoRoot } from '../../infra/lib/paths';
import { manifests } from '../../services/manifests';

const t0 = performance.now();
const count = Number(process.env.SYNTH_REGIONS ?? '1');
const bundling = process.env.SYNTH_BUNDLING === '1';
const outdir = process.env.SYNTH_OUT!;

const context = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')).context as Record<
  string,
  unknown
>;
const configured = context.regions as Record<string, Record<string, unknown>>;
/** A configured kraj's entry as the template: only what must differ per kraj is generated. */
const template = Object.values(configured)[0]!;

/** Entries for the first `n` kraje of the reference data, each in an account of its own. */
const generatedRegions = (n: number) =>
  Object.fromEntries(
    krajeData.slice(0, n).map((kraj, i) => {
      const code = kraj.code.toLowerCase();
      return [
        kraj.code,
        {
          ...template,
          name: kraj.name,
          account: String(100000000000 + i + 1),
          domain: `${code}.spolu.cz`,
          alarmEmail: `provoz+${code}@spolu.cz`,
          authDomainPrefix: `spolu-bench-${code}`,
        },
      ];
    }),
  );

const regions = generatedRegions(count);
if (Object.keys(regions).length !== count) {
  throw new Error(`the reference data has ${Object.keys(regions).length} kraje, asked for ${count}`);
}
const app = new App({
  outdir,
  context: {
    ...context,
    regions,
    ...(process.env.SYNTH_CONSOLE_DIST ? { consoleDist: process.env.SYNTH_CONSOLE_DIST } : {}),
    ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
  },
});
const stacks = buildApp(app, manifests);
const t1 = performance.now();
app.synth();
const t2 = performance.now();
/** CPU seconds of this process and the processes it waited for (esbuild), from /proc (Linux):
 * what the synth would take on an idle machine, as the wall time is inflated by others' load. */
const cpuSeconds = () => {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": state is index 0, utime 11, stime 12, cutime 13, cstime 14 (clock ticks).
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
};
const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.')).length;
process.stdout.write(
  `\n${JSON.stringify({ importMs: t0, constructMs: t1 - t0, synthMs: t2 - t1, stacks: stacks.length, assets, cpuSeconds: cpuSeconds(), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) })}\n`,
);
