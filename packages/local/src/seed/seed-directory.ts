// Seeds a region's directory through the public API, as a real ops team and provider admins
// would: every record passes validation and emits its events.
import type { RegionCode, Role } from '@spolu/contracts';
import { call, expectStatus } from '../api-client';
import type { RegionRuntime } from '../runtime';
import { coordinatorsOf, platformOps, seedRegions } from './directory-data';

export interface SeededUser {
  key: string;
  name: string;
  email: string;
  region: RegionCode;
  sub: string;
  tenantId?: string;
  providerName?: string;
  roles: Role[];
}

export interface SeededDirectory {
  users: SeededUser[];
  providers: Record<string, string>;
  services: Record<string, string>;
}

export const seedDirectory = async (rt: RegionRuntime): Promise<SeededDirectory> => {
  const region = seedRegions.find((r) => r.region === rt.region);
  const users: SeededUser[] = [];
  const providers: Record<string, string> = {};
  const services: Record<string, string> = {};
  const opsSub = `ops-${platformOps.key}`;
  users.push({
    key: platformOps.key,
    name: platformOps.name,
    email: platformOps.email,
    region: rt.region,
    sub: opsSub,
    roles: ['platform-ops'],
  });
  const opsToken = await rt.token({ sub: opsSub, roles: ['platform-ops'] });

  for (const seed of region?.providers ?? []) {
    const provider = expectStatus(
      await call<{ id: string; name: string }>(rt, 'POST', '/providers', {
        token: opsToken,
        body: seed.provider,
      }),
      201,
      `register provider ${seed.key}`,
    );
    providers[seed.key] = provider.id;
    const bootstrap = await rt.token({ sub: 'seed', tenantId: provider.id, roles: ['provider-admin'] });
    const admins = expectStatus(
      await call<{ items: { id: string; email: string; name: string }[] }>(rt, 'GET', '/workers', {
        token: bootstrap,
      }),
      200,
      'list workers',
    );
    const admin = admins.items.find((w) => w.email === seed.provider.firstAdmin.email)!;
    const adminUser = {
      key: `${seed.key}/admin`,
      name: admin.name,
      email: admin.email,
      region: rt.region,
      sub: admin.id,
      tenantId: provider.id,
      providerName: provider.name,
      roles: ['provider-admin'] as Role[],
    };
    users.push(adminUser);
    const adminToken = await rt.token(adminUser);

    for (const service of seed.services) {
      const created = expectStatus(
        await call<{ id: string }>(rt, 'POST', '/services', { token: adminToken, body: service.body }),
        201,
        `register service ${service.key}`,
      );
      services[service.key] = created.id;
    }
    for (const worker of seed.workers) {
      const body = { ...worker.body, serviceIds: worker.serviceKeys.map((k) => services[k]!) };
      const created = expectStatus(
        await call<{ id: string; roles: Role[] }>(rt, 'POST', '/workers', { token: adminToken, body }),
        201,
        `add worker ${worker.key}`,
      );
      users.push({
        key: worker.key,
        name: worker.body.name,
        email: worker.body.email,
        region: rt.region,
        sub: created.id,
        tenantId: provider.id,
        providerName: provider.name,
        roles: created.roles,
      });
    }
  }
  for (const c of coordinatorsOf(rt.region)) {
    users.push({
      key: c.key,
      name: c.name,
      email: c.email,
      region: c.region,
      sub: `coordinator-${c.key}`,
      roles: ['regional-coordinator'],
    });
  }
  await rt.settle();
  return { users, providers, services };
};
