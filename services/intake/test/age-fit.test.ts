// Issue 18, "Age and target group": registering a client or making an agreement at a service whose
// age limits or target groups do not fit answers the resource with `warnings` (not a silent 201),
// and a 422 where the service's age limits are strict (its registration's condition).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Warning } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import { actor } from '../../../packages/local/test-support/harness';
import type { World } from './fixtures';
import { anonymousClient, namedClient, serviceBody, startWorld } from './fixtures';

type Rec = { id: string; status?: string; warnings?: Warning[] };
type Problem = { title: string; detail: string; errors: { code: string; path: string; message: string }[] };
let w: World;
let adult: string; // 15–65, limits advisory
let youthStrict: string; // 15–26, limits are a condition
let seniors: string; // 65+, seniors only

/** A birth date that makes the client `age` today on the runtime's clock (birthday a week ago). */
const bornYearsAgo = (age: number) => {
  const d = new Date(w.rt.clock.now().getTime() - 7 * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() - age);
  return d.toISOString().slice(0, 10);
};
const clientsAt = async (serviceId: string) =>
  (await w.spektrum.get<{ items: unknown[] }>(`/clients?limit=100&serviceId=${serviceId}`)).body.items.length;

beforeAll(async () => {
  w = await startWorld();
  const admin = await actor(w.rt, {
    sub: newId(),
    tenantId: w.providers.spektrum,
    roles: ['provider-admin'],
  });
  const service = async (body: Record<string, unknown>) => {
    const res = await admin.post<{ id: string }>('/services', serviceBody(body));
    if (res.status !== 201) throw new Error(`service: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  adult = await service({ name: 'Poradna pro dospělé', ageMin: 15, ageMax: 65, anonymousMode: 'allowed' });
  youthStrict = await service({
    name: 'Nízkoprahový klub',
    type: 's62',
    targetGroups: ['children-and-youth', 'substance-users'],
    ageMin: 15,
    ageMax: 26,
    ageLimitsStrict: true,
    anonymousMode: 'allowed',
  });
  seniors = await service({ name: 'Senior poradna', targetGroups: ['seniors'], ageMin: 65, ageMax: 130 });
  await w.rt.settle();
});
afterAll(async () => {
  await w.rt.stop();
});

describe('registering a client at a service whose age limits do not fit', () => {
  it('a 70-year-old at a 15–65 service is registered with the age warning; a 40-year-old without one', async () => {
    const old = await w.spektrum.post<Rec>(
      '/clients',
      namedClient(adult, { name: 'Josef Starý', birthDate: bornYearsAgo(70), district: 'liberec' }),
    );
    expect(old.status).toBe(201);
    expect(old.body.warnings).toEqual([
      {
        code: 'age-outside-service',
        detail: "the client's age (70) lies outside the service's age limits (15–65)",
      },
    ]);
    // The client is stored as any other; the warning belongs to the answer, not the record.
    const stored = await w.spektrum.get<Rec>(`/clients/${old.body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.body.warnings).toBeUndefined();

    const fits = await w.spektrum.post<Rec>(
      '/clients',
      namedClient(adult, { name: 'Petr Střední', birthDate: bornYearsAgo(40), district: 'liberec' }),
    );
    expect(fits.status).toBe(201);
    expect(fits.body).not.toHaveProperty('warnings');
  });

  it('a retry with the same Idempotency-Key answers the same client and the same warning', async () => {
    const body = namedClient(adult, {
      name: 'Věra Opakovaná',
      birthDate: bornYearsAgo(72),
      district: 'liberec',
    });
    const key = { headers: { 'idempotency-key': newId() } };
    const first = await w.spektrum.post<Rec>('/clients', body, key);
    const retry = await w.spektrum.post<Rec>('/clients', body, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.warnings?.map((x) => x.code)).toEqual(['age-outside-service']);
  });

  it('a birth year alone warns only when every age it allows lies outside the limits', async () => {
    const year = w.rt.clock.now().getUTCFullYear();
    // 65 or 66: may still be 65, no warning.
    const born = (birthYear: number, clientCode: string) => {
      const body = anonymousClient(adult, clientCode);
      return { ...body, identity: { ...body.identity, birthYear } };
    };
    const maybe = await w.spektrum.post<Rec>('/clients', born(year - 66, 'HRANICE65'));
    expect(maybe.status).toBe(201);
    expect(maybe.body).not.toHaveProperty('warnings');
    // 66 or 67: certainly over 65.
    const over = await w.spektrum.post<Rec>('/clients', born(year - 67, 'NAD65X'));
    expect(over.status).toBe(201);
    expect(over.body.warnings?.map((x) => x.code)).toEqual(['age-outside-service']);
    expect(over.body.warnings?.[0]?.detail).toContain('(66–67)');
  });

  it('where the limits are strict, a client outside them is refused in Czech and nothing is stored', async () => {
    const before = await clientsAt(youthStrict);
    const refused = await w.spektrum.post<Problem>(
      '/clients',
      namedClient(youthStrict, { name: 'Karel Dospělý', birthDate: bornYearsAgo(40), district: 'liberec' }),
      { headers: { 'accept-language': 'cs' } },
    );
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.errors[0]).toMatchObject({
      code: 'age-outside-service',
      path: 'body.identity.birthDate',
      message: 'Věk klienta je mimo věkové rozmezí služby.',
    });
    expect(await clientsAt(youthStrict)).toBe(before);

    const young = await w.spektrum.post<Rec>(
      '/clients',
      namedClient(youthStrict, { name: 'Tomáš Mladý', birthDate: bornYearsAgo(19), district: 'liberec' }),
    );
    expect(young.status).toBe(201);
    expect(young.body).not.toHaveProperty('warnings');
    expect(await clientsAt(youthStrict)).toBe(before + 1);
  });
});

