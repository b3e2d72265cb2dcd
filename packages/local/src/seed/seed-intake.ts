// Seeds demo intake data for the seeded providers through the public API, as their workers
// would: the K-centrum in-come questionnaire, anonymous harm-reduction clients and contacts
// (K-centrum, Spektrum), a written FOKUS contract and a crisis-centre first consultation.
// Every record passes validation, is audited and emits its events. Call after seedDirectory.
import type { Role } from '@spolu/contracts';
import { kCentrumIncomeTemplate } from '@spolu/contracts';
import { call, expectStatus } from '../api-client';
import type { RegionRuntime } from '../runtime';
import type { SeededDirectory, SeededUser } from './seed-directory';

export interface SeededIntake {
  clients: Record<string, string>;
  templates: Record<string, string>;
}

export const seedIntake = async (rt: RegionRuntime, seeded: SeededDirectory): Promise<SeededIntake> => {
  const clients: Record<string, string> = {};
  const templates: Record<string, string> = {};
  const now = rt.clock.now().getTime();
  const ago = (hours: number) => new Date(now - hours * 3600_000).toISOString();
  const staff = (providerKey: string, role: Role = 'worker'): SeededUser | undefined => {
    const tenantId = seeded.providers[providerKey];
    return (
      seeded.users.find((u) => u.tenantId === tenantId && u.roles.includes(role)) ??
      seeded.users.find(
        (u) => u.tenantId === tenantId && (u.roles.includes('worker') || u.roles.includes('key-worker')),
      )
    );
  };
  const as = async (user: SeededUser) => {
    const token = await rt.token(user);
    return <T>(method: string, path: string, body: unknown, status: number, what: string) =>
      call<T>(rt, method, path, { token, body }).then((res) => expectStatus(res, status, what));
  };

  // K-centrum Liberec: the in-come questionnaire and an anonymous client with an exchange.
  const kc = seeded.services['k-centrum-liberec/kontaktni-centrum'];
  const kcKey = staff('k-centrum-liberec', 'key-worker');
  if (kc && kcKey) {
    const api = await as(kcKey);
    const tpl = await api<{ id: string }>(
      'POST',
      '/questionnaire-templates',
      { ...kCentrumIncomeTemplate, serviceId: kc },
      201,
      'K-centrum template',
    );
    templates['k-centrum-liberec/in-come'] = tpl.id;
    const client = await api<{ id: string }>(
      'POST',
      '/clients',
      {
        serviceId: kc,
        identity: {
          kind: 'anonymous',
          clientCode: 'MK94L',
          birthYear: 1994,
          sex: 'male',
          district: 'liberec',
        },
      },
      201,
      'K-centrum client',
    );
    clients['k-centrum-liberec/MK94L'] = client.id;
    await api(
      'POST',
      `/clients/${client.id}/questionnaires`,
      {
        templateId: tpl.id,
        templateVersion: 1,
        answeredAt: ago(50),
        answers: {
          substances: ['pervitin', 'cannabis'],
          'primary-substance': 'pervitin',
          'duration-of-use': { amount: 7, unit: 'years' },
          'route-of-use': 'injecting',
          frequency: 'daily',
          'living-situation': 'hostel',
        },
      },
      201,
      'K-centrum questionnaire',
    );
    await api(
      'POST',
      '/contacts',
      {
        serviceId: kc,
        kind: 'client',
        clientId: client.id,
        occurredAt: ago(48),
        durationMinutes: 20,
        place: { kind: 'centre' },
        interventions: [
          { type: 'needle-exchange', given: 30, returned: 28 },
          {
            type: 'material',
            items: [
              { item: 'swabs', count: 30 },
              { item: 'citric-acid', count: 10 },
            ],
          },
          { type: 'test', test: 'hcv', result: 'negative' },
        ],
      },
      201,
      'K-centrum contact',
    );
  }

  // Spektrum (Vysočina): anonymous field-work client and a close person in their own right.
  const teren = seeded.services['spektrum-zdar/terenni-program'];
  const kontakt = seeded.services['spektrum-zdar/kontaktni-centrum'];
  const spektrum = staff('spektrum-zdar');
  if (teren && kontakt && spektrum) {
    const api = await as(spektrum);
    const client = await api<{ id: string }>(
      'POST',
      '/clients',
      {
        serviceId: teren,
        identity: {
          kind: 'anonymous',
          clientCode: 'JN88Z',
          birthYear: 1988,
          sex: 'female',
          district: 'zdar-nad-sazavou',
        },
      },
      201,
      'Spektrum client',
    );
    clients['spektrum-zdar/JN88Z'] = client.id;
    await api(
      'POST',
      '/contacts',
      {
        serviceId: kontakt,
        kind: 'close-person',
        closePersonRelation: 'parent',
        occurredAt: ago(30),
        durationMinutes: 45,
        place: { kind: 'phone' },
        interventions: [{ type: 'phone-contact' }, { type: 'counselling' }],
      },
      201,
      'Spektrum close person',
    );
    await api(
      'POST',
      `/clients/${client.id}/appointments`,
      {
        serviceId: teren,
        kind: 'consultation',
        scheduledAt: new Date(now + 24 * 3600_000).toISOString(),
        place: { kind: 'centre' },
      },
      201,
      'Spektrum appointment',
    );
  }

  // FOKUS Semily: a written contract with the client's own goal, and a needs assessment.
  const std = seeded.services['fokus-semily/std'];
  const fokus = staff('fokus-semily', 'key-worker');
  if (std && fokus) {
    const api = await as(fokus);
    const client = await api<{ id: string }>(
      'POST',
      '/clients',
      {
        serviceId: std,
        identity: {
          kind: 'named',
          name: 'Tomáš Beneš',
          birthDate: '1986-03-14',
          sex: 'male',
          district: 'semily',
        },
      },
      201,
      'FOKUS client',
    );
    clients['fokus-semily/tomas-benes'] = client.id;
    await api(
      'POST',
      `/clients/${client.id}/agreements`,
      {
        serviceId: std,
        form: 'written',
        written: {
          contractDate: ago(72).slice(0, 10),
          validFrom: ago(72).slice(0, 10),
          signedBy: ['Tomáš Beneš', fokus.name],
        },
        goal: 'Chci zvládnout celý pracovní den v dílně a pak si najít brigádu.',
        keyWorkerId: fokus.sub,
      },
      201,
      'FOKUS agreement',
    );
    await api(
      'POST',
      `/clients/${client.id}/needs-assessments`,
      {
        serviceId: std,
        assessedAt: ago(70),
        needs: [
          { code: 'work-habits', clientPriority: 'high', workerPriority: 'high' },
          { code: 'employment', clientPriority: 'medium', workerPriority: 'low' },
        ],
      },
      201,
      'FOKUS needs',
    );
  }

  // Krizové centrum Liberec: a first consultation without a contract.
  const krize = seeded.services['krizove-centrum-liberec/krizova-pomoc'];
  const kcWorker = staff('krizove-centrum-liberec');
  if (krize && kcWorker) {
    const api = await as(kcWorker);
    const client = await api<{ id: string }>(
      'POST',
      '/clients',
      {
        serviceId: krize,
        identity: {
          kind: 'named',
          name: 'Lenka Horká',
          birthDate: '1992-10-02',
          sex: 'female',
          district: 'liberec',
        },
      },
      201,
      'crisis-centre applicant',
    );
    clients['krizove-centrum-liberec/lenka-horka'] = client.id;
    await api(
      'POST',
      `/clients/${client.id}/consultations`,
      {
        serviceId: krize,
        heldAt: ago(3),
        durationMinutes: 60,
        outcome: 'agreement-wanted',
      },
      201,
      'crisis-centre first consultation',
    );
  }

  await rt.settle();
  return { clients, templates };
};
