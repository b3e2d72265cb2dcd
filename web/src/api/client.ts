// The one way the console talks to the API: the typed SDK (@spolu/client) over the served OpenAPI
// document, so every path, parameter, body and answer is checked by the compiler. The session's
// bearer token and the console's language go with every call; every failed answer becomes an
// ApiError (with the failing fields). The screens send their own ETag (If-Match) and, for creates,
// their own Idempotency-Key, so a retried save never records twice.
import type { ProblemBody, SpoluApi } from '@spolu/client';
import { SpoluProblem, createSpoluClient, dataOf, problemFromResponse } from '@spolu/client';

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
export type Api = SpoluApi & LegacyApi;

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
  return Object.assign(api, legacyApi(options));
};

/** The body of an answer and its ETag, the If-Match of the next change to that resource. */
export const withEtag = <Data>(result: { data?: Data; response: Response }) => ({
  body: dataOf(result),
  etag: result.response.headers.get('etag') ?? '',
});

export const newIdempotencyKey = () => crypto.randomUUID();

// The string-path calls the screens still make until each is typed (removed with the last one).
export interface ApiResponse<T> {
  status: number;
  body: T;
  etag?: string;
}

interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  ifMatch?: string;
  idempotencyKey?: string;
  accept?: string;
}

interface LegacyApi {
  request<T>(path: string, req?: ApiRequest): Promise<ApiResponse<T>>;
  get<T>(path: string, query?: ApiRequest['query']): Promise<T>;
  text(path: string, query?: ApiRequest['query']): Promise<string>;
}

const legacyApi = (options: Parameters<typeof createApi>[0]): LegacyApi => {
  const url = (path: string, query?: ApiRequest['query']) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return `${options.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  };
  const send = async (path: string, req: ApiRequest) => {
    const headers: Record<string, string> = { accept: req.accept ?? 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    headers['accept-language'] = options.language();
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (req.ifMatch) headers['if-match'] = req.ifMatch;
    if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
    const res = await fetch(url(path, req.query), {
      method: req.method ?? 'GET',
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
    if (res.status === 401) options.onUnauthorized();
    if (!res.ok) throw await apiErrorOf(res);
    return res;
  };
  return {
    async request<T>(path: string, req: ApiRequest = {}) {
      const res = await send(path, req);
      const text = await res.text();
      return {
        status: res.status,
        body: (text ? JSON.parse(text) : undefined) as T,
        etag: res.headers.get('etag') ?? undefined,
      };
    },
    async get<T>(path: string, query?: ApiRequest['query']) {
      return (await this.request<T>(path, { query })).body;
    },
    async text(path: string, query?: ApiRequest['query']) {
      return (await send(path, { query, accept: 'text/csv, application/json' })).text();
    },
  };
};