describe('making an agreement at a service whose age limits or target groups do not fit', () => {
  it('answers the agreement with the age and target-group warnings', async () => {
    const client = await w.spektrum.post<Rec>(
      '/clients',
      namedClient(w.services.kontakt, {
        name: 'Marie Mladší',
        birthDate: bornYearsAgo(30),
        district: 'liberec',
      }),
    );
    expect(client.status).toBe(201);
    const agreement = await w.spektrum.post<Rec>(`/clients/${client.body.id}/agreements`, {
      serviceId: seniors,
      form: 'oral',
      goal: 'Chci si uspořádat finance.',
    });
    expect(agreement.status).toBe(201);
    expect(agreement.body.status).toBe('active');
    expect(agreement.body.warnings?.map((x) => x.code)).toEqual(['age-outside-service', 'target-group']);
    expect(agreement.body.warnings?.[1]?.detail).toContain('(substance-users)');

    const fitting = await w.spektrum.post<Rec>(`/clients/${client.body.id}/agreements`, {
      serviceId: w.services.kontakt,
      form: 'oral',
      goal: 'Chci přestat užívat.',
    });
    expect(fitting.status).toBe(201);
    expect(fitting.body).not.toHaveProperty('warnings');
  });

  it('at a service with strict limits a client outside them gets 422 and no agreement', async () => {
    const client = await w.spektrum.post<Rec>(
      '/clients',
      namedClient(w.services.kontakt, {
        name: 'Jan Čtyřicátník',
        birthDate: bornYearsAgo(40),
        district: 'liberec',
      }),
    );
    const refused = await w.spektrum.post<Problem>(`/clients/${client.body.id}/agreements`, {
      serviceId: youthStrict,
      form: 'oral',
      goal: 'Chci chodit do klubu.',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ code: 'age-outside-service', path: 'body.serviceId' });
    expect(refused.body.errors[0]!.message).toContain('(15–26)');
    const agreements = await w.spektrum.get<{ items: unknown[] }>(`/clients/${client.body.id}/agreements`);
    expect(agreements.body.items).toHaveLength(0);
    expect((await w.spektrum.get<Rec>(`/clients/${client.body.id}`)).body.status).toBe('applicant');
  });
});
