// problem+json answers (RFC 9457) as exceptions a partner can `catch` by class: the cases a client
// program handles differently (retry after a re-read, fix the input, wait) each have their own.
import type { components } from './schema';

export type ProblemBody = components['schemas']['Problem'];
export type ProblemFieldError = NonNullable<ProblemBody['errors']>[number];

/** Spolu's problem types are `https://spolu.cz/problems/<code>`; the code is the stable part. */
const problemTypeBase = 'https://spolu.cz/problems/';

/** Any problem+json answer of the API: status, type, its stable code and the failing fields. */
export class SpoluProblem extends Error {
  readonly status: number;
  readonly type: string;
  /** The stable code (`stale-etag`, `validation`, ...): the words may be Czech, the code never is. */
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: ProblemFieldError[];
  readonly body: ProblemBody;
  readonly response: Response;

  constructor(body: ProblemBody, response: Response) {
    super(body.detail ? `${body.title}: ${body.detail}` : body.title);
    this.name = new.target.name;
    this.status = body.status;
    this.type = body.type;
    this.code = body.type.startsWith(problemTypeBase) ? body.type.slice(problemTypeBase.length) : body.type;
    this.title = body.title;
    this.detail = body.detail;
    this.errors = body.errors ?? [];
    this.body = body;
    this.response = response;
  }
}

/** 412: the If-Match ETag is stale; somebody changed the resource since it was read. Re-read it. */
export class SpoluPreconditionFailed extends SpoluProblem {}
/** 409: the request conflicts with the resource's state (a rule of the domain). */
export class SpoluConflict extends SpoluProblem {}
/** 422: the input is invalid; `errors` names each failing field with its code. */
export class SpoluValidationProblem extends SpoluProblem {}
/** 429: too many calls; wait `retryAfterSeconds` (from the Retry-After header) and try again. */
export class SpoluRateLimited extends SpoluProblem {
  readonly retryAfterSeconds: number | undefined;
  constructor(body: ProblemBody, response: Response) {
    super(body, response);
    this.retryAfterSeconds = retryAfterSecondsOf(response.headers.get('retry-after'));
  }
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 10.2.3). */
export const retryAfterSecondsOf = (header: string | null, now = Date.now()): number | undefined => {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
};

const problemClassByStatus: Record<number, typeof SpoluProblem> = {
  409: SpoluConflict,
  412: SpoluPreconditionFailed,
  422: SpoluValidationProblem,
  429: SpoluRateLimited,
};

const isProblemBody = (value: unknown): value is ProblemBody =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).type === 'string' &&
  typeof (value as Record<string, unknown>).title === 'string' &&
  typeof (value as Record<string, unknown>).status === 'number';

/** The typed exception for a failed response, or undefined when it is not problem+json. */
export const problemFromResponse = async (response: Response): Promise<SpoluProblem | undefined> => {
  if (response.ok) return undefined;
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/problem+json') return undefined;
  const body: unknown = await response.clone().json();
  if (!isProblemBody(body)) return undefined;
  const ProblemClass = problemClassByStatus[response.status] ?? SpoluProblem;
  return new ProblemClass(body, response);
};
