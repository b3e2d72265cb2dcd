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

export const newHomeVisit = (
  body: z.output<typeof intake.ScheduleHomeVisitBody>,
  clientId: string,
  stamp: Stamp,
): HomeVisit => {
  assertChecklistComplete(body.checklist);
  return { ...body, id: stamp.id, clientId, status: 'scheduled', ...created(stamp) };
};

export const closeHomeVisit = (
  visit: HomeVisit,
  body: z.output<typeof intake.CloseHomeVisitBody>,
  now: Date,
): HomeVisit => {
  if (visit.status === 'closed')
    throw new DomainRuleViolation('home-visit-closed', 'the visit is already closed', 'params.homeVisitId');
  const ended = new Date(body.endedAt).getTime();
  if (ended < new Date(visit.scheduledAt).getTime() || ended > now.getTime())
    throw new DomainRuleViolation(
      'home-visit-end',
      'the visit ends between its start and now',
      'body.endedAt',
    );
  assertSafeToLeave(body.leaveSafety);
  return { ...visit, ...body, status: 'closed', ...bumped(visit, now) };
};
