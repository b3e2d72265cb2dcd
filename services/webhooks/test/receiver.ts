// A real HTTP receiver on 127.0.0.1 for delivery tests: each path has its own scripted answers
// and keeps every request it got (headers and the exact body).
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: (path: string) => string;
  /** Answers for a path, used in order; the last one repeats. Default 200. */
  script: (path: string, statuses: (number | { status: number; headers: Record<string, string> })[]) => void;
  got: (path: string) => Received[];
  close: () => Promise<void>;
}

export const startReceiver = async (): Promise<Receiver> => {
  const received: Received[] = [];
  const scripts = new Map<string, (number | { status: number; headers: Record<string, string> })[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const script = scripts.get(path) ?? [200];
      const next = script.length > 1 ? script.shift() : script[0];
      const answer =
        typeof next === 'number' || next === undefined ? { status: next ?? 200, headers: {} } : next;
      res.writeHead(answer.status, answer.headers);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    script: (path, statuses) => void scripts.set(path, [...statuses]),
    got: (path) => received.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
