// Creates (POST) carry an Idempotency-Key, so a partner retrying after a timeout or a dropped
// connection gets the resource created the first time instead of a second one. A caller that
// retries on its own passes the same key again; otherwise a fresh key is made per request.
import type { Middleware } from 'openapi-fetch';

export const idempotencyKeyHeader = 'idempotency-key';

/** A new key: a UUID fits the API's rule (8 to 128 visible ASCII characters). */
export const newIdempotencyKey = (): string => globalThis.crypto.randomUUID(); // Web Crypto: Node ≥ 19 and browsers

export const idempotencyKeyMiddleware = (makeKey: () => string = newIdempotencyKey): Middleware => ({
  onRequest: ({ request }) => {
    if (request.method !== 'POST' || request.headers.has(idempotencyKeyHeader)) return undefined;
    request.headers.set(idempotencyKeyHeader, makeKey());
    return request;
  },
});
