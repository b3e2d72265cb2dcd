// Local runtime only: the dev issuer's seeded users and a token for one of them. These two routes
// belong to the local runtime, not to the API (they are not in its OpenAPI document, and AWS has
// neither), so they are plain fetches beside the typed client.
interface DevUser {
  key: string;
  name: string;
  email: string;
  roles: string[];
  providerName?: string;
}

const devJson = async <T>(url: string, init?: RequestInit): Promise<T> => {
  const res = await fetch(url, init);
  const body = (await res.json().catch(() => ({}))) as T & { detail?: string };
  // Its refusals are problem-shaped (`detail` says what is wrong, e.g. an unknown user).
  if (!res.ok) throw new Error(body.detail ?? `HTTP ${res.status}`);
  return body;
};

/** The seeded users the dev issuer signs in (GET /dev/users). */
export const devUsers = (apiUrl: string) => devJson<{ items: DevUser[] }>(`${apiUrl}/dev/users`);

/** A token for a seeded user, by e-mail (POST /dev/token). */
export const devSignIn = async (apiUrl: string, user: string) =>
  (
    await devJson<{ access_token: string }>(`${apiUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user }),
    })
  ).access_token;
