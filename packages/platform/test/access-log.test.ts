// The security log's parsing, without AWS: access-log lines (as API Gateway writes them) become
// AccessRefused events only for the authorizer's refusals; a CloudWatch Logs subscription batch is
// decoded and put on the bus in batches; the HTTP stack tells which errors are refusals.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { Ulid, securityEvents } from '@spolu/contracts';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import {
  AccessLogLine,
  createAccessLogRefusals,
  parseRequestTime,
  refusalEventId,
  refusalFromAccessLog,
} from '../src/access-log';
import { CursorRefused } from '../src/dynamo/cursor';
import { badRequest, forbidden, notFound, unauthorized, HttpProblem } from '../src/errors';
import { refusalReason, targetParamOf } from '../src/http/security-log';

/** A line as `accessLogFields` in infra/lib/region-api.ts formats it; `-` for empty variables. */
const line = (fields: Record<string, string>) =>
  AccessLogLine.parse({
    requestId: 'abc=',
    requestTime: '06/Dec/2026:08:15:30 +0000',
    ip: '198.51.100.7',
    routeKey: 'GET /clients/{clientId}',
    status: '200',
    protocol: 'HTTP/1.1',
    responseLength: '42',
    latencyMs: '12',
    sub: '-',
    authorizerError: '-',
    integrationError: '-',
    ...fields,
  });

const subscriptionEvent = (messages: string[]): CloudWatchLogsEvent => ({
  awslogs: {
    data: gzipSync(
      JSON.stringify({
        messageType: 'DATA_MESSAGE',
        owner: '123456789012',
        logGroup: '/aws/apigateway/spolu-CZ051',
        logStream: 'stream',
        subscriptionFilters: ['refusals'],
        logEvents: messages.map((message, i) => ({ id: String(i), timestamp: 1_796_000_000_000, message })),
      }),
    ).toString('base64'),
  },
});

