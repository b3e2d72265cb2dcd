// A provider's annual figures per service (issue 17, item 6): clients by sex and age band,
// contacts, interventions by kind, referrals refused for lack of capacity and waiting times, exact,
// from the provider's own cells — for its own staff only. Clients and contacts go through the
// directory and intake services; referral answers arrive as the referrals service publishes them,
// on the region's bus. Everything lands in DynamoDB Local and is read through the HTTP API.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { stats } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import { expectStatus } from '../../../packages/local/src/api-client';
import { actor } from '../../../packages/local/test-support/harness';
import { periodsOf } from '../src/domain/periods';
import type { StatsWorld } from './fixtures';
import { minutesAgo, serviceBody, startStatsWorld } from './fixtures';

jest.setTimeout(300_000);

let w: StatsWorld;
let year: string;
let field: string;

const annualPath = (providerId: string, query: Record<string, string>) =>
  `/stats/providers/${providerId}/annual-report?${new URLSearchParams(query).toString()}`;

/** A referral answer as the referrals service publishes it, at the field programme. */
const referralEvent = (type: string, data: Record<string, unknown>) => ({
  Source: 'spolu.referrals',
  DetailType: type,
  EventBusName: `spolu-${w.rt.region}`,
  Detail: JSON.stringify({
    id: newId(),
    type,
    version: 1,
    occurredAt: w.rt.clock.now().toISOString(),
    tenantId: w.providers.spektrum,
    region: w.rt.region,
    subject: { type: 'referral', id: newId(), revision: 1 },
    data: {
      referralId: newId(),
      senderProviderId: w.providers.fokus,
      receiverProviderId: w.providers.spektrum,
      serviceId: field,
      serviceType: 's69',
      internal: false,
      district: 'liberec',
      ageBand: '27-64',
      targetGroup: 'substance-users',
      needCodes: [],
      subjectKey: `sk-${newId()}`,
      previousStatus: 'received',
      ...data,
    },
  }),
});

beforeAll(async () => {
  w = await startStatsWorld();
  year = periodsOf(w.rt.clock.now().toISOString())[2]!;
  field = expectStatus(
    await w.spektrumAdmin.post<{ id: string }>(
      '/services',
      serviceBody({
        name: 'Terénní program',
        type: 's69',
        registryId: '7654321',
        anonymousMode: 'allowed',
        targetGroups: ['substance-users', 'close-persons'],
      }),
    ),
    201,
    'field service',
  ).id;
  await w.rt.settle();

  // Three clients: a woman of 46, a man of 22 (named), a man of 36 (by client code).
  const register = async (identity: Record<string, unknown>) =>
    expectStatus(
      await w.spektrum.post<{ id: string }>('/clients', { serviceId: field, identity }),
      201,
      'client',
    ).id;
  const now = w.rt.clock.now().getUTCFullYear();
  const anna = await register({
    kind: 'named',
    name: 'Anna Nováková',
    birthDate: `${now - 46}-03-01`,
    sex: 'female',
    contact: { phone: '+420 777 111 222' },
    district: 'liberec',
  });
  const petr = await register({
    kind: 'named',
    name: 'Petr Svoboda',
    birthDate: `${now - 22}-03-01`,
    sex: 'male',
    contact: { phone: '+420 777 111 333' },
    district: 'liberec',
  });
  await register({
    kind: 'anonymous',
    clientCode: 'TP-1',
    birthYear: now - 36,
    sex: 'male',
    district: 'liberec',
  });
  // Contacts: Anna twice (counselling; counselling + information), Petr once (crisis
  // intervention), one unnamed contact (information): 4 contacts, 5 interventions.
  const contact = async (body: Record<string, unknown>) =>
    expectStatus(
      await w.spektrum.post('/contacts', {
        serviceId: field,
        occurredAt: minutesAgo(w.rt, 30),
        durationMinutes: 20,
        place: { kind: 'centre' },
        ...body,
      }),
      201,
      'contact',
    );
  await contact({ kind: 'client', clientId: anna, interventions: [{ type: 'counselling' }] });
  await contact({
    kind: 'client',
    clientId: anna,
    interventions: [{ type: 'counselling' }, { type: 'information' }],
  });
  await contact({ kind: 'client', clientId: petr, interventions: [{ type: 'crisis-intervention' }] });
  await contact({ kind: 'unnamed', interventions: [{ type: 'information' }] });

  // Referrals to the field programme: two declined for lack of capacity, one for another reason;
  // two accepted after 3 and 10 days, one started after 12 days.
  const at = w.rt.clock.now().toISOString();
  const daysAgo = (d: number) => new Date(Date.parse(at) - d * 86_400_000).toISOString();
  await w.rt.bus.putEvents([
    referralEvent('ReferralDeclined', { status: 'declined', reason: 'no-capacity', at }),
    referralEvent('ReferralDeclined', { status: 'declined', reason: 'no-capacity', at }),
    referralEvent('ReferralDeclined', { status: 'declined', reason: 'not-eligible', at }),
    referralEvent('ReferralAccepted', { status: 'accepted', at, sentAt: daysAgo(3) }),
    referralEvent('ReferralAccepted', { status: 'accepted', at, sentAt: daysAgo(10) }),
    referralEvent('ReferralStarted', {
      status: 'in-progress',
      previousStatus: 'accepted',
      at,
      sentAt: daysAgo(12),
    }),
  ]);
  await w.rt.settle();
  expect(w.rt.bus.deadLetters).toEqual([]);
}, 600_000);

