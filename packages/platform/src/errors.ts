import type { Problem, ProblemDetailCode, ProblemDetailParams, ProblemLanguage } from '@spolu/contracts';
import {
  czechContractMessageText,
  czechRuleText,
  fillProblemText,
  isProblemSlug,
  problemDetailOf,
  problemDetails,
  problemDetailText,
  problemFieldMessageText,
  problemTitles,
  problemTypeBase,
} from '@spolu/contracts';
import type { z } from 'zod';
import { cs as zodCs, en as zodEn } from 'zod/locales';

/** A detail by its stable code (packages/contracts problem-texts.ts) and its variable parts. */
export interface ProblemDetailRef {
  code: ProblemDetailCode;
  params?: ProblemDetailParams;
}

/** Texts a problem carries for a language beside the catalogue: a detail, and per entry of
 * `errors` a message (undefined keeps the catalogue's or the English one). */
export interface ProblemTexts {
  detail?: string;
  errorMessages?: readonly (string | undefined)[];
}

/** An error that becomes an RFC 9457 problem+json response. Anything else becomes a bare 500.
 * The detail is given by code (ProblemDetailRef) or as English text; an English text the
 * catalogue knows gets its code too, so the problem can be worded in Czech. */
export class HttpProblem extends Error {
  readonly detail?: string;
  readonly detailRef?: ProblemDetailRef;
  private readonly texts: Partial<Record<ProblemLanguage, ProblemTexts>> = {};

  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail?: string | ProblemDetailRef,
    readonly errors?: Problem['errors'],
    readonly headers: Record<string, string> = {},
  ) {
    const english =
      typeof detail === 'object'
        ? fillProblemText(problemDetails[detail.code].en, detail.params ?? {}, 'en')
        : detail;
    super(english ?? title);
    this.detail = english;
    this.detailRef = typeof detail === 'object' ? detail : english ? problemDetailOf(english) : undefined;
  }

  /** Words for a language that the catalogue cannot derive (a rule's detail, zod's own messages). */
  withTexts(language: ProblemLanguage, texts: ProblemTexts): this {
    this.texts[language] = texts;
    return this;
  }

  /** The problem in a language: English is the API's own wording; Czech takes the title and detail
   * from the catalogue, a broken rule's and a contract message's words from theirs. Anything the
   * catalogues do not know stays in English. `type`, `status` and `errors[].code` never change. */
  toProblem(instance?: string, language: ProblemLanguage = 'en'): Problem {
    const texts = this.texts[language];
    const title =
      language !== 'en' && isProblemSlug(this.slug) ? problemTitles[this.slug][language] : this.title;
    const detail =
      language === 'en'
        ? this.detail
        : (texts?.detail ??
          (this.detailRef
            ? problemDetailText(this.detailRef.code, this.detailRef.params ?? {}, language)
            : this.detail));
    const errors =
      language === 'en'
        ? this.errors
        : this.errors?.map((e, i) => ({
            ...e,
            message:
              // Only Czech differs from the API's own English wording.
              czechRuleText(e.code) ??
              czechContractMessageText(e.message) ??
              texts?.errorMessages?.[i] ??
              problemFieldMessageText(e.message, language) ??
              problemDetailTextOf(e.message, language),
          }));
    return {
      type: `${problemTypeBase}${this.slug}`,
      title,
      status: this.status,
      ...(detail ? { detail } : {}),
      ...(instance ? { instance } : {}),
      ...(errors ? { errors } : {}),
    };
  }
}

const problemDetailTextOf = (english: string, language: ProblemLanguage) => {
  const ref = problemDetailOf(english);
  return ref ? problemDetailText(ref.code, ref.params, language) : english;
};

export const badRequest = (detail: string) => new HttpProblem(400, 'bad-request', 'Bad request', detail);
export const unauthorized = (detail: string) =>
  new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, undefined, {
    'www-authenticate': `Bearer error="invalid_token" error_description="${detail.replace(/"/g, "'")}"`,
  });
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const notFound = (what: string) =>
  new HttpProblem(404, 'not-found', 'Not found', { code: 'not-found', params: { what } });
export const conflict = (detail: string) => new HttpProblem(409, 'conflict', 'Conflict', detail);
export const preconditionFailed = () =>
  new HttpProblem(412, 'stale-etag', 'Precondition failed', { code: 'stale-etag' });
export const preconditionRequired = () =>
  new HttpProblem(428, 'if-match-required', 'Precondition required', { code: 'if-match-required' });
export const unsupportedMediaType = () =>
  new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', {
    code: 'unsupported-media-type',
  });
export const payloadTooLarge = (max: number) =>
  new HttpProblem(413, 'payload-too-large', 'Payload too large', {
    code: 'payload-too-large',
    params: { max },
  });
export const unprocessable = (detail: string | ProblemDetailRef, errors?: Problem['errors']) =>
  new HttpProblem(422, 'validation', 'Validation failed', detail, errors);

const pathOf = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? ''
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .slice(1);

// zod's own messages (not the contracts'): the API words them with zod's English locale; an issue
// keeps no input, so the input's kind is found again as the one that gives the same English words.
const zodEnglish = zodEn().localeError;
const zodCzech = zodCs().localeError;
const inputKinds: readonly unknown[] = [undefined, '', 0, Number.NaN, false, null, [], {}, 0n, new Date(0)];
const wordsOf = (out: ReturnType<typeof zodEnglish>) => (typeof out === 'string' ? out : out?.message);
const zodMessageIn = (issue: z.core.$ZodIssue, language: ProblemLanguage): string | undefined => {
  if (language === 'en') return issue.message;
  const raws =
    issue.code === 'invalid_type'
      ? inputKinds.map((input) => ({ ...issue, input }))
      : [{ ...issue, input: undefined }];
  return raws.flatMap((raw) =>
    wordsOf(zodEnglish(raw)) === issue.message ? [wordsOf(zodCzech(raw))] : [],
  )[0];
};

/** zod issues -> problem `errors`, with the location prefixed (body, query, params). */
export const validationProblem = (where: 'body' | 'query' | 'params' | 'headers', error: z.ZodError) =>
  unprocessable(
    { code: `invalid-${where}` },
    error.issues.map((issue) => ({
      path: [where, pathOf(issue.path)].filter(Boolean).join('.'),
      message: issue.message,
      code: issue.code,
    })),
  ).withTexts('cs', { errorMessages: error.issues.map((issue) => zodMessageIn(issue, 'cs')) });

/** A rule of the domain was broken (e.g. a home visit without a complete checklist). */
export class DomainRuleViolation extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
