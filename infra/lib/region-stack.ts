// One kraj = one stack: identity, API, event bus, alarms, each service from its manifest, and the
// web console (two nested stacks, see console.ts).
import { Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import type { CfnOutput, StackProps } from 'aws-cdk-lib';
import { FilterPattern, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity as SesIdentity } from 'aws-cdk-lib/aws-ses';
import type { ServiceManifest } from '@spolu/platform';
import type { Construct } from 'constructs';
import { Alarms } from './alarms';
import { keepFailedInvocations } from './async-invocations';
import { TableBackup } from './backup';
import { RegionDashboard } from './dashboard';
import type { RegionDeployment } from './config';
import { ConsoleContent, ConsoleHosting, consoleDistDir } from './console';
import { consoleScopeRequest, Identity } from './identity';
import { acceptedFindings, acknowledge } from './nag';
import { MigrationRunner } from './migration-runner';
import { addOpsOutputs } from './ops-outputs';
import { platformLambdas } from './paths';
import { RegionApi } from './region-api';
import { RegionBus } from './region-bus';
import { RegionKeys } from './region-keys';
import { ServiceFunction } from './service-function';
import { ServiceResources } from './service-resources';

export interface RegionStackProps extends StackProps {
  region: RegionDeployment;
  manifests: readonly ServiceManifest[];
  /** The pipeline's account, when the pipeline deploys this stack: it then runs the data
   * migrations after each deployment through a role this stack makes for it. */
  pipelineAccount?: string;
}

export const stackNameOf = (code: string) => `Spolu-${code}`;

export class RegionStack extends Stack {
  /** The kraj this stack serves, as parsed from cdk.json (`region` is taken by Stack: the AWS region). */
  readonly kraj: RegionDeployment;
  readonly keys: RegionKeys;
  readonly identity: Identity;
  readonly consoleHosting: ConsoleHosting;
  readonly consoleContent: ConsoleContent;
  readonly api: RegionApi;
  readonly bus: RegionBus;
  /** The region's domain as the sender of e-mail notices. */
  readonly mailIdentity: EmailIdentity;
  readonly alarms: Alarms;
  readonly subjectKeySecret: Secret;
  readonly preTokenGeneration: ServiceFunction;
  readonly services = new Map<string, ServiceResources>();
  readonly backup: TableBackup;
  /** The JWT authorizer's refusals (401/403 before any Lambda) from the access log to the bus. */
  readonly accessLogRefusals: ServiceFunction;
  readonly dashboard: RegionDashboard;
  /** Each service's `<Service>Migrate` output (the function's name). */
  readonly migrateOutputs: ReadonlyMap<string, CfnOutput>;
  /** Present when the pipeline deploys this stack (props.pipelineAccount). */
  readonly migrationRunner?: MigrationRunner;

  constructor(scope: Construct, id: string, props: RegionStackProps) {
    const { region } = props;
    super(scope, id, {
      ...props,
      env: { account: region.account, region: region.awsRegion },
      description: `Spolu for ${region.name} (${region.code})`,
      terminationProtection: true,
    });
    this.kraj = region;
    Tags.of(this).add('spolu:region', region.code);

    const namePrefix = `spolu-${region.code.toLowerCase()}`;
    const partnerMappingParameterName = `/spolu/${region.code}/partner-clients`;
    const logRetention = region.logRetentionDays as RetentionDays;
    this.keys = new RegionKeys(this, 'Keys', region.code);
    this.alarms = new Alarms(this, 'Alarms', { email: region.alarmEmail, key: this.keys.messaging });

    // Pseudonymous subject keys (HMAC) must stay stable for years of statistics: no rotation,
    // and the secret outlives the stack.
    this.subjectKeySecret = new Secret(this, 'SubjectKeySecret', {
      description: `Spolu ${region.code}: HMAC secret for pseudonymous subject keys`,
      encryptionKey: this.keys.secrets,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.subjectKeySecret, acceptedFindings.subjectKeyNoRotation);

    this.preTokenGeneration = new ServiceFunction(this, 'PreTokenGeneration', {
      entry: platformLambdas.preTokenGeneration,
      description: 'Cognito pre-token-generation: tenant, region, roles and scopes into tokens',
      environment: {
        SPOLU_REGION: region.code,
        POWERTOOLS_SERVICE_NAME: 'identity',
        PARTNER_CLIENTS_PARAMETER: partnerMappingParameterName,
      },
      logRetention,
      logsKey: this.keys.logs,
      timeout: Duration.seconds(5),
      memorySize: 256,
    });
    this.preTokenGeneration.watch(this.alarms);
    // By ARN, not by the parameter: the parameter names the app clients, which belong to the pool,
    // which names this trigger.
    this.preTokenGeneration.role.addToPolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [
          this.formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: partnerMappingParameterName.slice(1),
          }),
        ],
      }),
    );

    this.identity = new Identity(this, 'Identity', {
      authDomainPrefix: region.authDomainPrefix ?? namePrefix,
      preTokenGeneration: this.preTokenGeneration.fn,
      partnerMappingParameterName,
    });
    const partnerClients = this.identity.addPartnerClients(region.partnerClients);

    // Console hosting first: the app client's callback URLs and the API's CORS origin name it.
    this.consoleHosting = new ConsoleHosting(this, 'ConsoleHosting', {
      regionCode: region.code,
      issuerUrl: this.identity.issuerUrl,
      authDomainUrl: this.identity.authDomainUrl,
      logRetentionDays: region.logRetentionDays,
    });
    const consoleUrl = this.consoleHosting.url;
    const webClient = this.identity.addWebClient(consoleUrl);

    this.api = new RegionApi(this, 'Api', {
      name: namePrefix,
      consoleOrigin: consoleUrl,
      issuerUrl: this.identity.issuerUrl,
      // Access tokens from client credentials carry no `aud`: the authorizer matches their
      // `client_id` against this list, so a partner app client not listed here is refused.
      audiences: [webClient.userPoolClientId, ...partnerClients.map((client) => client.userPoolClientId)],
      throttle: region.apiThrottle,
      partnerRouteThrottle: region.partnerRouteThrottle,
      logRetention,
      logsKey: this.keys.logs,
    });

    this.alarms.onApi(this.api, this.api.api);

    this.bus = new RegionBus(this, 'Events', {
      name: namePrefix,
      key: this.keys.messaging,
      archiveRetention: Duration.days(region.dataRetentionYears * 365),
    });

    // E-mail notices (inbox) leave from the region's own domain; ops verify it once (DKIM records
    // in the DNS zone of region.domain, OPERATIONS.md) and take the account out of the SES sandbox.
    this.mailIdentity = new EmailIdentity(this, 'MailIdentity', {
      identity: SesIdentity.domain(region.domain),
    });

    for (const manifest of props.manifests) {
      const resources = new ServiceResources(
        this,
        `Service${manifest.name[0]!.toUpperCase()}${manifest.name.slice(1)}`,
        {
          manifest,
          region: region.code,
          namePrefix,
          api: this.api,
          bus: this.bus.bus,
          subjectKeySecret: this.subjectKeySecret,
          alarms: this.alarms,
          keys: this.keys,
          logRetention,
          callerLimits: region.callerLimits,
          mail: {
            from: `Spolu <noreply@${region.domain}>`,
            consoleUrl,
            identityArn: this.mailIdentity.emailIdentityArn,
          },
        },
      );
      this.services.set(manifest.name, resources);
    }
    this.consoleContent = new ConsoleContent(this, 'ConsoleContent', {
      regionCode: region.code,
      hosting: this.consoleHosting,
      distDir: consoleDistDir(this),
      config: {
        region: region.code,
        regionName: region.name,
        apiUrl: this.api.api.apiEndpoint,
        auth: {
          kind: 'oidc',
          authority: this.identity.issuerUrl,
          clientId: webClient.userPoolClientId,
          scope: consoleScopeRequest,
          // Cognito's discovery document has no end_session_endpoint; this is its logout endpoint.
          logoutUrl: `${this.identity.authDomainUrl}/logout?client_id=${webClient.userPoolClientId}&logout_uri=${consoleUrl}/`,
        },
      },
    });

    this.accessLogRefusals = this.watchAccessLogRefusals(logRetention);

    this.backup = new TableBackup(this, 'Backup', {
      regionCode: region.code,
      tables: [...this.services.values()].map((service) => service.table.table),
      retentionYears: region.dataRetentionYears,
      copyToVaultArn: region.backup.copyToVaultArn,
    });
    this.alarms.onRefusedAccessBursts(this.alarms);
    this.dashboard = new RegionDashboard(this, 'Dashboard', {
      name: namePrefix,
      api: this.api.api,
      services: this.services,
      alarms: this.alarms.all,
    });

    this.migrateOutputs = addOpsOutputs(this).migrate;
    if (props.pipelineAccount)
      this.migrationRunner = new MigrationRunner(this, 'MigrationRunner', {
        region,
        pipelineAccount: props.pipelineAccount,
        functions: [...this.services.values()].map((service) => service.migrate.fn),
      });
  }

  private watchAccessLogRefusals(logRetention: RetentionDays) {
    const fn = new ServiceFunction(this, 'AccessLogRefusals', {
      entry: platformLambdas.accessLogRefusals,
      description:
        'API access log: refusals by the JWT authorizer -> AccessRefused on the bus (security log)',
      environment: {
        SPOLU_REGION: this.kraj.code,
        EVENT_BUS_NAME: this.bus.bus.eventBusName,
        POWERTOOLS_SERVICE_NAME: 'access-log-refusals',
      },
      logRetention,
      logsKey: this.keys.logs,
      timeout: Duration.seconds(30),
    }).watch(this.alarms);
    this.bus.bus.grantPutEventsTo(fn.role);
    // CloudWatch Logs invokes the function asynchronously: a failed batch must not vanish.
    keepFailedInvocations(fn, fn.fn, {
      messagingKey: this.keys.messaging,
      alarms: this.alarms,
      purpose: 'the access-log refusals function',
    });
    new SubscriptionFilter(fn, 'Subscription', {
      logGroup: this.api.accessLogs,
      destination: new LambdaDestination(fn.fn),
      // The access-log format writes every value as a JSON string ("401"), so compare strings.
      filterPattern: FilterPattern.any(
        FilterPattern.stringValue('$.status', '=', '401'),
        FilterPattern.stringValue('$.status', '=', '403'),
      ),
    });
    return fn;
  }
}
