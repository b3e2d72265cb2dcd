// Roles and OAuth scopes. The JWT authorizer (AWS) and the local gateway check scopes per route;
// the platform middleware then checks roles and takes the tenant from the token only.
import * as z from 'zod';

export const Role = z.enum([
  'worker',
  'key-worker',
  'provider-admin',
  'regional-coordinator',
  /** The Ministry's / national monitoring centre's reader of national figures (docs/NATIONAL.md):
   * the national tables only, read-only; no region's tables, no provider's figures. */
  'national-coordinator',
  'platform-ops',
  'partner',
]);
export type Role = z.infer<typeof Role>;

/** Resource-server prefix, as Cognito writes custom scopes into access tokens. */
const scope = <S extends string>(name: S) => `spolu/${name}` as const;
export const Scopes = {
  directoryRead: scope('directory.read'),
  directoryWrite: scope('directory.write'),
  clientsRead: scope('clients.read'),
  clientsWrite: scope('clients.write'),
  plansRead: scope('plans.read'),
  plansWrite: scope('plans.write'),
  referralsRead: scope('referrals.read'),
  referralsWrite: scope('referrals.write'),
  statsRead: scope('stats.read'),
  webhooksManage: scope('webhooks.manage'),
  platformAdmin: scope('platform.admin'),
} as const;
export type Scope = (typeof Scopes)[keyof typeof Scopes];
export const allScopes = Object.values(Scopes) as Scope[];

/** Workers and key workers do the same kinds of client work; key workers differ in what the
 * services let them do (a plan's key worker), not in scopes. */
const caseWorkScopes: Scope[] = [
  Scopes.directoryRead,
  Scopes.clientsRead,
  Scopes.clientsWrite,
  Scopes.plansRead,
  Scopes.plansWrite,
  Scopes.referralsRead,
  Scopes.referralsWrite,
  Scopes.statsRead,
];

/** Scopes a signed-in person gets for their roles. The local dev issuer and the Cognito
 * pre-token-generation trigger both use this one table. Partner clients get scopes per grant. */
export const scopesForRoles: Record<Role, Scope[]> = {
  worker: caseWorkScopes,
  'key-worker': caseWorkScopes,
  'provider-admin': [Scopes.directoryRead, Scopes.directoryWrite, Scopes.statsRead, Scopes.webhooksManage],
  'regional-coordinator': [Scopes.directoryRead, Scopes.statsRead],
  // The stats scope; the routes' roles keep it to the national view (region routes name their roles).
  'national-coordinator': [Scopes.statsRead],
  'platform-ops': [Scopes.directoryRead, Scopes.directoryWrite, Scopes.platformAdmin],
  partner: [],
};

export const scopesFor = (roles: readonly Role[]): Scope[] => [
  ...new Set(roles.flatMap((r) => scopesForRoles[r])),
];

/** Custom claim names (Cognito pre-token-generation trigger adds them; the dev issuer too). */
export const Claims = {
  tenantId: 'tenant_id',
  region: 'region',
  roles: 'roles',
  name: 'name',
  /**
   * The person's directory worker id. Cognito's `sub` is its own UUID and cannot be overridden,
   * so the pre-token trigger adds this claim; the platform takes it as the caller's user id
   * (key worker, createdBy, audit actor) and falls back to `sub` for people without a worker
   * record (regional coordinators, platform ops).
   */
  workerId: 'worker_id',
  /**
   * A partner system's directory partner-client id (`POST /partner-clients` returns it). Cognito
   * client-credentials tokens carry the app client id in `sub` and `client_id`; the pre-token
   * trigger (V3) adds this claim from the region's partner mapping, and the platform takes it as
   * the caller's id (createdBy, audit actor).
   */
  partnerClientId: 'partner_client_id',
} as const;

/** Roles that work with client data; everyone else must never see it. */
export const clientDataRoles: Role[] = ['worker', 'key-worker'];
