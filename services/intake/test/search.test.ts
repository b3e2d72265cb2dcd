// Issue 21, client search: "benes" finds Beneš. The matching rule on its own, without a runtime:
// every word of the query begins a word of the name, or is the whole client code, or the birth year.
// Then GET /clients?q= on a runtime: the search pages through every client with its cursor.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { intake } from '@spolu/contracts';
import { clientMatches, normalise } from '../src/domain/search';
import type { World } from './fixtures';
import { anonymousClient, namedClient, startWorld } from './fixtures';

const base = {
  id: '01J0000000000000000000000A',
  providerId: '01J0000000000000000000000B',
  serviceId: '01J0000000000000000000000C',
  ageBand: '27-64',
  targetGroup: 'people-in-crisis',
  status: 'applicant',
  lastActivityAt: '2026-12-01T10:00:00.000Z',
  version: 1,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  recordedBy: 'worker',
} satisfies Omit<intake.Client, 'identity'>;

const named = (name: string, birthDate: string): intake.Client => ({
  ...base,
  identity: { kind: 'named', name, birthDate, sex: 'male', contact: {}, district: 'semily' },
});
const anonymous = (clientCode: string, birthYear: number): intake.Client => ({
  ...base,
  identity: { kind: 'anonymous', clientCode, birthYear, sex: 'female', district: 'semily' },
});

describe('normalise', () => {
  it('drops accents, lower-cases and collapses spaces', () => {
    // given a name typed with accents, capitals and extra spaces
    // when it is normalised
    // then it reads plain and lower-case
    expect(normalise('  BENEŠ   Jan ')).toBe('benes jan');
    expect(normalise('Řehoř Žďárský')).toBe('rehor zdarsky');
  });
});

describe('clientMatches', () => {
  const benes = named('Jan Beneš', '1988-04-12');

  it('"benes" finds Beneš', () => {
    // given Jan Beneš, when a worker searches without accents, then he is found
    expect(clientMatches(benes, 'benes')).toBe(true);
    expect(clientMatches(benes, 'BENEŠ')).toBe(true);
  });

  it('"BENES jan" finds Jan Beneš: every word, in any order', () => {
    // given Jan Beneš, when both words are given in another order and case, then he is found
    expect(clientMatches(benes, 'BENES jan')).toBe(true);
    // when one word matches nothing, then he is not
    expect(clientMatches(benes, 'benes petr')).toBe(false);
  });

  it('a word matches the start of a word of the name, not its middle', () => {
    // given Robert, when searching "ben", then no false hit; the start of Beneš is a hit
    expect(clientMatches(named('Robert Malý', '1990-01-01'), 'ben')).toBe(false);
    expect(clientMatches(named('Robert Malý', '1990-01-01'), 'ert')).toBe(false);
    expect(clientMatches(benes, 'ben')).toBe(true);
  });

  it('double-barrelled names have both parts searchable', () => {
    // given a hyphenated surname, when searching its second part, then she is found
    expect(clientMatches(named('Eva Nováková-Dvořáková', '1975-03-03'), 'dvorak')).toBe(true);
  });

  it('"1988" finds a client born in 1988', () => {
    // given clients born 1988 and 1989, when searching the year, then only the first is found
    expect(clientMatches(benes, '1988')).toBe(true);
    expect(clientMatches(named('Jan Beneš', '1989-04-12'), '1988')).toBe(false);
    // and name and year together narrow down two people of the same name
    expect(clientMatches(benes, 'benes 1988')).toBe(true);
    expect(clientMatches(named('Jan Beneš', '1989-04-12'), 'benes 1988')).toBe(false);
  });

  it('an anonymous client by the whole code in any case, and by birth year', () => {
    // given the anonymous client KC-0042 born 1979
    const kc = anonymous('KC-0042', 1979);
    // when searching the code in lower case, then found; a part of the code is not enough
    expect(clientMatches(kc, 'kc-0042')).toBe(true);
    expect(clientMatches(kc, 'kc')).toBe(false);
    // when searching the birth year, then found
    expect(clientMatches(kc, '1979')).toBe(true);
    expect(clientMatches(kc, '1980')).toBe(false);
  });
});

describe('GET /clients?q=', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(async () => {
    await w.rt.stop();
  });

  type Page = { items: intake.Client[]; nextCursor?: string };
  const search = async (query: string) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await w.spektrum.get<Page>(
        `/clients?limit=1&q=${encodeURIComponent(query)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  };

  it('finds the clients of the search one page after another, and only them', async () => {
    // given two Jan Beneš (1988, 1991), a Robert and an anonymous client among others at Spektrum
    const register = async (body: Record<string, unknown>) => {
      const res = await w.spektrum.post<intake.Client>('/clients', body);
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const benes88 = await register(
      namedClient(w.services.kontakt, { name: 'Jan Beneš', birthDate: '1988-05-14' }),
    );
    await register(namedClient(w.services.kontakt, { name: 'Robert Malý', birthDate: '1990-01-01' }));
    const benes91 = await register(
      namedClient(w.services.kontakt, { name: 'Jan Beneš', birthDate: '1991-02-03' }),
    );
    const code = await register(anonymousClient(w.services.kontakt, 'KC-0042'));

    // when searching a page of one at a time, then every match comes and nothing else
    expect((await search('benes')).sort()).toEqual([benes88, benes91].sort());
    expect((await search('BENEŠ jan')).sort()).toEqual([benes88, benes91].sort());
    expect(await search('benes 1991')).toEqual([benes91]);
    expect(await search('kc-0042')).toEqual([code]);
    expect(await search('ben ert')).toEqual([]);
  });

  it('refuses a search longer than 100 characters and an empty one', async () => {
    // given a search of 101 characters or of spaces only, when listing, then a 422 (the query's validation)
    expect((await w.spektrum.get(`/clients?q=${'a'.repeat(101)}`)).status).toBe(422);
    expect((await w.spektrum.get('/clients?q=%20%20')).status).toBe(422);
  });
});
