// The HTTP stack's middlewares one by one, each called as middy calls it (a request with the event,
// the per-request state in `context.api`); the ones that read or write run on real DynamoDB Local.
// The composed stack is exercised end to end by test/e2e (hostile input, matrix, audit, limits).
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { AnyRoute } from '@spolu/contracts';
import { Claims, Scopes, defineRoute, newId } from '@spolu/contracts';
import * as z from 'zod';
import { ensureTable } from '../../local/src/tables';
import { lambdaContext } from '../../local/src/gateway';
import { testEndpoint } from '../../local/test-support/harness';
import { auditPartition } from '../src/audit';
import type { RuntimeEnv } from '../src/env';
import { documentClient } from '../src/env';
import { HttpProblem } from '../src/errors';
import type { ApiEvent, RouteImplementation } from '../src/http/api';
import { callerLimitSettings } from '../src/http/caller-limits';
import { auditTrail } from '../src/http/middlewares/audit-trail';
import { authorize } from '../src/http/middlewares/authorize';
import { callerLimits } from '../src/http/middlewares/caller-limits';
import { correlationId } from '../src/http/middlewares/correlation-id';
import { idempotentReplay } from '../src/http/middlewares/idempotent-replay';
import { ifMatch } from '../src/http/middlewares/if-match';
import { jsonBody, maxBodyBytes } from '../src/http/middlewares/json-body';
import { parseBody } from '../src/http/middlewares/parse-body';
import { parseParameters } from '../src/http/middlewares/parse-parameters';
import { routeLookup } from '../src/http/middlewares/route-lookup';
import { runRoute } from '../src/http/middlewares/run-route';
import { serializeResponse } from '../src/http/middlewares/serialize-response';
import type { ApiMiddleware, ApiMiddyRequest, ApiState } from '../src/http/middlewares/state';
import { withApiState } from '../src/http/middlewares/state';
import { unitOfWork } from '../src/http/middlewares/unit-of-work';
import { validateResponse } from '../src/http/middlewares/validate-response';
import { createLogger } from '../src/logger';
import { defineService } from '../src/manifest';

const log = createLogger('test');

const route = defineRoute({
  id: 'test.updateThing',
  method: 'PUT',
  path: '/things/{thingId}',
  summary: 'test',
  scopes: [Scopes.clientsWrite],
  roles: ['worker'],
  params: z.strictObject({ thingId: z.string().min(3) }),
  body: z.strictObject({ name: z.string() }),
  response: z.object({ id: z.string(), version: z.number() }),
  idempotent: true,
  requiresIfMatch: true,
  clientData: true,
  tags: ['test'],
});
const bare = defineRoute({
  id: 'test.listThings',
  method: 'GET',
  path: '/things',
  summary: 'test',
  scopes: [Scopes.clientsRead],
  response: z.string(),
  responseMediaType: 'text/csv',
  tags: ['test'],
});
const implOf = (r: AnyRoute, answer: unknown = { id: 't', version: 1 }): RouteImplementation => ({
  route: r,
  run: async () => ({ body: answer }),
});

const tenantId = `t${randomBytes(4).toString('hex')}`;
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  [Claims.region]: 'CZ051',
  [Claims.tenantId]: tenantId,
  [Claims.roles]: '[worker]',
  ...extra,
});

const eventOf = (over: Partial<ApiEvent> = {}, tokenClaims: Record<string, unknown> | null = claims()) =>
  ({
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: '/things/abc',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      requestId: `req-${newId()}`,
      authorizer: tokenClaims ? { jwt: { claims: tokenClaims, scopes: [Scopes.clientsWrite] } } : undefined,
    },
    ...over,
  }) as ApiEvent;

const requestOf = (event: ApiEvent, api: ApiState = { impl: implOf(route) }): ApiMiddyRequest => ({
  event,
  context: { ...lambdaContext('test', event.requestContext.requestId), api },
  response: undefined,
  error: undefined,
  internal: {},
});

