// Optimistic concurrency: the API answers every versioned resource with an ETag and refuses an
// update without a matching If-Match (428) or with a stale one (412). This memory keeps the ETag
// of each resource read, sends it on the next write to that resource (or to a sub-path of it, such
// as `/referrals/{id}/transitions`), and keeps the new ETag the write returns.
import type { Middleware } from 'openapi-fetch';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class EtagMemory {
  private readonly byPath = new Map<string, string>();

  /** The ETag remembered for a resource path (`/referrals/01J...`). */
  get(path: string): string | undefined {
    return this.byPath.get(path);
  }

  set(path: string, etag: string): void {
    this.byPath.set(path, etag);
  }

  /** The If-Match header for a write to `path` (the resource or a sub-path of it), from its ETag. */
  ifMatchFor(path: string): { 'if-match': string } {
    const resource = this.resourceOf(path);
    const etag = resource ? this.byPath.get(resource) : undefined;
    if (!etag) throw new Error(`no ETag remembered for ${path}: read the resource first`);
    return { 'if-match': etag };
  }

  forget(path: string): void {
    this.byPath.delete(path);
  }

  /** The remembered resource a request path writes to: itself or its longest remembered parent. */
  resourceOf(path: string): string | undefined {
    let best: string | undefined;
    for (const known of this.byPath.keys())
      if ((path === known || path.startsWith(`${known}/`)) && (!best || known.length > best.length))
        best = known;
    return best;
  }

  middleware(): Middleware {
    return {
      onRequest: ({ request }) => {
        if (!writeMethods.has(request.method) || request.headers.has('if-match')) return undefined;
        const resource = this.resourceOf(new URL(request.url).pathname);
        const etag = resource ? this.byPath.get(resource) : undefined;
        if (!etag) return undefined;
        request.headers.set('if-match', etag);
        return request;
      },
      onResponse: ({ request, response }) => {
        const etag = response.headers.get('etag');
        if (!response.ok || !etag) return undefined;
        const path = new URL(request.url).pathname;
        const location = response.headers.get('location');
        if (request.method === 'POST' && response.status === 201) {
          // A create: the new resource lives at Location when the API names it.
          if (location) this.set(new URL(location, request.url).pathname, etag);
          return undefined;
        }
        this.set(writeMethods.has(request.method) ? (this.resourceOf(path) ?? path) : path, etag);
        return undefined;
      },
    };
  }
}

/** An explicit If-Match header from a resource's `version` (the API's ETag is `"<version>"`). */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
