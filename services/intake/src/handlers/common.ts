// Shared by the intake handlers: loading the caller's own records (404 for anyone else's) and the
// statistical facts every client event carries.
import type { intake } from '@spolu/contracts';
import type { RuntimeEnv } from '@spolu/platform';
import { notFound, subjectKey, subjectOf } from '@spolu/platform';
import { assertServiceUsable } from '../domain/clients';
import type { Store } from '../store';

export const helpers = (env: RuntimeEnv, store: Store) => {
  const ownClient = async (t: string, clientId: string) => {
    const client = await store.getClient(t, clientId);
    if (!client) throw notFound('client');
    return client;
  };
  const ownService = async (t: string, serviceId: string) =>
    assertServiceUsable(await store.getService(t, serviceId), t);
  const keyOf = (t: string, clientId: string) => subjectKey(env.subjectKeySecret, t, clientId);
  const facts = (client: intake.Client, service: intake.ServiceView) => ({
    clientId: client.id,
    subjectKey: keyOf(client.providerId, client.id),
    serviceId: service.id,
    serviceType: service.type,
    targetGroup: client.targetGroup,
    ageBand: client.ageBand,
    district: client.identity.district,
  });
  const subject = (client: intake.Client) => subjectOf('client', client);
  return { ownClient, ownService, keyOf, facts, subject };
};

export const stamp = (env: RuntimeEnv, id: string, by: string) => ({ id, now: env.now(), by });
