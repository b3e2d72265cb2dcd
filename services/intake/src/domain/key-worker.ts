// The key worker is named in the client file and the agreement (000), but a plan is where a key
// worker is handed the client over. Intake follows plans' KeyWorkerAssigned: the client file and
// the agreement the plan serves name the plan's key worker, and a late, older event changes
// nothing.
import type { intake } from '@spolu/contracts';
import { bumped } from './clients';

type Client = intake.Client;
type Agreement = intake.Agreement;

/** Who made the agreement change, as the agreement's change list shows it. */
export const followedFrom = 'plans:KeyWorkerAssigned';

/** Whether an event about a plan at `revision` is newer than the last one applied for that plan. */
export const isNewer = (revision: number, lastApplied: number | undefined) =>
  lastApplied === undefined || revision > lastApplied;

/** The client file and agreement naming `keyWorkerId`; unchanged records come back undefined. */
export const followKeyWorker = (
  client: Client,
  agreement: Agreement | undefined,
  keyWorkerId: string,
  now: Date,
): { client?: Client; agreement?: Agreement } => {
  if (client.anonymisedAt) return {};
  const nextClient =
    client.keyWorkerId === keyWorkerId ? undefined : { ...client, keyWorkerId, ...bumped(client, now) };
  const nextAgreement =
    agreement && agreement.status === 'active' && agreement.keyWorkerId !== keyWorkerId
      ? {
          ...agreement,
          keyWorkerId,
          ...bumped(agreement, now),
          changes: [
            ...agreement.changes,
            { at: now.toISOString(), by: followedFrom, fields: ['keyWorkerId'] },
          ],
        }
      : undefined;
  return {
    ...(nextClient ? { client: nextClient } : {}),
    ...(nextAgreement ? { agreement: nextAgreement } : {}),
  };
};
