// The one way this app builds a Lambda function: Node 24 on arm64, bundled to ESM by esbuild,
// X-Ray tracing, its own encrypted log group and its own role that may write only to that log
// group (instead of AWSLambdaBasicExecutionRole, which allows every log group in the account).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Alarms } from './alarms';
import { acceptedFindings, acknowledge } from './nag';
import { lockFile, repoRoot } from './paths';

// ESM bundles have no `require`; some bundled CommonJS dependencies still call it.
const requireShim =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export interface ServiceFunctionProps {
  /** Absolute path of a module that exports `handler`. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  logsKey: IKey;
  timeout?: Duration;
  memorySize?: number;
}

export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.timeout = props.timeout ?? Duration.seconds(10);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: this.timeout,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // No NODE_OPTIONS=--enable-source-maps: parsing the map at every start measured 13-23 % of
      // module load (npm run bench -- cold). A stack trace in the logs names bundle columns; the
      // map deployed next to the bundle (index.mjs.map) turns them into TypeScript lines offline.
      environment: props.environment,
      projectRoot: repoRoot,
      depsLockFilePath: lockFile,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // The map keeps file:line for stack traces, not a copy of every source (a third the size).
        sourcesContent: false,
        // Prefer ESM builds of dependencies (middy, powertools, the AWS SDK) over CommonJS fallbacks.
        mainFields: ['module', 'main'],
        banner: requireShim,
        // The AWS SDK is bundled (tree-shaken, minified) rather than loaded from the runtime's copy:
        // measured (npm run bench -- cold, docs/DECISIONS.md "Lambda cold start"), one bundled file
        // loads in less CPU than the SDK's packages resolved from node_modules, on Node 20 (about
        // half) and on Node 24 (0.77-0.97x), and the function no longer depends on the runtime's
        // SDK version.
        externalModules: [],
      },
    });
    // The role is created before the function, so scope log writing to the function's group.
    this.logGroup.grantWrite(this.role);
    acknowledge(this.role, acceptedFindings.xrayWildcard);
    acknowledge(this.fn, acceptedFindings.functionWithoutDlq);
  }

  /** Errors, throttles and a p99 duration near the timeout, alarmed to ops. */
  watch(alarms: Alarms) {
    alarms.onFunctionErrors(this, this.fn);
    alarms.onFunctionLoad(this, this.fn, this.timeout);
    return this;
  }
}