/** Runs one hook as middy does and returns what it threw, or undefined. */
const thrownBy = async (hook: ApiMiddleware['before'], request: ApiMiddyRequest) => {
  try {
    await hook!(request);
    return undefined;
  } catch (error) {
    return error;
  }
};
const statusOf = (error: unknown) => (error instanceof HttpProblem ? error.status : error);

let env: RuntimeEnv;
beforeAll(async () => {
  const endpoint = await testEndpoint();
  const control = new DynamoDBClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const manifest = defineService({ name: 'intake', description: 'test', dir: '.', table: {}, handlers: {} });
  const table = await ensureTable(control, `mw${randomBytes(4).toString('hex')}`, manifest);
  control.destroy();
  env = {
    service: 'intake',
    region: 'CZ051',
    tableName: table.tableName,
    ddb: documentClient(endpoint),
    now: () => new Date(),
    validateResponses: true,
    subjectKeySecret: 'test',
    settings: {},
  };
});
afterAll(() => env.ddb.destroy());

describe('withApiState', () => {
  it('gives each request fresh state and leaves the Lambda context as it was', () => {
    const lambda = lambdaContext('test', 'r1');
    const first = withApiState(lambda);
    first.api.ifMatch = 3;
    expect(withApiState(lambda).api).toEqual({});
    expect('api' in lambda).toBe(false);
    expect(first.awsRequestId).toBe('r1');
  });
});

describe('correlationId', () => {
  it("tags the request's log lines with API Gateway's request id", async () => {
    const logger = createLogger('test');
    const set = jest.spyOn(logger, 'setCorrelationId');
    const event = eventOf();
    await correlationId(logger).before!(requestOf(event));
    expect(set).toHaveBeenCalledWith(event.requestContext.requestId);
  });
});

describe('routeLookup', () => {
  const impls = new Map([[`${route.method} ${route.path}`, implOf(route)]]);
  it('finds the implementation of the matched route', async () => {
    const request = requestOf(eventOf(), {});
    await routeLookup(impls, log).before!(request);
    expect(request.context.api.impl?.route.id).toBe('test.updateThing');
  });
  it('answers 404 for a route this function does not serve', async () => {
    const error = await thrownBy(
      routeLookup(impls, log).before,
      requestOf(eventOf({ routeKey: 'GET /x' }), {}),
    );
    expect(statusOf(error)).toBe(404);
  });
});

describe('authorize', () => {
  const before: ApiMiddleware['before'] = (request) => authorize(env).before!(request);
  it('takes the caller and tenant from the verified claims', async () => {
    const request = requestOf(eventOf());
    await before!(request);
    expect(request.context.api.auth).toMatchObject({ userId: 'user-1', tenantId, roles: ['worker'] });
  });
  it('answers 401 without a token, 403 without the scope or the role', async () => {
    expect(statusOf(await thrownBy(before, requestOf(eventOf({}, null))))).toBe(401);
    const noScope = eventOf();
    noScope.requestContext.authorizer!.jwt.scopes = [Scopes.clientsRead];
    const refused = await thrownBy(before, requestOf(noScope));
    expect(statusOf(refused)).toBe(403);
    expect((refused as Error).message).toBe('needs scope spolu/clients.write');
    const noRole = await thrownBy(before, requestOf(eventOf({}, claims({ [Claims.roles]: '[partner]' }))));
    expect((noRole as Error).message).toBe('needs role worker');
  });
});

describe('callerLimits', () => {
  it('counts requests per provider and answers 429 with Retry-After past the limit', async () => {
    // A fixed moment in the middle of a minute: the three calls count in one window however slow
    // the machine is (a real clock crossing a minute starts a new window and the third passes).
    const limited = {
      ...env,
      now: () => new Date('2026-12-06T10:00:30.000Z'),
      settings: { [callerLimitSettings.perProvider]: '2' },
    };
    const request = requestOf(eventOf());
    await authorize(limited).before!(request);
    const before = callerLimits(limited).before;
    expect(await thrownBy(before, request)).toBeUndefined();
    expect(await thrownBy(before, request)).toBeUndefined();
    const third = await thrownBy(before, request);
    expect(statusOf(third)).toBe(429);
    expect(Number((third as HttpProblem).headers['retry-after'])).toBeGreaterThan(0);
  });
  it('needs authorize before it (a stack in the wrong order fails loudly)', async () => {
    const error = await thrownBy(callerLimits(env).before, requestOf(eventOf()));
    expect((error as Error).message).toMatch(/auth is set by authorize/);
  });
});

