// A partner's webhook endpoint that misbehaves on purpose, for the fault-injection suite: real
// HTTP on 127.0.0.1, Standard Webhooks signatures verified with the library, and for each request
// a seeded choice between answering 200, answering 5xx (the partner did not take the message) and
// answering too late (the partner took it but the sender timed out). It dedupes by `webhook-id`,
// as docs/WEBHOOKS.md tells receivers to, and counts everything it saw.
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface FlakyReceiverOptions {
  /** Seed of the receiver's own choices (derived from the suite's seed, so a failure replays). */
  seed: number;
  /** Probability that a request is answered only after `slowMs` (longer than the sender waits). */
  timeout: number;
  /** Probability that a request is answered 500/503 without taking the message. */
  serverError: number;
  /** How long a "timed out" answer takes; keep it above the sender's WEBHOOKS_TIMEOUT_MS. */
  slowMs: number;
  /** A message is failed at most this many times, so it is always taken before the retry
   * schedule runs out (the suite asserts that nothing is dead-lettered). */
  maxFailuresPerMessage: number;
}

export interface EndpointLog {
  /** Every request, in arrival order. */
  requests: number;
  timeouts: number;
  serverErrors: number;
  badSignatures: number;
  /** Requests for a webhook-id this endpoint had already taken (dropped, as a receiver would). */
  duplicatesDropped: number;
  /** What the partner's system effectively processed: webhook-id -> the event id it carried. */
  taken: Map<string, { eventId: string; type: string }>;
}

const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const startFlakyReceiver = async (opts: FlakyReceiverOptions) => {
  const random = prng(opts.seed);
  const secrets = new Map<string, string>();
  const logs = new Map<string, EndpointLog>();
  const failures = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const logOf = (path: string) => {
    let log = logs.get(path);
    if (!log) {
      log = {
        requests: 0,
        timeouts: 0,
        serverErrors: 0,
        badSignatures: 0,
        duplicatesDropped: 0,
        taken: new Map(),
      };
      logs.set(path, log);
    }
    return log;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const log = logOf(path);
      log.requests += 1;
      const body = Buffer.concat(chunks).toString('utf8');
      const secret = secrets.get(path);
      let payload: { type: string; data: { eventId: string } };
      try {
        if (!secret) throw new Error('no secret for this path');
        payload = new Webhook(secret).verify(body, req.headers as Record<string, string>) as typeof payload;
      } catch {
        log.badSignatures += 1;
        res.writeHead(401).end();
        return;
      }
      const id = String(req.headers['webhook-id']);
      const failedSoFar = failures.get(id) ?? 0;
      const roll = random();
      const mayFail = failedSoFar < opts.maxFailuresPerMessage;
      const take = () => {
        if (log.taken.has(id)) log.duplicatesDropped += 1;
        else log.taken.set(id, { eventId: payload.data.eventId, type: payload.type });
      };
      if (mayFail && roll < opts.serverError) {
        failures.set(id, failedSoFar + 1);
        log.serverErrors += 1;
        res.writeHead(roll < opts.serverError / 2 ? 500 : 503).end('try later');
        return;
      }
      // The slow partner stores the message, but answers after the sender gave up: the sender
      // retries, and the partner must drop the retry by its webhook-id.
      take();
      if (mayFail && roll < opts.serverError + opts.timeout) {
        failures.set(id, failedSoFar + 1);
        log.timeouts += 1;
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) res.writeHead(200).end('ok, late');
        }, opts.slowMs);
        timers.add(timer);
        return;
      }
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    /** The subscription's secret (shown once, at creation), to verify what arrives at `path`. */
    trust: (path: string, secret: string) => void secrets.set(path, secret),
    log: logOf,
    close: () =>
      new Promise<void>((resolve) => {
        timers.forEach(clearTimeout);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
export type FlakyReceiver = Awaited<ReturnType<typeof startFlakyReceiver>>;
