// The web console next to the API, as CloudFront serves it in AWS: the files `vite build` wrote to
// web/dist, and /config.json saying this runtime signs in with the dev issuer on the same origin.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RegionCode } from '@spolu/contracts';
import { regions } from '@spolu/contracts';
import type { ExtraHandler } from './gateway';

// SPOLU_WEB_DIST: a console built elsewhere (several people testing different builds on one machine).
export const webDist = process.env.SPOLU_WEB_DIST ?? resolve(import.meta.dirname, '../../../web/dist');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Spolu</title>
<p>The web console is not built yet: run <code>npm run build -w @spolu/web</code> (npm start does it).</p>
<p>The API docs are at <a href="/docs">/docs</a>.</p></html>`;

export const webHttp = (region: RegionCode, dist = webDist): ExtraHandler => {
  const regionName = regions.find((r) => r.code === region)?.name ?? region;
  const config = JSON.stringify({ region, regionName, apiUrl: '', auth: { kind: 'dev' } });
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/config.json') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': 'no-cache',
        ...securityHeaders,
      });
      res.end(config);
      return true;
    }
    const isIndex = path === '/' || path === '/index.html';
    const isAsset = path.startsWith('/assets/');
    // The PWA's files beside index.html (sw.js, workbox-*.js, manifest.webmanifest, the icons): a file
    // directly in dist's root, never a folder, so the API's paths stay the API's.
    const isRootFile = /^\/[\w.-]+\.(js|webmanifest|png|ico|svg)$/.test(path);
    if (!isIndex && !isAsset && !isRootFile) return false;
    if (!existsSync(join(dist, 'index.html'))) {
      if (!isIndex) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders });
      res.end(notBuilt);
      return true;
    }
    const file = normalize(join(dist, isIndex ? 'index.html' : path));
    if (!file.startsWith(dist) || !existsSync(file)) return false;
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      // Vite puts a content hash in asset names, so they never change; index.html always may, and so
      // may the service worker and the manifest (a browser must see a new build at once), as in AWS.
      'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...securityHeaders,
    });
    res.end(req.method === 'HEAD' ? undefined : await readFile(file));
    return true;
  };
};
