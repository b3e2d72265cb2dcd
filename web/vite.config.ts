// The console is static files: `vite build` writes web/dist, which the local runtime serves next to
// the API (npm start) and CDK uploads to the region's S3 bucket behind CloudFront. vite-plugin-pwa
// adds the web app manifest, icons and the service worker (./pwa.config.ts says what it caches).
import { TYPE, parse } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig, runnerImport } from 'vite';
import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './pwa.config';

/** Message ids only coordinator and admin screens show: in the build a chunk per language. */
const staffPrefixes = ['admin.', 'coordinator.', 'stats.', 'webhooks.'];
const isStaff = (id: string) => staffPrefixes.some((prefix) => id.startsWith(prefix));
const staffModule = 'virtual:spolu-staff-messages/';

const loadCatalogue = async (file: string, name: string) => {
  const { module } = await runnerImport<Record<string, Record<string, string>>>(file, { configFile: false });
  const catalogue = module[name];
  if (!catalogue) throw new Error(`${file} exports no ${name}`);
  return catalogue;
};

/** A catalogue module of ICU syntax trees, the entries `keep` selects. */
const compiledModule = (
  catalogue: Record<string, string>,
  name: string,
  exportName: string,
  keep: (id: string) => boolean,
) => {
  const locale = new Intl.Locale(name);
  // Most messages are one literal: written as their string and wrapped into the literal element
  // ({ type: 0, value }) when the module loads, so the first download does not carry that wrapper
  // ~1 500 times (-0.5 KB gzip measured).
  const compiled = Object.fromEntries(
    Object.entries(catalogue)
      .filter(([key]) => keep(key))
      .map(([key, message]) => {
        const tree = parse(message, { locale });
        const literal = tree.length === 1 && tree[0]!.type === TYPE.literal ? tree[0]!.value : undefined;
        return [key, literal ?? tree];
      }),
  );
  return (
    `const m = ${JSON.stringify(compiled)};\n` +
    `for (const k in m) if (typeof m[k] === 'string') m[k] = [{ type: ${TYPE.literal}, value: m[k] }];\n` +
    `export const ${exportName} = m;\n`
  );
};

/**
 * The message catalogues (src/i18n/cs.ts, en.ts) compiled at build time into the ICU syntax trees
 * react-intl formats from, and react-intl built without its message parser (issue 24 item 5): a
 * phone neither downloads the parser (~13 KB gzip) nor runs it on each message's first use. The
 * texts only coordinator and admin screens show (admin.*, coordinator.*, stats.*, webhooks.*) leave the catalogue
 * for a module of their own (virtual:spolu-staff-messages/<language>) that those screens load
 * (i18n/locale.tsx loadStaffMessages, routes.tsx). The catalogues stay the source; `npm run dev`
 * keeps the parser, the plain strings and every text in cs.ts / en.ts (the staff modules are empty).
 */
const precompiledMessages = (): Plugin => {
  let build = false;
  return {
    name: 'spolu-precompiled-messages',
    enforce: 'pre',
    configResolved(config) {
      build = config.command === 'build';
    },
    async resolveId(source, importer) {
      if (source.startsWith(staffModule)) return `\0${source}`;
      if (build && source === '@formatjs/icu-messageformat-parser' && !importer?.endsWith('no-parser.js'))
        return this.resolve('@formatjs/icu-messageformat-parser/no-parser.js', importer, { skipSelf: true });
      return null;
    },
    async load(id) {
      if (!id.startsWith(`\0${staffModule}`)) return null;
      const name = id.slice(`\0${staffModule}`.length);
      if (name !== 'cs' && name !== 'en') throw new Error(`no catalogue ${name}`);
      if (!build) return 'export const messages = {};\n';
      const file = fileURLToPath(new URL(`./src/i18n/${name}.ts`, import.meta.url));
      return compiledModule(await loadCatalogue(file, name), name, 'messages', isStaff);
    },
    async transform(_code, id) {
      const match = /\/src\/i18n\/(cs|en)\.ts$/.exec(id);
      if (!build || !match) return null;
      const name = match[1]!;
      const code = compiledModule(await loadCatalogue(id, name), name, name, (key) => !isStaff(key));
      return { code, map: null };
    },
  };
};

export default defineConfig({
  plugins: [precompiledMessages(), react(), VitePWA(pwaOptions)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Phones in the field: ES2022 syntax as written (class fields and static blocks, no helpers:
    // -1.2 KB gzip of the first download); it needs Safari 16.4 (iOS 16.4, March 2023), Chrome 94,
    // which 2026 phones are past (docs/DECISIONS.md "The console on a phone").
    target: 'es2022',
    chunkSizeWarningLimit: 700,
    // Every browser the console supports preloads modules itself (Safari from 17; an older one
    // simply does not preload): the polyfill is not shipped to every phone.
    modulePreload: { polyfill: false },
  },
});
