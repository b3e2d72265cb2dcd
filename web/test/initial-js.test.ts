// The console's first download stays small (issue 24 item 5): the JavaScript index.html loads before
// any screen's chunk, gzip-compressed, within 120 KB, and without what only screens need (zod and the
// contracts' schemas, the English catalogue). Reads the built web/dist (npm test builds it first);
// `npm run bench -- lighthouse` measures the same and runs Lighthouse on top.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { initialJsTargetBytes, measureInitialJs, staticImports } from '../../test/bench/lib/lighthouse-size';
import { cs } from '../src/i18n/cs';
import { en } from '../src/i18n/en';

const dist = resolve(import.meta.dirname, '../dist');

describe('console first download', () => {
  it('finds a chunk’s static imports, not its dynamic ones', () => {
    expect(
      staticImports(
        'import{a as b}from"./x-1.js";import"./y-2.js";export{c}from"./z-3.js";const d=()=>import("./w-4.js")',
      ),
    ).toEqual(['./x-1.js', './y-2.js', './z-3.js']);
  });

  it("is at most 120 KB of gzip JavaScript, without zod, the schemas, the English texts or the staff screens' texts", () => {
    if (!existsSync(join(dist, 'index.html')))
      throw new Error('web/dist is missing: run `npm run build:web` (npm test does it first)');
    const initial = measureInitialJs(dist);
    expect(initial.chunks.length).toBeGreaterThan(0);
    expect(initial.gzipBytes).toBeLessThanOrEqual(initialJsTargetBytes);
    const code = initial.chunks.map((c) => readFileSync(join(dist, c.file), 'utf8')).join('\n');
    expect(code).not.toContain('ZodError');
    expect(code).not.toContain(en['app.skip']);
    expect(code).not.toContain(en['app.signOut']);
    // The texts only coordinator and admin screens show come with those screens.
    expect(code).not.toContain(cs['coordinator.tableRegion']);
    expect(code).not.toContain(cs['admin.worker.add']);
    expect(code).toContain(cs['app.skip']);
  });
});
