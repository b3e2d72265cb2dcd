// The web console (web/, a static React app) per region: a private S3 bucket behind CloudFront
// (origin access control), security headers, and the build plus a generated /config.json.
//
// Two nested stacks, because the HTTP API and the console need each other's generated names:
// CORS on the API and the Cognito callback URLs name the distribution's domain, while config.json
// names the API URL and the app client. `ConsoleHosting` (bucket, distribution) is created first;
// the parent's API and app client point at it; `ConsoleContent` (the deployment) comes last.
// Keeping them nested also keeps the parent under CloudFormation's 500 resources.
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { DefaultStackSynthesizer, Duration, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { NestedStackProps } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { acceptedFindings, acknowledge } from './nag';
import { consolePlaceholderDir, repoRoot, webDistDir } from './paths';

/** Context key: a directory to deploy instead of web/dist (relative to the repository root). */
export const consoleDistContext = 'consoleDist';

/**
 * The directory the console is deployed from. An explicit `-c consoleDist=...` wins. When the
 * stack is synthesized without bundling (unit tests, `cdk ls`), Lambda code is a placeholder and so
 * is the console. A real synth or deploy needs the web build and says how to make it.
 */
export const consoleDistDir = (stack: Stack): string => {
  const chosen = stack.node.tryGetContext(consoleDistContext) as string | undefined;
  const dir = chosen ? (isAbsolute(chosen) ? chosen : join(repoRoot, chosen)) : undefined;
  if (!dir && !stack.bundlingRequired) return consolePlaceholderDir;
  const target = dir ?? webDistDir;
  if (!existsSync(join(target, 'index.html'))) {
    throw new Error(
      `${stack.stackName}: the web console is not built (${join(target, 'index.html')} is missing). ` +
        'Run `npm run build -w @spolu/web` first.',
    );
  }
  return target;
};

/**
 * The console bucket's name, fixed like the tables' names: the deployment stack names the bucket
 * by it (no cross-stack token in its IAM policy, so the cdk-nag acknowledgement names the ARN).
 */
export const consoleBucketName = (regionCode: string, account: string) =>
  `spolu-${regionCode.toLowerCase()}-console-${account}`;

export interface ConsoleHostingProps extends NestedStackProps {
  regionCode: string;
  /** The pool's issuer (`https://cognito-idp.<region>.amazonaws.com/<poolId>`): OIDC discovery. */
  issuerUrl: string;
  /** The Cognito hosted-login domain (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  authDomainUrl: string;
  logRetentionDays: number;
}

/**
 * The one inline <style> the console's build inserts: cytoscape (cooperation map) adds
 * `.__________cytoscape_container { position: relative; }` to <head>. Allowed by its hash, so
 * style-src needs no 'unsafe-inline'. A different text (a cytoscape upgrade) is refused with a CSP
 * report in the browser console; recompute the hash then.
 */
export const cytoscapeContainerStyle = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='";

/**
 * Content-Security-Policy for the console: everything from its own origin, no inline script, no
 * inline style but cytoscape's (React sets styles through the CSSOM, which CSP allows), XHR only to the
 * region's API, the user pool's OIDC metadata and the hosted-login domain, never framed. Checked
 * against the real build (`vite build`): no inline script; styles in assets/*.css.
 *
 * The API appears as `https://*.execute-api.<region>.amazonaws.com`, not its exact URL: the API's
 * CORS origin is the distribution's domain, so naming the API id here would make the distribution
 * and the API each wait for the other (a CloudFormation cycle). CORS, the app client's callback
 * URLs and the pool paths stay exact; a custom domain for API and console would make this exact too.
 */
export const consoleCsp = (props: { awsRegion: string; issuerUrl: string; authDomainUrl: string }) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${cytoscapeContainerStyle}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' https://*.execute-api.${props.awsRegion}.amazonaws.com ${props.issuerUrl}/ ${props.authDomainUrl}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** Bucket, distribution and headers; no dependency on the API, so the API can depend on it. */
export class ConsoleHosting extends NestedStack {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  /** `https://<id>.cloudfront.net`, no trailing slash (a CORS origin). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id, { ...props, description: `Spolu ${props.regionCode}: web console hosting` });

    // S3 server access logs and CloudFront standard logs. CloudFront writes its logs with an ACL,
    // hence object-writer ownership; SSE-S3 because CloudFront cannot write to KMS-encrypted buckets.
    this.logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.logs, acceptedFindings.logBucketWithoutLogs);

    this.bucket = new Bucket(this, 'Site', {
      bucketName: consoleBucketName(props.regionCode, Stack.of(this).account),
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Spolu ${props.regionCode} console: security headers`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleCsp({
            awsRegion: Stack.of(this).region,
            issuerUrl: props.issuerUrl,
            authDomainUrl: props.authDomainUrl,
          }),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Nothing in the console's addresses is anyone else's business.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Spolu ${props.regionCode} web console`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        // The objects' Cache-Control decides: no-cache for index.html and config.json, a year for
        // the content-hashed assets/ (see ConsoleContent).
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Users are in Czechia: Europe and North America edges are enough.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
    });
    for (const finding of acceptedFindings.consoleDistribution) acknowledge(this.distribution, finding);

    this.url = `https://${this.distribution.distributionDomainName}`;
  }
}

/** What the console reads from /config.json (web/src/config.ts, `ConsoleConfig`). */
export interface ConsoleConfigJson {
  region: string;
  regionName: string;
  apiUrl: string;
  auth: { kind: 'oidc'; authority: string; clientId: string; scope: string; logoutUrl: string };
}

export interface ConsoleContentProps extends NestedStackProps {
  regionCode: string;
  hosting: ConsoleHosting;
  distDir: string;
  config: ConsoleConfigJson;
}

/** Uploads the build and config.json; depends on the API and the app client through `config`. */
export class ConsoleContent extends NestedStack {
  readonly assets: BucketDeployment;
  readonly pages: BucketDeployment;

  constructor(scope: Construct, id: string, props: ConsoleContentProps) {
    super(scope, id, { ...props, description: `Spolu ${props.regionCode}: web console content` });
    const { distribution } = props.hosting;
    const { account, region } = Stack.of(this);
    const siteBucketName = consoleBucketName(props.regionCode, account);
    const bucket = Bucket.fromBucketName(this, 'Site', siteBucketName);
    const build = Source.asset(props.distDir);

    // Vite names every file in assets/ by its content hash: cache for a year. Old files stay
    // (no prune), so a browser still holding the previous index.html can load its chunks.
    this.assets = new BucketDeployment(this, 'Assets', {
      sources: [build],
      destinationBucket: bucket,
      exclude: ['*'],
      include: ['assets/*'],
      prune: false,
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.days(365)),
        CacheControl.immutable(),
      ],
      memoryLimit: 256,
    });

    // Everything else, with config.json generated last (it wins over any file of that name in the
    // build): revalidated on every load, so a deployment is live at once. Pruning skips assets/.
    this.pages = new BucketDeployment(this, 'Pages', {
      sources: [build, Source.jsonData('config.json', props.config)],
      destinationBucket: bucket,
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
      distribution,
      memoryLimit: 256,
    });
    // index.html must never point at chunks that are not uploaded yet.
    this.pages.node.addDependency(this.assets);

    // Both deployments share one handler (a singleton function owning the role).
    const assetsBucket = DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace(
      '${Qualifier}',
      DefaultStackSynthesizer.DEFAULT_QUALIFIER,
    )
      .replace('${AWS::AccountId}', account)
      .replace('${AWS::Region}', region);
    const handler = this.assets.handlerRole.node.scope!;
    for (const finding of acceptedFindings.consoleDeployment({
      assets: assetsBucket,
      site: siteBucketName,
    })) {
      acknowledge(handler, finding);
    }
  }
}
