// The local HTTP gateway: behaves like API Gateway HTTP API with a JWT authorizer. It matches the
// manifests' routes, verifies the bearer token (signature against the issuer's JWKS, issuer,
// audience or client_id, exp/nbf), checks the route's scopes, builds the v2 payload the Lambda
// would get, and writes back the handler's structured result.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AnyRoute } from '@spolu/contracts';
import { Claims, negotiateProblemLanguage } from '@spolu/contracts';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { AccessLogLine } from '@spolu/platform';
import { payloadTooLarge } from '@spolu/platform';
import type { DevIssuer } from './issuer';

export interface GatewayRoute {
  route: AnyRoute;
  functionName: string;
  invoke: (
    event: APIGatewayProxyEventV2WithJWTAuthorizer,
    context: Context,
  ) => Promise<APIGatewayProxyStructuredResultV2>;
}

/** Extra paths served next to the API (docs, dev token endpoint, web console). Return false to fall through. */
export type ExtraHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<boolean>;

/** API Gateway HTTP API refuses payloads above 10 MB; the handlers' own cap is far lower. */
const maxPayloadBytes = 10 * 1024 * 1024;

interface CompiledRoute extends GatewayRoute {
  routeKey: string;
  pattern: RegExp;
  paramNames: string[];
}

const compile = (r: GatewayRoute): CompiledRoute => {
  const paramNames: string[] = [];
  const source = r.route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\}/g, (_m, name: string) => {
      paramNames.push(name);
      return '([^/]+)';
    });
  return {
    ...r,
    routeKey: `${r.route.method} ${r.route.path}`,
    pattern: new RegExp(`^${source}$`),
    paramNames,
  };
};

const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
};

/** API Gateway's own authorizer answers (not problem+json: HTTP APIs cannot customise these). */
const unauthorized = (res: ServerResponse, description: string) =>
  send(res, 401, JSON.stringify({ message: 'Unauthorized' }), {
    'www-authenticate': `Bearer error="invalid_token" error_description="${description}"`,
  });
const forbidden = (res: ServerResponse) => send(res, 403, JSON.stringify({ message: 'Forbidden' }));

/** As API Gateway passes JWT claims to the integration: every value a string, arrays as `[a b]`. */
const stringifyClaims = (payload: JWTPayload): Record<string, string | number | boolean> =>
  Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [
      k,
      Array.isArray(v)
        ? `[${v.join(' ')}]`
        : typeof v === 'object'
          ? JSON.stringify(v)
          : (v as string | number | boolean),
    ]),
  );

/** The body, or 'too-large' as soon as it passes 10 MB (announced or sent); the rest is then no
 * longer kept (see refuseTooLarge). */