describe('parseParameters', () => {
  const before = parseParameters().before;
  it('parses path parameters with the route schema', async () => {
    const request = requestOf(eventOf({ pathParameters: { thingId: 'abc' } }));
    await before!(request);
    expect(request.context.api.params).toEqual({ thingId: 'abc' });
  });
  it('answers 422 for a bad parameter and 400 for a query the route does not take', async () => {
    const bad = await thrownBy(before, requestOf(eventOf({ pathParameters: { thingId: 'a' } })));
    expect(statusOf(bad)).toBe(422);
    expect((bad as HttpProblem).errors?.[0]?.path).toBe('params.thingId');
    const query = eventOf({ pathParameters: { thingId: 'abc' }, queryStringParameters: { sort: 'x' } });
    expect(statusOf(await thrownBy(before, requestOf(query)))).toBe(400);
  });
});

describe('jsonBody', () => {
  const before = jsonBody().before;
  const json = { 'content-type': 'application/json; charset=utf-8' };
  it('decodes a base64 body once and keeps the exact text beside the parsed JSON', async () => {
    const text = '{"name":"Žofie"}';
    const request = requestOf(
      eventOf({ headers: json, isBase64Encoded: true, body: Buffer.from(text).toString('base64') }),
    );
    const decode = jest.spyOn(Buffer, 'from');
    await before!(request);
    expect(decode.mock.calls.filter((call) => call.some((arg) => arg === 'base64'))).toHaveLength(1);
    decode.mockRestore();
    expect(request.context.api.bodyText).toBe(text);
    expect(request.context.api.json).toEqual({ name: 'Žofie' });
  });
  it('answers 415 for another media type, 413 above the cap, 400 for broken JSON', async () => {
    const plain = eventOf({ headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(statusOf(await thrownBy(before, requestOf(plain)))).toBe(415);
    const big = eventOf({ headers: json, body: `"${'x'.repeat(maxBodyBytes)}"` });
    expect(statusOf(await thrownBy(before, requestOf(big)))).toBe(413);
    expect(statusOf(await thrownBy(before, requestOf(eventOf({ headers: json, body: '{"a":' }))))).toBe(400);
  });
  it('answers 400 to a key that reaches a prototype, at any depth', async () => {
    for (const body of [
      '{"__proto__":{"isAdmin":true}}',
      '{"a":[{"constructor":{}}]}',
      '{"b":{"prototype":1}}',
    ]) {
      const error = await thrownBy(before, requestOf(eventOf({ headers: json, body })));
      expect((error as HttpProblem).detail).toBe(
        'The body must not have __proto__, constructor or prototype keys.',
      );
    }
    const fine = requestOf(eventOf({ headers: json, body: '{"proto":1,"constructors":[]}' }));
    await before!(fine);
    expect(fine.context.api.json).toEqual({ proto: 1, constructors: [] });
  });
  it('leaves an absent or empty body unparsed (any media type)', async () => {
    const empty = requestOf(eventOf({ body: '' }));
    await before!(empty);
    expect(empty.context.api.bodyText).toBe('');
    expect(empty.context.api.json).toBeUndefined();
    const none = requestOf(eventOf());
    await before!(none);
    expect(none.context.api.bodyText).toBeUndefined();
  });
});

describe('parseBody', () => {
  const before = parseBody().before;
  it('parses the JSON with the route schema (422 naming the field)', async () => {
    const request = requestOf(eventOf(), { impl: implOf(route), json: { name: 'A' } });
    await before!(request);
    expect(request.context.api.body).toEqual({ name: 'A' });
    const bad = await thrownBy(before, requestOf(eventOf(), { impl: implOf(route), json: { name: 1 } }));
    expect((bad as HttpProblem).errors?.[0]?.path).toBe('body.name');
    const missing = await thrownBy(before, requestOf(eventOf(), { impl: implOf(route) }));
    expect(statusOf(missing)).toBe(422);
  });
  it('answers 400 to a body on a route that takes none', async () => {
    const error = await thrownBy(before, requestOf(eventOf(), { impl: implOf(bare), json: {} }));
    expect((error as HttpProblem).detail).toBe('This operation takes no body.');
  });
});

describe('ifMatch', () => {
  const before = ifMatch().before;
  it('reads the version from a strong or weak ETag', async () => {
    for (const header of ['"7"', 'W/"7"']) {
      const request = requestOf(eventOf({ headers: { 'if-match': header } }));
      await before!(request);
      expect(request.context.api.ifMatch).toBe(7);
    }
  });
  it('answers 428 without If-Match and 412 for a foreign ETag; other routes get version 0', async () => {
    expect(statusOf(await thrownBy(before, requestOf(eventOf())))).toBe(428);
    expect(statusOf(await thrownBy(before, requestOf(eventOf({ headers: { 'if-match': '*' } }))))).toBe(412);
    const other = requestOf(eventOf(), { impl: implOf(bare) });
    await before!(other);
    expect(other.context.api.ifMatch).toBe(0);
  });
});

/** A request through the stack's state up to the route: authorized, with a unit of work. */
const openRequest = async (event: ApiEvent, r: AnyRoute = route) => {
  const request = requestOf(event, { impl: implOf(r) });
  await authorize(env).before!(request);
  await unitOfWork(env).before!(request);
  return request;
};

describe('unitOfWork', () => {
  it("commits the request's writes in after", async () => {
    const request = await openRequest(eventOf());
    const key = { pk: `${tenantId}#THING#${newId()}`, sk: 'THING' };
    request.context.api.tx!.put({ ...key, entity: 'thing' });
    await unitOfWork(env).after!(request);
    const found = await env.ddb.send(new GetCommand({ TableName: env.tableName, Key: key }));
    expect(found.Item?.entity).toBe('thing');
  });
});

describe('auditTrail', () => {
  it("records entries into the request's transaction", async () => {
    const request = await openRequest(eventOf());
    await auditTrail(env).before!(request);
    request.context.api.audit!.record({ action: 'read', recordType: 'thing', recordId: 'a' });
    expect(request.context.api.audit!.entries).toHaveLength(1);
    expect(request.context.api.tx!.size).toBe(1);
    await auditTrail(env).after!(request);
  });
  it('fails a client-data route that recorded nothing', async () => {
    const request = await openRequest(eventOf());
    await auditTrail(env).before!(request);
    const error = await thrownBy(auditTrail(env).after, request);
    expect((error as Error).message).toBe(
      'route test.updateThing touched client data without an audit entry',
    );
  });
});

describe('idempotentReplay', () => {
  const keyed = (key: string, body: string) => eventOf({ headers: { 'idempotency-key': key }, body });
  const firstCall = async (key: string, body: string) => {
    const request = await openRequest(keyed(key, body));
    const mw = idempotentReplay(env);
    expect(await mw.before!(request)).toBeUndefined();
    await auditTrail(env).before!(request);
    request.context.api.audit!.record({ action: 'update', recordType: 'thing', recordId: key });
    request.context.api.outcome = { status: 200, body: { id: key, version: 2 } };
    await mw.after!(request);
    await unitOfWork(env).after!(request);
  };
  const auditCount = async (recordId: string) =>
    (
      await env.ddb.send(
        new QueryCommand({
          TableName: env.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': auditPartition(tenantId, 'thing', recordId) },
        }),
      )
    ).Items ?? [];

  it('answers a repeated request with the stored response and audits the replay as a read', async () => {
    const key = `key-${newId()}`;
    await firstCall(key, '{"name":"A"}');
    const again = await openRequest(keyed(key, '{"name":"A"}'));
    const replayed = await idempotentReplay(env).before!(again);
    expect(replayed).toMatchObject({
      statusCode: 200,
      headers: { 'idempotent-replayed': 'true', etag: '"2"' },
    });
    expect(JSON.parse((replayed as { body: string }).body)).toEqual({ id: key, version: 2 });
    const audits = await auditCount(key);
    expect(audits.map((a) => a.action).sort()).toEqual(['read', 'update']);
    expect(audits.find((a) => a.action === 'read')?.reason).toBe('idempotent replay');
  });
  it('refuses the key with another body (422) and a malformed key (422)', async () => {
    const key = `key-${newId()}`;
    await firstCall(key, '{"name":"A"}');
    const other = await thrownBy(idempotentReplay(env).before, await openRequest(keyed(key, '{"name":"B"}')));
    expect(statusOf(other)).toBe(422);
    const short = await thrownBy(idempotentReplay(env).before, await openRequest(keyed('short', '{}')));
    expect(statusOf(short)).toBe(422);
  });
  it('ignores the header on routes that do not take it', async () => {
    const request = requestOf(keyed('short', ''), { impl: implOf(bare) });
    expect(await idempotentReplay(env).before!(request)).toBeUndefined();
    expect(request.context.api.idempotency).toBeUndefined();
  });
});

describe('validateResponse', () => {
  const withOutcome = (body: unknown, status = 200) =>
    requestOf(eventOf(), { impl: implOf(route), outcome: { status, body } });
  it('strips what the contract does not promise and fails on what breaks it', async () => {
    const request = withOutcome({ id: 'a', version: 1, secret: 'x' });
    await validateResponse(env).after!(request);
    expect(request.context.api.outcome?.body).toEqual({ id: 'a', version: 1 });
    expect(await thrownBy(validateResponse(env).after, withOutcome({ id: 'a' }))).toBeInstanceOf(z.ZodError);
  });
  it('checks nothing where the environment does not ask (AWS) and never a 204', async () => {
    const off = withOutcome({ id: 'a' });
    await validateResponse({ ...env, validateResponses: false }).after!(off);
    expect(off.context.api.outcome?.body).toEqual({ id: 'a' });
    expect(await thrownBy(validateResponse(env).after, withOutcome(undefined, 204))).toBeUndefined();
  });
});

describe('serializeResponse', () => {
  const serialize = async (r: AnyRoute, status: number, body: unknown) => {
    const request = requestOf(eventOf(), { impl: implOf(r), outcome: { status, body, headers: { x: '1' } } });
    await serializeResponse().after!(request);
    return request.response;
  };
  it('writes JSON with the ETag of a versioned record, an empty 204, and CSV as text', async () => {
    expect(await serialize(route, 201, { id: 'a', version: 4 })).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store', etag: '"4"', x: '1' },
      body: '{"id":"a","version":4}',
    });
    expect((await serialize(route, 204, undefined))?.body).toBe('');
    expect(await serialize(bare, 200, 'a;b\n')).toMatchObject({
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      body: 'a;b\n',
    });
  });
  it('fails a text route whose handler returned an object', async () => {
    await expect(serialize(bare, 200, { a: 1 })).rejects.toThrow(
      'declares text/csv but returned a non-text body',
    );
  });
});

describe('runRoute', () => {
  it('hands the route what the middlewares established and keeps its answer as the outcome', async () => {
    const seen: unknown[] = [];
    const impl: RouteImplementation = {
      route: { ...route, status: 201 },
      run: async (req) => {
        seen.push(req.params, req.body, req.ifMatch, req.rawBody, req.tenant());
        return { body: { id: 'a', version: 1 } };
      },
    };
    const event = eventOf({ body: '{"name":"A"}' });
    const request = await openRequest(event);
    Object.assign(request.context.api, { impl, params: { thingId: 'abc' }, body: { name: 'A' }, ifMatch: 3 });
    request.context.api.bodyText = '{"name":"A"}';
    await auditTrail(env).before!(request);
    const result = await runRoute(env, log)(event, request.context);
    expect(seen).toEqual([{ thingId: 'abc' }, { name: 'A' }, 3, '{"name":"A"}', tenantId]);
    expect(result.statusCode).toBe(201);
    expect(request.context.api.outcome).toEqual({
      status: 201,
      body: { id: 'a', version: 1 },
      headers: undefined,
    });
  });
});
