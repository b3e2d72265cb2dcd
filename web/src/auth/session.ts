// The signed-in person as the console needs it: the bearer token for the API and what its claims
// say (roles, tenant). Kept in sessionStorage so a shared field phone forgets it with the browser.
// Types only from @spolu/contracts: its Role and Claims are zod-built and live in the contracts'
// schema modules, which the first screen does not download (issue 24 item 5). The compiler keeps
// these copies equal to the contracts' (every role, no other; the same claim names).
import type { Claims as ContractClaims, Role } from '@spolu/contracts';

const knownRoles: Record<Role, true> = {
  worker: true,
  'key-worker': true,
  'provider-admin': true,
  'regional-coordinator': true,
  'national-coordinator': true,
  'platform-ops': true,
  partner: true,
};
const isRole = (r: string): r is Role => Object.prototype.hasOwnProperty.call(knownRoles, r);

const Claims = {
  tenantId: 'tenant_id',
  name: 'name',
  roles: 'roles',
  workerId: 'worker_id',
} as const satisfies Partial<typeof ContractClaims>;

export interface Session {
  token: string;
  userId: string;
  tenantId?: string;
  name?: string;
  roles: Role[];
  expiresAt: number;
}

const storageKey = 'spolu.session';

/** The session a new token gives. jose (which reads the token) is loaded here, at sign-in, not with
 * the first screen (issue 24 item 5). */
export const sessionFromToken = async (token: string, name?: string): Promise<Session> => {
  const { decodeJwt } = await import('jose');
  const claims = decodeJwt(token);
  const words = (v: unknown) => (typeof v === 'string' ? v.split(' ').filter(Boolean) : []);
  return {
    token,
    // The same rule as the platform's authFromClaims: the directory worker id, else `sub`.
    userId:
      typeof claims[Claims.workerId] === 'string' ? (claims[Claims.workerId] as string) : String(claims.sub),
    tenantId: typeof claims[Claims.tenantId] === 'string' ? (claims[Claims.tenantId] as string) : undefined,
    name: typeof claims[Claims.name] === 'string' ? (claims[Claims.name] as string) : name,
    roles: words(claims[Claims.roles]).filter(isRole),
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
