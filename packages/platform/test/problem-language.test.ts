// Problems in the request's language: Accept-Language negotiation, the catalogue's Czech titles
// and details (codes unchanged), the English wording exactly as before, and the catalogue covering
// every detail the API words.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import * as z from 'zod';
import type { Problem } from '@spolu/contracts';
import {
  ContractMessages,
  isProblemSlug,
  negotiateProblemLanguage,
  problemDetailOf,
  problemDetails,
  problemFieldMessages,
  problemTitles,
  problemTypeBase,
} from '@spolu/contracts';
import type { HttpProblem } from '../src/errors';
import {
  DomainRuleViolation,
  badRequest,
  forbidden,
  notFound,
  payloadTooLarge,
  preconditionFailed,
  unprocessable,
  validationProblem,
} from '../src/errors';
import { problemOf, problemResponse } from '../src/http/problem-middleware';
import { tooManyRequests } from '../src/http/caller-limits';

describe('Accept-Language negotiation', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['cs', 'cs'],
    ['CS', 'cs'],
    ['cs-CZ', 'cs'],
    ['cs-CZ,cs;q=0.9,en;q=0.8', 'cs'],
    ['cs;q=0.9,en;q=0.8', 'cs'],
    ['en-US,en;q=0.9,cs;q=0.8', 'en'],
    ['en;q=0.5, cs;q=0.6', 'cs'],
    ['en;q=0.5,cs', 'cs'],
    ['de-DE,de;q=0.9', 'en'],
    ['de,cs;q=0.3', 'cs'],
    ['sk,en;q=0.1,cs;q=0.2', 'cs'],
    ['*', 'en'],
    ['*;q=0.5,cs;q=0.4', 'en'],
    ['cs;q=0,en', 'en'],
    ['cs;q=0', 'en'],
    ['cs;q=1.0', 'cs'],
    ['cs ; q = 0.7 , en ; q = 0.6', 'cs'],
    ['en,cs', 'en'],
    ['cs,en', 'cs'],
    ['cs;q=abc,en;q=0.1', 'en'],
    ['czech', 'en'],
    [',,;;', 'en'],
  ] as const)('%p -> %s', (header, language) => {
    expect(negotiateProblemLanguage(header)).toBe(language);
  });
});

