// Partner systems sign in with OAuth2 client credentials: one Cognito app client per partner system.
// Such a token names only the app client (`sub` = `client_id` = the app client id). Which provider
// (tenant) and which directory partner client it acts for comes from the region's partner mapping,
// `{ "<app client id>": { "tenantId": "...", "partnerClientId": "..." } }`: in AWS a JSON SSM
// parameter the deployment writes from cdk.json `partnerClients` (read by the V3 pre-token trigger),
// locally the dev issuer's registry of app clients. Both compute the claims with this one function.
import type { RegionCode } from '@spolu/contracts';
import { Claims, Ulid } from '@spolu/contracts';
import * as z from 'zod';

export const PartnerAppClient = z.strictObject({
  /** The provider the partner system acts for. */
  tenantId: Ulid,
  /** The directory's partner client (`POST /partner-clients` returned it as `id`). */
  partnerClientId: Ulid,
});
export type PartnerAppClient = z.infer<typeof PartnerAppClient>;

/** App client id -> who it acts for. */
export const PartnerClientMapping = z.record(z.string().min(1).max(128), PartnerAppClient);
export type PartnerClientMapping = z.infer<typeof PartnerClientMapping>;

/** Parses the mapping as stored (JSON text); throws on anything malformed, naming the field. */
export const parsePartnerClientMapping = (text: string): PartnerClientMapping => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('partner client mapping is not JSON');
  }
  const parsed = PartnerClientMapping.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `partner client mapping is not valid: ${parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  return parsed.data;
};

/**
 * The claims a client-credentials access token gets for `appClientId`, or undefined when the app
 * client is not in the mapping: then the token carries no tenant, region or role, and the API
 * refuses it (403 problem+json).
 */
export const partnerClaims = (
  mapping: PartnerClientMapping,
  appClientId: string,
  region: RegionCode,
): Record<string, string> | undefined => {
  const entry = Object.hasOwn(mapping, appClientId) ? mapping[appClientId] : undefined;
  if (!entry) return undefined;
  return {
    [Claims.tenantId]: entry.tenantId,
    [Claims.partnerClientId]: entry.partnerClientId,
    [Claims.region]: region,
    [Claims.roles]: 'partner',
  };
};
