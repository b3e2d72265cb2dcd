// A minimal Spolu webhook receiver (Node.js >= 20, `npm install standardwebhooks`).
//
//   SPOLU_WEBHOOK_SECRET=whsec_... PORT=8080 node webhook-receiver.mjs
//
// It verifies the Standard Webhooks signature over the exact body bytes (never over re-serialised
// JSON), refuses stale timestamps (the library allows 5 minutes), ignores a message id it has
// already processed (retries and replays reuse the webhook-id), and answers 2xx quickly.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';

export const createReceiver = ({ secrets, onEvent = (e) => console.log(e.type, e.data.eventId ?? '') }) => {
  // During a secret rotation Spolu signs with both secrets; accept either one you hold.
  const verifiers = secrets.map((s) => new Webhook(s));
  const seen = new Set(); // use a database table with a TTL in production

  return createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let event;
      for (const v of verifiers) {
        try {
          event = v.verify(body, req.headers);
          break;
        } catch {
          // try the next secret
        }
      }
      if (!event) {
        res.writeHead(400).end('bad signature');
        return;
      }
      const id = req.headers['webhook-id'];
      if (!seen.has(id)) {
        seen.add(id);
        // Ordering is not guaranteed: compare data.occurredAt / data.subject.revision with what you stored.
        await onEvent(event);
      }
      res.writeHead(204).end();
    });
  });
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secrets = (process.env.SPOLU_WEBHOOK_SECRET ?? '').split(',').filter(Boolean);
  if (secrets.length === 0)
    throw new Error('set SPOLU_WEBHOOK_SECRET (comma-separate two during a rotation)');
  const port = Number(process.env.PORT ?? 8080);
  createReceiver({ secrets }).listen(port, () => console.log(`listening on :${port}`));
}
