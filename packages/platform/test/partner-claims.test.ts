// Partner systems' client-credentials tokens: the one mapping (app client -> tenant and partner
// client) and the V3 pre-token trigger that applies it. No AWS: the trigger's mapping loader is
// injected, and the cache is driven by a fake read.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type {
  PreTokenGenerationClientCredentialsV3TriggerEvent,
  PreTokenGenerationV2TriggerEvent,
} from 'aws-lambda';
import { Claims, newId, scopesFor } from '@spolu/contracts';
import { authFromClaims } from '../src/auth';
import type { PartnerClientMapping } from '../src/partner-claims';
import { parsePartnerClientMapping, partnerClaims } from '../src/partner-claims';
import type * as TriggerModuleNs from '../src/lambda/pre-token-generation';

type TriggerModule = typeof TriggerModuleNs;

const tenantId = newId();
const partnerClientId = newId();
const appClientId = '4k1f2c3d5e6g7h8i9j0kexample';
const mapping: PartnerClientMapping = { [appClientId]: { tenantId, partnerClientId } };

const clientCredentials = (clientId: string): PreTokenGenerationClientCredentialsV3TriggerEvent => ({
  version: '3',
  triggerSource: 'TokenGeneration_ClientCredentials',
  region: 'eu-central-1',
  userPoolId: 'eu-central-1_pool',
  userName: clientId,
  callerContext: { awsSdkVersion: 'x', clientId },
  request: {
    userAttributes: {},
    groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
    scopes: ['spolu/referrals.write', 'spolu/directory.read'],
  },
  response: { claimsAndScopeOverrideDetails: {} },
});

const person = (version: '2' | '3'): PreTokenGenerationV2TriggerEvent => ({
  version,
  triggerSource: 'TokenGeneration_Authentication',
  region: 'eu-central-1',
  userPoolId: 'eu-central-1_pool',
  userName: 'someone',
  callerContext: { awsSdkVersion: 'x', clientId: 'web' },
  request: {
    userAttributes: { 'custom:tenant_id': tenantId, 'custom:roles': 'worker', 'custom:worker_id': 'W1' },
    groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
    scopes: [],
  },
  response: { claimsAndScopeOverrideDetails: {} },
});

describe('partner mapping (pure, shared by the V3 trigger and the local dev issuer)', () => {
  it('gives a known app client its tenant, partner client, region and the partner role', () => {
    expect(partnerClaims(mapping, appClientId, 'CZ051')).toEqual({
      [Claims.tenantId]: tenantId,
      [Claims.partnerClientId]: partnerClientId,
      [Claims.region]: 'CZ051',
      [Claims.roles]: 'partner',
    });
  });

  it('gives an unknown app client nothing (and is not fooled by inherited keys)', () => {
    expect(partnerClaims(mapping, 'someone-else', 'CZ051')).toBeUndefined();
    expect(partnerClaims(mapping, 'constructor', 'CZ051')).toBeUndefined();
    expect(partnerClaims(mapping, '__proto__', 'CZ051')).toBeUndefined();
  });

  it('parses the stored JSON and refuses malformed entries, naming the field', () => {
    expect(parsePartnerClientMapping(JSON.stringify(mapping))).toEqual(mapping);
    expect(parsePartnerClientMapping('{}')).toEqual({});
    expect(() => parsePartnerClientMapping('not json')).toThrow(/not JSON/);
    expect(() => parsePartnerClientMapping(JSON.stringify({ a: { tenantId } }))).toThrow(
      /a\.partnerClientId/,
    );
    expect(() =>
      parsePartnerClientMapping(JSON.stringify({ a: { tenantId, partnerClientId, extra: 1 } })),
    ).toThrow(/not valid/);
    expect(() => parsePartnerClientMapping(JSON.stringify([1]))).toThrow(/not valid/);
  });

  it('makes the API see the partner client as the caller, acting for its tenant', () => {
    const claims = {
      sub: appClientId,
      client_id: appClientId,
      ...partnerClaims(mapping, appClientId, 'CZ051'),
    };
    const auth = authFromClaims(claims, ['spolu/referrals.write'], 'CZ051');
    expect(auth).toMatchObject({ userId: partnerClientId, partnerClientId, tenantId, roles: ['partner'] });
  });

  it('leaves a token of an unknown app client without region or tenant: the API refuses it (403)', () => {
    expect(() =>
      authFromClaims({ sub: 'someone-else', client_id: 'someone-else' }, ['spolu/referrals.write'], 'CZ051'),
    ).toThrow(expect.objectContaining({ status: 403 }));
  });

  it("never takes a partner-client id from a person's token", () => {
    const auth = authFromClaims(
      {
        sub: 'u',
        [Claims.region]: 'CZ051',
        [Claims.roles]: 'worker',
        [Claims.partnerClientId]: partnerClientId,
      },
      null,
      'CZ051',
    );
    expect(auth.userId).toBe('u');
    expect(auth.partnerClientId).toBeUndefined();
  });
});

