// Every domain rule a service can break (`DomainRuleViolation('code', …)` / plans' `violation(…)`)
// has a Czech and English text in the console, and the console lists no rule that no longer exists.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { knownRules, ruleMessage } from '../src/i18n/ruleMessages';

const servicesDir = resolve(import.meta.dirname, '../../services');
const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'node_modules' || e.name === 'test'
        ? []
        : sourcesUnder(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );

const rulesInServices = () => {
  const codes = new Set<string>();
  for (const file of sourcesUnder(servicesDir))
    for (const m of readFileSync(file, 'utf8').matchAll(
      /(?:DomainRuleViolation|violation)\(\s*'([a-z0-9-]+)'/g,
    ))
      codes.add(m[1]!);
  // Warnings (packages/contracts/src/warnings.ts) beside a created resource: `{ code: '…', detail }`.
  for (const file of sourcesUnder(servicesDir))
    for (const m of readFileSync(file, 'utf8').matchAll(/\{\s*code:\s*'([a-z0-9-]+)',\s*detail\b/g))
      codes.add(m[1]!);
  return [...codes].sort();
};

describe('domain rule messages', () => {
  it('cover exactly the rules the services can break, in Czech and English', () => {
    const rules = rulesInServices();
    expect(rules.length).toBeGreaterThan(50);
    expect([...knownRules].sort()).toEqual(rules);
    for (const rule of rules) {
      expect(ruleMessage(rule, 'cs')).toMatch(/\S/);
      expect(ruleMessage(rule, 'en')).toMatch(/\S/);
      expect(ruleMessage(rule, 'cs')).not.toBe(ruleMessage(rule, 'en'));
    }
    expect(ruleMessage('too_small', 'cs')).toBeUndefined();
  });
});
