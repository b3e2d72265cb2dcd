// The console is static files: `vite build` writes web/dist, which the local runtime serves next to
// the API (npm start) and CDK uploads to the region's S3 bucket behind CloudFront.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Old phones in the field: modern-enough syntax, small initial chunk, coordinator screens lazy.
    target: 'es2020',
    chunkSizeWarningLimit: 700,
  },
});