describe('access-log refusals', () => {
  it('records the authorizer 401 with the target id read off the path', () => {
    const refusal = refusalFromAccessLog(
      line({
        status: '401',
        authorizerError: 'the token has expired',
        path: '/clients/01JCZ0000000000000000000KC',
      }),
    );
    expect(refusal).toMatchObject({
      refusedBy: 'gateway',
      reason: 'unauthenticated',
      status: 401,
      routeKey: 'GET /clients/{clientId}',
      method: 'GET',
      targetId: '01JCZ0000000000000000000KC',
      targetParam: 'clientId',
      problemType: 'the token has expired',
      caller: { sourceIp: '198.51.100.7', roles: [] },
      requestId: 'abc=',
    });
    expect(refusal!.caller.sub).toBeUndefined();
  });

  it('records a missing-scope 403 with the token subject', () => {
    const refusal = refusalFromAccessLog(line({ status: '403', sub: 'user-1', integrationStatus: '-' }));
    expect(refusal).toMatchObject({ reason: 'forbidden', status: 403, caller: { sub: 'user-1' } });
  });

  it('names the caller as fully as the format allows', () => {
    const refusal = refusalFromAccessLog(
      line({
        status: '403',
        sub: 'app-1',
        clientId: 'app-1',
        partnerClientId: '01JCZ0000000000000000000KC',
        tenantId: 'tenant-b',
        workerId: '-',
        roles: '[partner]',
        integrationStatus: '-',
      }),
    );
    expect(refusal!.caller).toEqual({
      sub: 'app-1',
      clientId: 'app-1',
      partnerClientId: '01JCZ0000000000000000000KC',
      tenantId: 'tenant-b',
      roles: ['partner'],
      sourceIp: '198.51.100.7',
    });
  });

  it('leaves out answers a Lambda gave (its own middleware recorded them) and every other status', () => {
    expect(
      refusalFromAccessLog(line({ status: '403', sub: 'user-1', integrationStatus: '403' })),
    ).toBeUndefined();
    expect(refusalFromAccessLog(line({ status: '403', sub: 'user-1' }))).toBeUndefined();
    expect(refusalFromAccessLog(line({ status: '200' }))).toBeUndefined();
    expect(refusalFromAccessLog(line({ status: '404' }))).toBeUndefined();
    expect(refusalFromAccessLog(line({ status: '429' }))).toBeUndefined();
  });

  it('reads the CLF request time with its offset, and falls back to the log time', () => {
    expect(
      parseRequestTime(line({ requestTime: '06/Dec/2026:09:15:30 +0100' }), new Date(0)).toISOString(),
    ).toBe('2026-12-06T08:15:30.000Z');
    expect(parseRequestTime(line({ requestTime: 'garbage' }), new Date(5)).getTime()).toBe(5);
  });

  it('gives the same request the same event id (a redelivered batch is stored once)', () => {
    const at = new Date('2026-12-06T08:15:30Z');
    expect(refusalEventId('abc=', at)).toBe(refusalEventId('abc=', at));
    expect(refusalEventId('abd=', at)).not.toBe(refusalEventId('abc=', at));
    expect(Ulid.safeParse(refusalEventId('abc=', at)).success).toBe(true);
  });

  it('turns a subscription batch into AccessRefused events from spolu.gateway, ten per PutEvents', async () => {
    const calls: PutEventsRequestEntry[][] = [];
    const handle = createAccessLogRefusals({
      putEvents: async (entries) => {
        calls.push(entries);
        return entries.map((_e, i) => ({ EventId: `e${i}` }));
      },
      eventBusName: 'spolu-CZ051',
      region: 'CZ051',
    });
    const refused = [...Array(12).keys()].map((i) =>
      JSON.stringify({
        ...line({ status: '401', authorizerError: 'invalid signature' }),
        requestId: `r${i}`,
      }),
    );
    const result = await handle(
      subscriptionEvent([
        ...refused,
        JSON.stringify(line({ status: '200' })),
        'not json',
        '{"no":"request id"}',
      ]),
    );
    expect(result).toEqual({ refusals: 12 });
    expect(calls.map((c) => c.length)).toEqual([10, 2]);
    const entry = calls[0]![0]!;
    expect(entry).toMatchObject({
      Source: 'spolu.gateway',
      DetailType: 'AccessRefused',
      EventBusName: 'spolu-CZ051',
    });
    const envelope = securityEvents.AccessRefused.envelope.parse(JSON.parse(entry.Detail!));
    expect(envelope).toMatchObject({
      tenantId: securityEvents.noTenant,
      region: 'CZ051',
      occurredAt: '2026-12-06T08:15:30.000Z',
    });
  });

  it('fails the invocation when EventBridge refuses an entry, so the subscription retries', async () => {
    const handle = createAccessLogRefusals({
      putEvents: async (entries) => entries.map(() => ({ ErrorCode: 'InternalFailure' })),
      eventBusName: 'spolu-CZ051',
      region: 'CZ051',
    });
    await expect(handle(subscriptionEvent([JSON.stringify(line({ status: '401' }))]))).rejects.toThrow(
      /refused 1/,
    );
  });
});

describe('which answers the HTTP stack records', () => {
  const byId = { path: '/clients/{clientId}' };
  const list = { path: '/clients' };
  it.each<[string, HttpProblem, { path: string } | undefined, string | undefined]>([
    ['401', unauthorized('no verified token'), list, 'unauthenticated'],
    ['403', forbidden('needs role worker'), list, 'forbidden'],
    ['404 on a by-id route', notFound('client'), byId, 'not-found'],
    ['404 on a list', notFound('route'), list, undefined],
    ['404 without a route', notFound('route'), undefined, undefined],
    ['a refused cursor', new CursorRefused('wrong shape'), list, 'cursor'],
    ['another 400', badRequest('The body is not valid JSON.'), list, undefined],
    ['429', new HttpProblem(429, 'too-many-requests', 'Too many requests'), list, 'throttled'],
    ['422', new HttpProblem(422, 'validation', 'Validation failed'), byId, undefined],
  ])('%s', (_name, error, route, reason) => {
    expect(refusalReason(error, route)).toBe(reason);
  });

  it('takes the last id parameter of the path as the target', () => {
    expect(targetParamOf({ path: '/clients/{clientId}/consents/{consentId}/withdrawal' })).toBe('consentId');
    expect(targetParamOf({ path: '/stats/indicators/{indicator}' })).toBeUndefined();
    expect(targetParamOf({ path: '/webhooks/inbound/{partnerClientId}' })).toBe('partnerClientId');
  });
});
