// Test harness: a region runtime on the shared DynamoDB Local with fresh tables, and a small
// HTTP client that talks to it over real HTTP.
import { randomBytes } from 'node:crypto';
import type { RegionCode, Role } from '@spolu/contracts';
import type { ServiceManifest } from '@spolu/platform';
import type { RegionRuntime, RuntimeOptions } from '../src/runtime';
import { startRegionRuntime } from '../src/runtime';
import type { CallOptions } from '../src/api-client';
import { call } from '../src/api-client';

export { call };

/** This test file's DynamoDB Local (environment.ts starts it on first use), or the one
 * SPOLU_TEST_DYNAMODB_ENDPOINT names (a running instance, or an unreachable one for suites that
 * must not need it). */
export const testEndpoint = async (): Promise<string> => {
  const named = process.env.SPOLU_TEST_DYNAMODB_ENDPOINT;
  if (named) return named;
  const own = (globalThis as { __spoluTestDynamoDb?: () => Promise<string> }).__spoluTestDynamoDb;
  if (!own) throw new Error('no DynamoDB Local: run the tests through jest (jest.config.js testEnvironment)');
  return own();
};

export const startTestRuntime = async (
  manifests: ServiceManifest[],
  opts: Partial<Omit<RuntimeOptions, 'manifests'>> & { region?: RegionCode } = {},
): Promise<RegionRuntime> =>
  startRegionRuntime({
    region: opts.region ?? 'CZ051',
    dynamoEndpoint: await testEndpoint(),
    tablePrefix: `t${randomBytes(4).toString('hex')}`,
    pollIntervalMs: 20,
    busRetryBaseMs: 5,
    ...opts,
    manifests,
  });

export interface Actor {
  sub: string;
  tenantId?: string;
  roles: Role[];
  scopes?: string[];
}

/** A bound client for one actor. */
export const actor = async (rt: RegionRuntime, who: Actor) => {
  const token = await rt.token(who);
  return {
    ...who,
    token,
    get: <T = Record<string, unknown>>(path: string, o: Omit<CallOptions, 'token'> = {}) =>
      call<T>(rt, 'GET', path, { ...o, token }),
    post: <T = Record<string, unknown>>(
      path: string,
      body?: unknown,
      o: Omit<CallOptions, 'token' | 'body'> = {},
    ) => call<T>(rt, 'POST', path, { ...o, body, token }),
    put: <T = Record<string, unknown>>(
      path: string,
      body?: unknown,
      o: Omit<CallOptions, 'token' | 'body'> = {},
    ) => call<T>(rt, 'PUT', path, { ...o, body, token }),
    patch: <T = Record<string, unknown>>(
      path: string,
      body?: unknown,
      o: Omit<CallOptions, 'token' | 'body'> = {},
    ) => call<T>(rt, 'PATCH', path, { ...o, body, token }),
    delete: <T = Record<string, unknown>>(path: string, o: Omit<CallOptions, 'token'> = {}) =>
      call<T>(rt, 'DELETE', path, { ...o, token }),
  };
};
export type ActorClient = Awaited<ReturnType<typeof actor>>;

/** Registers a provider as platform ops (the only role that may) and returns its id; throws with
 * the problem when the directory refuses it, so a fixture never goes on with a missing tenant. */
export const registerProvider = async (
  ops: ActorClient,
  name: string,
  more: { ico?: string; address?: string; adminEmail?: string } = {},
): Promise<string> => {
  const res = await ops.post<{ id: string }>('/providers', {
    name,
    ico: more.ico ?? '12345678',
    address: more.address ?? 'Nádražní 1, Liberec',
    firstAdmin: { name: 'Admin', email: more.adminEmail ?? 'admin@example.org' },
  });
  if (res.status !== 201) throw new Error(`provider: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
};
