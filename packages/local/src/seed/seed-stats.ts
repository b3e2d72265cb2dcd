// Demo volume for statistics: stats has no API writes (it counts events only), so this seeds
// ordinary intake work — clients, a counselling contact and a needs assessment each — at the
// seeded services through the intake API, enough that region figures clear the small-cell
// threshold. Pseudonymous demo people only; a service that refuses a request is skipped.
import type { Role } from '@spolu/contracts';
import { districtsOf } from '@spolu/contracts';
import { call } from '../api-client';
import type { RegionRuntime } from '../runtime';
import type { SeededDirectory } from './seed-directory';

const needSets = [
  ['harm-reduction', 'somatic-health'],
  ['addiction-treatment', 'mental-health'],
  ['housing', 'finances-debt'],
  ['work-habits', 'relationships'],
  ['crisis-help', 'mental-health'],
];
const clientsPerService = 8;
const maxServices = 5;

export const seedStats = async (rt: RegionRuntime, seeded: SeededDirectory): Promise<number> => {
  const now = rt.clock.now().getTime();
  const ago = (hours: number) => new Date(now - hours * 3600_000).toISOString();
  let recorded = 0;
  const services = Object.entries(seeded.services).slice(0, 40);
  let used = 0;
  for (const [key, serviceId] of services) {
    if (used >= maxServices) break;
    const tenantId = seeded.providers[key.split('/')[0]!];
    const user = seeded.users.find(
      (u) => u.tenantId === tenantId && (['worker', 'key-worker'] as Role[]).some((r) => u.roles.includes(r)),
    );
    if (!user) continue;
    const token = await rt.token(user);
    const post = (path: string, body: unknown) => call<{ id: string }>(rt, 'POST', path, { token, body });
    let ok = 0;
    for (let i = 0; i < clientsPerService; i++) {
      const districts = districtsOf(rt.region);
      const district = districts[(i % 2) % districts.length]!.code;
      const sex = i % 3 === 0 ? 'female' : 'male';
      const anonymous = await post('/clients', {
        serviceId,
        identity: {
          kind: 'anonymous',
          clientCode: `ST${used}${i}${key.length % 10}X`,
          birthYear: 1970 + ((i * 7) % 40),
          sex,
          district,
        },
      });
      const client =
        anonymous.status === 201
          ? anonymous
          : await post('/clients', {
              serviceId,
              identity: {
                kind: 'named',
                name: `Demo Klient ${used}-${i}`,
                birthDate: `${1960 + ((i * 9) % 45)}-0${(i % 9) + 1}-1${i % 9}`,
                sex,
                district,
              },
            });
      if (client.status !== 201) break;
      ok += 1;
      const contact = await post('/contacts', {
        serviceId,
        kind: 'client',
        clientId: client.body.id,
        occurredAt: ago(2 + i),
        durationMinutes: 30,
        place: { kind: 'centre' },
        interventions: [{ type: 'counselling' }, { type: 'information' }],
      });
      const needs = needSets[(used + i) % needSets.length]!;
      const assessed = await post(`/clients/${client.body.id}/needs-assessments`, {
        serviceId,
        assessedAt: ago(1 + i),
        needs: needs.map((code) => ({ code, clientPriority: 'high', workerPriority: 'medium' })),
      });
      recorded += 1 + Number(contact.status === 201) + Number(assessed.status === 201);
    }
    if (ok > 0) used += 1;
  }
  await rt.settle();
  return recorded;
};
