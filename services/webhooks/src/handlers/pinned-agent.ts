// The connection of one webhook send, pinned to the addresses the SSRF check judged. Node's own
// http/https clients take a `lookup` per request, so no HTTP library is bundled for it (undici was
// about 550 KB of the sender's bundle) and redirects are never followed (node:http does not).
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';

/** A resolver that answers every name with the addresses already judged, never asking DNS again. */
export const pinnedLookup = (addresses: readonly string[]): LookupFunction => {
  const answers = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const first = answers[0];
    if (!first) return callback(new Error('no judged address'), '', 0);
    if (options.all) return callback(null, answers);
    callback(null, first.address, first.family);
  };
};

export interface PinnedPost {
  url: string;
  /** The addresses the SSRF check judged for the URL's host; nothing else is connected to. */
  addresses: readonly string[];
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface PinnedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
}

/** A timeout error that reads like fetch's (`TimeoutError`), for the sender's attempt record. */
const timedOut = (ms: number) =>
  Object.assign(new Error(`timed out after ${ms} ms`), { name: 'TimeoutError' });

/** POSTs the body to the URL, connecting only to the judged addresses (TLS still checks the
 * certificate against the URL's host name): the check and the connection see the same address.
 * The answer's body is read and dropped; its status and headers are what a send records. */
export const pinnedPost = (post: PinnedPost): Promise<PinnedAnswer> =>
  new Promise((resolve, reject) => {
    // The whole exchange is bounded, not only the idle time between packets.
    const timer = setTimeout(() => req.destroy(timedOut(post.timeoutMs)), post.timeoutMs);
    const settle =
      <T>(done: (value: T) => void) =>
      (value: T) => {
        clearTimeout(timer);
        done(value);
      };
    const url = new URL(post.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        lookup: pinnedLookup(post.addresses),
        headers: { ...post.headers, 'content-length': Buffer.byteLength(post.body) },
        agent: false, // a connection of its own: never reuse one opened to another address
      },
      (res) => {
        res.resume();
        res.on('end', () => settle(resolve)({ status: res.statusCode ?? 0, headers: res.headers }));
        res.on('error', settle(reject));
      },
    );
    req.on('error', settle(reject));
    req.end(post.body);
  });
