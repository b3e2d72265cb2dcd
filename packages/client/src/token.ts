// OAuth2 client credentials (RFC 6749 4.4) for partner systems: one token is shared by every call
// and renewed shortly before it expires, so a long-running integration never sends an expired one.
// Locally the token URL is `<runtime>/dev/oauth2/token`; in AWS it is the region's Cognito domain
// `https://<prefix>.auth.<aws-region>.amazoncognito.com/oauth2/token` (see docs/PARTNERS.md).

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes to ask for; without it the token carries every granted scope. */
  scope?: string;
  /** Renew this many seconds before the token's expiry (default 60), so clocks and latency never bite. */
  refreshBeforeSeconds?: number;
  /** Milliseconds since the epoch; a test or a host with its own clock passes its own. */
  now?: () => number;
  fetch?: typeof fetch;
}

export interface IssuedToken {
  accessToken: string;
  /** When the token expires, milliseconds since the epoch. */
  expiresAt: number;
  scope: string | undefined;
}

/** The token endpoint refused the credentials (RFC 6749 5.2: `invalid_client`, `invalid_scope`...). */
export class TokenRequestError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
  ) {
    super(`token request failed: ${status} ${error}`);
    this.name = 'TokenRequestError';
  }
}

/** A source of bearer tokens: a fixed string or something that hands out a fresh one. */
export type TokenSource = string | (() => Promise<string> | string);

export interface ClientCredentialsToken {
  /** A valid access token: the cached one, or a new one when it is (nearly) expired. */
  (): Promise<string>;
  /** The token last issued (undefined before the first call). */
  current: () => IssuedToken | undefined;
  /** Forget the cached token (e.g. after a 401), so the next call asks again. */
  invalidate: () => void;
}

export const clientCredentialsToken = (options: ClientCredentialsOptions): ClientCredentialsToken => {
  const now = options.now ?? Date.now;
  const refreshBeforeMs = (options.refreshBeforeSeconds ?? 60) * 1000;
  const doFetch = options.fetch ?? fetch;
  let issued: IssuedToken | undefined;
  // Concurrent calls while a token is being fetched wait for the same request.
  let pending: Promise<IssuedToken> | undefined;

  const requestToken = async (): Promise<IssuedToken> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (options.scope) form.set('scope', options.scope);
    // client_secret_basic: both parts form-url-encoded before the Basic encoding (RFC 6749 2.3.1).
    // Both parts are ASCII after the URL encoding, so btoa (Node and browsers) takes them as they are.
    const basic = btoa(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`);
    const requestedAt = now();
    const response = await doFetch(options.tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        authorization: `Basic ${basic}`,
      },
      body: form.toString(),
    });
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      scope?: string;
      error?: string;
    };
    if (!response.ok || !body.access_token)
      throw new TokenRequestError(response.status, body.error ?? 'invalid_response');
    return {
      accessToken: body.access_token,
      // Counted from when it was asked for: the token cannot live longer than that.
      expiresAt: requestedAt + (body.expires_in ?? 3600) * 1000,
      scope: body.scope,
    };
  };

  const token = async () => {
    if (issued && now() < issued.expiresAt - refreshBeforeMs) return issued.accessToken;
    pending ??= requestToken().finally(() => {
      pending = undefined;
    });
    issued = await pending;
    return issued.accessToken;
  };
  return Object.assign(token, {
    current: () => issued,
    invalidate: () => {
      issued = undefined;
    },
  });
};

export const resolveToken = async (source: TokenSource): Promise<string> =>
  typeof source === 'string' ? source : source();
