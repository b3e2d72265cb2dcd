// Home visits (document 003, "V bytech uživatelů"): a pre-visit checklist that must be complete
// before a visit is scheduled, and a leave-safety assessment to close it. The worker never leaves
// a psychotic or suicidal client and calls professional help at once.
import type { intake } from '@spolu/contracts';
import { DomainRuleViolation } from '@spolu/platform';
import type { z } from 'zod';
import type { Stamp } from './clients';
import { bumped, created } from './clients';

type HomeVisit = intake.HomeVisit;

export const missingChecklistItems = (checklist: intake.HomeVisitChecklist) =>
  Object.entries(checklist)
    .filter(([, done]) => !done)
    .map(([item]) => item);

export const assertChecklistComplete = (checklist: intake.HomeVisitChecklist) => {
  const missing = missingChecklistItems(checklist);
  if (missing.length > 0)
    throw new DomainRuleViolation(
      'home-visit-checklist-incomplete',
      `a home visit can be scheduled only with the checklist complete; missing: ${missing.join(', ')}`,
      `body.checklist.${missing[0]}`,
    );
};

/** Risk that forbids leaving without professional help. */
export const leaveRisk = (s: intake.LeaveSafety) => s.acuteDanger || s.clientPsychotic || s.clientSuicidal;

export const assertSafeToLeave = (s: intake.LeaveSafety) => {
  if (leaveRisk(s) && !s.professionalHelpCalled)
    throw new DomainRuleViolation(
      'leave-safety',
      'the client was psychotic, suicidal or in acute danger: record that professional help was called before closing the visit',
      'body.leaveSafety.professionalHelpCalled',
    );
};

/** Where the visit is: a named client's flat (given, else the client's contact address). An
 * anonymous client's address is not written down: it would identify the client. */
const visitAddress = (address: string | undefined, client: intake.Client) => {
  if (client.identity.kind === 'anonymous') {
    if (address !== undefined)
      throw new DomainRuleViolation(
        'home-visit-address-anonymous',
        "an anonymous client's address is not recorded (it would identify the client)",
        'body.address',
      );
    return {};
  }
  const known = address ?? client.identity.contact.address;
  return known ? { address: known } : {};
};

export const newHomeVisit = (
  body: z.output<typeof intake.ScheduleHomeVisitBody>,
  client: intake.Client,
  stamp: Stamp,
): HomeVisit => {
  assertChecklistComplete(body.checklist);
  const { address, ...visit } = body;
  return {
    ...visit,
    ...visitAddress(address, client),
    id: stamp.id,
    clientId: client.id,
    status: 'scheduled',
    ...created(stamp),
  };
};

/** A visit refused because the checklist is not met, kept in the client file with its reason.
 * With the checklist complete there is nothing to refuse: schedule the visit. */
export const refuseHomeVisit = (
  body: z.output<typeof intake.RefuseHomeVisitBody>,
  clientId: string,
  stamp: Stamp,
): HomeVisit => {
  if (missingChecklistItems(body.checklist).length === 0)
    throw new DomainRuleViolation(
      'home-visit-checklist-complete',
      'the checklist is complete: schedule the visit instead of recording a refusal',
      'body.checklist',
    );
  const { reason, ...visit } = body;
  return {
    ...visit,
    refusalReason: reason,
    id: stamp.id,
    clientId,
    status: 'refused',
    ...created(stamp),
  };
};

/** Professional help is called during the visit (between its start and its end), and who was
 * called is told only when help was called. */
export const assertHelpCalledWithinVisit = (s: intake.LeaveSafety, startedAt: string, endedAt: string) => {
  const details = s.helpCalledAt ?? s.helpCalledWho ?? s.helpCalledDetail;
  if (!s.professionalHelpCalled && details !== undefined)
    throw new DomainRuleViolation(
      'help-called-without-help',
      'when and whom was called is recorded only when professional help was called',
      'body.leaveSafety.professionalHelpCalled',
    );
  if (s.helpCalledAt === undefined) return;
  const at = new Date(s.helpCalledAt).getTime();
  // Workers write times to the minute: a minute either side still lies within the visit.
  const minute = 60_000;
  if (at < new Date(startedAt).getTime() - minute || at > new Date(endedAt).getTime() + minute)
    throw new DomainRuleViolation(
      'help-called-outside-visit',
      'help was called during the visit: between its start and its end',
      'body.leaveSafety.helpCalledAt',
    );
};

export const closeHomeVisit = (
  visit: HomeVisit,
  body: z.output<typeof intake.CloseHomeVisitBody>,
  now: Date,
): HomeVisit => {
  if (visit.status === 'closed')
    throw new DomainRuleViolation('home-visit-closed', 'the visit is already closed', 'params.homeVisitId');
  if (visit.status === 'refused')
    throw new DomainRuleViolation(
      'home-visit-refused',
      'the visit was refused and did not take place',
      'params.homeVisitId',
    );
  const ended = new Date(body.endedAt).getTime();
  if (ended < new Date(visit.scheduledAt).getTime() || ended > now.getTime())
    throw new DomainRuleViolation(
      'home-visit-end',
      'the visit ends between its start and now',
      'body.endedAt',
    );
  assertSafeToLeave(body.leaveSafety);
  assertHelpCalledWithinVisit(body.leaveSafety, visit.scheduledAt, body.endedAt);
  return { ...visit, ...body, status: 'closed', ...bumped(visit, now) };
};