const readBody = (req: IncomingMessage) =>
  new Promise<Buffer | 'too-large'>((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > maxPayloadBytes) return resolve('too-large');
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxPayloadBytes) {
        req.off('data', onData);
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** 413 problem+json, then close: the rest of the body is read and dropped (at most 10 s) so the
 * client, still sending, gets the answer instead of a connection reset. */
const refuseTooLarge = (req: IncomingMessage, res: ServerResponse) => {
  const requestId = randomUUID();
  const language = negotiateProblemLanguage(req.headers['accept-language']);
  res.writeHead(413, {
    'content-type': 'application/problem+json',
    'content-language': language,
    'cache-control': 'no-store',
    connection: 'close',
    'apigw-requestid': requestId,
  });
  res.end(JSON.stringify(payloadTooLarge(maxPayloadBytes).toProblem(`urn:request:${requestId}`, language)));
  const close = () => req.socket.destroySoon();
  const timer = setTimeout(close, 10_000);
  timer.unref();
  req.on('end', () => {
    clearTimeout(timer);
    close();
  });
  req.resume();
};

/** The line API Gateway writes to the access log (infra/lib/region-api.ts accessLogFields) for an
 * authorizer refusal; `-` for what is empty, as API Gateway writes it. */
const refusalLogLine = (
  req: IncomingMessage,
  url: URL,
  routeKey: string,
  status: 401 | 403,
  refusal: { error?: string; claims?: JWTPayload },
): { line: AccessLogLine; requestId: string } => {
  const claims = refusal.claims ? stringifyClaims(refusal.claims) : {};
  const claim = (name: string) => (claims[name] === undefined ? '-' : String(claims[name]));
  const now = new Date();
  const requestId = randomUUID();
  const clf = now.toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1/$2/$3:$4 +0000');
  return {
    requestId,
    line: {
      requestId,
      requestTime: clf,
      requestTimeEpoch: now.getTime(),
      ip: req.socket.remoteAddress ?? '-',
      routeKey,
      status: String(status),
      sub: claim('sub'),
      clientId: claim('client_id'),
      partnerClientId: claim(Claims.partnerClientId),
      workerId: claim(Claims.workerId),
      tenantId: claim(Claims.tenantId),
      roles: claim(Claims.roles),
      authorizerError: refusal.error ?? '-',
      integrationStatus: '-',
      path: url.pathname,
      httpMethod: (req.method ?? 'GET').toUpperCase(),
    },
  };
};

const singleValued = (entries: Iterable<[string, string]>) => {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
};

export interface GatewayOptions {
  routes: GatewayRoute[];
  issuer: DevIssuer;
  extra?: ExtraHandler[];
  onInvokeError?: (err: Error) => void;
  /** The access-log line of an authorizer refusal (401/403), as API Gateway logs it in AWS. */
  onAccessLog?: (line: AccessLogLine) => Promise<void>;
}

/** How many verified tokens the gateway remembers (a region's workers and partners in a day). */
const verifiedTokenLimit = 10_000;

export const createGateway = (opts: GatewayOptions): Server => {
  // Static segments win over path parameters, as in API Gateway.
  const routes = opts.routes.map(compile).sort((a, b) => a.paramNames.length - b.paramNames.length);
  const jwks = createLocalJWKSet(opts.issuer.jwks);

  /** Tokens whose signature and issuer were verified, until their `exp`: a console or a partner
   * sends the same token for an hour, and verifying its signature on every request was a large
   * part of a read's overhead (BENCHMARKS "request overhead"). Expiry and audience are still
   * checked on every request; the map is emptied when it grows past `verifiedTokenLimit`. */
  const verifiedTokens = new Map<string, JWTPayload>();
  const verifySignature = async (token: string) => {
    const known = verifiedTokens.get(token);
    if (known && typeof known.exp === 'number' && known.exp > Date.now() / 1000) return known;
    verifiedTokens.delete(token);
    const { payload } = await jwtVerify(token, jwks, { issuer: opts.issuer.issuer, clockTolerance: 0 });
    if (verifiedTokens.size >= verifiedTokenLimit) verifiedTokens.clear();
    if (typeof payload.exp === 'number') verifiedTokens.set(token, payload);
    return payload;
  };

  const verify = async (authorization: string | undefined) => {
    if (!authorization) return { error: 'missing token' } as const;
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    try {
      const payload = await verifySignature(token);
      // Audience, as the HTTP API JWT authorizer checks it: `aud` when present, else `client_id`
      // (Cognito access tokens, a partner's client-credentials token) must be one of the
      // configured audiences (the console's app client and every partner app client).
      const audiences = payload.aud
        ? [payload.aud].flat()
        : typeof payload.client_id === 'string'
          ? [payload.client_id]
          : [];
      const accepted = opts.issuer.audiences();
      if (!audiences.some((a) => accepted.includes(a))) return { error: 'invalid audience' } as const;
      return { payload } as const;
    } catch (err) {
      return { error: (err as Error).message.replace(/"/g, "'") } as const;
    }
  };

  return createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      if (body === 'too-large') return refuseTooLarge(req, res);
      for (const extra of opts.extra ?? []) if (await extra(req, res, body)) return;

      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = (req.method ?? 'GET').toUpperCase();
      const matches = routes.filter((r) => r.pattern.test(url.pathname));
      const route = matches.find((r) => r.route.method === method);
      if (!route) return send(res, 404, JSON.stringify({ message: 'Not Found' }));

      // An authorizer refusal goes to the access log (and from there to the security log).
      const logRefusal = async (status: 401 | 403, refusal: { error?: string; claims?: JWTPayload }) => {
        const { line, requestId } = refusalLogLine(req, url, route.routeKey, status, refusal);
        res.setHeader('apigw-requestid', requestId);
        await opts.onAccessLog?.(line).catch((err: Error) => opts.onInvokeError?.(err));
      };
      const verified = await verify(req.headers.authorization);
      if ('error' in verified) {
        await logRefusal(401, { error: verified.error ?? 'invalid token' });
        return unauthorized(res, verified.error ?? 'invalid token');
      }
      const scopes = String(verified.payload.scope ?? verified.payload.scp ?? '')
        .split(' ')
        .filter(Boolean);
      if (route.route.scopes.length > 0 && !route.route.scopes.some((s) => scopes.includes(s))) {
        await logRefusal(403, { error: 'insufficient scope', claims: verified.payload });
        return forbidden(res);
      }

      const values = route.pattern.exec(url.pathname)!.slice(1);
      const pathParameters = Object.fromEntries(
        route.paramNames.map((n, i) => [n, decodeURIComponent(values[i] ?? '')]),
      );
      const headers = singleValued(
        Object.entries(req.headers).flatMap(([k, v]) =>
          v === undefined ? [] : [v].flat().map((x) => [k, x] as [string, string]),
        ),
      );
      const query = singleValued(url.searchParams.entries());
      const now = new Date();
      const requestId = randomUUID();
      const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
        version: '2.0',
        routeKey: route.routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.replace(/^\?/, ''),
        headers,
        queryStringParameters: Object.keys(query).length ? query : undefined,
        pathParameters: route.paramNames.length ? pathParameters : undefined,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          authorizer: {
            principalId: '',
            integrationLatency: 0,
            jwt: {
              claims: stringifyClaims(verified.payload),
              // API Gateway sends null when the token has no scopes; the aws-lambda type says string[].
              // eslint-disable-next-line no-restricted-syntax
              scopes: scopes.length ? scopes : (null as unknown as string[]),
            },
          },
          domainName: headers.host ?? 'localhost',
          domainPrefix: 'localhost',
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${req.httpVersion}`,
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          requestId,
          routeKey: route.routeKey,
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
        },
        body: body.length ? body.toString('utf8') : undefined,
        isBase64Encoded: false,
      };
      const context = lambdaContext(route.functionName, requestId);
      let result: APIGatewayProxyStructuredResultV2;
      try {
        result = await route.invoke(event, context);
      } catch (err) {
        opts.onInvokeError?.(err as Error);
        return send(res, 500, JSON.stringify({ message: 'Internal Server Error' }));
      }
      // With its length, as API Gateway answers (not chunked); 204 and 304 carry none.
      const status = result.statusCode ?? 200;
      const payload = result.body ?? '';
      res.writeHead(status, {
        ...(result.headers as Record<string, string> | undefined),
        ...(status === 204 || status === 304 ? {} : { 'content-length': String(Buffer.byteLength(payload)) }),
      });
      res.end(payload);
    } catch (err) {
      opts.onInvokeError?.(err as Error);
      if (!res.headersSent) send(res, 500, JSON.stringify({ message: 'Internal Server Error' }));
    }
  });
};

export const lambdaContext = (functionName: string, requestId: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
  memoryLimitInMB: '512',
  awsRequestId: requestId,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
