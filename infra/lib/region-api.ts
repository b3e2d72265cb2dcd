// The region's HTTP API. Every route requires a Cognito-issued JWT holding one of the route's
// scopes; the handler then checks roles and takes the tenant from the same token.
import { Duration, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { AnyRoute } from '@spolu/contracts';
import { Claims } from '@spolu/contracts';
import { Construct } from 'constructs';

export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

export interface RegionApiProps {
  name: string;
  /** The web console's origin (`https://<distribution>.cloudfront.net`): the one CORS origin. */
  consoleOrigin: string;
  issuerUrl: string;
  audiences: string[];
  throttle: Throttle;
  /** Routes only partner systems call (e.g. signed inbound webhooks) get this stage throttle. */
  partnerRouteThrottle: Throttle;
  logRetention: RetentionDays;
  logsKey: IKey;
}

// One JSON line per request; `sub` lets an audit question ("who called what") be answered.
const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  sub: '$context.authorizer.claims.sub',
  // Who a refused caller was (the security log reads these from the authorizer's 403 lines).
  clientId: '$context.authorizer.claims.client_id',
  partnerClientId: `$context.authorizer.claims.${Claims.partnerClientId}`,
  workerId: `$context.authorizer.claims.${Claims.workerId}`,
  tenantId: `$context.authorizer.claims.${Claims.tenantId}`,
  roles: `$context.authorizer.claims.${Claims.roles}`,
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integrationErrorMessage',
  // Empty when no Lambda ran: tells the authorizer's own refusals from a handler's.
  integrationStatus: '$context.integration.status',
};

export class RegionApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpJwtAuthorizer;
  readonly accessLogs: LogGroup;
  private readonly integrations = new Map<IFunction, HttpLambdaIntegration>();
  private readonly partnerOnlyRoutes: string[] = [];

  constructor(scope: Construct, id: string, props: RegionApiProps) {
    super(scope, id);
    this.authorizer = new HttpJwtAuthorizer('Cognito', props.issuerUrl, { jwtAudience: props.audiences });
    this.api = new HttpApi(this, 'Api', {
      apiName: props.name,
      createDefaultStage: false,
      defaultAuthorizer: this.authorizer,
      corsPreflight: {
        allowOrigins: [props.consoleOrigin],
        allowMethods: [CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
        exposeHeaders: ['etag', 'location'],
        // Field phones on slow links: one preflight per URL and hour, not per request.
        maxAge: Duration.hours(1),
      },
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      encryptionKey: props.logsKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
    // Per-route stage throttles: one partner system's loop on its own routes cannot use up the
    // region's rate. Routes people and partners share keep the stage default; the API's per-caller
    // limit (callerLimits) answers a single partner's excess there with 429.
    const { rateLimit, burstLimit } = props.partnerRouteThrottle;
    // RouteSettings is a JSON map CloudFormation reads as written: its own (Pascal) casing.
    (this.stage.node.defaultChild as CfnStage).routeSettings = Lazy.any({
      produce: () =>
        this.partnerOnlyRoutes.length
          ? Object.fromEntries(
              this.partnerOnlyRoutes.map((key) => [
                key,
                { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit },
              ]),
            )
          : undefined,
    });
  }

  /**
   * Adds a manifest route in `scope` (the service's nested stack, so routes count against the
   * service's template, not the region's); the route's scopes become the authorizer's required
   * scopes.
   */
  addRoute(scope: Construct, route: AnyRoute, fn: IFunction) {
    if (route.roles?.length && route.roles.every((role) => role === 'partner'))
      this.partnerOnlyRoutes.push(`${route.method} ${route.path}`);
    return new HttpRoute(scope, `${route.method}${route.path}`.replace(/[^A-Za-z0-9]/g, ''), {
      httpApi: this.api,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: this.integrationFor(fn),
      authorizer: this.authorizer,
      authorizationScopes: [...route.scopes],
    });
  }

  private integrationFor(fn: IFunction) {
    let integration = this.integrations.get(fn);
    if (!integration) {
      // Named after the function's construct path so logical ids do not depend on route order.
      // One invoke permission per function for the whole API instead of one per route: with ~100
      // routes the per-route permissions alone would push the stack past CloudFormation's 500
      // resources. The handler still refuses any route key it does not serve.
      integration = new HttpLambdaIntegration(fn.node.path.replace(/[^A-Za-z0-9]/g, ''), fn, {
        scopePermissionToRoute: false,
      });
      this.integrations.set(fn, integration);
    }
    return integration;
  }
}
