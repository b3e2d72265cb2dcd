// Agreements (dohoda / kontrakt): oral or written, with the client's goal in their own words.
// Changes are made by mutual agreement at any time and are recorded (document 000).
import type { Warning, intake } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';
import type { Stamp } from './clients';
import { ageFitWarnings, bumped, created } from './clients';

type Agreement = intake.Agreement;

export const newAgreement = (
  body: z.output<typeof intake.MakeAgreementBody>,
  clientId: string,
  existing: Agreement[],
  stamp: Stamp,
): Agreement => {
  if (existing.some((a) => a.serviceId === body.serviceId && a.status === 'active'))
    throw new DomainRuleViolation(
      'agreement-exists',
      'the client already has an active agreement with this service; change it instead',
      'body.serviceId',
    );
  return {
    ...body,
    id: stamp.id,
    clientId,
    status: 'active',
    madeAt: stamp.now.toISOString(),
    changes: [],
    ...created(stamp),
  };
};

/** What the worker should look at twice before an agreement at this service: the client's age
 * outside its limits (refused where the limits are strict) and a target group it does not serve
 * (the provider may still agree, e.g. a close person of a client; the worker decides). */
export const agreementWarnings = (
  client: intake.Client,
  service: intake.ServiceView,
  now: Date,
): Warning[] => [
  ...ageFitWarnings(client.identity, service, now, 'body.serviceId'),
  ...(service.targetGroups.includes(client.targetGroup)
    ? []
    : [
        {
          code: 'target-group',
          detail: `the client's target group (${client.targetGroup}) is not one of the service's (${service.targetGroups.join(', ')})`,
        },
      ]),
];

export const changeAgreement = (
  agreement: Agreement,
  patch: z.output<typeof intake.ChangeAgreementBody>,
  by: string,
  now: Date,
): { agreement: Agreement; changedFields: string[] } => {
  if (agreement.status === 'ended')
    throw new DomainRuleViolation(
      'agreement-ended',
      'an ended agreement cannot change',
      'params.agreementId',
    );
  const { changeNote, written, ...rest } = patch;
  const next: Agreement = { ...agreement, ...rest, ...bumped(agreement, now) };
  if (written === null) delete next.written;
  else if (written !== undefined) next.written = written;
  if ((next.form === 'written') !== (next.written !== undefined))
    throw new DomainRuleViolation(
      'agreement-form',
      'a written agreement needs written terms; an oral one has none',
      'body.written',
    );
  if (rest.status === 'ended') next.endedAt = now.toISOString();
  const changedFields = Object.keys(patch).filter((k) => k !== 'changeNote');
  next.changes = [
    ...agreement.changes,
    { at: now.toISOString(), by, fields: changedFields, ...(changeNote ? { note: changeNote } : {}) },
  ];
  return { agreement: next, changedFields };
};

/** Client status follows its agreements: any active one makes a client (uživatel). */
export const statusAfter = (
  agreements: Agreement[],
  current: intake.Client['status'],
): intake.Client['status'] => {
  if (agreements.some((a) => a.status === 'active')) return 'client';
  return current === 'applicant' ? 'applicant' : 'former-client';
};

/** What the agreement events (made, changed) say of an agreement. */
export const agreementFacts = (a: intake.Agreement) => ({
  agreementId: a.id,
  form: a.form,
  courtOrdered: a.courtOrdered,
  keyWorkerId: a.keyWorkerId,
  status: a.status,
});
