// Records of what happened cannot be dated ahead. Each kind of record says so in its own words and
// with its own rule code (rule-texts.ts), so a needs assessment is not refused as "a contact".
import { DomainRuleViolation } from '@spolu/platform';

/** The violation for each record that must not lie in the future. The contact's code `in-future`
 * is the original one and stays. */
const inFuture = {
  contact: (field: string) =>
    new DomainRuleViolation('in-future', 'a contact cannot be recorded for the future', field),
  'needs-assessment': (field: string) =>
    new DomainRuleViolation(
      'assessment-in-future',
      'a needs assessment cannot be recorded for the future',
      field,
    ),
  consultation: (field: string) =>
    new DomainRuleViolation(
      'consultation-in-future',
      'a consultation cannot be recorded for the future',
      field,
    ),
  questionnaire: (field: string) =>
    new DomainRuleViolation(
      'answers-in-future',
      'questionnaire answers cannot be recorded for the future',
      field,
    ),
} as const;
export type FutureSubject = keyof typeof inFuture;

/** Clocks of a phone or a laptop drift: five minutes ahead still counts as now. */
const clockSkewMs = 5 * 60_000;

export const assertNotInFuture = (subject: FutureSubject, at: string, now: Date, field: string) => {
  if (new Date(at).getTime() > now.getTime() + clockSkewMs) throw inFuture[subject](field);
};
