import type { RegionCode, Role } from '@spolu/contracts';
import { Claims, Role as RoleSchema, clientDataRoles } from '@spolu/contracts';
import { forbidden, unauthorized } from './errors';

export interface AuthContext {
  userId: string;
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

export const authFromClaims = (
  claims: Record<string, unknown> | undefined,
  scopes: string[] | null | undefined,
  expectedRegion: RegionCode,
): AuthContext => {
  if (!claims || typeof claims.sub !== 'string') throw unauthorized('no verified token');
  const region = claims[Claims.region];
  if (region !== expectedRegion) throw forbidden('the token belongs to another region');
  const roles = words(claims[Claims.roles]).flatMap((r) => {
    const parsed = RoleSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const tenant = claims[Claims.tenantId];
  const workerId = claims[Claims.workerId];
  return {
    userId: typeof workerId === 'string' && workerId.length > 0 ? workerId : claims.sub,
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

export const mayTouchClientData = (auth: AuthContext) =>
  hasAnyRole(auth, clientDataRoles) || auth.roles.includes('partner');