afterAll(() => w?.rt.stop());

describe("a provider's annual report", () => {
  it('gives its own figures per service, exact (below the threshold too)', async () => {
    const report = expectStatus(
      await w.spektrum.get<stats.AnnualReport>(annualPath(w.providers.spektrum, { year })),
      200,
      'annual report',
    );
    expect(report.providerId).toBe(w.providers.spektrum);
    // Both services of the provider are listed; the contact centre has no figures this year.
    expect(report.services.map((s) => s.serviceId).sort()).toEqual([field, w.services.kontakt].sort());
    const s = report.services.find((x) => x.serviceId === field)!;
    expect(s).toEqual({
      serviceId: field,
      registryId: '7654321',
      name: 'Terénní program',
      serviceType: 's69',
      clients: 3,
      clientsBySex: { female: 1, male: 2 },
      clientsByAgeBand: { '19-26': 1, '27-64': 2 },
      contacts: 4,
      interventions: { counselling: 2, 'crisis-intervention': 1, information: 2 },
      refusedNoCapacity: 2,
      waitSentToAccepted: { count: 2, median: 3, p90: 10 },
      waitSentToStarted: { count: 1, median: 12, p90: 12 },
    });
    expect(report.services.find((x) => x.serviceId === w.services.kontakt)).toMatchObject({
      clients: 0,
      contacts: 0,
      clientsBySex: {},
    });
  });

  it('exports it as a Czech CSV (BOM, ";", header first, names with codes) and in English', async () => {
    // The bytes as they arrive (the test client would decode and drop the BOM).
    const res = await fetch(
      `${w.rt.url}/stats/providers/${w.providers.spektrum}/annual-report/export?year=${year}`,
      {
        headers: { authorization: `Bearer ${w.spektrum.token}` },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const lines = text
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(';'));
    expect(lines[0]).toEqual([
      'Rok',
      'Poskytovatel',
      'Poskytovatel – kód',
      'Služba',
      'Služba – kód',
      'Registrační číslo',
      'Druh služby',
      'Druh služby – kód',
      'Ukazatel',
      'Ukazatel – kód',
      'Členění',
      'Členění – kód',
      'Hodnota',
    ]);
    const row = (figure: string, breakdown: string) =>
      lines.find((l) => l[4] === field && l[9] === figure && l[11] === breakdown);
    expect(row('clients', '')).toEqual([
      year,
      'Spektrum',
      w.providers.spektrum,
      'Terénní program',
      field,
      '7654321',
      expect.stringContaining('Terénní programy'),
      's69',
      'Klienti (unikátní)',
      'clients',
      'Celkem',
      '',
      '3',
    ]);
    expect(row('clients-by-sex', 'female')?.slice(10)).toEqual(['žena', 'female', '1']);
    expect(row('clients-by-age-band', '27-64')?.slice(10)).toEqual(['27–64 let', '27-64', '2']);
    expect(row('interventions', 'crisis-intervention')?.slice(10)).toEqual([
      'Krizová intervence',
      'crisis-intervention',
      '1',
    ]);
    expect(row('refused-no-capacity', '')?.[12]).toBe('2');
    expect(row('wait-sent-to-accepted', 'median')?.[12]).toBe('3');

    const en = await w.spektrum.get<string>(
      `/stats/providers/${w.providers.spektrum}/annual-report/export?year=${year}&lang=en&delimiter=comma`,
    );
    const enLines = String(en.body)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(enLines[0]).toBe(
      'Year,Provider,Provider code,Service,Service code,Registry id,Service type,Service type code,Figure,Figure code,Breakdown,Breakdown code,Value',
    );
    expect(enLines.some((l) => l.endsWith(',Clients by sex,clients-by-sex,female,female,1'))).toBe(true);
  });

  it("is for the provider's own staff only: a coordinator and another provider get 403", async () => {
    const path = annualPath(w.providers.spektrum, { year });
    expect((await w.coordinator.get(path)).status).toBe(403);
    expect((await w.fokus.get(path)).status).toBe(403);
    expect(
      (await w.fokus.get(`/stats/providers/${w.providers.spektrum}/annual-report/export?year=${year}`))
        .status,
    ).toBe(403);
    const admin = await actor(w.rt, {
      sub: newId(),
      tenantId: w.providers.spektrum,
      roles: ['provider-admin'],
    });
    expect((await admin.get(path)).status).toBe(200);
  });

  it('refuses a year that is not one, in Czech on request', async () => {
    const res = await w.spektrum.get<{ errors: { path: string; message: string }[] }>(
      annualPath(w.providers.spektrum, { year: '2026-Q1' }),
      { headers: { 'accept-language': 'cs' } },
    );
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.errors[0]?.path).toBe('query.year');
    expect(res.body.errors[0]?.message).toMatch(/[áčěířšůýž]/);
  });
});
