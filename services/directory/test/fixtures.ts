// Request bodies for directory tests, close to the seed documents (FOKUS, document 002).
import { newId } from '@spolu/contracts';
import type { ActorClient } from '../../../packages/local/test-support/harness';

export const providerBody = (name = 'FOKUS Semily') => ({
  name,
  ico: '12345678',
  address: 'Nádražní 213, 513 01 Semily',
  contact: { email: 'info@fokus.example', phone: '+420 481 000 000' },
  firstAdmin: { name: 'Jana Admin', email: 'admin@fokus.example' },
});

export const serviceBody = (overrides: Record<string, unknown> = {}) => ({
  registryId: '1234567',
  name: 'Sociálně terapeutické dílny',
  type: 's67',
  targetGroups: ['chronic-mental-illness', 'mental-disability'],
  ageMin: 15,
  ageMax: 65,
  hours: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, opens: '07:30', closes: '15:30' })),
  districts: ['jilemnice', 'semily'],
  needCodes: ['work-habits', 'daily-living-skills'],
  availability: { capacity: 20, waitingDays: 14, acceptingReferrals: true },
  ...overrides,
});

/** Registers a provider as platform ops and returns its id and admin token subject. */
export const registerProvider = async (ops: ActorClient, name?: string) => {
  const res = await ops.post<{ id: string }>('/providers', providerBody(name), {
    headers: { 'idempotency-key': `seed-${newId()}` },
  });
  if (res.status !== 201)
    throw new Error(`provider registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
};
