// The region's Cognito user pool: who may sign in, and how their token gets tenant, region, roles
// and scopes. The HTTP API trusts exactly this pool (issuer) and these app clients (audiences).
import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { UserPoolClient, UserPoolDomain, UserPoolResourceServer } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Scope } from '@spolu/contracts';
import { allScopes, Claims, scopesForRoles } from '@spolu/contracts';
import { Construct } from 'constructs';
import type { PartnerClientConfig } from './config';

/** `spolu/clients.read` -> resource server `spolu`, scope `clients.read`. */
export const resourceServerId = 'spolu';
const scopeNameOf = (scope: string) => scope.slice(resourceServerId.length + 1);

/** The people who sign in to the web console; platform ops work through the API and runbook. */
const consoleRoles = ['worker', 'key-worker', 'provider-admin', 'regional-coordinator'] as const;
/** Platform scopes the console may request; the pre-token trigger still grants only the roles'. */
export const consoleScopes: Scope[] = [...new Set(consoleRoles.flatMap((role) => scopesForRoles[role]))];
/** The `scope` the console asks Cognito for. */
export const consoleScopeRequest = ['openid', 'email', 'profile', ...consoleScopes].join(' ');

export interface IdentityProps {
  authDomainPrefix: string;
  preTokenGeneration: IFunction;
  /** SSM parameter (name) with the partner mapping the trigger reads: app client id -> tenant. */
  partnerMappingParameterName: string;
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly resourceServer: UserPoolResourceServer;
  readonly domain: UserPoolDomain;
  readonly partnerClients = new Map<string, UserPoolClient>();
  partnerMapping?: StringParameter;
  private client?: UserPoolClient;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      // Providers' admins invite their workers; nobody signs themselves up to client data.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      customAttributes: {
        [Claims.tenantId]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        [Claims.roles]: new StringAttribute({ minLen: 0, maxLen: 256, mutable: true }),
        // The directory worker (ULID) this person is; set with the worker record, see OPERATIONS.md.
        [Claims.workerId]: new StringAttribute({ minLen: 26, maxLen: 26, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Special-category data (health, drug use): a password alone is not enough.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised credentials, adaptive authentication) and the V3
      // pre-token trigger that customizes access tokens of people and of partner systems.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      props.preTokenGeneration,
      // V3: the trigger runs for client-credentials grants too (V2 only for people), so a partner
      // system's token gets its tenant and partner-client id.
      LambdaVersion.V3_0,
    );
    this.partnerMappingParameterName = props.partnerMappingParameterName;

    this.resourceServer = this.userPool.addResourceServer('Api', {
      identifier: resourceServerId,
      userPoolResourceServerName: 'Spolu API',
      scopes: allScopes.map(
        (scope) => new ResourceServerScope({ scopeName: scopeNameOf(scope), scopeDescription: scope }),
      ),
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.authDomainPrefix },
    });
  }

  /**
   * The web console's app client (the only one people sign in with), once the console's URL is
   * known. Its id is the HTTP API's JWT audience.
   */
  addWebClient(consoleUrl: string) {
    if (this.client) throw new Error('the web client exists already');
    const home = `${consoleUrl}/`;
    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      // A browser app cannot keep a secret: the authorization code flow with PKCE (oidc-client-ts
      // always sends a code challenge; the app client has no CloudFormation setting to require it).
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        // The console requests its roles' platform scopes; the pre-token trigger removes the ones
        // a person's roles do not grant and adds the ones they do.
        scopes: [
          OAuthScope.OPENID,
          OAuthScope.EMAIL,
          OAuthScope.PROFILE,
          ...consoleScopes.map((scope) => OAuthScope.custom(scope)),
        ],
        // The console is a hash-routed page: Cognito returns to its root, and so does logout.
        callbackUrls: [home],
        logoutUrls: [home],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(12),
      // Tenant and roles are set by provider admins through the API, never by the user: the web
      // client may write only the person's own name.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(Claims.tenantId, Claims.roles, Claims.workerId),
    });
    this.client.node.addDependency(this.resourceServer);
    return this.client;
  }

  get webClient(): UserPoolClient {
    if (!this.client) throw new Error('Identity.addWebClient has not been called');
    return this.client;
  }

  private readonly partnerMappingParameterName: string;

  /**
   * One app client per partner system (OAuth2 client credentials, a generated secret, exactly the
   * scopes granted in cdk.json) and the mapping the pre-token trigger reads to give its tokens the
   * provider (tenant) and partner-client id. The mapping is an SSM parameter, not the trigger's
   * environment: the pool names the trigger and the clients belong to the pool, so the trigger
   * naming the clients would be a dependency cycle.
   */
  addPartnerClients(partners: readonly PartnerClientConfig[]) {
    if (this.partnerMapping) throw new Error('partner clients are added once');
    for (const partner of partners) {
      const client = this.userPool.addClient(`Partner${partner.partnerClientId}`, {
        // Cognito allows only [\w\s+=,.@-] in a client name: the id, not the partner's (Czech) name.
        userPoolClientName: `partner-${partner.partnerClientId}`,
        generateSecret: true,
        authFlows: {},
        oAuth: {
          flows: { clientCredentials: true },
          scopes: partner.scopes.map((scope) => OAuthScope.custom(scope)),
        },
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        accessTokenValidity: Duration.minutes(60),
      });
      client.node.addDependency(this.resourceServer);
      this.partnerClients.set(partner.partnerClientId, client);
    }
    // `{"<app client id>":{"tenantId":…,"partnerClientId":…},…}` (platform's PartnerClientMapping).
    const entries = partners.map((partner, index) =>
      Fn.join('', [
        index === 0 ? '"' : ',"',
        this.partnerClients.get(partner.partnerClientId)!.userPoolClientId,
        `":${JSON.stringify({ tenantId: partner.tenantId, partnerClientId: partner.partnerClientId })}`,
      ]),
    );
    this.partnerMapping = new StringParameter(this, 'PartnerMapping', {
      parameterName: this.partnerMappingParameterName,
      description:
        'Partner systems: Cognito app client id -> provider and partner client (pre-token trigger)',
      stringValue: entries.length ? Fn.join('', ['{', ...entries, '}']) : '{}',
    });
    return [...this.partnerClients.values()];
  }

  /** The hosted-login domain: authorize, token and logout endpoints. */
  get authDomainUrl() {
    return this.domain.baseUrl();
  }

  /** The JWT issuer API Gateway verifies tokens against. */
  get issuerUrl() {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
