// The committed src/schema.d.ts must be what the generator makes from today's contracts: a
// contract change without `npm run generate -w @spolu/client` would ship partners stale types.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { generateSchemaSource, schemaFile } from '../src/generate/schema-source';

describe('the generated schema types', () => {
  it('are up to date with the contracts (run `npm run generate -w @spolu/client` when this fails)', async () => {
    const fresh = await generateSchemaSource();
    const committed = readFileSync(schemaFile, 'utf8');
    // Compared as text: any difference, even one field's bound, means the file is stale.
    expect(committed === fresh).toBe(true);
    // The types describe the partner-facing operations by their ids.
    expect(fresh).toContain("'referrals.createReferral'");
    expect(fresh).toContain('nextCursor?: string;');
  });
});
