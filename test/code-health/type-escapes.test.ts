// The lint rule against type escapes bites: the repository's ESLint configuration reports `as never`
// and `as unknown as` anywhere in the tree (services, packages, infra, tests), not a plain
// `as unknown`; only code a browser test evaluates in the page (web/test, type-checked without the
// DOM library) may reach the page's globals through a cast. The real tree passes it (`npm run lint`).
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') });
const probe = [
  'const a = 1;',
  'export const b = a as unknown as string;',
  'export const c = a as never;',
  'export const d = a as unknown;',
  '',
].join('\n');

const ruleHits = async (filePath: string) => {
  const [result] = await eslint.lintText(probe, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
};

describe('type escapes', () => {
  it('are refused in code and tests alike: `as never` and `as unknown as`, not a plain `as unknown`', async () => {
    for (const file of [
      'services/intake/src/handlers/probe.ts',
      'services/intake/test/probe.ts',
      'packages/local/src/probe.ts',
      'infra/lib/probe.ts',
      'test/e2e/probe.test.ts',
    ])
      expect({ file, lines: await ruleHits(file) }).toEqual({ file, lines: [2, 3] });
  });

  it('are left to judgement in browser-evaluated test code', async () => {
    expect(await ruleHits('web/test/probe.journey.ts')).toEqual([]);
  });
});
