// Lambda entry: Cognito pre-token-generation trigger, event version 3 (V3_0). Version 2 may change
// access tokens for people signing in (version 1 changes only ID tokens); version 3 is the same for
// people and adds machine-to-machine tokens (`TokenGeneration_ClientCredentials`), which partner
// systems get with their app client's id and secret. Both need the Essentials or Plus feature plan.
// People's events (V2 or V3) go through customizeTokens; client-credentials events through the
// partner mapping (./partner-claims, the same function the local dev issuer uses), read from the
// SSM parameter named by PARTNER_CLIENTS_PARAMETER.
//
// The HTTP API's JWT authorizer checks route scopes and the platform reads tenant, region and roles
// from the access token, so this is where a person's custom attributes become claims and scopes.
// The role -> scope table is the same one the local dev issuer uses (contracts' scopesFor).
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type {
  PreTokenGenerationClientCredentialsV3TriggerEvent,
  PreTokenGenerationV2TriggerEvent,
} from 'aws-lambda';
import { allScopes, Claims, RegionCode, Role, scopesFor } from '@spolu/contracts';
import type { PartnerClientMapping } from '../partner-claims';
import { parsePartnerClientMapping, partnerClaims } from '../partner-claims';

/** Custom attributes as Cognito hands them to the trigger. */
export const customAttributes = {
  tenantId: `custom:${Claims.tenantId}`,
  roles: `custom:${Claims.roles}`,
  workerId: `custom:${Claims.workerId}`,
} as const;

const rolesFrom = (value: string | undefined): Role[] =>
  (value ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((word) => {
      const parsed = Role.safeParse(word);
      return parsed.success ? [parsed.data] : [];
    });

/** Pure so it can be unit tested without Cognito. */
export const customizeTokens = (event: PreTokenGenerationV2TriggerEvent, region: RegionCode) => {
  const attributes = event.request.userAttributes;
  const roles = rolesFrom(attributes[customAttributes.roles]);
  const granted = scopesFor(roles);
  const claims: Record<string, string> = {
    [Claims.region]: region,
    [Claims.roles]: roles.join(' '),
  };
  const tenantId = attributes[customAttributes.tenantId];
  if (tenantId) claims[Claims.tenantId] = tenantId;
  const workerId = attributes[customAttributes.workerId];
  if (workerId) claims[Claims.workerId] = workerId;

  // A client may ask for any scope it is allowed; a person keeps only what their roles grant.
  const platformScopes = new Set<string>(allScopes);
  const notGranted = (event.request.scopes ?? []).filter(
    (requested) => platformScopes.has(requested) && !granted.some((scope) => scope === requested),
  );

  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: {
        claimsToAddOrOverride: claims,
        scopesToAdd: granted,
        scopesToSuppress: notGranted,
      },
    },
  };
  return event;
};

/** A person's sign-in or refresh (the V2 shape; a V3 event for people is the same but for its
 * version) or a partner system's client-credentials grant. */
export type PreTokenEvent =
  PreTokenGenerationV2TriggerEvent | PreTokenGenerationClientCredentialsV3TriggerEvent;

const isClientCredentials = (
  event: PreTokenEvent,
): event is PreTokenGenerationClientCredentialsV3TriggerEvent =>
  event.triggerSource === 'TokenGeneration_ClientCredentials';

/**
 * A partner system's client-credentials token: tenant, partner-client id, region and role `partner`
 * from the mapping; the scopes stay exactly those Cognito granted the app client. An app client
 * missing from the mapping gets nothing added, so the API refuses its token. Pure.
 */
export const customizeClientCredentialsToken = (
  event: PreTokenGenerationClientCredentialsV3TriggerEvent,
  region: RegionCode,
  mapping: PartnerClientMapping,
) => {
  const claims = partnerClaims(mapping, event.callerContext.clientId, region);
  // There is no ID token in a client-credentials grant.
  event.response = {
    claimsAndScopeOverrideDetails: claims ? { accessTokenGeneration: { claimsToAddOrOverride: claims } } : {},
  };
  return event;
};

export interface MappingLoader {
  /** The mapping; `fresh` asks for a re-read (an app client unknown to a cached copy). */
  (opts?: { fresh?: boolean }): Promise<PartnerClientMapping>;
}

/**
 * Keeps the mapping `read` returns (once per container) for `ttlMs`. An app client missing from the
 * cached copy triggers one re-read (at most every `refreshMs`), so a partner added by a deploy gets
 * its claims without waiting for a new container. A failed read is not cached.
 */
export const cachedMappingLoader = (
  read: () => Promise<string>,
  opts: { ttlMs?: number; refreshMs?: number; now?: () => number } = {},
): MappingLoader => {
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  const refreshMs = opts.refreshMs ?? 30_000;
  const now = opts.now ?? Date.now;
  let cached: { at: number; mapping: Promise<PartnerClientMapping> } | undefined;
  return async ({ fresh } = {}) => {
    let entry = cached;
    const age = entry ? now() - entry.at : Infinity;
    if (!entry || age > ttlMs || (fresh && age > refreshMs)) {
      const fetched = { at: now(), mapping: read().then(parsePartnerClientMapping) };
      fetched.mapping.catch(() => {
        if (cached === fetched) cached = undefined;
      });
      cached = entry = fetched;
    }
    return entry.mapping;
  };
};

/** The SSM parameter's value (a String or SecureString parameter). */
export const ssmParameterReader = (parameterName: string) => {
  let ssm: SSMClient | undefined;
  return async () => {
    ssm ??= new SSMClient({});
    const out = await ssm.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }));
    if (out.Parameter?.Value === undefined) throw new Error(`SSM parameter ${parameterName} has no value`);
    return out.Parameter.Value;
  };
};

/** The trigger for one region, with the mapping loader injected (tests pass their own). */
export const createPreTokenHandler =
  (region: RegionCode, loadMapping: MappingLoader) =>
  async (event: PreTokenEvent): Promise<PreTokenEvent> => {
    if (!isClientCredentials(event)) return customizeTokens(event, region);
    let mapping = await loadMapping();
    if (!Object.hasOwn(mapping, event.callerContext.clientId)) mapping = await loadMapping({ fresh: true });
    return customizeClientCredentialsToken(event, region, mapping);
  };

// Read once per cold start: a trigger without its region must fail loudly, not issue tokens.
const region = RegionCode.parse(process.env.SPOLU_REGION);
const parameterName = process.env.PARTNER_CLIENTS_PARAMETER;
const loader = cachedMappingLoader(ssmParameterReader(parameterName ?? ''));

/** @public The Cognito trigger's entry (infra names this file). */
export const handler = createPreTokenHandler(region, async (opts) => {
  // A partner token without its provider would be refused by the API anyway; failing the token
  // request says what is wrong instead.
  if (!parameterName) throw new Error('PARTNER_CLIENTS_PARAMETER is not set');
  return loader(opts);
});