describe('pre-token-generation trigger (V3): client credentials and people', () => {
  let trigger: TriggerModule;
  beforeAll(async () => {
    // The module reads its region at load, like a cold start.
    process.env.SPOLU_REGION = 'CZ051';
    trigger = await import('../src/lambda/pre-token-generation');
  });

  it('adds the mapping claims to a client-credentials access token and keeps its scopes as granted', async () => {
    const handler = trigger.createPreTokenHandler('CZ051', async () => mapping);
    const result = await handler(clientCredentials(appClientId));
    const details = result.response.claimsAndScopeOverrideDetails;
    expect(details.accessTokenGeneration).toEqual({
      claimsToAddOrOverride: partnerClaims(mapping, appClientId, 'CZ051'),
    });
    expect(details.idTokenGeneration).toBeUndefined();
  });

  it('adds nothing for an app client missing from the mapping, after one fresh read', async () => {
    const asked: (boolean | undefined)[] = [];
    const handler = trigger.createPreTokenHandler('CZ051', async (opts) => {
      asked.push(opts?.fresh);
      return mapping;
    });
    const result = await handler(clientCredentials('not-registered'));
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({});
    expect(asked).toEqual([undefined, true]);
  });

  it("still turns a person's attributes into claims and scopes, in V2 and V3 events alike", async () => {
    const handler = trigger.createPreTokenHandler('CZ051', async () => {
      throw new Error('people never need the partner mapping');
    });
    for (const version of ['2', '3'] as const) {
      const result = await handler(person(version));
      const access = result.response.claimsAndScopeOverrideDetails.accessTokenGeneration;
      expect(access?.claimsToAddOrOverride).toEqual({
        [Claims.tenantId]: tenantId,
        [Claims.region]: 'CZ051',
        [Claims.roles]: 'worker',
        [Claims.workerId]: 'W1',
      });
      expect(access?.scopesToAdd).toEqual(scopesFor(['worker']));
    }
  });

  it('reads the mapping once per container, re-reads an unknown client at most every 30 s, and never caches a failure', async () => {
    let clock = 0;
    let reads = 0;
    let stored: string | Error = JSON.stringify(mapping);
    const load = trigger.cachedMappingLoader(
      async () => {
        reads += 1;
        if (stored instanceof Error) throw stored;
        return stored;
      },
      { now: () => clock },
    );
    await load();
    await load();
    expect(reads).toBe(1);
    await load({ fresh: true });
    expect(reads).toBe(1); // too soon for a re-read
    clock += 31_000;
    const added = { ...mapping, other: { tenantId, partnerClientId } };
    stored = JSON.stringify(added);
    expect(await load({ fresh: true })).toEqual(added);
    expect(reads).toBe(2);
    clock += 6 * 60_000; // past the TTL
    stored = new Error('ssm down');
    await expect(load()).rejects.toThrow('ssm down');
    stored = JSON.stringify(mapping);
    expect(await load()).toEqual(mapping);
    expect(reads).toBe(4);
  });

  it('fails the token request when the stored mapping is malformed', async () => {
    const load = trigger.cachedMappingLoader(async () => '{"x": 1}');
    const handler = trigger.createPreTokenHandler('CZ051', load);
    await expect(handler(clientCredentials(appClientId))).rejects.toThrow(/not valid/);
  });
});
