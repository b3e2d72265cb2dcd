// The services' domain rules (problem `errors[].code`) in the person's language. The catalogue
// lives in @spolu/contracts (rule-texts.ts) so the API answers in Czech with the same words;
// web/test/rule-messages.test.ts fails when a rule has no entry there.
import { knownRules, ruleText } from '@spolu/contracts';
import type { Locale } from './language';

export { knownRules };

/** The rule in the person's language, or undefined when the code is not a known domain rule. */
export const ruleMessage = (code: string | undefined, locale: Locale) => ruleText(code, locale);
