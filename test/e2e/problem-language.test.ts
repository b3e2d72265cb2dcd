// Problems in the caller's language over real HTTP: bad input sent with `Accept-Language: cs`
// gets Czech titles, details and field messages (contract messages, zod's own, broken rules) with
// the same codes, `content-language: cs`, and nothing stored; the same requests without the header
// (or preferring English) get the API's English wording as before.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Problem } from '@spolu/contracts';
import { ContractMessages, newId, problemTypeBase } from '@spolu/contracts';
import { call } from '../../packages/local/test-support/harness';
import type { World } from '../../services/intake/test/fixtures';
import { anonymousClient, namedClient, startWorld } from '../../services/intake/test/fixtures';

type Rec = { id: string; version: number; targetGroup: string };
let w: World;
let client: Rec;

const czech = { 'accept-language': 'cs-CZ,cs;q=0.9,en;q=0.8' };

beforeAll(async () => {
  w = await startWorld();
  const created = await w.fokus.post<Rec>('/clients', namedClient(w.services.std));
  expect(created.status).toBe(201);
  client = created.body;
});
afterAll(async () => {
  await w.rt.stop();
});

const countClients = async () =>
  (await w.fokus.get<{ items: unknown[] }>('/clients?limit=100')).body.items.length;

/** The bad requests of this test, each sent with the given extra headers. */
const badRequests = (headers: Record<string, string>) => ({
  invalidJson: () =>
    call<Problem>(w.rt, 'POST', '/clients', {
      token: w.fokus.token,
      rawBody: '{"serviceId": ',
      headers: { 'content-type': 'application/json', ...headers },
    }),
  missingClient: () => w.fokus.get<Problem>(`/clients/${newId()}`, { headers }),
  noIfMatch: () =>
    w.fokus.patch<Problem>(`/clients/${client.id}`, { targetGroup: client.targetGroup }, { headers }),
  staleIfMatch: () =>
    w.fokus.patch<Problem>(
      `/clients/${client.id}`,
      { targetGroup: client.targetGroup },
      { headers: { 'if-match': `"${client.version + 5}"`, ...headers } },
    ),
  contractMessage: () =>
    w.fokus.post<Problem>('/clients', anonymousClient(w.services.kontakt, 'x!'), { headers }),
  unknownField: () =>
    w.fokus.post<Problem>('/clients', { ...namedClient(w.services.std), nickname: 'x' }, { headers }),
  brokenRule: () =>
    w.fokus.post<Problem>('/clients', namedClient(w.services.std, { birthDate: '2099-01-01' }), { headers }),
  noToken: () => call<Problem>(w.rt, 'GET', '/clients', { headers }),
});

