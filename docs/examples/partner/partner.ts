// Partnerský systém v malém / a partner system in small (Node.js >= 20, `@spolu/client`).
//
//   SPOLU_CLIENT_ID=... SPOLU_CLIENT_SECRET=... SPOLU_ADMIN_TOKEN=... \
//   SPOLU_REFERRAL_CLIENT_ID=... SPOLU_REFERRAL_TO_SERVICE_ID=... SPOLU_REFERRAL_NEEDS=detox \
//   SPOLU_REFERRAL_AGE_BAND=27-64 SPOLU_REFERRAL_DISTRICT=liberec SPOLU_REFERRAL_TARGET_GROUP=substance-users \
//   npx tsx docs/examples/partner/partner.ts
//
// What it does, in order (docs/WEBHOOKS.md "Walkthrough: the partner example" explains each step):
//   1. gets an access token with its client id and secret (OAuth2 client credentials);
//   2. starts a webhook receiver that verifies each Standard Webhooks signature over the exact body
//      bytes, ignores a webhook-id it has seen and answers 204 at once;
//   3. has its receiver subscribed to the referral events. Subscriptions belong to the provider's
//      administrator (scope spolu/webhooks.manage, role provider-admin), not to the partner system:
//      the admin registers the receiver's URL and hands over the secret (SPOLU_WEBHOOK_SECRET), or,
//      locally, the example does the admin's step with an admin's token (SPOLU_ADMIN_TOKEN);
//   4. drafts a referral with an Idempotency-Key, posts it again with the same key (as after a
//      timeout: the same referral comes back) and sends it with the consented client data;
//   5. follows it until the receiving service accepts it: each signed webhook about its referral
//      makes it read the referral (webhooks carry no personal data), and a slower poll compares the
//      ETag in case a webhook is late; it stops at `accepted` (or a final no) or after a timeout.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { components } from '@spolu/client';
import {
  WebhookVerificationError,
  clientCredentialsToken,
  createSpoluClient,
  dataOf,
  newIdempotencyKey,
  verifyWebhook,
} from '@spolu/client';

type Referral = components['schemas']['Referral'];
type ReferralStatus = Referral['status'];
type CreateReferralBody = components['schemas']['CreateReferralBody'];
type ClientDataInput = components['schemas']['ClientDataInput'];

/** The referral events a sender follows (docs/WEBHOOKS.md, event catalogue). */
export const referralEventTypes = [
  'ReferralSent',
  'ReferralReceived',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralWaitlisted',
  'ReferralStarted',
  'ReferralCompleted',
  'ReferralCancelled',
  'ReferralExpired',
];

/** Statuses that mean the receiving service took the client (accepted, or already further on). */
const acceptedOrLater: ReferralStatus[] = ['accepted', 'in-progress', 'completed'];
/** Statuses from which it will never be accepted. */
const finalNo: ReferralStatus[] = ['declined', 'cancelled', 'expired'];

export type WebhookSetup =
  /** The provider admin already subscribed the receiver's URL and gave you the secret(s) (two during a rotation). */
  | { secrets: string[] }
  /** Subscribe the receiver once its URL is known (the admin's step; see subscribeAsProviderAdmin). */
  | { subscribe: (receiverUrl: string) => Promise<{ secret: string; subscriptionId?: string }> };

