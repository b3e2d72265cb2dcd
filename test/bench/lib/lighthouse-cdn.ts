// A stand-in for CloudFront in front of the local runtime, for the Lighthouse runs (issue 24 item 5):
// the region's console is served by CloudFront with `compress: true` (infra/lib/console.ts), so a
// phone receives the JavaScript gzip-compressed. The local runtime serves files as they are; this
// proxy forwards every request to it and gzips text answers when the browser accepts gzip, as
// CloudFront does (it compresses text types between 1 KB and 10 MB). Nothing else is changed.
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

const compressible = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/;

export interface Cdn {
  url: string;
  stop: () => Promise<void>;
}

export const startCdn = async (origin: string): Promise<Cdn> => {
  const target = new URL(origin);
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host, 'accept-encoding': 'identity' },
      },
      (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => {
          const body = Buffer.concat(parts);
          const headers = { ...up.headers };
          const type = String(headers['content-type'] ?? '');
          const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
          if (accepts && compressible.test(type) && body.length >= 1000 && !headers['content-encoding']) {
            const zipped = gzipSync(body);
            headers['content-encoding'] = 'gzip';
            headers['content-length'] = String(zipped.length);
            headers.vary = 'accept-encoding';
            res.writeHead(up.statusCode ?? 502, headers);
            res.end(req.method === 'HEAD' ? undefined : zipped);
            return;
          }
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', (err) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`cdn stand-in: ${err.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
};
