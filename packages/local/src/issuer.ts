// The local stand-in for Cognito: signs access tokens with a dev key and publishes its JWKS, so
// the gateway can verify them exactly as the HTTP API JWT authorizer verifies Cognito's.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { JWK } from 'jose';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { RegionCode, Role } from '@spolu/contracts';
import { Claims, scopesFor } from '@spolu/contracts';
import type { PartnerClientMapping } from '@spolu/platform';
import { partnerClaims } from '@spolu/platform';

export interface TokenRequest {
  sub: string;
  /** The worker_id claim, as the Cognito trigger adds it (see contracts' Claims.workerId). */
  workerId?: string;
  region: RegionCode;
  tenantId?: string;
  roles: Role[];
  /** Defaults to the scopes of the roles (as the Cognito trigger does); set for partner clients. */
  scopes?: string[];
  name?: string;
  expiresInSeconds?: number;
  /** Overrides for negative tests (wrong audience, issuer, already expired). */
  audience?: string;
  issuer?: string;
  notBefore?: Date;
  issuedAt?: Date;
}

/** What ops give a partner system's app client (cdk.json `partnerClients` in AWS). */
export interface PartnerAppClientRequest {
  /** Both or neither: without them the app client is left out of the partner mapping (a
   * misconfiguration the API must refuse, as an app client missing from the SSM mapping). */
  tenantId?: string;
  partnerClientId?: string;
  /** The custom scopes the app client may be granted (`spolu/...`). */
  scopes: string[];
}

export type ClientCredentialsResult =
  | { ok: true; token: string; scope: string; expiresIn: number }
  | { ok: false; status: 400 | 401; error: 'invalid_client' | 'invalid_scope' };

export interface DevIssuer {
  issuer: string;
  /** The console's app client: the audience of people's tokens. */
  audience: string;
  /** What the gateway accepts as `aud` (or `client_id` when `aud` is absent), as the HTTP API
   * authorizer's audience list: the console's app client and every partner app client. */
  audiences: () => string[];
  jwks: { keys: JWK[] };
  issue: (req: TokenRequest) => Promise<string>;
  /** A token signed by a key the gateway does not know. */
  issueWithForeignKey: (req: TokenRequest) => Promise<string>;
  /** The local stand-in for ops adding a Cognito app client (client-credentials grant). */
  createPartnerAppClient: (req: PartnerAppClientRequest) => { clientId: string; clientSecret: string };
  /** The region's partner mapping (the SSM parameter's value in AWS). */
  partnerMapping: () => PartnerClientMapping;
  /** Cognito's /oauth2/token for `grant_type=client_credentials`: checks the secret and scopes,
   * then signs the token the V3 pre-token trigger would shape (claims from the same mapping). */
  issueClientCredentials: (req: {
    clientId: string;
    clientSecret: string;
    scope?: string;
  }) => Promise<ClientCredentialsResult>;
}

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const sign = async (
  key: SigningKey,
  kid: string,
  req: TokenRequest,
  defaults: { issuer: string; audience: string },
) => {
  const now = req.issuedAt ?? new Date();
  const jwt = new SignJWT({
    [Claims.region]: req.region,
    [Claims.roles]: req.roles.join(' '),
    ...(req.tenantId ? { [Claims.tenantId]: req.tenantId } : {}),
    ...(req.name ? { [Claims.name]: req.name } : {}),
    ...(req.workerId ? { [Claims.workerId]: req.workerId } : {}),
    scope: (req.scopes ?? scopesFor(req.roles)).join(' '),
    token_use: 'access',
  })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setSubject(req.sub)
    .setIssuer(req.issuer ?? defaults.issuer)
    .setAudience(req.audience ?? defaults.audience)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + (req.expiresInSeconds ?? 3600));
  if (req.notBefore) jwt.setNotBefore(Math.floor(req.notBefore.getTime() / 1000));
  return jwt.sign(key);
};

interface AppClient {
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Cognito-like ids: 26 lower-case letters and digits for the id, 51 characters for the secret. */
const randomText = (length: number) => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
};

export const createDevIssuer = async (
  issuer: string,
  region: RegionCode,
  audience = 'spolu-local',
): Promise<DevIssuer> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const kid = 'spolu-dev-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const appClients = new Map<string, AppClient>();
  const mapping: PartnerClientMapping = {};
  const expiresIn = 3600;

  return {
    issuer,
    audience,
    audiences: () => [audience, ...appClients.keys()],
    jwks: { keys: [jwk] },
    issue: (req) => sign(privateKey, kid, req, { issuer, audience }),
    issueWithForeignKey: (req) => sign(foreign.privateKey, kid, req, { issuer, audience }),
    createPartnerAppClient: (req) => {
      const client: AppClient = {
        clientId: randomText(26),
        clientSecret: randomText(51),
        scopes: [...new Set(req.scopes)],
      };
      appClients.set(client.clientId, client);
      if (req.tenantId && req.partnerClientId)
        mapping[client.clientId] = { tenantId: req.tenantId, partnerClientId: req.partnerClientId };
      return { clientId: client.clientId, clientSecret: client.clientSecret };
    },
    partnerMapping: () => ({ ...mapping }),
    issueClientCredentials: async (req) => {
      const client = appClients.get(req.clientId);
      if (!client || !sameSecret(client.clientSecret, req.clientSecret))
        return { ok: false, status: 401, error: 'invalid_client' };
      // No scope asked: every scope of the app client (Cognito's rule); any scope it lacks: refused.
      const asked = req.scope?.split(' ').filter(Boolean) ?? [];
      if (asked.some((s) => !client.scopes.includes(s)))
        return { ok: false, status: 400, error: 'invalid_scope' };
      const scopes = asked.length ? [...new Set(asked)] : client.scopes;
      // What the V3 pre-token trigger adds: the same function over the same kind of mapping.
      const claims = partnerClaims(mapping, client.clientId, region) ?? {};
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({
        ...claims,
        client_id: client.clientId,
        scope: scopes.join(' '),
        token_use: 'access',
        auth_time: now,
        jti: randomBytes(16).toString('hex'),
      })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(client.clientId)
        .setIssuer(issuer)
        .setIssuedAt(now)
        .setExpirationTime(now + expiresIn)
        .sign(privateKey);
      return { ok: true, token, scope: scopes.join(' '), expiresIn };
    },
  };
};
