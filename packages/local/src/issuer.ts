// The local stand-in for Cognito: signs access tokens with a dev key and publishes its JWKS, so
// the gateway can verify them exactly as the HTTP API JWT authorizer verifies Cognito's.
import type { JWK } from 'jose';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { RegionCode, Role } from '@spolu/contracts';
import { Claims, scopesFor } from '@spolu/contracts';

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

export interface DevIssuer {
  issuer: string;
  audience: string;
  jwks: { keys: JWK[] };
  issue: (req: TokenRequest) => Promise<string>;
  /** A token signed by a key the gateway does not know. */
  issueWithForeignKey: (req: TokenRequest) => Promise<string>;
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

export const createDevIssuer = async (issuer: string, audience = 'spolu-local'): Promise<DevIssuer> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const kid = 'spolu-dev-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    issuer,
    audience,
    jwks: { keys: [jwk] },
    issue: (req) => sign(privateKey, kid, req, { issuer, audience }),
    issueWithForeignKey: (req) => sign(foreign.privateKey, kid, req, { issuer, audience }),
  };
};