describe('problem texts', () => {
  it('keep the English wording of today', () => {
    expect(notFound('referral').toProblem('urn:x')).toEqual({
      type: `${problemTypeBase}not-found`,
      title: 'Not found',
      status: 404,
      detail: 'referral not found',
      instance: 'urn:x',
    });
    expect(payloadTooLarge(1000).detail).toBe('The body exceeds 1000 bytes.');
    expect(preconditionFailed().detail).toBe(
      'The record was changed by someone else since you loaded it. Reload it and apply your change again.',
    );
    expect(tooManyRequests('This provider', 60, 12).detail).toBe(
      'This provider may make 60 requests a minute; try again in 12 s.',
    );
  });

  it('word title and detail in Czech, codes unchanged', () => {
    const cs = (p: HttpProblem) => p.toProblem('urn:x', 'cs');
    expect(cs(notFound('referral'))).toMatchObject({
      title: 'Záznam nebyl nalezen',
      detail: 'Doporučení nebylo nalezeno.',
      status: 404,
    });
    expect(cs(notFound('referral')).type).toBe(notFound('referral').toProblem().type);
    expect(cs(notFound('version 3')).detail).toBe('Verze 3 nebyla nalezena.');
    expect(cs(notFound('gizmo')).detail).toBe('Nenalezeno: gizmo.');
    expect(cs(forbidden('needs scope referrals:write or referrals:admin')).detail).toBe(
      'Vyžaduje oprávnění (scope) referrals:write nebo referrals:admin.',
    );
    expect(cs(payloadTooLarge(1000)).detail).toBe('Tělo požadavku je větší než 1000 bajtů.');
    expect(cs(badRequest('The body is not valid JSON.'))).toEqual({
      type: `${problemTypeBase}bad-request`,
      title: 'Požadavek nelze zpracovat',
      status: 400,
      detail: 'Tělo požadavku není platný JSON.',
      instance: 'urn:x',
    });
    expect(cs(tooManyRequests('This partner system', 5, 30)).detail).toBe(
      'Partnerský systém smí poslat 5 požadavků za minutu; zkuste to znovu za 30 s.',
    );
    expect(cs(preconditionFailed()).title).toBe('Záznam se mezitím změnil');
    // a text the catalogue does not know stays as the API wrote it
    expect(cs(badRequest('something new')).detail).toBe('something new');
  });

  it('word zod issues, contract messages and broken rules in Czech', () => {
    const schema = z.strictObject({
      name: z.string().min(2),
      age: z.number(),
      code: z.string().regex(/^\d+$/, ContractMessages.ico),
    });
    const parsed = schema.safeParse({ name: 'x', age: 'old', code: 'abc', extra: 1 });
    if (parsed.success) throw new Error('expected a failure');
    const problem = validationProblem('body', parsed.error);
    const en = problem.toProblem();
    const cs = problem.toProblem(undefined, 'cs');
    expect(en.detail).toBe('The body is not valid.');
    expect(cs.detail).toBe('Tělo požadavku není v pořádku.');
    expect(cs.errors?.map((e) => [e.path, e.code])).toEqual(en.errors?.map((e) => [e.path, e.code]));
    const csOf = (path: string) => cs.errors?.find((e) => e.path === path)?.message;
    expect(csOf('body.code')).toBe('IČO má 8 číslic.');
    expect(csOf('body.age')).toBe('Neplatný vstup: očekáváno číslo, obdrženo řetězec');
    expect(csOf('body.name')).toMatch(/^Hodnota je příliš malá/);
    expect(csOf('body')).toMatch(/^Neznámé klíče/);
    expect(en.errors?.find((e) => e.path === 'body.code')?.message).toBe(ContractMessages.ico);
  });

  it('word the field messages the platform and the services write themselves in Czech', () => {
    const problem = unprocessable('The answers do not fit the template version.', [
      { path: 'body.answers.age', message: 'must be at least 15', code: 'answer-invalid' },
      { path: 'body.answers.drug', message: 'unknown option "x"', code: 'answer-invalid' },
      { path: 'body.answers.q9', message: 'this question must be answered', code: 'answer-required' },
      { path: 'headers.idempotency-key', message: 'must be 8 to 128 visible ASCII characters' },
      { path: 'body.answers.z', message: 'something else', code: 'answer-invalid' },
    ]);
    expect(problem.toProblem(undefined, 'cs')).toMatchObject({
      detail: 'Odpovědi neodpovídají této verzi dotazníku.',
      errors: [
        { message: 'Musí být aspoň 15.', code: 'answer-invalid' },
        { message: 'Neznámá možnost „x“.' },
        { message: 'Na tuto otázku je třeba odpovědět.', code: 'answer-required' },
        { message: 'Musí mít 8 až 128 viditelných znaků ASCII.' },
        { message: 'something else' },
      ],
    });
    expect(problem.toProblem().errors?.[0]?.message).toBe('must be at least 15');
  });

  it('the middleware answers in the negotiated language with content-language', () => {
    const run = (error: unknown, acceptLanguage?: string) => {
      const response = problemResponse(
        problemOf(error).problem,
        'urn:x',
        negotiateProblemLanguage(acceptLanguage),
      );
      return { headers: response.headers ?? {}, body: JSON.parse(String(response.body)) as Problem };
    };
    const rule = new DomainRuleViolation(
      'home-visit-checklist-incomplete',
      'checklist incomplete: pets',
      'checklist',
    );
    const cs = run(rule, 'cs-CZ,cs;q=0.9,en;q=0.8');
    expect(cs.headers['content-language']).toBe('cs');
    expect(cs.body).toMatchObject({
      title: 'Údaje nejsou v pořádku',
      detail: 'Domácí návštěvu lze naplánovat jen s úplným kontrolním seznamem.',
      errors: [
        {
          path: 'checklist',
          code: 'home-visit-checklist-incomplete',
          message: 'Domácí návštěvu lze naplánovat jen s úplným kontrolním seznamem.',
        },
      ],
    });
    const en = run(rule);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toMatchObject({
      title: 'Validation failed',
      detail: 'checklist incomplete: pets',
      errors: [{ message: 'checklist incomplete: pets', code: 'home-visit-checklist-incomplete' }],
    });
    const internal = run(new Error('boom'), 'cs');
    expect(internal.body).toMatchObject({ title: 'Chyba na naší straně', status: 500 });
    expect(JSON.stringify(internal.body)).not.toContain('boom');
    expect(run(new Error('boom')).body.detail).toBe(
      'Something went wrong on our side. Quote the instance id when reporting it.',
    );
  });
});

// Every detail text the platform and the services pass as a literal has a code in the catalogue,
// so a new English detail without a Czech one fails here.
const root = resolve(import.meta.dirname, '../../..');
const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? ['node_modules', 'test', 'test-support'].includes(e.name)
        ? []
        : sourcesUnder(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );

describe('problem catalogue', () => {
  it('has a Czech title for every slug and a Czech detail for every literal detail', () => {
    for (const [slug, title] of Object.entries(problemTitles)) {
      expect([slug, title.cs]).toEqual([slug, expect.stringMatching(/\S/)]);
      expect(title.cs).not.toBe(title.en);
    }
    for (const [code, text] of Object.entries({ ...problemDetails, ...problemFieldMessages }))
      expect([code, text.cs]).not.toEqual([code, text.en]);
    const literals = new Set<string>();
    const call =
      /\b(?:badRequest|unauthorized|forbidden|conflict|unprocessable|badSignature)\(\s*(['"`])((?:(?!\1).)*)\1\s*[,)]/g;
    for (const dir of ['packages/platform/src', 'packages/local/src', 'services'])
      for (const file of sourcesUnder(join(root, dir)))
        for (const m of readFileSync(file, 'utf8').matchAll(call))
          literals.add(m[2]!.replace(/\$\{[^}]+\}/g, 'x'));
    expect(literals.size).toBeGreaterThan(20);
    const slugs = new Set<string>();
    for (const dir of ['packages/platform/src', 'packages/local/src', 'services'])
      for (const file of sourcesUnder(join(root, dir)))
        for (const m of readFileSync(file, 'utf8').matchAll(/new HttpProblem\(\s*\d+,\s*'([a-z-]+)'/g))
          slugs.add(m[1]!);
    expect(slugs.size).toBeGreaterThan(5);
    expect([...slugs].filter((slug) => !isProblemSlug(slug))).toEqual([]);
    const missing = [...literals].filter((text) => !problemDetailOf(text));
    expect(missing).toEqual([]);
  });
});
