// Audit trail of client-data access: who, what, when, why. Written in the request's own
// transaction, so a change and its audit entry commit together; no route alters or deletes them.
import { newId } from '@spolu/contracts';
import type { AuthContext } from './auth';
import type { UnitOfWork } from './dynamo/tx';
import type { RuntimeEnv } from './env';

export type AuditAction =
  'read' | 'list' | 'create' | 'update' | 'delete' | 'export' | 'anonymise' | 'share-read';

export interface AuditEntry {
  action: AuditAction;
  recordType: string;
  recordId: string;
  /** The client the record belongs to, when there is one. */
  clientId?: string;
  reason?: string;
}

const auditRetentionYears = 10;

export const auditPartition = (tenantId: string, recordType: string, recordId: string) =>
  `${tenantId}#AUDIT#${recordType}#${recordId}`;

export const writeAudit = (
  tx: UnitOfWork,
  env: RuntimeEnv,
  tenantId: string,
  auth: AuthContext,
  entry: AuditEntry,
  request: { routeId: string; requestId: string },
) => {
  const at = env.now().toISOString();
  return tx.put({
    pk: auditPartition(tenantId, entry.recordType, entry.recordId),
    sk: `${at}#${newId()}`,
    entity: 'audit',
    gsi1pk: entry.clientId ? `${tenantId}#AUDIT-CLIENT#${entry.clientId}` : undefined,
    gsi1sk: entry.clientId ? at : undefined,
    at,
    // A person's worker id (or sub), or a partner system's partner-client id.
    actor: auth.userId,
    actorKind: auth.partnerClientId ? 'partner-client' : 'person',
    actorTenant: auth.tenantId,
    actorRoles: auth.roles,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    clientId: entry.clientId,
    reason: entry.reason,
    route: request.routeId,
    requestId: request.requestId,
    expiresAt: Math.floor(env.now().getTime() / 1000) + auditRetentionYears * 365 * 86400,
  });
};
