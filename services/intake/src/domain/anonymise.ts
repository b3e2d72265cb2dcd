// Anonymisation after the retention period: identifying fields and free text are erased; codes,
// counts, dates, bands and districts stay, so statistics keep counting.
import type { intake } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';

export const defaultRetentionDays = 3650;
const day = 86_400_000;

export const assertRetentionOver = (client: intake.Client, retentionDays: number, now: Date) => {
  if (client.anonymisedAt)
    throw new DomainRuleViolation('client-anonymised', 'the client is already anonymised', 'params.clientId');
  if (client.status === 'client')
    throw new DomainRuleViolation(
      'client-active',
      'end the active agreements before anonymising',
      'params.clientId',
    );
  const until = new Date(client.lastActivityAt).getTime() + retentionDays * day;
  if (now.getTime() < until)
    throw new DomainRuleViolation(
      'retention-not-over',
      `the retention period (${retentionDays} days after the last activity) ends ${new Date(until).toISOString().slice(0, 10)}`,
      'params.clientId',
    );
};

export const anonymisedIdentity = (identity: intake.Identity, clientId: string): intake.Identity => ({
  kind: 'anonymous',
  clientCode: `ANON-${clientId.slice(-8)}`,
  birthYear: identity.kind === 'named' ? Number(identity.birthDate.slice(0, 4)) : identity.birthYear,
  sex: identity.sex,
  district: identity.district,
});

export const anonymisedClient = (client: intake.Client, now: Date): intake.Client => ({
  ...client,
  identity: anonymisedIdentity(client.identity, client.id),
  anonymisedAt: now.toISOString(),
  version: client.version + 1,
  updatedAt: now.toISOString(),
});

const erased = '[erased]';
/** A child record with its free text erased (structure, codes and counts kept). */
export const erasedRecord = (
  kind: string,
  record: Record<string, unknown>,
  textQuestions: ReadonlySet<string> = new Set(),
): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...record };
  for (const f of ['request', 'notes', 'goal', 'withdrawalReason'])
    if (typeof out[f] === 'string') out[f] = erased;
  if (kind === 'agreement') {
    const written = out.written as { signedBy?: string[] } | undefined;
    if (written) out.written = { ...written, signedBy: written.signedBy?.map(() => erased) };
    out.changes = (out.changes as { note?: string }[]).map(({ note: _n, ...c }) => c);
  }
  if (kind === 'consent' && out.involvedParty)
    out.involvedParty = { ...(out.involvedParty as object), name: erased };
  if (kind === 'needs-assessment')
    out.needs = (out.needs as { clientWords?: string }[]).map(({ clientWords: _w, ...n }) => n);
  if (kind === 'appointment' && out.phoneArrangement) {
    const { callbackNumber: _c, ...pa } = out.phoneArrangement as Record<string, unknown>;
    out.phoneArrangement = { ...pa, place: erased, recognitionSigns: erased };
  }
  if (kind === 'questionnaire') {
    const answers = out.answers as Record<string, unknown>;
    // Text answers are free text; choices, numbers and durations are codes and counts.
    out.answers = Object.fromEntries(Object.entries(answers).filter(([code]) => !textQuestions.has(code)));
  }
  return out;
};
