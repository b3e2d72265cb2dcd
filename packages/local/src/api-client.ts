// A tiny client for the gateway over real HTTP (seeding, tests, benchmarks).
import type { OutgoingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:http';
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** How `call` sends: the platform's `fetch` (default), or node:http with a keep-alive agent. The
 * request-overhead bench uses the latter so that what it measures is the gateway and the handler,
 * not the client library: undici's fetch costs the caller about a millisecond more per request in
 * the runtime's process (measured in BENCHMARKS "request overhead"). */
let transport: 'fetch' | 'node-http' = 'fetch';
let agent: Agent | undefined;
export const useTransport = (kind: 'fetch' | 'node-http') => {
  transport = kind;
};

const viaNodeHttp = (url: string, method: string, headers: Record<string, string>, body?: string) =>
  new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
    agent ??= new Agent({ keepAlive: true });
    const sent: OutgoingHttpHeaders =
      body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) };
    const req = request(url, { method, headers: sent, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          for (const one of v === undefined ? [] : [v].flat()) out.append(k, one);
        resolve({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });

export const call = async <T = Record<string, unknown>>(
  base: { url: string },
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<ApiResponse<T>> => {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res =
    transport === 'node-http'
      ? await viaNodeHttp(`${base.url}${path}`, method, headers, body)
      : await fetch(`${base.url}${path}`, { method, headers, body }).then(async (r) => ({
          status: r.status,
          headers: r.headers,
          text: await r.text(),
        }));
  const { text } = res;
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
};

/** Throws with the problem details when the status is not the expected one. */
export const expectStatus = <T>(res: ApiResponse<T>, status: number, what: string): T => {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
