// The console is static files: `vite build` writes web/dist, which the local runtime serves next to
// the API (npm start) and CDK uploads to the region's S3 bucket behind CloudFront. vite-plugin-pwa
// adds the web app manifest, icons and the service worker (./pwa.config.ts says what it caches).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './pwa.config';

export default defineConfig({
  plugins: [react(), VitePWA(pwaOptions)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Old phones in the field: modern-enough syntax, small initial chunk, coordinator screens lazy.
    target: 'es2020',
    chunkSizeWarningLimit: 700,
  },
});
