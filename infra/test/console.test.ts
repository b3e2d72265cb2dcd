// The web console per region: S3 behind CloudFront with origin access control, security headers,
// the build and a generated config.json, the app client and the API's CORS origin pointing at the
// distribution, all in nested stacks so the region stack stays under CloudFormation's 500
// resources. One region is synthesized once (bundling skipped, so the console is the placeholder).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Scopes } from '@spolu/contracts';
import { manifests } from '../../services/manifests';
import { buildApp } from '../lib/app';
import { consoleDistContext, consoleDistDir, cytoscapeContainerStyle } from '../lib/console';
import { consoleScopes } from '../lib/identity';
import { consolePlaceholderDir, repoRoot, webDistDir } from '../lib/paths';
import type { RegionStack } from '../lib/region-stack';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Resources = Record<string, Resource>;

const cdkContext = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')).context as Record<
  string,
  unknown
>;
const region = 'CZ051';
const buildRegion = (extra: Record<string, unknown> = {}) => {
  const app = new App({ context: { ...cdkContext, region, 'aws:cdk:bundling-stacks': [], ...extra } });
  const [stack] = buildApp(app, manifests);
  return { app, stack: stack! };
};

let stack: RegionStack;
let assembly: CloudAssembly;
let parent: Template;
let hosting: Template;
let content: Template;
let synthError: unknown;

beforeAll(() => {
  const built = buildRegion();
  stack = built.stack;
  try {
    // One synthesis: it runs cdk-nag over the whole tree (nested stacks included).
    assembly = built.app.synth();
    const read = (file: string) =>
      Template.fromJSON(JSON.parse(readFileSync(join(assembly.directory, file), 'utf8')));
    parent = read(stack.templateFile);
    hosting = read(stack.consoleHosting.templateFile);
    content = read(stack.consoleContent.templateFile);
  } catch (error) {
    synthError = error;
  }
});

