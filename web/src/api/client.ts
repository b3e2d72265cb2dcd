// The one way the console talks to the API: bearer token, JSON in and out, problem+json turned
// into ApiError (with the failing fields), ETag/If-Match for changes and an Idempotency-Key for
// creates so a retried save never records twice.
import type { Problem } from '@spolu/contracts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }
  /** Field errors keyed like the form fields: `interventions[0].given` (without `body.`). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.path.replace(/^body\.?/, '')] ??= e.message;
    return out;
  }
  get isConflict() {
    return this.status === 412;
  }
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  etag?: string;
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  ifMatch?: string;
  idempotencyKey?: string;
  accept?: string;
}

export interface Api {
  request<T>(path: string, req?: ApiRequest): Promise<ApiResponse<T>>;
  get<T>(path: string, query?: ApiRequest['query']): Promise<T>;
  /** The raw response text, for CSV downloads. */
  text(path: string, query?: ApiRequest['query']): Promise<string>;
}

export const createApi = (
  baseUrl: string,
  token: () => string | undefined,
  onUnauthorized: () => void,
  /** The console's language, sent as Accept-Language so problems come worded in it. */
  language?: () => string,
): Api => {
  const url = (path: string, query?: ApiRequest['query']) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
  };
  const send = async (path: string, req: ApiRequest) => {
    const headers: Record<string, string> = { accept: req.accept ?? 'application/json' };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const lang = language?.();
    if (lang) headers['accept-language'] = lang;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (req.ifMatch) headers['if-match'] = req.ifMatch;
    if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
    const res = await fetch(url(path, req.query), {
      method: req.method ?? 'GET',
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
    if (res.status === 401) onUnauthorized();
    if (!res.ok) {
      const text = await res.text();
      let problem: Problem;
      try {
        const parsed = JSON.parse(text) as Partial<Problem> & { message?: string };
        problem = {
          type: parsed.type ?? 'about:blank',
          title: parsed.title ?? parsed.message ?? res.statusText,
          status: parsed.status ?? res.status,
          detail: parsed.detail,
          errors: parsed.errors,
        };
      } catch {
        problem = { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status };
      }
      throw new ApiError(res.status, problem);
    }
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

export const newIdempotencyKey = () => crypto.randomUUID();
