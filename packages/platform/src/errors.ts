import type { Problem } from '@spolu/contracts';
import { problemTypeBase } from '@spolu/contracts';
import type { z } from 'zod';

/** An error that becomes an RFC 9457 problem+json response. Anything else becomes a bare 500. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: Problem['errors'],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }

  toProblem(instance?: string): Problem {
    return {
      type: `${problemTypeBase}${this.slug}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (detail: string) => new HttpProblem(400, 'bad-request', 'Bad request', detail);
export const unauthorized = (detail: string) =>
  new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, undefined, {
    'www-authenticate': `Bearer error="invalid_token" error_description="${detail.replace(/"/g, "'")}"`,
  });
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const notFound = (what: string) => new HttpProblem(404, 'not-found', 'Not found', `${what} not found`);
export const conflict = (detail: string) => new HttpProblem(409, 'conflict', 'Conflict', detail);
export const preconditionFailed = () =>
  new HttpProblem(
    412,
    'stale-etag',
    'Precondition failed',
    'The record was changed by someone else since you loaded it. Reload it and apply your change again.',
  );
export const preconditionRequired = () =>
  new HttpProblem(
    428,
    'if-match-required',
    'Precondition required',
    'Send If-Match with the ETag you loaded.',
  );
export const unsupportedMediaType = () =>
  new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', 'Send application/json.');
export const payloadTooLarge = (max: number) =>
  new HttpProblem(413, 'payload-too-large', 'Payload too large', `The body exceeds ${max} bytes.`);
export const unprocessable = (detail: string, errors?: Problem['errors']) =>
  new HttpProblem(422, 'validation', 'Validation failed', detail, errors);

const pathOf = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? ''
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .slice(1);

/** zod issues -> problem `errors`, with the location prefixed (body, query, params). */
export const validationProblem = (where: 'body' | 'query' | 'params' | 'headers', error: z.ZodError) =>
  unprocessable(
    `The ${where} is not valid.`,
    error.issues.map((issue) => ({
      path: [where, pathOf(issue.path)].filter(Boolean).join('.'),
      message: issue.message,
      code: issue.code,
    })),
  );

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