const synthesized = () => {
  if (synthError) throw synthError;
};
const resourcesOf = (template: Template) => template.toJSON().Resources as Resources;
const onlyOf = (template: Template, type: string) => {
  const found = Object.entries(resourcesOf(template)).filter(([, r]) => r.Type === type);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const nestedStackId = (nested: Stack) =>
  Stack.of(nested.nestedStackResource!).getLogicalId(nested.nestedStackResource!);
/** The CloudFormation resource an L2 construct stands for (its default child). */
const cfnOf = (construct: IConstruct): CfnElement => {
  const child = construct.node.defaultChild;
  if (!CfnElement.isCfnElement(child))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return child;
};

/** In the parent: the hosting stack's output that carries the distribution's domain name. */
const distributionDomainInParent = () => {
  const [distributionId] = onlyOf(hosting, 'AWS::CloudFront::Distribution');
  const outputs = hosting.toJSON().Outputs as Record<string, { Value: unknown }>;
  const [outputName] = Object.entries(outputs).find(
    ([, o]) => JSON.stringify(o.Value) === JSON.stringify({ 'Fn::GetAtt': [distributionId, 'DomainName'] }),
  )!;
  return { 'Fn::GetAtt': [nestedStackId(stack.consoleHosting), `Outputs.${outputName}`] };
};
const consoleOrigin = () => ({ 'Fn::Join': ['', ['https://', distributionDomainInParent()]] });
const consoleHome = () => ({ 'Fn::Join': ['', ['https://', distributionDomainInParent(), '/']] });

describe('web console', () => {
  it('passes cdk-nag with zero unacknowledged findings, nested stacks included', () => {
    expect(synthError).toBeUndefined();
  });

  it('keeps the region stack under the resource tripwire; the console lives in two nested stacks', () => {
    synthesized();
    const counts = {
      parent: Object.keys(resourcesOf(parent)).length,
      hosting: Object.keys(resourcesOf(hosting)).length,
      content: Object.keys(resourcesOf(content)).length,
    };
    expect(counts.parent).toBeLessThanOrEqual(250);
    expect(counts.hosting).toBeLessThan(20);
    expect(counts.content).toBeLessThan(20);
    // The two console stacks beside one nested stack per service.
    parent.resourceCountIs('AWS::CloudFormation::Stack', 2 + stack.services.size);
    parent.resourceCountIs('AWS::CloudFront::Distribution', 0);
    parent.resourceCountIs('AWS::S3::Bucket', 0);
    parent.hasOutput('ConsoleUrl', { Value: consoleHome() });
  });

  it('serves a private, encrypted, TLS-only bucket through CloudFront with origin access control', () => {
    synthesized();
    const [distributionId, distribution] = onlyOf(hosting, 'AWS::CloudFront::Distribution');
    const [oacId] = onlyOf(hosting, 'AWS::CloudFront::OriginAccessControl');
    const [headersId] = onlyOf(hosting, 'AWS::CloudFront::ResponseHeadersPolicy');
    const siteId = stack.consoleHosting.getLogicalId(cfnOf(stack.consoleHosting.bucket));
    expect(distribution.Properties.DistributionConfig).toMatchObject({
      DefaultRootObject: 'index.html',
      DefaultCacheBehavior: {
        ViewerProtocolPolicy: 'redirect-to-https',
        ResponseHeadersPolicyId: { Ref: headersId },
        AllowedMethods: ['GET', 'HEAD'],
      },
      Origins: [
        {
          DomainName: { 'Fn::GetAtt': [siteId, 'RegionalDomainName'] },
          OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
          S3OriginConfig: { OriginAccessIdentity: '' },
        },
      ],
      Logging: expect.objectContaining({ Prefix: 'cloudfront/' }),
    });
    hosting.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    const blockAll = {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    };
    for (const [, bucket] of Object.entries(resourcesOf(hosting)).filter(
      ([, r]) => r.Type === 'AWS::S3::Bucket',
    )) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual(blockAll);
      expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
    hosting.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/' }),
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    // The bucket policy: TLS only, and reads for this distribution alone (no public principal).
    const policy = Object.values(resourcesOf(hosting)).find(
      (r) =>
        r.Type === 'AWS::S3::BucketPolicy' &&
        JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: siteId }),
    )!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    const allowed = statements.filter((s) => s.Effect === 'Allow');
    expect(allowed).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Resource: expect.anything(),
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      },
    ]);
    expect(JSON.stringify(allowed[0]!.Condition)).toContain(distributionId);
    expect(JSON.stringify(statements)).toContain('"aws:SecureTransport":"false"');
  });

  it('sends security headers: CSP for a React SPA calling the API and Cognito, HSTS, no framing', () => {
    synthesized();
    const [, policy] = onlyOf(hosting, 'AWS::CloudFront::ResponseHeadersPolicy');
    const config = (
      policy.Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, unknown> }
    ).SecurityHeadersConfig;
    expect(config).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
    });
    const csp = JSON.stringify(
      (config.ContentSecurityPolicy as { ContentSecurityPolicy: unknown }).ContentSecurityPolicy,
    );
    for (const directive of [
      "default-src 'self'",
      "script-src 'self';",
      `style-src 'self' ${cytoscapeContainerStyle};`,
      "img-src 'self' data:",
      "connect-src 'self' https://*.execute-api.eu-central-1.amazonaws.com https://cognito-idp.eu-central-1.amazonaws.com/",
      '.auth.eu-central-1.amazoncognito.com',
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe');
  });

  it('allows CORS from the distribution only, with the headers the console sends and reads', () => {
    synthesized();
    parent.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [consoleOrigin()],
        AllowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
        ExposeHeaders: ['etag', 'location'],
        AllowMethods: ['*'],
        MaxAge: 3600,
      },
    });
  });

  it('signs in with a public app client: code flow (PKCE), back to the distribution, console scopes', () => {
    synthesized();
    const [clientId, client] = onlyOf(parent, 'AWS::Cognito::UserPoolClient');
    const home = consoleHome();
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      CallbackURLs: [home],
      LogoutURLs: [home],
      SupportedIdentityProviders: ['COGNITO'],
    });
    const scopes = client.Properties.AllowedOAuthScopes as string[];
    expect(scopes).toEqual(expect.arrayContaining(['openid', 'email', 'profile', ...consoleScopes]));
    expect(consoleScopes).toEqual(
      expect.arrayContaining([Scopes.clientsWrite, Scopes.directoryWrite, Scopes.statsRead]),
    );
    expect(scopes).not.toContain(Scopes.platformAdmin);
    // The API trusts exactly this client.
    parent.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: Match.objectLike({ Audience: [{ Ref: clientId }] }),
    });
  });

  it('uploads the build with cache headers and a config.json naming the region, API and Cognito', () => {
    synthesized();
    const deployments = Object.values(resourcesOf(content)).filter(
      (r) => r.Type === 'Custom::CDKBucketDeployment',
    );
    expect(deployments).toHaveLength(2);
    const assets = deployments.find((d) => JSON.stringify(d.Properties.Include) === '["assets/*"]')!;
    const pages = deployments.find((d) => d !== assets)!;
    expect(assets.Properties).toMatchObject({
      Exclude: ['*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(pages.Properties).toMatchObject({
      Exclude: ['assets/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: expect.anything(),
    });

    // config.json is the last source (it overrides a file of that name in the build).
    const keys = pages.Properties.SourceObjectKeys as string[];
    const markers = (pages.Properties.SourceMarkers as Record<string, { Ref: string }>[])[keys.length - 1]!;
    const assetDir = join(assembly.directory, `asset.${keys[keys.length - 1]!.replace(/\.zip$/, '')}`);
    const raw = readFileSync(join(assetDir, 'config.json'), 'utf8');
    const parameterOf = (marker: string) => {
      const param = markers[marker]!.Ref;
      const nested = resourcesOf(parent)[nestedStackId(stack.consoleContent)]!;
      return (nested.Properties.Parameters as Record<string, unknown>)[param];
    };
    const config = JSON.parse(raw) as Record<string, unknown> & { auth: Record<string, string> };
    expect(config).toMatchObject({
      region,
      regionName: 'Liberecký kraj',
      auth: {
        kind: 'oidc',
        authority: expect.stringMatching(/^https:\/\/cognito-idp\.eu-central-1\.amazonaws\.com\/<<marker:/),
        scope: `openid email profile ${consoleScopes.join(' ')}`,
        logoutUrl: expect.stringMatching(
          /\.auth\.eu-central-1\.amazoncognito\.com\/logout\?client_id=<<marker:.*&logout_uri=https:\/\/<<marker:.*\/$/,
        ),
      },
    });
    const apiId = stack.getLogicalId(cfnOf(stack.api.api));
    const clientId = stack.getLogicalId(cfnOf(stack.identity.webClient));
    expect(parameterOf(config.apiUrl as string)).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
    expect(parameterOf(config.auth.clientId!)).toEqual({ Ref: clientId });
  });
});

