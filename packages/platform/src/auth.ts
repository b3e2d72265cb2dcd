import type { RegionCode, Role } from '@spolu/contracts';
import { Claims, Role as RoleSchema, clientDataRoles } from '@spolu/contracts';
import { forbidden, unauthorized } from './errors';

export interface AuthContext {
  /**
   * Who acts: a person's directory worker id (worker_id claim), a partner system's partner-client
   * id (partner_client_id claim), or else the token's `sub`. Services use it as createdBy and the
   * audit actor.
   */
  userId: string;
  /** Set when a partner system calls (client-credentials token with the partner mapping's claims). */
  partnerClientId?: string;
  /** The provider the caller acts for; absent for regional coordinators and platform ops. */
  tenantId?: string;
  region: RegionCode;
  roles: Role[];
  scopes: string[];
  name?: string;
}

/** API Gateway hands JWT claims to the handler as strings; arrays arrive as `[a b]`. */
const words = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
};

const nonEmpty = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

export const authFromClaims = (
  claims: Record<string, unknown> | undefined,
  scopes: string[] | null | undefined,
  expectedRegion: RegionCode,
): AuthContext => {
  if (!claims || typeof claims.sub !== 'string') throw unauthorized('no verified token');
  const region = claims[Claims.region];
  if (region === undefined)
    // A client-credentials token of an app client missing from the region's partner mapping.
    throw forbidden('the token names no region and provider: its client is not registered for this region');
  if (region !== expectedRegion) throw forbidden('the token belongs to another region');
  const roles = words(claims[Claims.roles]).flatMap((r) => {
    const parsed = RoleSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const tenant = claims[Claims.tenantId];
  const workerId = nonEmpty(claims[Claims.workerId]);
  // Only a partner token names a partner client; a person's worker id always wins.
  const partnerClientId = roles.includes('partner') ? nonEmpty(claims[Claims.partnerClientId]) : undefined;
  return {
    userId: workerId ?? partnerClientId ?? claims.sub,
    ...(partnerClientId ? { partnerClientId } : {}),
    tenantId: typeof tenant === 'string' && tenant.length > 0 ? tenant : undefined,
    region: expectedRegion,
    roles,
    scopes: scopes ?? words(claims.scope),
    name: typeof claims[Claims.name] === 'string' ? (claims[Claims.name] as string) : undefined,
  };
};

export const hasAnyRole = (auth: AuthContext, roles: readonly Role[]) =>
  roles.some((r) => auth.roles.includes(r));

/** The tenant the caller acts for. Only ever from the token. */
export const tenantOf = (auth: AuthContext): string => {
  if (!auth.tenantId) throw forbidden('this operation needs a provider (tenant) in the token');
  return auth.tenantId;
};

/** A partner system acting for its provider (not a person who also holds the partner role). */
export const isPartnerCaller = (auth: AuthContext) =>
  auth.roles.includes('partner') && !hasAnyRole(auth, clientDataRoles);
