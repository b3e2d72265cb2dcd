// Input that looks right but is not (issue 18): through the public API, a name with a C1 control,
// a bidi override or isolate, a zero-width character, a line separator, a tab or a line break is
// refused with a 422 problem+json naming the reason (in Czech on request) and nothing is stored;
// free text keeps its line breaks and tabs but refuses the rest (docs/LIMITS.md).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Problem } from '@spolu/contracts';
import { ContractMessages as M, contractMessageText, kCentrumIncomeTemplate } from '@spolu/contracts';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import { startTestRuntime } from '../../packages/local/test-support/harness';
import { manifests } from '../../services/manifests';
import type { MatrixWorld } from './matrix/fixtures';
import { contactBody, newClient, serviceBody } from './matrix/fixtures';
import { createMatrixWorld, scanAll } from './matrix/world';

let rt: RegionRuntime;
let w: MatrixWorld;

beforeAll(async () => {
  rt = await startTestRuntime(manifests);
  w = await createMatrixWorld(rt);
}, 240_000);

afterAll(async () => {
  await rt?.stop();
});

const clientBody = (name: string) => ({
  serviceId: w.serviceA,
  identity: { kind: 'named', name, birthDate: '1988-04-12', sex: 'female', district: 'liberec' },
});

/** Refused in a name: each with the contract message that names why. */
const refusedInNames: [string, string, string][] = [
  ['U+0085 (C1 next line)', '\u0085', M.controlCharacters],
  ['U+009B (C1 control sequence introducer)', '\u009B', M.controlCharacters],
  ['U+202E (right-to-left override)', '\u202E', M.invisibleCharacters],
  ['U+2067 (right-to-left isolate)', '\u2067', M.invisibleCharacters],
  ['U+200B (zero-width space)', '\u200B', M.invisibleCharacters],
  ['U+2060 (word joiner)', '\u2060', M.invisibleCharacters],
  ['U+FEFF (zero-width no-break space)', '\uFEFF', M.invisibleCharacters],
  ['U+2028 (line separator)', '\u2028', M.invisibleCharacters],
  ['a tab', '\t', M.nameOneLine],
  ['a newline', '\n', M.nameOneLine],
];

const expectRefused = (
  res: { status: number; headers: Headers; body: unknown },
  path: string,
  message: string,
  language: 'cs' | 'en',
) => {
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = res.body as Problem;
  expect(problem.errors).toContainEqual(
    // English is the schemas' own wording; Czech comes from the contracts' catalogue.
    expect.objectContaining({
      path,
      message: language === 'en' ? message : contractMessageText(message, 'cs'),
    }),
  );
};

describe('names', () => {
  it.each(refusedInNames)(
    "a client's name with %s is refused (422, Czech reason) and nothing is stored",
    async (_what, character, message) => {
      const before = await scanAll(rt);
      const res = await w.workerA.post('/clients', clientBody(`Jana${character}Nováková`), {
        headers: { 'accept-language': 'cs' },
      });
      expectRefused(res, 'body.identity.name', message, 'cs');
      expect(await scanAll(rt)).toEqual(before);
    },
  );

  it('a spoofing service name (U+202E) is refused in English by default; a plain one is taken', async () => {
    const before = await scanAll(rt);
    const spoofed = await w.adminA.post('/services', serviceBody('Kontaktní centrum \u202Eortnec'));
    expectRefused(spoofed, 'body.name', M.invisibleCharacters, 'en');
    expect(await scanAll(rt)).toEqual(before);
    const plain = await w.adminA.post('/services', serviceBody('Kontaktní centrum Jablonec'));
    expect(plain.status).toBe(201);
  });
});

describe('free text', () => {
  it("keeps line breaks and tabs in a contact's notes", async () => {
    const client = await newClient(w);
    const notes = 'Domluveno:\n\t- test HCV\n\t- výměna';
    const res = await w.workerA.post('/contacts', { ...contactBody(w, client.id), notes });
    expect(res.status).toBe(201);
    expect((res.body as { notes?: string }).notes).toBe(notes);
  });

  it.each([
    ['U+202E (right-to-left override)', '\u202E', M.invisibleCharacters],
    ['U+200D (zero-width joiner)', '\u200D', M.invisibleCharacters],
    ['U+2029 (paragraph separator)', '\u2029', M.invisibleCharacters],
    ['U+0085 (C1 next line)', '\u0085', M.controlCharacters],
  ])('refuses %s in the notes and stores nothing', async (_what, character, message) => {
    const client = await newClient(w);
    await rt.settle();
    const before = await scanAll(rt);
    const res = await w.workerA.post(
      '/contacts',
      { ...contactBody(w, client.id), notes: `Domluveno${character} test` },
      { headers: { 'accept-language': 'cs' } },
    );
    expectRefused(res, 'body.notes', message, 'cs');
    expect(await scanAll(rt)).toEqual(before);
  });
});

describe("a questionnaire's text answer", () => {
  it('refuses a right-to-left override (422, nothing stored)', async () => {
    const template = await w.keyWorkerA.post<{ id: string }>('/questionnaire-templates', {
      ...kCentrumIncomeTemplate,
      serviceId: w.serviceA,
    });
    expect(template.status).toBe(201);
    const client = await newClient(w);
    await rt.settle();
    const before = await scanAll(rt);
    const res = await w.workerA.post(
      `/clients/${client.id}/questionnaires`,
      {
        templateId: template.body.id,
        templateVersion: 1,
        answeredAt: new Date(rt.clock.now().getTime() - 3_600_000).toISOString(),
        answers: { 'client-request': 'Chci \u202Eléčbu' },
      },
      { headers: { 'accept-language': 'cs' } },
    );
    expectRefused(res, 'body.answers.client-request', M.invisibleCharacters, 'cs');
    expect(await scanAll(rt)).toEqual(before);
  });
});
