// A named client registered at a service through the API, the way the journeys set up the client a
// screen is about before opening it.
import type { intake } from '@spolu/contracts';
import type { ActorClient } from '../../packages/local/test-support/harness';

type Named = Extract<intake.Identity, { kind: 'named' }>;

export interface NamedClient extends Pick<Named, 'name' | 'birthDate' | 'district'> {
  serviceId: string;
  sex: 'female' | 'male';
  contact?: Named['contact'];
  /** When the service serves more than one target group. */
  targetGroup?: string;
}

/** Registers the client (answered 201, else it throws with the problem) and returns its id. */
export const registerNamedClient = async (
  api: ActorClient,
  { serviceId, targetGroup, ...identity }: NamedClient,
): Promise<string> => {
  const res = await api.post<{ id: string }>('/clients', {
    serviceId,
    ...(targetGroup ? { targetGroup } : {}),
    identity: { kind: 'named', ...identity },
  });
  if (res.status !== 201)
    throw new Error(`registering ${identity.name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
};
