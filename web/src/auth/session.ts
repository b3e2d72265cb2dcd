// The signed-in person as the console needs it: the bearer token for the API and what its claims
// say (roles, tenant). Kept in sessionStorage so a shared field phone forgets it with the browser.
import type { Role } from '@spolu/contracts';
import { Claims, Role as RoleSchema } from '@spolu/contracts';
import { decodeJwt } from 'jose';

export interface Session {
  token: string;
  userId: string;
  tenantId?: string;
  name?: string;
  roles: Role[];
  expiresAt: number;
}

const storageKey = 'spolu.session';

export const sessionFromToken = (token: string, name?: string): Session => {
  const claims = decodeJwt(token);
  const words = (v: unknown) => (typeof v === 'string' ? v.split(' ').filter(Boolean) : []);
  return {
    token,
    // The same rule as the platform's authFromClaims: the directory worker id, else `sub`.
    userId:
      typeof claims[Claims.workerId] === 'string' ? (claims[Claims.workerId] as string) : String(claims.sub),
    tenantId: typeof claims[Claims.tenantId] === 'string' ? (claims[Claims.tenantId] as string) : undefined,
    name: typeof claims[Claims.name] === 'string' ? (claims[Claims.name] as string) : name,
    roles: words(claims[Claims.roles]).flatMap((r) => {
      const parsed = RoleSchema.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    }),
    expiresAt: (claims.exp ?? 0) * 1000,
  };
};

export const loadSession = (): Session | undefined => {
  const raw = sessionStorage.getItem(storageKey);
  if (!raw) return undefined;
  const session = JSON.parse(raw) as Session;
  return session.expiresAt > Date.now() ? session : undefined;
};

export const saveSession = (session: Session | undefined) => {
  if (session) sessionStorage.setItem(storageKey, JSON.stringify(session));
  else sessionStorage.removeItem(storageKey);
};

export const isCaseWorker = (s: Session) => s.roles.some((r) => r === 'worker' || r === 'key-worker');
export const isProviderAdmin = (s: Session) => s.roles.includes('provider-admin');
export const isCoordinator = (s: Session) => s.roles.includes('regional-coordinator');
