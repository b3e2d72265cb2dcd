// Issue 18, "Age and target group": matching takes the exact age (or birth year / birth date) and
// a service whose age limits do not cover it is unsuitable with the reason `age`; a band alone
// keeps the band rules. Through the API over the seeded directory (FOKUS Semily: sheltered
// workshops for 15–65, social rehabilitation for 15–75).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActorClient } from '../../../packages/local/test-support/harness';
import type { referrals } from '@spolu/contracts';
import type { World } from './fixtures';
import { startWorld } from './fixtures';

type Problem = { title: string; errors: { code: string; path: string; message: string }[] };
let w: World;
let worker: ActorClient;

const base = '/referral-matches?needs=work-habits&district=semily&targetGroup=chronic-mental-illness';
const workshops = 'Sociálně terapeutické dílny FOKUS';
const rehabilitation = 'Sociální rehabilitace FOKUS';
const match = async (ageQuery: string) => {
  const res = await worker.get<{ items: referrals.ServiceMatch[] }>(`${base}&${ageQuery}`);
  expect(res.status).toBe(200);
  const of = (name: string) => {
    const m = res.body.items.find((x) => x.serviceName === name);
    if (!m) throw new Error(`${name} not offered for ${ageQuery}`);
    return { suitable: m.suitable, ageReasons: m.reasons.filter((r) => r.code.startsWith('age')) };
  };
  return { workshops: of(workshops), rehabilitation: of(rehabilitation) };
};

beforeAll(async () => {
  w = await startWorld();
  worker = await w.as('k-centrum-liberec/petra-hajkova');
});
afterAll(async () => {
  await w.rt.stop();
});

describe('matching by the exact age', () => {
  it('a 70-year-old is not suitable for a 15–65 service (reason age), though the 65–80 band only straddles it', async () => {
    const byBand = await match('ageBand=65-80');
    expect(byBand.workshops).toEqual({
      suitable: true,
      ageReasons: [{ code: 'age-partly-in-range', blocking: false }],
    });

    const byAge = await match('age=70');
    expect(byAge.workshops).toEqual({ suitable: false, ageReasons: [{ code: 'age', blocking: true }] });
    expect(byAge.rehabilitation).toEqual({ suitable: true, ageReasons: [] });

    const forty = await match('age=40');
    expect(forty.workshops).toEqual({ suitable: true, ageReasons: [] });
  });

  it('ranks the service that covers the age above the one that does not', async () => {
    const res = await worker.get<{ items: referrals.ServiceMatch[] }>(`${base}&age=70`);
    const names = res.body.items.map((m) => m.serviceName);
    expect(names.indexOf(rehabilitation)).toBeLessThan(names.indexOf(workshops));
  });

  it('a birth date gives the exact age; a birth year blocks only when both of its ages lie outside', async () => {
    const today = w.rt.clock.now();
    const seventyLastWeek = new Date(today.getTime() - 7 * 86_400_000);
    seventyLastWeek.setUTCFullYear(seventyLastWeek.getUTCFullYear() - 70);
    const byDate = await match(`birthDate=${seventyLastWeek.toISOString().slice(0, 10)}`);
    expect(byDate.workshops).toEqual({ suitable: false, ageReasons: [{ code: 'age', blocking: true }] });

    const year = today.getUTCFullYear();
    const maybe65 = await match(`birthYear=${year - 66}`);
    expect(maybe65.workshops).toEqual({
      suitable: true,
      ageReasons: [{ code: 'age-partly-in-range', blocking: false }],
    });
    const over65 = await match(`birthYear=${year - 67}`);
    expect(over65.workshops).toEqual({ suitable: false, ageReasons: [{ code: 'age', blocking: true }] });
  });

  it('the exact age wins over a band given beside it', async () => {
    const both = await match('ageBand=27-64&age=70');
    expect(both.workshops.ageReasons).toEqual([{ code: 'age', blocking: true }]);
  });
});

describe('bad age input gets a problem in Czech', () => {
  const czech = { headers: { 'accept-language': 'cs' } };

  it('refuses a question without any age, and one with two exact ages', async () => {
    const none = await worker.get<Problem>(base, czech);
    expect(none.status).toBe(422);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect(none.body.errors[0]).toMatchObject({
      path: 'query.age',
      message:
        'Zadejte věk klienta: věkové pásmo (ageBand), nebo jedno z: věk (age), rok narození (birthYear), datum narození (birthDate).',
    });
    const two = await worker.get<Problem>(`${base}&age=40&birthYear=1986`);
    expect(two.status).toBe(422);
    expect(two.body.errors[0]!.message).toBe(
      "give the client's ageBand, or one of age, birthYear, birthDate",
    );
    const negative = await worker.get<Problem>(`${base}&age=-3`, czech);
    expect(negative.status).toBe(422);
    expect(negative.body.errors[0]!.path).toBe('query.age');
  });

  it('refuses a birth in the future', async () => {
    const future = await worker.get<Problem>(`${base}&birthDate=2099-01-01`, czech);
    expect(future.status).toBe(422);
    expect(future.body.errors[0]).toMatchObject({
      code: 'birth-in-future',
      path: 'query.birthDate',
      message: 'Datum narození je v budoucnosti.',
    });
  });
});
