import type { AuditEntry } from '../../audit';
import { writeAudit } from '../../audit';
import type { AuthContext } from '../../auth';
import { tenantOf } from '../../auth';
import { UnitOfWork } from '../../dynamo/tx';
import type { RuntimeEnv } from '../../env';
import type { ApiMiddleware } from './state';
import { needs } from './state';

/** The route records who read or changed which client records; the entries are written in the
 * request's transaction. A route that declares client data and recorded nothing fails (500)
 * before anything commits: an unaudited read of client data is a bug, never a success. */
export const auditTrail = (env: RuntimeEnv): ApiMiddleware => ({
  name: 'auditTrail',
  before: ({ event, context }) => {
    const { route } = needs(context.api.impl, 'impl', 'routeLookup');
    const auth = needs(context.api.auth, 'auth', 'authorize');
    const tx = needs(context.api.tx, 'tx', 'unitOfWork');
    const entries: AuditEntry[] = [];
    const where = { routeId: route.id, requestId: event.requestContext.requestId };
    context.api.audit = {
      entries,
      record: (entry) => {
        entries.push(entry);
        writeAudit(tx, env, tenantOf(auth), auth, entry, where);
      },
    };
  },
  after: ({ context }) => {
    const { route } = needs(context.api.impl, 'impl', 'routeLookup');
    if (route.clientData && needs(context.api.audit, 'audit', 'auditTrail').entries.length === 0)
      throw new Error(`route ${route.id} touched client data without an audit entry`);
  },
});

/** A replayed client-data response is a read of the same records: audit it like one. */
export const auditReplay = async (
  env: RuntimeEnv,
  auth: AuthContext,
  entries: readonly AuditEntry[],
  where: { routeId: string; requestId: string },
) => {
  if (entries.length === 0) return;
  const tx = new UnitOfWork(env);
  for (const entry of entries)
    writeAudit(
      tx,
      env,
      tenantOf(auth),
      auth,
      { ...entry, action: 'read', reason: 'idempotent replay' },
      where,
    );
  await tx.commit();
};
