// The region's Cognito user pool: who may sign in, and how their token gets tenant, region, roles
// and scopes. The HTTP API trusts exactly this pool (issuer) and these app clients (audiences).
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
import type { UserPoolResourceServer, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { allScopes, Claims } from '@spolu/contracts';
import { Construct } from 'constructs';

/** `spolu/clients.read` -> resource server `spolu`, scope `clients.read`. */
export const resourceServerId = 'spolu';
const scopeNameOf = (scope: string) => scope.slice(resourceServerId.length + 1);

export interface IdentityProps {
  domain: string;
  authDomainPrefix: string;
  preTokenGeneration: IFunction;
}

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly resourceServer: UserPoolResourceServer;
  readonly webClient: UserPoolClient;

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
      // Plus: threat protection (compromised credentials, adaptive authentication) and the V2
      // pre-token trigger that customizes access tokens.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      props.preTokenGeneration,
      LambdaVersion.V2_0,
    );

    this.resourceServer = this.userPool.addResourceServer('Api', {
      identifier: resourceServerId,
      userPoolResourceServerName: 'Spolu API',
      scopes: allScopes.map(
        (scope) => new ResourceServerScope({ scopeName: scopeNameOf(scope), scopeDescription: scope }),
      ),
    });

    this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.authDomainPrefix } });

    const origin = `https://${props.domain}`;
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      // A browser app cannot keep a secret; it uses the authorization code flow with PKCE.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        // Platform scopes are not requested by the app; the trigger adds the ones the roles grant.
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${origin}/auth/callback`],
        logoutUrls: [`${origin}/`],
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
        .withCustomAttributes(Claims.tenantId, Claims.roles),
    });
    this.webClient.node.addDependency(this.resourceServer);
  }

  /** The JWT issuer API Gateway verifies tokens against. */
  get issuerUrl() {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
