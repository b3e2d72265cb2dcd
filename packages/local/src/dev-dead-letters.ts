// Local-only endpoints over the bus's dead-letter list, the stand-in of each consumer's on-failure
// queue: list the invocation records, and redrive them through the same redrive loop the AWS
// command uses. `npm run redrive -- --region <kraj>` talks to these. They exist only locally.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import type { LocalBus } from './bus';
import type { ExtraHandler } from './gateway';

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, {
    'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
  });
  res.end(JSON.stringify(body, null, 2));
  return true;
};

const problem = (res: ServerResponse, status: number, title: string, detail: string) =>
  json(res, status, { type: 'about:blank', title, status, detail });

export const RedriveRequest = z.strictObject({
  /** `stats.events`, `stats-events` or the function ARN; all consumers when left out. */
  consumer: z.string().min(1).max(200).optional(),
  dryRun: z.boolean().optional(),
  max: z.number().int().positive().max(100_000).optional(),
});
export type RedriveRequest = z.infer<typeof RedriveRequest>;

export const deadLettersHttp =
  (bus: LocalBus): ExtraHandler =>
  async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/dev/dead-letters') {
      const consumer = url.searchParams.get('consumer') ?? undefined;
      return json(res, 200, {
        items: bus
          .deadLettersOf(consumer)
          .map((dl) => ({ id: dl.id, consumer: dl.target, record: dl.record })),
      });
    }
    if (method === 'POST' && url.pathname === '/dev/dead-letters/redrive') {
      let raw: unknown;
      try {
        raw = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        return problem(res, 400, 'Bad request', 'body is not JSON');
      }
      const parsed = RedriveRequest.safeParse(raw);
      if (!parsed.success)
        return problem(
          res,
          422,
          'Validation failed',
          'send {"consumer"?: "stats.events", "dryRun"?, "max"?}',
        );
      return json(res, 200, await bus.redrive(parsed.data));
    }
    return false;
  };
