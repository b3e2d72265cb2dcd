// Lambda entry: Cognito pre-token-generation trigger, event version 2 (V2_0). Version 2 is the one
// that may change access tokens for people signing in (version 1 changes only ID tokens; version 3
// adds client-credentials tokens). It requires the Essentials or Plus feature plan.
//
// The HTTP API's JWT authorizer checks route scopes and the platform reads tenant, region and roles
// from the access token, so this is where a person's custom attributes become claims and scopes.
// The role -> scope table is the same one the local dev issuer uses (contracts' scopesFor).
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { allScopes, Claims, RegionCode, Role, scopesFor } from '@spolu/contracts';

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

// Read once per cold start: a trigger without its region must fail loudly, not issue tokens.
const region = RegionCode.parse(process.env.SPOLU_REGION);

export const handler = async (event: PreTokenGenerationV2TriggerEvent) => customizeTokens(event, region);
