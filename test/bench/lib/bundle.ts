// Bundles a Lambda entry the way infra's NodejsFunction does (infra/lib/service-function.ts):
// esbuild, minified, ESM, node24, platform node, the AWS SDK bundled, module-first main fields,
// the createRequire banner and an external source map without the sources' text. The bundle is
// written under .bench-tmp/ inside the repo so that, when a measurement keeps @aws-sdk/* external
// (the other choice), those packages resolve from node_modules as from the Lambda runtime's copy.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const requireShim =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export const cdkBundling = {
  bundle: true,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  format: 'esm',
  target: 'node24',
  platform: 'node',
  mainFields: ['module', 'main'],
  external: [] as string[],
  banner: { js: requireShim },
} as const;

/** NODE_OPTIONS that infra gives every function (none since issue 24: `--enable-source-maps` was
 * measured to cost 13-23 % of module load). */
export const lambdaNodeOptions = '';

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
    ['no external modules (AWS SDK bundled)', /externalModules:\s*\[\s*\]/],
    ['sourcesContent false', /sourcesContent:\s*false/],
    ['createRequire banner', /banner:\s*requireShim/],
    ['no NODE_OPTIONS', /^(?![\s\S]*NODE_OPTIONS:)/],
  ];
  return expected
    .filter(([, re]) => !re.test(source))
    .map(([what]) => `infra no longer shows "${what}"; bench settings may differ`);
};

export interface Bundled {
  file: string;
  bytes: number;
  mapBytes: number;
  /** Bytes of the AWS SDK and its own dependencies in the output (0 when it stays external). */
  sdkBytes: number;
  /** The biggest contributors to the output, by package (or `src` for our own code), in KB. */
  largest: { name: string; kb: number }[];
  /** The packages/contracts/src modules in a service folder (`intake/routes`, `plans/events`) that
   * reach the output with any bytes: a handler carries its own service's routes and schemas and the
   * events (with the schemas they embed) of the services it consumes, not the whole barrel. */
  contractsModules: string[];
}

const packageOf = (input: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m
    ? m[1]!
    : input.startsWith('packages/') || input.startsWith('services/')
      ? input.split('/').slice(0, 2).join('/')
      : input;
};

/** The AWS SDK v3 packages and the packages only they use here. */
const isSdkPackage = (name: string) =>
  /^@(aws-sdk|smithy|aws-crypto)\//.test(name) ||
  ['tslib', 'fast-xml-parser', 'strnum', 'bowser', 'mnemonist', 'obliterator'].includes(name);

/** `sdk` and `sourcesContent` override infra's settings, to measure the other choices. */
export const bundle = async (
  entry: string,
  outfile: string,
  opts: { sdk?: 'external' | 'bundled'; sourcesContent?: boolean } = {},
): Promise<Bundled> => {
  const external: string[] =
    opts.sdk === 'external' ? ['@aws-sdk/*'] : opts.sdk === 'bundled' ? [] : [...cdkBundling.external];
  const out = await build({
    ...cdkBundling,
    mainFields: [...cdkBundling.mainFields],
    external,
    sourcesContent: opts.sourcesContent ?? cdkBundling.sourcesContent,
    entryPoints: [entry],
    outfile,
    metafile: true,
    logLevel: 'error',
  });
  const byPackage = new Map<string, number>();
  let sdkBytes = 0;
  const areas = new Set<string>();
  for (const output of Object.values(out.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input);
      if (isSdkPackage(name)) sdkBytes += bytesInOutput;
      const area = /^packages\/contracts\/src\/([^/]+\/[^/]+)\.ts$/.exec(input)?.[1];
      if (area && bytesInOutput > 0) areas.add(area);
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
    sdkBytes,
    mapBytes: existsSync(`${outfile}.map`) ? statSync(`${outfile}.map`).size : 0,
    largest,
    contractsModules: [...areas].sort(),
  };
};