export interface PartnerOptions {
  /** The API: locally the runtime's URL (`npm start`: http://localhost:3000). */
  apiUrl: string;
  /** Locally `<apiUrl>/dev/oauth2/token`; in AWS the region's Cognito domain + /oauth2/token. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The referral to draft, and the client data to send with it (only consented fields are kept). */
  referral: CreateReferralBody & { clientData?: ClientDataInput };
  webhooks: WebhookSetup;
  /** The receiver's port (0: any free one) and address. */
  port?: number;
  host?: string;
  /** The URL Spolu calls, when it is not http://<host>:<port>/spolu/webhooks (a proxy, a tunnel). */
  publicUrl?: string;
  /** Give up after this long (default 10 minutes: a person answers the referral). */
  timeoutMs?: number;
  /** Read the referral this often even without a webhook (default 15 s). */
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

export interface VerifiedWebhook {
  webhookId: string;
  type: string;
  referralId?: string;
  status?: string;
}

export interface PartnerRun {
  referralId: string;
  /** The last status read: `accepted` (or later) when the receiving service took the client. */
  status: ReferralStatus;
  /** Every status the API answered, in order. */
  statuses: ReferralStatus[];
  /** The second POST with the same Idempotency-Key: the same referral, marked as replayed. */
  idempotentRetry: { sameReferral: boolean; replayed: boolean };
  /** Webhooks whose signature verified, each webhook-id once, in arrival order. */
  webhooks: VerifiedWebhook[];
  /** Requests refused for a bad or missing signature (401), and repeated webhook-ids (204, ignored). */
  refusedWebhooks: number;
  duplicateWebhooks: number;
  receiverUrl: string;
  subscriptionId?: string;
}

interface WebhookPayload {
  type: string;
  timestamp: string;
  data: { referralId?: unknown; status?: unknown } & Record<string, unknown>;
}

const webhookPath = '/spolu/webhooks';
const maxBodyBytes = 1_000_000;

/** The provider admin's step (in the console: Partner systems and webhooks): subscribe the partner's
 * receiver to the referral events. The answer carries the signing secret, shown only this once. */
export const subscribeAsProviderAdmin = async (o: {
  apiUrl: string;
  adminToken: string;
  receiverUrl: string;
}) => {
  const { api } = createSpoluClient({ baseUrl: o.apiUrl, token: o.adminToken, language: 'en' });
  const subscription = dataOf(
    await api.POST('/webhooks/subscriptions', {
      body: {
        url: o.receiverUrl,
        eventTypes: referralEventTypes,
        description: 'Partner example: referral status',
        enabled: true,
      },
    }),
  );
  return { secret: subscription.secret, subscriptionId: subscription.id };
};

/** The receiver: verify first (over the raw bytes), then dedupe, answer 204 at once, work after. */
const startReceiver = async (o: {
  host: string;
  port: number;
  secrets: () => string[];
  onWebhook: (webhook: VerifiedWebhook) => void;
  counts: { refused: number; duplicates: number };
}) => {
  const seen = new Set<string>(); // in production: a table with a TTL of a few days
  const verify = (body: Buffer, headers: IncomingHttpHeaders) => {
    // During a secret rotation Spolu signs with both secrets; any one you hold verifies.
    for (const secret of o.secrets()) {
      try {
        return verifyWebhook<WebhookPayload>(secret, body, headers);
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
      }
    }
    return undefined;
  };
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://receiver').pathname !== webhookPath) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBodyBytes) {
        res.writeHead(413).end();
        return;
      }
      let payload: WebhookPayload | undefined;
      try {
        payload = verify(Buffer.concat(chunks), req.headers);
      } catch {
        payload = undefined; // e.g. a malformed secret: refuse rather than crash
      }
      if (!payload) {
        o.counts.refused += 1;
        res.writeHead(401).end();
        return;
      }
      // Retries and replays reuse the webhook-id; only a verified id is remembered.
      const webhookId = String(req.headers['webhook-id']);
      if (seen.has(webhookId)) {
        o.counts.duplicates += 1;
        res.writeHead(204).end();
        return;
      }
      seen.add(webhookId);
      res.writeHead(204).end();
      const { referralId, status } = payload.data;
      setImmediate(() =>
        o.onWebhook({
          webhookId,
          type: payload.type,
          ...(typeof referralId === 'string' ? { referralId } : {}),
          ...(typeof status === 'string' ? { status } : {}),
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return server;
};

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export const runPartner = async (options: PartnerOptions): Promise<PartnerRun> => {
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';

  // 1. A token by client credentials: asked once, shared by every call, renewed before it expires.
  const token = clientCredentialsToken({
    tokenUrl: options.tokenUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  });
  await token(); // wrong credentials fail here (TokenRequestError), before anything starts
  const { api, etags } = createSpoluClient({ baseUrl: options.apiUrl, token, language: 'en' });

  // 2. The webhook receiver. Webhooks only say that something happened; the referral is read from the API.
  const secrets = 'secrets' in options.webhooks ? [...options.webhooks.secrets] : [];
  const counts = { refused: 0, duplicates: 0 };
  const webhooks: VerifiedWebhook[] = [];
  let referralId: string | undefined;
  let onOurWebhook = () => {};
  const server = await startReceiver({
    host,
    port: options.port ?? 0,
    secrets: () => secrets,
    counts,
    onWebhook: (webhook) => {
      webhooks.push(webhook);
      log(
        `webhook ${webhook.type}${webhook.referralId ? ` ${webhook.referralId}` : ''} (signature verified)`,
      );
      if (webhook.referralId !== undefined && webhook.referralId === referralId) onOurWebhook();
    },
  });
  const { port } = server.address() as AddressInfo;
  const receiverUrl = options.publicUrl ?? `http://${host}:${port}${webhookPath}`;
  log(`receiver listening: ${receiverUrl}`);

  let timer: NodeJS.Timeout | undefined;
  let poller: NodeJS.Timeout | undefined;
  try {
    // 3. The subscription (the provider admin's call) and its signing secret.
    let subscriptionId: string | undefined;
    if ('subscribe' in options.webhooks) {
      const subscribed = await options.webhooks.subscribe(receiverUrl);
      secrets.push(subscribed.secret);
      subscriptionId = subscribed.subscriptionId;
      log(`subscribed to referral events${subscriptionId ? ` (subscription ${subscriptionId})` : ''}`);
    }
    if (secrets.length === 0) throw new Error('no webhook signing secret: subscribe first');

    // 4. Draft with an Idempotency-Key; the same key again returns the same referral (nothing new).
    const { clientData, ...body } = options.referral;
    const key = newIdempotencyKey();
    const create = () => api.POST('/referrals', { body, params: { header: { 'idempotency-key': key } } });
    const draft = dataOf(await create());
    const retried = await create(); // what a retry after a timeout does
    const idempotentRetry = {
      sameReferral: dataOf(retried).id === draft.id,
      replayed: retried.response.headers.get('idempotent-replayed') === 'true',
    };
    referralId = draft.id;
    const id = draft.id;
    log(`referral ${id} drafted; retry with the same Idempotency-Key: ${JSON.stringify(idempotentRetry)}`);

    const statuses: ReferralStatus[] = [];
    let lastEtag: string | undefined;
    let finish: (status: ReferralStatus) => void = () => {};
    const finished = new Promise<ReferralStatus>((resolve) => (finish = resolve));
    const saw = (status: ReferralStatus) => {
      if (statuses.at(-1) !== status) {
        statuses.push(status);
        log(`referral ${id}: ${status}`);
      }
      if (acceptedOrLater.includes(status) || finalNo.includes(status)) finish(status);
    };
    saw(draft.status);

    // The draft goes out with the consented client data (a separate step: the lifecycle's `send`).
    // If-Match: the ETag the SDK remembered from the create.
    const sent = dataOf(
      await api.POST('/referrals/{referralId}/transitions', {
        params: { path: { referralId: id }, header: etags.ifMatchFor(`/referrals/${id}/transitions`) },
        body: { action: 'send', clientData: clientData ?? { needs: body.needCodes } },
      }),
    );
    lastEtag = etags.get(`/referrals/${id}`);
    saw(sent.status);

    // 5. Follow it: read on each webhook about it and on a slower poll; an unchanged ETag means
    // nothing changed. One read at a time; a trigger during a read asks for one more.
    let reading: Promise<void> | undefined;
    let readAgain = false;
    const read = async (): Promise<void> => {
      if (reading) {
        readAgain = true;
        return reading;
      }
      reading = (async () => {
        do {
          readAgain = false;
          const { data, response } = await api.GET('/referrals/{referralId}', {
            params: { path: { referralId: id } },
          });
          const etag = response.headers.get('etag') ?? undefined;
          if (data && (etag === undefined || etag !== lastEtag)) {
            lastEtag = etag;
            saw(data.status);
          }
        } while (readAgain);
      })().finally(() => (reading = undefined));
      return reading;
    };
    const readSoon = () =>
      void read().catch((error: unknown) =>
        log(`reading the referral failed (will retry): ${String(error)}`),
      );
    onOurWebhook = readSoon;
    poller = setInterval(readSoon, options.pollIntervalMs ?? 15_000);
    const timeoutMs = options.timeoutMs ?? 10 * 60_000;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `referral ${id} not accepted within ${timeoutMs} ms (statuses: ${statuses.join(' -> ')})`,
            ),
          ),
        timeoutMs,
      );
    });
    const status = await Promise.race([finished, timedOut]);
    return {
      referralId: id,
      status,
      statuses,
      idempotentRetry,
      webhooks,
      refusedWebhooks: counts.refused,
      duplicateWebhooks: counts.duplicates,
      receiverUrl,
      ...(subscriptionId ? { subscriptionId } : {}),
    };
  } finally {
    clearTimeout(timer);
    clearInterval(poller);
    await closeServer(server);
  }
};

