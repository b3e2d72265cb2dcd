// The API's problems and the contracts' messages in the person's language: the texts live in
// @spolu/contracts (shared with the API, which answers in Czech with the same words). A chunk of its
// own (issue 24 item 5): the first screen does not need ~10 KB of texts for errors it has not had;
// ui/form.tsx loads it when a form or a problem is shown.
import type { problemTypeBase as ContractProblemTypeBase } from '@spolu/contracts';
import { isProblemSlug, problemTitles } from '@spolu/contracts';
import type { ApiError } from '../api/client';
import type { FieldErrors } from '../forms/validation';
import { localiseContractMessage } from '../i18n/contractMessages';
import type { Locale } from '../i18n/language';
import { ruleMessage } from '../i18n/ruleMessages';

// The contracts' problem.ts also builds the Problem zod schema, which is not wanted here: the base
// is copied, the compiler keeps it equal.
const problemTypeBase: typeof ContractProblemTypeBase = 'https://spolu.cz/problems/';

/** A problem's title in the person's language; a type the contracts do not know keeps the API's title. */
const problemTitle = (type: string, locale: Locale) => {
  const slug = type.startsWith(problemTypeBase) ? type.slice(problemTypeBase.length) : '';
  return isProblemSlug(slug) ? problemTitles[slug][locale] : undefined;
};

/** The contracts' own messages (zod's are translated by zod/locales) in the person's language. */
const localised = (errors: FieldErrors, locale: Locale): FieldErrors =>
  Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [path, localiseContractMessage(message, locale)]),
  );

/** The API's field errors: a domain rule by its code, a contract message by its text. */
const localisedApiErrors = (error: ApiError, locale: Locale): FieldErrors => {
  const out: FieldErrors = {};
  for (const e of error.problem.errors ?? [])
    out[e.path.replace(/^body\.?/, '')] ??=
      ruleMessage(e.code, locale) ?? localiseContractMessage(e.message, locale);
  return out;
};

/** What ui/form.tsx uses, as one value (it is loaded with import()). */
export const problemTexts = { problemTitle, ruleMessage, localised, localisedApiErrors };