describe('problems in Czech with Accept-Language: cs', () => {
  it('words titles, details and field messages in Czech, keeps the codes and stores nothing', async () => {
    const before = await countClients();
    const send = badRequests(czech);

    const invalidJson = await send.invalidJson();
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.headers.get('content-type')).toBe('application/problem+json');
    expect(invalidJson.headers.get('content-language')).toBe('cs');
    expect(invalidJson.body).toMatchObject({
      type: `${problemTypeBase}bad-request`,
      title: 'Požadavek nelze zpracovat',
      status: 400,
      detail: 'Tělo požadavku není platný JSON.',
    });

    const missing = await send.missingClient();
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      type: `${problemTypeBase}not-found`,
      title: 'Záznam nebyl nalezen',
      detail: 'Klient nebyl nalezen.',
    });

    const noIfMatch = await send.noIfMatch();
    expect(noIfMatch.status).toBe(428);
    expect(noIfMatch.body).toMatchObject({
      type: `${problemTypeBase}if-match-required`,
      title: 'Chybí podmínka If-Match',
      detail: 'Pošlete hlavičku If-Match s ETagem načteného záznamu.',
    });

    const stale = await send.staleIfMatch();
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({
      type: `${problemTypeBase}stale-etag`,
      title: 'Záznam se mezitím změnil',
      detail: 'Záznam mezitím změnil někdo jiný. Načtěte ho znovu a změnu proveďte ještě jednou.',
    });

    const contract = await send.contractMessage();
    expect(contract.status).toBe(422);
    expect(contract.headers.get('content-language')).toBe('cs');
    expect(contract.body).toMatchObject({
      type: `${problemTypeBase}validation`,
      title: 'Údaje nejsou v pořádku',
      detail: 'Tělo požadavku není v pořádku.',
    });
    expect(contract.body.errors).toContainEqual({
      path: 'body.identity.clientCode',
      code: 'invalid_format',
      message: 'Kód klienta: 3–24 písmen, číslic nebo pomlček.',
    });

    const unknown = await send.unknownField();
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      {
        path: 'body',
        code: 'unrecognized_keys',
        message: expect.stringMatching(/^Neznámé klíče: .*nickname/),
      },
    ]);

    const rule = await send.brokenRule();
    expect(rule.status).toBe(422);
    expect(rule.body).toMatchObject({
      type: `${problemTypeBase}validation`,
      title: 'Údaje nejsou v pořádku',
      detail: 'Datum narození je v budoucnosti.',
    });
    expect(rule.body.errors?.[0]).toMatchObject({
      code: 'birth-in-future',
      message: 'Datum narození je v budoucnosti.',
    });

    // the gateway's own 413 is problem+json too
    const tooLarge = await call<Problem>(w.rt, 'POST', '/clients', {
      token: w.fokus.token,
      rawBody: 'x'.repeat(10 * 1024 * 1024 + 1),
      headers: { 'content-type': 'application/json', ...czech },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-language')).toBe('cs');
    expect(tooLarge.body).toMatchObject({
      type: `${problemTypeBase}payload-too-large`,
      title: 'Příliš mnoho dat najednou',
      detail: 'Tělo požadavku je větší než 10485760 bajtů.',
    });

    // the authorizer's refusal is API Gateway's own answer (HTTP APIs cannot customise it)
    const noToken = await send.noToken();
    expect(noToken.status).toBe(401);
    expect(noToken.body).toEqual({ message: 'Unauthorized' });

    expect(await countClients()).toBe(before);
    const after = await w.fokus.get<Rec>(`/clients/${client.id}`);
    expect(after.body.version).toBe(client.version);
  });

  it('stays in English without the header or when English is preferred', async () => {
    const before = await countClients();
    const english: Record<string, string>[] = [{}, { 'accept-language': 'en-US,en;q=0.9,cs;q=0.8' }];
    for (const headers of english) {
      const send = badRequests(headers);
      const invalidJson = await send.invalidJson();
      expect(invalidJson.headers.get('content-language')).toBe('en');
      expect(invalidJson.body).toMatchObject({
        title: 'Bad request',
        status: 400,
        detail: 'The body is not valid JSON.',
      });
      expect((await send.missingClient()).body).toMatchObject({
        title: 'Not found',
        detail: 'client not found',
      });
      expect((await send.noIfMatch()).body).toMatchObject({
        title: 'Precondition required',
        detail: 'Send If-Match with the ETag you loaded.',
      });
      expect((await send.staleIfMatch()).body).toMatchObject({
        title: 'Precondition failed',
        detail:
          'The record was changed by someone else since you loaded it. Reload it and apply your change again.',
      });
      const contract = await send.contractMessage();
      expect(contract.body).toMatchObject({ title: 'Validation failed', detail: 'The body is not valid.' });
      expect(contract.body.errors).toContainEqual({
        path: 'body.identity.clientCode',
        code: 'invalid_format',
        message: ContractMessages.clientCode,
      });
      expect((await send.unknownField()).body.errors).toEqual([
        { path: 'body', code: 'unrecognized_keys', message: 'Unrecognized key: "nickname"' },
      ]);
      const rule = await send.brokenRule();
      expect(rule.body.title).toBe('Validation failed');
      expect(rule.body.errors?.[0]?.code).toBe('birth-in-future');
      expect(rule.body.detail).toBe(rule.body.errors?.[0]?.message);
      expect(rule.body.detail).not.toBe('Datum narození je v budoucnosti.');
      expect(rule.body.detail).toMatch(/birth/i);
    }
    expect(await countClients()).toBe(before);
  });
});