describe('the console as a PWA (issue 22)', () => {
  /** An S3 deployment's include/exclude pattern (`*` any characters, `/` included) as a test. */
  const glob = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  const uploads = (deployment: Resource, path: string) => {
    const include = (deployment.Properties.Include as string[] | undefined) ?? [];
    const exclude = (deployment.Properties.Exclude as string[] | undefined) ?? [];
    return include.some((p) => glob(p).test(path)) || !exclude.some((p) => glob(p).test(path));
  };

  it('uploads the service worker, its Workbox runtime, the web manifest and the icons with no-cache', () => {
    synthesized();
    // The real build (npm test builds the console before jest): the files vite-plugin-pwa writes.
    if (!existsSync(join(webDistDir, 'sw.js')))
      throw new Error('web/dist/sw.js is missing: run `npm run build:web`');
    const rootFiles = readdirSync(webDistDir).filter((f) => statSync(join(webDistDir, f)).isFile());
    expect(rootFiles).toEqual(
      expect.arrayContaining([
        'index.html',
        'sw.js',
        'manifest.webmanifest',
        'pwa-192x192.png',
        'pwa-512x512.png',
      ]),
    );
    expect(rootFiles.some((f) => /^workbox-[\w-]+\.js$/.test(f))).toBe(true);
    const deployments = Object.values(resourcesOf(content)).filter(
      (r) => r.Type === 'Custom::CDKBucketDeployment',
    );
    const immutable = deployments.filter((d) =>
      JSON.stringify(d.Properties.SystemMetadata).includes('immutable'),
    );
    const noCache = deployments.filter(
      (d) => JSON.stringify(d.Properties.SystemMetadata) === JSON.stringify({ 'cache-control': 'no-cache' }),
    );
    expect(immutable).toHaveLength(1);
    expect(noCache).toHaveLength(1);
    // A browser must see a new worker at once: every file beside index.html is revalidated on each
    // load; only the content-hashed assets/ are cached for a year.
    for (const file of rootFiles) {
      expect([file, uploads(noCache[0]!, file)]).toEqual([file, true]);
      expect([file, uploads(immutable[0]!, file)]).toEqual([file, false]);
    }
    expect(uploads(immutable[0]!, 'assets/index-abc.js')).toBe(true);
    expect(uploads(noCache[0]!, 'assets/index-abc.js')).toBe(false);
  });
});

describe('console build directory', () => {
  const stackWith = (context: Record<string, unknown>) => new Stack(new App({ context }), 'Probe');

  it('uses the placeholder when bundling is skipped, and an explicit directory when given', () => {
    expect(consoleDistDir(stackWith({ 'aws:cdk:bundling-stacks': [] }))).toBe(consolePlaceholderDir);
    expect(consoleDistDir(stackWith({ [consoleDistContext]: 'infra/console-placeholder' }))).toBe(
      consolePlaceholderDir,
    );
  });

  it('tells how to build the console when a real synth finds no build', () => {
    expect(() => consoleDistDir(stackWith({ [consoleDistContext]: '/nonexistent/dist' }))).toThrow(
      /npm run build -w @spolu\/web/,
    );
  });
});

describe('cdk-nag over nested stacks', () => {
  it('fails synth on a finding inside the console nested stack', () => {
    const { app, stack: probe } = buildRegion();
    new Queue(probe.consoleHosting, 'UnencryptedProbe', { encryption: QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow(/Validation failed|AwsSolutions/);
  });
});