/** The program: options from the environment, the outcome as JSON, exit code 0 when accepted. */
const main = async () => {
  const env = (name: string, fallback?: string) => {
    const value = process.env[name] ?? fallback;
    if (value === undefined || value === '')
      throw new Error(`set ${name} (see docs/examples/partner/README.md)`);
    return value;
  };
  const apiUrl = env('SPOLU_API_URL', 'http://localhost:3000').replace(/\/$/, '');
  const port = Number(env('PORT', '8787'));
  const givenSecrets = (process.env.SPOLU_WEBHOOK_SECRET ?? '').split(',').filter(Boolean);
  const adminToken = process.env.SPOLU_ADMIN_TOKEN;
  if (givenSecrets.length === 0 && !adminToken)
    throw new Error(
      "set SPOLU_WEBHOOK_SECRET (the secret of the provider admin's subscription to this receiver's URL) " +
        'or, locally, SPOLU_ADMIN_TOKEN (a provider admin token: the example then subscribes itself)',
    );
  const webhooks: WebhookSetup =
    givenSecrets.length > 0 || !adminToken
      ? { secrets: givenSecrets }
      : { subscribe: (receiverUrl) => subscribeAsProviderAdmin({ apiUrl, adminToken, receiverUrl }) };
  const fromServiceId = process.env.SPOLU_REFERRAL_FROM_SERVICE_ID;
  const clientData = process.env.SPOLU_REFERRAL_CLIENT_DATA;
  const run = await runPartner({
    apiUrl,
    tokenUrl: env('SPOLU_TOKEN_URL', `${apiUrl}/dev/oauth2/token`),
    clientId: env('SPOLU_CLIENT_ID'),
    clientSecret: env('SPOLU_CLIENT_SECRET'),
    referral: {
      clientId: env('SPOLU_REFERRAL_CLIENT_ID'),
      ...(fromServiceId ? { fromServiceId } : {}),
      toServiceId: env('SPOLU_REFERRAL_TO_SERVICE_ID'),
      // The API validates the codes (422 with errors[].path when one is not known).
      ageBand: env('SPOLU_REFERRAL_AGE_BAND') as CreateReferralBody['ageBand'],
      district: env('SPOLU_REFERRAL_DISTRICT') as CreateReferralBody['district'],
      targetGroup: env('SPOLU_REFERRAL_TARGET_GROUP') as CreateReferralBody['targetGroup'],
      needCodes: env('SPOLU_REFERRAL_NEEDS').split(',') as CreateReferralBody['needCodes'],
      ...(clientData ? { clientData: JSON.parse(clientData) as ClientDataInput } : {}),
    },
    webhooks,
    port,
    host: env('HOST', '127.0.0.1'),
    ...(process.env.SPOLU_WEBHOOK_URL ? { publicUrl: process.env.SPOLU_WEBHOOK_URL } : {}),
    timeoutMs: Number(env('SPOLU_TIMEOUT_SECONDS', '600')) * 1000,
    pollIntervalMs: Number(env('SPOLU_POLL_SECONDS', '15')) * 1000,
  });
  console.log(JSON.stringify(run, null, 2));
  process.exitCode = acceptedOrLater.includes(run.status) ? 0 : 1;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
