// Fast checks without synthesis: region selection from cdk.json context, and the Cognito
// pre-token-generation trigger that turns a person's attributes into claims and scopes.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { Claims, Scopes, scopesFor } from '@spolu/contracts';
import { selectRegions } from '../../infra/lib/config';
import type { customizeTokens as CustomizeTokensFn } from '../../packages/platform/src/lambda/pre-token-generation';
import { cdkContext } from './support';

type CustomizeTokens = typeof CustomizeTokensFn;

describe('region selection from cdk.json', () => {
  const regions = cdkContext.regions;

  it('selects every configured kraj by default and one with -c region', () => {
    expect(selectRegions(regions, undefined).map((r) => r.code)).toEqual(['CZ051', 'CZ063', 'CZ072']);
    expect(selectRegions(regions, 'CZ063')).toEqual([
      expect.objectContaining({ code: 'CZ063', name: 'Kraj Vysočina' }),
    ]);
  });

  it('fills defaults and rejects an unknown kraj or a bad value with a readable message', () => {
    expect(selectRegions(regions, 'CZ051')[0]!.apiThrottle).toEqual({ rateLimit: 50, burstLimit: 100 });
    expect(() => selectRegions(regions, 'CZ010')).toThrow(/CZ010 is not configured/);
    const broken = { CZ051: { ...(regions as Record<string, object>).CZ051, logRetentionDays: 42 } };
    expect(() => selectRegions(broken, undefined)).toThrow(/CZ051\.logRetentionDays/);
    expect(() => selectRegions({}, undefined)).toThrow(/at least one kraj/);
  });
});

describe('pre-token-generation trigger (V2)', () => {
  // Imported after SPOLU_REGION is set: the module reads it once, at load, like a cold start.
  let customizeTokens: CustomizeTokens;

  beforeAll(async () => {
    process.env.SPOLU_REGION = 'CZ051';
    ({ customizeTokens } = await import('../../packages/platform/src/lambda/pre-token-generation'));
  });

  const event = (
    userAttributes: Record<string, string>,
    scopes: string[] = [],
  ): PreTokenGenerationV2TriggerEvent => ({
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'eu-central-1',
    userPoolId: 'eu-central-1_pool',
    userName: 'user',
    callerContext: { awsSdkVersion: 'x', clientId: 'web' },
    request: {
      userAttributes,
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
      scopes,
    },
    response: { claimsAndScopeOverrideDetails: {} },
  });

  it('adds tenant, region, roles and the scopes the roles grant to the access token', () => {
    const result = customizeTokens(
      event({ 'custom:tenant_id': 'tenant-1', 'custom:roles': 'worker provider-admin bogus' }),
      'CZ051',
    );
    const access = result.response.claimsAndScopeOverrideDetails.accessTokenGeneration!;
    expect(access.claimsToAddOrOverride).toEqual({
      [Claims.tenantId]: 'tenant-1',
      [Claims.region]: 'CZ051',
      [Claims.roles]: 'worker provider-admin',
    });
    expect(access.scopesToAdd).toEqual(scopesFor(['worker', 'provider-admin']));
  });

  it("copies the person's directory worker id into both tokens (Cognito's sub cannot be the worker id)", () => {
    const result = customizeTokens(
      event({ 'custom:tenant_id': 'tenant-1', 'custom:roles': 'key-worker', 'custom:worker_id': 'W1' }),
      'CZ051',
    );
    const details = result.response.claimsAndScopeOverrideDetails;
    expect(details.accessTokenGeneration!.claimsToAddOrOverride).toMatchObject({ [Claims.workerId]: 'W1' });
    expect(details.idTokenGeneration!.claimsToAddOrOverride).toMatchObject({ [Claims.workerId]: 'W1' });
  });

  it('suppresses platform scopes a client asked for that the roles do not grant', () => {
    const result = customizeTokens(
      event({ 'custom:roles': 'regional-coordinator' }, ['openid', Scopes.platformAdmin, Scopes.statsRead]),
      'CZ051',
    );
    const access = result.response.claimsAndScopeOverrideDetails.accessTokenGeneration!;
    expect(access.scopesToSuppress).toEqual([Scopes.platformAdmin]);
    expect(access.claimsToAddOrOverride).not.toHaveProperty(Claims.tenantId);
  });
});
