// For deciders' given/when/then tests: the rule a decision breaks, in one place.
import { DomainRuleViolation } from '@spolu/platform';

/** The code of the domain rule `decide` breaks, or undefined when it is allowed; any other error
 * is rethrown (a crash is not a broken rule). */
export const brokenRule = (decide: () => unknown): string | undefined => {
  try {
    decide();
  } catch (err) {
    if (err instanceof DomainRuleViolation) return err.rule;
    throw err;
  }
  return undefined;
};
