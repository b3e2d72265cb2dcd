// Runtime configuration, fetched at start from /config.json next to index.html: the same build
// runs locally (dev issuer) and in every region (Cognito), so nothing region-specific is baked in.
import * as z from 'zod';

export const ConsoleConfig = z.object({
  region: z.string(),
  regionName: z.string(),
  /** Base URL of the region's API; empty means the same origin (local runtime). */
  apiUrl: z.string().default(''),
  /** Hours a record saved without signal may wait on the device before it is wiped (issue 22). */
  offlineHours: z.number().int().min(1).max(720).default(72),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('dev') }),
    z.object({
      kind: z.literal('oidc'),
      authority: z.url(),
      clientId: z.string().min(1),
      scope: z.string().default('openid'),
      /** Cognito has no end_session_endpoint in its discovery document. */
      logoutUrl: z.url().optional(),
    }),
  ]),
});
export type ConsoleConfig = z.infer<typeof ConsoleConfig>;

export const loadConfig = async (): Promise<ConsoleConfig> => {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`/config.json: HTTP ${res.status}`);
  return ConsoleConfig.parse(await res.json());
};
