// A client with a plan, made through the API the way a key worker's day starts one: the client
// registered at a service, an agreement naming the key worker (intake's agreement starts the plan),
// then plan changes agreed with the client, each on the version the one before left.
import { expect } from '@jest/globals';
import type { ActorClient } from '../../packages/local/test-support/harness';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { registerNamedClient } from './client-setup';

export interface PlannedClient {
  clientId: string;
  planId: string;
  /** A plan change agreed with the client (`/plans/{id}` + path), answered under 300. */
  change: (
    path: string,
    body: Record<string, unknown>,
    method?: 'post' | 'put' | 'patch',
  ) => Promise<{ createdId?: string }>;
}

export const clientWithPlan = async (
  rt: RegionRuntime,
  api: ActorClient,
  p: {
    serviceId: string;
    keyWorkerId: string;
    name: string;
    birthDate: string;
    sex: 'female' | 'male';
    district: string;
    goal: string;
    written?: { contractDate: string };
  },
): Promise<PlannedClient> => {
  const { serviceId, name, birthDate, sex, district } = p;
  const clientId = await registerNamedClient(api, { serviceId, name, birthDate, sex, district });
  const agreement = await api.post(`/clients/${clientId}/agreements`, {
    serviceId: p.serviceId,
    goal: p.goal,
    keyWorkerId: p.keyWorkerId,
    ...(p.written
      ? {
          form: 'written',
          written: {
            contractDate: p.written.contractDate,
            validFrom: p.written.contractDate,
            signedBy: [p.name],
          },
        }
      : { form: 'oral' }),
  });
  expect(agreement.status).toBe(201);
  await rt.settle();
  const plan = (await api.get<{ items: { id: string; version: number }[] }>(`/plans?clientId=${clientId}`))
    .body.items[0]!;
  let version = plan.version;
  const change: PlannedClient['change'] = async (path, body, method = 'post') => {
    const res = await api[method]<{ createdId?: string }>(
      `/plans/${plan.id}${path}`,
      { agreedWithClient: true, ...body },
      { headers: { 'if-match': `"${version}"` } },
    );
    expect(res.status).toBeLessThan(300);
    version += 1;
    return res.body;
  };
  return { clientId, planId: plan.id, change };
};
