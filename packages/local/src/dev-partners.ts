// Partner systems' credentials, locally (dev-only paths; in AWS ops add a Cognito app client through
// cdk.json `partnerClients` and Cognito serves the token endpoint):
//
//   POST /dev/partner-app-clients  {partnerClientId, tenantId, scopes}  -> {clientId, clientSecret}
//        ops' step: an app client with the client-credentials grant and exactly those scopes, and
//        its entry in the region's partner mapping (the SSM parameter in AWS)
//   GET  /dev/partner-mapping      the mapping as the V3 pre-token trigger reads it
//   POST /dev/oauth2/token         Cognito's token endpoint, `grant_type=client_credentials`
//
// Tokens come from the dev issuer with the claims of the same platform function the trigger uses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Ulid, directory } from '@spolu/contracts';
import * as z from 'zod';
import type { ExtraHandler } from './gateway';
import type { DevIssuer } from './issuer';

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body, null, 2));
  return true;
};

const problem = (res: ServerResponse, status: number, title: string, detail: string) => {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
  return true;
};

const AppClientBody = z.union([
  z.strictObject({
    partnerClientId: Ulid,
    tenantId: Ulid,
    scopes: z.array(directory.PartnerScope).min(1).max(7),
  }),
  // An app client nobody mapped to a provider: its tokens carry no tenant (negative tests).
  z.strictObject({ unmapped: z.literal(true), scopes: z.array(directory.PartnerScope).min(1).max(7) }),
]);

/** OAuth2 errors as Cognito's token endpoint answers them (RFC 6749 section 5.2). */
const oauthError = (res: ServerResponse, status: number, error: string) =>
  json(res, status, { error }, status === 401 ? { 'www-authenticate': 'Basic realm="spolu-local"' } : {});

/** Client authentication: HTTP Basic (client_secret_basic) or form fields (client_secret_post). */
const clientCredentialsOf = (req: IncomingMessage, form: URLSearchParams) => {
  const header = req.headers.authorization ?? '';
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    // RFC 6749 2.3.1: both parts are form-url-encoded before the Basic encoding.
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    try {
      return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
    } catch {
      return undefined;
    }
  }
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
};

export const devPartnersHttp = (issuer: DevIssuer): ExtraHandler => {
  return async (req, res, body) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = req.method ?? 'GET';

    if (method === 'POST' && path === '/dev/partner-app-clients') {
      let raw: unknown;
      try {
        raw = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        return problem(res, 400, 'Bad request', 'body is not JSON');
      }
      const parsed = AppClientBody.safeParse(raw);
      if (!parsed.success)
        return problem(
          res,
          422,
          'Validation failed',
          'send {"partnerClientId", "tenantId", "scopes": ["spolu/referrals.write", ...]} ' +
            '(the partner client id POST /partner-clients returned, its provider, the granted scopes)',
        );
      const request = parsed.data;
      const created = issuer.createPartnerAppClient(
        'unmapped' in request
          ? { scopes: request.scopes }
          : { tenantId: request.tenantId, partnerClientId: request.partnerClientId, scopes: request.scopes },
      );
      return json(res, 201, {
        ...created,
        scopes: request.scopes,
        ...('unmapped' in request
          ? {}
          : { tenantId: request.tenantId, partnerClientId: request.partnerClientId }),
        tokenEndpoint: '/dev/oauth2/token',
      });
    }

    if (method === 'GET' && path === '/dev/partner-mapping') return json(res, 200, issuer.partnerMapping());

    if (path === '/dev/oauth2/token') {
      if (method !== 'POST') return json(res, 405, { error: 'invalid_request' }, { allow: 'POST' });
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') return oauthError(res, 400, 'invalid_request');
      const form = new URLSearchParams(body.toString('utf8'));
      if (form.get('grant_type') !== 'client_credentials')
        return oauthError(res, 400, form.get('grant_type') ? 'unsupported_grant_type' : 'invalid_request');
      const credentials = clientCredentialsOf(req, form);
      if (!credentials) return oauthError(res, 401, 'invalid_client');
      const scope = form.get('scope');
      const issued = await issuer.issueClientCredentials({ ...credentials, ...(scope ? { scope } : {}) });
      if (!issued.ok) return oauthError(res, issued.status, issued.error);
      return json(res, 200, {
        access_token: issued.token,
        expires_in: issued.expiresIn,
        token_type: 'Bearer',
      });
    }
    return false;
  };
};
