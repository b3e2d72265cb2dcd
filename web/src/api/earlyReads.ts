// The reads of the screen a page opens on start as soon as config.json is in (main.tsx), not after
// the screen's chunk has arrived and rendered (issue 24 item 5: on a phone on mobile data that chain
// is what the page's largest paint waits for). The screen's own GET of the same URL with the same
// token takes the early answer, once; any other request, and any after 10 s, goes to the network.
import type { Session } from '../auth/session';

const early = new Map<string, Promise<Response>>();
const keyOf = (url: string, authorization: string | null) => `${authorization ?? ''} ${new URL(url).href}`;

const read = (url: string, token: string, language: string) => {
  const authorization = `Bearer ${token}`;
  const key = keyOf(url, authorization);
  const response = fetch(url, { headers: { authorization, 'accept-language': language } });
  early.set(key, response);
  setTimeout(() => early.delete(key), 10_000);
  return response;
};

/** The console's fetch (api/client.ts): a GET that was read early takes that answer. */
export const fetchReadEarly: typeof fetch = (input, init) => {
  if (input instanceof Request && input.method === 'GET') {
    const key = keyOf(input.url, input.headers.get('authorization'));
    const response = early.get(key);
    if (response) {
      early.delete(key);
      return response.catch(() => fetch(input, init));
    }
  }
  return fetch(input, init);
};

/** The first reads of the client file and of recording a contact (the pages a worker opens from a
 * link or the home screen), as those screens make them. */
export const readEarly = (path: string, session: Session | undefined, apiUrl: string, language: string) => {
  if (!session) return;
  try {
    const base = new URL(apiUrl, window.location.origin).href.replace(/\/$/, '');
    const get = (p: string) => read(base + p, session.token, language);
    const file = /^\/clients\/([^/]+)$/.exec(path);
    if (file) {
      const clientId = file[1]!;
      void get(`/clients/${clientId}/file`).catch(() => undefined);
      void get(`/plans?clientId=${clientId}`).catch(() => undefined);
      return;
    }
    if (path === '/contacts/new' || /^\/clients\/[^/]+\/contact$/.test(path)) {
      // The worker's own record, then the services it names (offline/reference.ts loadFieldServices).
      void get(`/workers/${encodeURIComponent(session.userId)}`)
        .then(async (response): Promise<{ serviceIds?: unknown }> =>
          response.ok ? response.clone().json() : {},
        )
        .then(({ serviceIds }) => {
          if (!Array.isArray(serviceIds)) return;
          for (const id of serviceIds)
            if (typeof id === 'string')
              void get(`/services/${encodeURIComponent(id)}`).catch(() => undefined);
        })
        .catch(() => undefined);
    }
  } catch {
    // Only a head start: the screen reads for itself.
  }
};
