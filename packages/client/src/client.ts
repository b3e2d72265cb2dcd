// The typed client: openapi-fetch over the generated `paths`, with the partner helpers plugged in
// as its middleware (bearer token, Idempotency-Key on creates, If-Match from remembered ETags) and
// every problem+json answer thrown as a typed SpoluProblem, so `data` is always the success body.
import createClient from 'openapi-fetch';
import type { Client, Middleware } from 'openapi-fetch';
import { EtagMemory } from './etags';
import { idempotencyKeyMiddleware, newIdempotencyKey } from './idempotency';
import { problemFromResponse } from './problem';
import type { paths } from './schema';
import type { TokenSource } from './token';
import { resolveToken } from './token';

export interface SpoluClientOptions {
  /** The API's base URL: locally the runtime's URL, in AWS `https://api.<region domain>`. */
  baseUrl: string;
  /** A bearer token, or a function handing out a valid one (see clientCredentialsToken). */
  token?: TokenSource;
  /** Answers in Czech (`cs`, the default) or English (`en`); codes are the same in both. */
  language?: 'cs' | 'en';
  /** How a create's Idempotency-Key is made when the caller gives none. */
  idempotencyKey?: () => string;
  fetch?: typeof fetch;
}

export type SpoluApi = Client<paths>;
export interface SpoluClient {
  api: SpoluApi;
  /** The ETags of the resources this client read or wrote, for If-Match on the next write. */
  etags: EtagMemory;
}

const bearer = (source: TokenSource): Middleware => ({
  onRequest: async ({ request }) => {
    request.headers.set('authorization', `Bearer ${await resolveToken(source)}`);
    return request;
  },
});

const language = (value: 'cs' | 'en'): Middleware => ({
  onRequest: ({ request }) => {
    if (!request.headers.has('accept-language')) request.headers.set('accept-language', value);
    return request;
  },
});

/** A problem+json answer becomes the thrown SpoluProblem (or its 409/412/422/429 subclass). */
const throwProblems: Middleware = {
  onResponse: async ({ response }) => {
    const problem = await problemFromResponse(response);
    if (problem) throw problem;
    return undefined;
  },
};

export const createSpoluClient = (options: SpoluClientOptions): SpoluClient => {
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const etags = new EtagMemory(new URL(options.baseUrl).pathname.replace(/\/$/, ''));
  // openapi-fetch runs onRequest in order and onResponse in reverse: problems are thrown last,
  // after the ETag memory has seen only successful answers.
  api.use(throwProblems);
  if (options.token !== undefined) api.use(bearer(options.token));
  api.use(language(options.language ?? 'cs'));
  api.use(idempotencyKeyMiddleware(options.idempotencyKey ?? newIdempotencyKey));
  api.use(etags.middleware());
  return { api, etags };
};

/** The success body of an openapi-fetch result (problems were thrown already; a bodiless answer is a bug). */
export const dataOf = <Data>(result: { data?: Data; response: Response }): Data => {
  if (result.data === undefined)
    throw new Error(`${result.response.status} ${result.response.url}: expected a body, got none`);
  return result.data;
};
