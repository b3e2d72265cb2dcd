// Pins how every Lambda is bundled (infra/lib/service-function.ts), with a real esbuild bundle of a
// small SDK-using entry: the AWS SDK inside the bundle, not imported from the runtime's copy, and a
// source map without the sources' text deployed next to it, and no `--enable-source-maps` at run time
// (all chosen by measurement for cold start: docs/DECISIONS.md "Lambda cold start").
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { repoRoot } from '../../infra/lib/paths';
import { ServiceFunction } from '../../infra/lib/service-function';

const outdir = mkdtempSync(join(tmpdir(), 'spolu-service-function-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const synth = () => {
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bundling');
  new ServiceFunction(stack, 'Fn', {
    entry: join(repoRoot, 'test/infra/fixtures/sdk-function/handler.ts'),
    description: 'bundling safeguard',
    environment: { TABLE_NAME: 't' },
    logRetention: RetentionDays.ONE_WEEK,
    logsKey: new Key(stack, 'Logs'),
  });
  app.synth();
  const asset = readdirSync(outdir)
    .map((name) => join(outdir, name))
    .find((dir) => existsSync(join(dir, 'index.mjs')));
  if (!asset) throw new Error(`no bundled asset in ${outdir}`);
  return { stack, asset };
};

describe('service function bundling', () => {
  const { stack, asset } = synth();
  const code = readFileSync(join(asset, 'index.mjs'), 'utf8');

  it('bundles the AWS SDK instead of importing it from the runtime', () => {
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(code).not.toMatch(/import\(\s*["']@aws-sdk\//);
    // The DynamoDB client's own code is in the file.
    expect(code).toContain('DynamoDB_20120810');
  });

  it('writes a source map without the sources, not parsed at start', () => {
    const map = JSON.parse(readFileSync(join(asset, 'index.mjs.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: (string | null)[];
    };
    expect(map.sources.some((s) => s.endsWith('sdk-function/handler.ts'))).toBe(true);
    expect((map.sourcesContent ?? []).filter((s) => s !== null)).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { TABLE_NAME: 't', NODE_OPTIONS: Match.absent() } },
    });
  });
});
