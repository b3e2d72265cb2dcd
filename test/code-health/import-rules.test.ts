// The import rules of .dependency-cruiser.cjs bite: a throwaway tree with the repository's layout
// (services/, web/src, packages/platform) breaks each rule once, and dependency-cruiser, run with
// the repository's own configuration, must name every broken rule. The real tree is checked by the
// `code-health` stage of `npm test` (it must be clean); this test proves that check would fail.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';

const root = resolve(import.meta.dirname, '../..');
const tree = mkdtempSync(join(tmpdir(), 'spolu-import-rules-'));
afterAll(() => rmSync(tree, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  mkdirSync(dirname(join(tree, path)), { recursive: true });
  writeFileSync(join(tree, path), text);
};

const cruise = async (): Promise<{ code: number; output: string }> => {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        'services',
        'packages',
        'web/src',
        '--config',
        join(root, '.dependency-cruiser.cjs'),
        '--output-type',
        'err',
      ],
      { cwd: tree },
    );
    return { code: 0, output: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, output: e.stdout };
  }
};

describe('the import rules', () => {
  it('fail on a service importing another, the console importing a service, platform importing a service, and a cycle', async () => {
    write(
      'tsconfig.json',
      JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } }),
    );
    write('services/referrals/src/domain/matching.ts', 'export const match = 1;\n');
    write(
      'services/intake/src/handlers/clients.ts',
      "import { match } from '../../../referrals/src/domain/matching';\nexport const x = match;\n",
    );
    write(
      'services/intake/test/world.ts',
      "import { match } from '../../referrals/src/domain/matching';\nexport const y = match;\n",
    );
    write(
      'web/src/screens/Clients.tsx',
      "import { x } from '../../../services/intake/src/handlers/clients';\nexport const z = x;\n",
    );
    write(
      'packages/platform/src/env.ts',
      "import { match } from '../../../services/referrals/src/domain/matching';\nexport const e = match;\n",
    );
    write('packages/platform/src/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
    write('packages/platform/src/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
    const { code, output } = await cruise();
    expect(code).not.toBe(0);
    expect(output).toMatch(/service-imports-other-service: services\/intake\/src\/handlers\/clients\.ts/);
    expect(output).toMatch(/web-imports-service: web\/src\/screens\/Clients\.tsx/);
    expect(output).toMatch(/shared-package-imports-service: packages\/platform\/src\/env\.ts/);
    expect(output).toMatch(/no-circular: packages\/platform\/src\/a\.ts/);
    // A service's tests may start other services beside their own.
    expect(output).not.toMatch(/services\/intake\/test\/world\.ts/);
  });
});

describe('the copy-paste check', () => {
  it('finds a 12-line clone with the repository configuration (imports aside)', async () => {
    const body = Array.from({ length: 12 }, (_, i) => `  total += values[${i}] * ${i + 3} + offset;`).join(
      '\n',
    );
    const fn = (name: string) =>
      `import { a, b, c } from './shared';\nexport const ${name} = (values: number[], offset: number) => {\n  let total = a + b + c;\n${body}\n  return total;\n};\n`;
    write('services/intake/src/domain/one.ts', fn('one'));
    write('services/referrals/src/domain/two.ts', fn('two'));
    const config = JSON.parse(readFileSync(join(root, '.jscpd.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(tree, '.jscpd.json'),
      JSON.stringify({ ...config, path: ['services'], gitignore: false }),
    );
    let output = '';
    let code = 0;
    try {
      ({ stdout: output } = await promisify(execFile)(
        process.execPath,
        [join(root, 'node_modules/jscpd/run-jscpd.js'), '--config', join(tree, '.jscpd.json')],
        { cwd: tree },
      ));
    } catch (err) {
      ({ code, stdout: output } = err as { code: number; stdout: string });
    }
    expect(code).not.toBe(0);
    expect(output).toMatch(/Clone found/);
  });
});
