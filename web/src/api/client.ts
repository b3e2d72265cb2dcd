// The one way the console talks to the API: the typed SDK (@spolu/client) over the served OpenAPI
// document, so every path, parameter, body and answer is checked by the compiler. The session's
// bearer token and the console's language go with every call; every failed answer becomes an
// ApiError (with the failing fields). The screens send their own ETag (If-Match) and, for creates,
// their own Idempotency-Key, so a retried save never records twice.
import type { ProblemBody, SpoluApi } from '@spolu/client';
import { SpoluProblem, createSpoluClient, dataOf, problemFromResponse } from '@spolu/client';
import { fetchReadEarly } from './earlyReads';

/** A failed answer as the screens read it: the problem, its field errors keyed like the form's
 * fields, and whether it is a stale-ETag conflict. */
export class ApiError extends SpoluProblem {
  get problem(): ProblemBody {
    return this.body;
  }
  /** Field errors keyed like the form fields: `interventions[0].given` (without `body.`). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) out[e.path.replace(/^body\.?/, '')] ??= e.message;
    return out;
  }
  get isConflict() {
    return this.status === 412;
  }
}

/** Any failed answer as an ApiError: problem+json as the SDK reads it, anything else (the gateway's
 * own `{"message": ...}`, a proxy's error page) as a problem worded by its status. */
const apiErrorOf = async (response: Response): Promise<ApiError> => {
  const problem = await problemFromResponse(response);
  if (problem) return new ApiError(problem.body, response);
  let title = response.statusText || `HTTP ${response.status}`;
  try {
    const parsed = JSON.parse(await response.text()) as { message?: unknown };
    if (typeof parsed.message === 'string') title = parsed.message;
  } catch {
    // Not JSON: the status's words stand.
  }
  return new ApiError({ type: 'about:blank', title, status: response.status }, response);
};

/** The typed client: `api.GET('/clients/{clientId}', { params: { path: { clientId } } })`. */
export type Api = SpoluApi;

export const createApi = (options: {
  /** The region's API; empty means the console's own origin (the local runtime). */
  baseUrl: string;
  token: string | undefined;
  onUnauthorized: () => void;
  /** The console's language, sent as Accept-Language so problems come worded in it. */
  language: () => string;
}): Api => {
  const { api } = createSpoluClient({
    baseUrl: new URL(options.baseUrl, window.location.origin).href,
    ...(options.token ? { token: options.token } : {}),
    idempotencyKey: newIdempotencyKey,
    // The first reads of the page's screen may have started before it rendered (earlyReads.ts).
    fetch: fetchReadEarly,
  });
  // Registered last, so its answer handler runs first: every failure is an ApiError before the
  // SDK would throw its own SpoluProblem.
  api.use({
    onRequest: ({ request }) => {
      request.headers.set('accept-language', options.language());
      return request;
    },
    onResponse: async ({ response }) => {
      if (response.status === 401) options.onUnauthorized();
      if (!response.ok) throw await apiErrorOf(response);
      return undefined;
    },
  });
  return api;
};

/** The body of an answer and its ETag, the If-Match of the next change to that resource. */
export const withEtag = <Data>(result: { data?: Data; response: Response }) => ({
  body: dataOf(result),
  etag: result.response.headers.get('etag') ?? '',
});

export const newIdempotencyKey = () => crypto.randomUUID();
