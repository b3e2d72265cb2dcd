// Runtime configuration, fetched at start from /config.json next to index.html: the same build
// runs locally (dev issuer) and in every region (Cognito), so nothing region-specific is baked in.
// Checked by hand, not with zod: this runs before the first screen, and zod (~50 KB gzip) is not
// part of what a phone downloads first (issue 24 item 5); the route chunks that need zod load it.

export type ConsoleConfig = {
  region: string;
  regionName: string;
  /** Base URL of the region's API; empty means the same origin (local runtime). */
  apiUrl: string;
  /** Hours a record saved without signal may wait on the device before it is wiped (issue 22). */
  offlineHours: number;
  auth:
    | { kind: 'dev' }
    | {
        kind: 'oidc';
        authority: string;
        clientId: string;
        scope: string;
        /** Cognito has no end_session_endpoint in its discovery document. */
        logoutUrl?: string;
      };
};

const fail = (path: string, what: string): never => {
  throw new Error(`/config.json: ${path}: ${what}`);
};
const record = (v: unknown, path: string): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : fail(path, 'not an object');
const text = (v: unknown, path: string, fallback?: string): string => {
  if (v === undefined && fallback !== undefined) return fallback;
  return typeof v === 'string' ? v : fail(path, 'not a string');
};
const url = (v: unknown, path: string): string => {
  const s = text(v, path);
  try {
    new URL(s);
  } catch {
    fail(path, 'not a URL');
  }
  return s;
};

export const parseConsoleConfig = (json: unknown): ConsoleConfig => {
  const o = record(json, '$');
  const hours = o.offlineHours ?? 72;
  if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 1 || hours > 720)
    fail('offlineHours', 'not a whole number of hours from 1 to 720');
  const a = record(o.auth, 'auth');
  let auth: ConsoleConfig['auth'];
  if (a.kind === 'dev') auth = { kind: 'dev' };
  else if (a.kind === 'oidc') {
    const clientId = text(a.clientId, 'auth.clientId');
    if (clientId.length === 0) fail('auth.clientId', 'empty');
    auth = {
      kind: 'oidc',
      authority: url(a.authority, 'auth.authority'),
      clientId,
      scope: text(a.scope, 'auth.scope', 'openid'),
      ...(a.logoutUrl === undefined ? {} : { logoutUrl: url(a.logoutUrl, 'auth.logoutUrl') }),
    };
  } else return fail('auth.kind', "neither 'dev' nor 'oidc'");
  return {
    region: text(o.region, 'region'),
    regionName: text(o.regionName, 'regionName'),
    apiUrl: text(o.apiUrl, 'apiUrl', ''),
    offlineHours: hours as number,
    auth,
  };
};

export const loadConfig = async (): Promise<ConsoleConfig> => {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`/config.json: HTTP ${res.status}`);
  return parseConsoleConfig(await res.json());
};
