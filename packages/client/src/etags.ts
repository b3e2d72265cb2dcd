// Optimistic concurrency: the API answers every versioned resource with an ETag and refuses an
// update without a matching If-Match (428) or with a stale one (412). This memory keeps the ETag
// of each resource read or created, gives it as the If-Match of the next write to that resource
// (or to a sub-path of it, such as `/referrals/{id}/transitions`), and keeps the new ETag the
// write returns.
import type { Middleware } from 'openapi-fetch';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class EtagMemory {
  private readonly byPath = new Map<string, string>();

  /** `basePath`: the base URL's path (an API behind a prefix), left out of the remembered paths. */
  constructor(private readonly basePath = '') {}

  private apiPathOf(url: string): string {
    const path = new URL(url).pathname;
    return this.basePath && path.startsWith(this.basePath) ? path.slice(this.basePath.length) : path;
  }

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

  /** Remembers the ETag of each successful answer under the resource's path. */
  middleware(): Middleware {
    return {
      onResponse: async ({ request, response }) => {
        const etag = response.headers.get('etag');
        if (!response.ok || !etag) return undefined;
        const path = this.apiPathOf(request.url);
        if (request.method === 'POST' && response.status === 201) {
          // A create answers no Location: the new resource lives at `<collection>/<id>`.
          const created: unknown = await response.clone().json();
          if (typeof created === 'object' && created && 'id' in created && typeof created.id === 'string')
            this.set(`${path}/${created.id}`, etag);
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
