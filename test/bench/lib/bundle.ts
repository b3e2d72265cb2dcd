// Bundles a Lambda entry the way infra's NodejsFunction does (infra/lib/service-function.ts):
// esbuild, minified, ESM, node24, platform node, @aws-sdk/* external, module-first main fields,
// the createRequire banner and an external source map. The bundle is written under .bench-tmp/
// inside the repo so that the external @aws-sdk/* packages resolve from node_modules, as the
// Lambda runtime provides them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const requireShim =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export const cdkBundling = {
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: 'node24',
  platform: 'node',
  mainFields: ['module', 'main'],
  external: ['@aws-sdk/*'],
  banner: { js: requireShim },
} as const;

/** NODE_OPTIONS that infra gives every function. */
export const lambdaNodeOptions = '--enable-source-maps';

/** The settings above, checked against the infra source (it may change under us). Returns the
 * differences found, or a note that infra/ is absent. */
export const checkAgainstInfra = (repoRoot: string): string[] => {
  const file = join(repoRoot, 'infra/lib/service-function.ts');
  if (!existsSync(file))
    return ['infra/lib/service-function.ts not found; using the documented CDK settings'];
  const source = readFileSync(file, 'utf8');
  const expected: [string, RegExp][] = [
    ['format ESM', /format:\s*OutputFormat\.ESM/],
    ['target node24', /target:\s*'node24'/],
    ['minify', /minify:\s*true/],
    ['source map', /sourceMap:\s*true/],
    ['mainFields module,main', /mainFields:\s*\[\s*'module',\s*'main'\s*\]/],
    ['@aws-sdk/* external', /externalModules:\s*\[\s*'@aws-sdk\/\*'\s*\]/],
    ['createRequire banner', /banner:\s*requireShim/],
    [`NODE_OPTIONS "${lambdaNodeOptions}"`, new RegExp(`NODE_OPTIONS:\\s*'${lambdaNodeOptions}'`)],
  ];
  return expected
    .filter(([, re]) => !re.test(source))
    .map(([what]) => `infra no longer shows "${what}"; bench settings may differ`);
};

export interface Bundled {
  file: string;
  bytes: number;
  mapBytes: number;
  /** The biggest contributors to the output, by package (or `src` for our own code), in KB. */
  largest: { name: string; kb: number }[];
}

const packageOf = (input: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m
    ? m[1]!
    : input.startsWith('packages/') || input.startsWith('services/')
      ? input.split('/').slice(0, 2).join('/')
      : input;
};

/** `sdk` overrides where `@aws-sdk/*` comes from (to measure the other choice than infra's). */
export const bundle = async (
  entry: string,
  outfile: string,
  opts: { sdk?: 'external' | 'bundled' } = {},
): Promise<Bundled> => {
  const external: string[] =
    opts.sdk === 'external' ? ['@aws-sdk/*'] : opts.sdk === 'bundled' ? [] : [...cdkBundling.external];
  const out = await build({
    ...cdkBundling,
    mainFields: [...cdkBundling.mainFields],
    external,
    entryPoints: [entry],
    outfile,
    metafile: true,
    logLevel: 'error',
  });
  const byPackage = new Map<string, number>();
  for (const output of Object.values(out.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  const largest = [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, bytes]) => ({ name, kb: Math.round(bytes / 102.4) / 10 }));
  return {
    file: outfile,
    bytes: statSync(outfile).size,
    mapBytes: existsSync(`${outfile}.map`) ? statSync(`${outfile}.map`).size : 0,
    largest,
  };
};
