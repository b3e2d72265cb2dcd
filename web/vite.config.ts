// The console is static files: `vite build` writes web/dist, which the local runtime serves next to
// the API (npm start) and CDK uploads to the region's S3 bucket behind CloudFront. vite-plugin-pwa
// adds the web app manifest, icons and the service worker (./pwa.config.ts says what it caches).
import { parse } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig, runnerImport } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './pwa.config';

/**
 * The message catalogues (src/i18n/cs.ts, en.ts) compiled at build time into the ICU syntax trees
 * react-intl formats from, and react-intl built without its message parser (issue 24 item 5): a
 * phone neither downloads the parser (~13 KB gzip) nor runs it on each message's first use. The
 * catalogues stay the source; `npm run dev` keeps the parser and the plain strings.
 */
const precompiledMessages = (): Plugin => ({
  name: 'spolu-precompiled-messages',
  apply: 'build',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (source === '@formatjs/icu-messageformat-parser' && !importer?.endsWith('no-parser.js'))
      return this.resolve('@formatjs/icu-messageformat-parser/no-parser.js', importer, { skipSelf: true });
    return null;
  },
  async transform(_code, id) {
    const match = /\/src\/i18n\/(cs|en)\.ts$/.exec(id);
    if (!match) return null;
    const name = match[1]!;
    const { module } = await runnerImport<Record<string, Record<string, string>>>(id, { configFile: false });
    const catalogue = module[name];
    if (!catalogue) throw new Error(`${id} exports no ${name}`);
    const locale = new Intl.Locale(name);
    const compiled = Object.fromEntries(
      Object.entries(catalogue).map(([key, message]) => [key, parse(message, { locale })]),
    );
    return { code: `export const ${name} = ${JSON.stringify(compiled)};\n`, map: null };
  },
});

export default defineConfig({
  plugins: [precompiledMessages(), react(), VitePWA(pwaOptions)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Old phones in the field: modern-enough syntax, small initial chunk, coordinator screens lazy.
    target: 'es2020',
    chunkSizeWarningLimit: 700,
    // Every browser the console supports preloads modules itself (Safari from 17; an older one
    // simply does not preload): the polyfill is not shipped to every phone.
    modulePreload: { polyfill: false },
  },
});
