// Realistic first events for each kind of bundled function: an API Gateway v2 request with JWT
// authorizer claims (as API Gateway passes them: strings), an EventBridge event, a schedule tick,
// a DynamoDB stream batch with one outbox insert, and a Cognito pre-token-generation V2 trigger.
import { randomUUID } from 'node:crypto';
import type { AnyRoute, RegionCode, Role } from '@spolu/contracts';
import { AnyEnvelope, Claims, newId, scopesFor } from '@spolu/contracts';
import { outboxItem } from '@spolu/platform';
import { marshall } from '@aws-sdk/util-dynamodb';

/** Prefer a GET without path parameters (a list), then any GET, then the first route. */
export const pickRoute = (routes: readonly AnyRoute[]): AnyRoute | undefined =>
  routes.find((r) => r.method === 'GET' && !r.path.includes('{')) ??
  routes.find((r) => r.method === 'GET') ??
  routes[0];

export const apiGatewayEvent = (route: AnyRoute, region: RegionCode) => {
  const roles: Role[] = route.roles ? [route.roles[0]!] : ['provider-admin'];
  const needsTenant = !roles.every((role) => role === 'platform-ops' || role === 'regional-coordinator');
  const scopes = scopesFor(roles);
  const nowS = Math.floor(Date.now() / 1000);
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const path = params.reduce((p, name) => p.replace(`{${name}}`, newId()), route.path);
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.spolu.local', 'user-agent': 'bench', accept: 'application/json' },
    pathParameters: params.length
      ? Object.fromEntries(params.map((name, i) => [name, path.split('/').filter(Boolean)[i] ?? newId()]))
      : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: {
          claims: {
            sub: newId(),
            iss: 'https://issuer.spolu.local/bench',
            aud: 'spolu-local',
            token_use: 'access',
            iat: nowS,
            exp: nowS + 3600,
            scope: scopes.join(' '),
            [Claims.region]: region,
            [Claims.roles]: roles.join(' '),
            ...(needsTenant ? { [Claims.tenantId]: newId() } : {}),
          },
          scopes,
        },
      },
      domainName: 'api.spolu.local',
      domainPrefix: 'api',
      http: { method: route.method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId,
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
};

export const scheduleEvent = () => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: new Date().toISOString(),
  region: 'eu-central-1',
  resources: [],
  detail: {},
});

export const busEvent = (source: string, type: string) => ({
  ...scheduleEvent(),
  'detail-type': type,
  source,
  detail: {},
});

/** One outbox INSERT as the stream delivers it (a real envelope, so it is parsed and published). */
export const outboxStreamEvent = (region: RegionCode) => {
  const envelope = {
    id: newId(),
    type: 'WorkerAdded',
    version: 1,
    occurredAt: new Date().toISOString(),
    tenantId: newId(),
    region,
    subject: { type: 'worker', id: newId(), revision: 1 },
    data: { worker: { id: newId(), providerId: newId(), roles: ['worker'], serviceIds: [], active: true } },
  };
  const item = outboxItem('directory', AnyEnvelope.parse(envelope), new Date());
  return {
    Records: [
      {
        eventID: '1',
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'eu-central-1',
        dynamodb: {
          NewImage: marshall(item, { removeUndefinedValues: true }),
          SequenceNumber: '100',
          StreamViewType: 'NEW_IMAGE',
        },
      },
    ],
  };
};

export const preTokenEvent = () => ({
  version: '2',
  triggerSource: 'TokenGeneration_Authentication',
  region: 'eu-central-1',
  userPoolId: 'eu-central-1_bench',
  userName: 'bench',
  callerContext: { awsSdkVersion: '3', clientId: 'bench' },
  request: {
    userAttributes: { sub: newId(), 'custom:tenant_id': newId(), 'custom:roles': 'worker key-worker' },
    groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
    scopes: ['openid'],
  },
  response: { claimsAndScopeOverrideDetails: null },
});
