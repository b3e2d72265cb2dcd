// The lint rule against type escapes in services' code bites: the repository's ESLint
// configuration reports `as never` and `as unknown as` in a service's src (and nowhere else, so
// tests may still build hostile values), and the real tree passes it (`npm run lint`).
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
  it("are refused in a service's src: `as never` and `as unknown as`, not a plain `as unknown`", async () => {
    expect(await ruleHits('services/intake/src/handlers/probe.ts')).toEqual([2, 3]);
  });

  it('are left to judgement in tests', async () => {
    expect(await ruleHits('services/intake/test/probe.ts')).toEqual([]);
  });
});
