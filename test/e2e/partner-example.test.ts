// The partner example (docs/examples/partner, issue 20 item 3) runs green against the local
// runtime: real DynamoDB Local, real HTTP, the real webhooks sender delivering to the example's
// receiver on 127.0.0.1 (WEBHOOKS_ALLOW_LOOPBACK). A provider admin registers the partner system,
// "ops" create its app client, a worker records the client and the consent; the example gets its
// token, has its receiver subscribed, posts the referral twice with one Idempotency-Key, sends it
// and follows it; the receiving service's worker accepts it when it arrives.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { referrals } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import type { PartnerRun } from '../../docs/examples/partner/partner';
import {
  referralEventTypes,
  runPartner,
  subscribeAsProviderAdmin,
} from '../../docs/examples/partner/partner';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { ActorClient } from '../../packages/local/test-support/harness';
import { actor, call } from '../../packages/local/test-support/harness';
import type { World } from '../../services/referrals/test/fixtures';
import { clientWithConsent, ifMatch, startWorld } from '../../services/referrals/test/fixtures';
import { manifest as webhooks } from '../../services/webhooks/manifest';
import { newSecret, signatureHeader, webhookHeaders } from '../../services/webhooks/src/domain/signing';

type Referral = referrals.Referral;

let rt: RegionRuntime;
let w: World;
let sender: string; // K-centrum Liberec: the partner system works for it
let worker: ActorClient; // K-centrum's worker: the client and the consent
let detox: ActorClient; // Psychiatrie Liberec's worker: answers the referral

beforeAll(async () => {
  // The example's receiver listens on 127.0.0.1.
  w = await startWorld({ manifests: [webhooks], settings: { WEBHOOKS_ALLOW_LOOPBACK: 'true' } });
  rt = w.rt;
  sender = w.provider('k-centrum-liberec');
  worker = await w.as('k-centrum-liberec/petra-hajkova');
  detox = await w.as('psychiatrie-liberec/eva-machova');
}, 180_000);
afterAll(async () => {
  await rt?.stop();
});

const scopes = ['spolu/directory.read', 'spolu/referrals.read', 'spolu/referrals.write'];

/** The provider admin registers the partner system; "ops" create its app client (docs/PARTNERS.md). */
const partnerCredentials = async () => {
  const admin = await actor(rt, { sub: newId(), tenantId: sender, roles: ['provider-admin'] });
  const registered = await admin.post<{ id: string }>('/partner-clients', {
    name: 'Evidence K-centra (partner example)',
    scopes,
  });
  expect(registered.status).toBe(201);
  await rt.settle(); // referrals learns the partner client from the directory's event
  const app = await call<{ clientId: string; clientSecret: string }>(rt, 'POST', '/dev/partner-app-clients', {
    body: { partnerClientId: registered.body.id, tenantId: sender, scopes },
  });
  expect(app.status).toBe(201);
  return { ...app.body, adminToken: admin.token };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the partner example (docs/examples/partner)', () => {
  let run: PartnerRun;
  let clientId: string;
  let forged: number;
  let genuine: number[];
  let genuineId: string;

  it('sends a referral with an Idempotency-Key and follows it to accepted, told by signed webhooks', async () => {
    ({ clientId } = await clientWithConsent(
      w,
      worker,
      w.service('k-centrum-liberec/kontaktni-centrum'),
      [w.provider('psychiatrie-liberec')],
      ['name', 'birthDate', 'needs'],
    ));
    const credentials = await partnerCredentials();
    let receiverUrl: string | undefined;
    let secret: string | undefined;
    let running = true;

    // EventBridge Scheduler's part: the webhooks sender, run again and again while the example runs.
    const scheduler = (async () => {
      while (running) {
        await rt.runSchedule('webhooks', 'sender');
        await sleep(100);
      }
    })();

    // The receiving service: a worker who accepts the referral once it is in the incoming list.
    // Before that, somebody without the secret tries the example's receiver, and the same signed
    // message comes twice.
    const receivingSide = (async () => {
      for (let i = 0; i < 600; i++) {
        const incoming = await detox.get<{ items: Referral[] }>('/referrals?direction=incoming&status=sent');
        const referral = incoming.body.items[0];
        if (referral && receiverUrl && secret) {
          const body = JSON.stringify({
            type: 'webhook.ping',
            timestamp: new Date().toISOString(),
            data: { subscriptionId: newId() },
          });
          const post = (messageId: string, key: string) => {
            const at = new Date();
            return fetch(receiverUrl!, {
              method: 'POST',
              body,
              headers: {
                'content-type': 'application/json',
                ...webhookHeaders(messageId, at, signatureHeader([{ secret: key }], messageId, at, body)),
              },
            });
          };
          forged = (await post(`msg_${newId()}`, newSecret())).status;
          genuineId = `msg_${newId()}`;
          genuine = [(await post(genuineId, secret)).status, (await post(genuineId, secret)).status];
          const accepted = await detox.post<Referral>(
            `/referrals/${referral.id}/transitions`,
            { action: 'accept', note: 'Nástup v pondělí.' },
            ifMatch(referral.version),
          );
          expect(accepted.status).toBe(200);
          return;
        }
        await sleep(100);
      }
      throw new Error('the referral never arrived');
    })();

    try {
      [run] = await Promise.all([
        runPartner({
          apiUrl: rt.url,
          tokenUrl: `${rt.url}/dev/oauth2/token`,
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
          referral: {
            clientId,
            fromServiceId: w.service('k-centrum-liberec/kontaktni-centrum'),
            toServiceId: w.service('psychiatrie-liberec/detox'),
            ageBand: '27-64',
            district: 'liberec',
            targetGroup: 'substance-users',
            needCodes: ['detox'],
            clientData: { name: 'Jana Nováková', birthDate: '1988-04-12', needs: ['detox'] },
          },
          webhooks: {
            subscribe: async (url) => {
              receiverUrl = url;
              const subscribed = await subscribeAsProviderAdmin({
                apiUrl: rt.url,
                adminToken: credentials.adminToken,
                receiverUrl: url,
              });
              secret = subscribed.secret;
              return subscribed;
            },
          },
          port: 0,
          // The webhooks decide here: the fallback poll would come only after the test is over.
          pollIntervalMs: 10 * 60_000,
          timeoutMs: 150_000,
          log: () => {},
        }),
        receivingSide,
      ]);
    } finally {
      running = false;
      await scheduler;
    }

    expect(run.status).toBe('accepted');
    expect(run.statuses).toEqual(['draft', 'sent', 'accepted']);
    expect(run.receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/spolu\/webhooks$/);
    expect(run.subscriptionId).toEqual(expect.any(String));
    // Spolu's own signed deliveries about this referral. With the poll out of the way, only such a
    // webhook made the example read the referral again, so `accepted` came through one of them
    // (ReferralSent when it arrived after the answer, otherwise ReferralAccepted).
    const aboutIt = run.webhooks.filter((h) => h.referralId === run.referralId);
    expect(aboutIt.length).toBeGreaterThanOrEqual(1);
    for (const h of aboutIt) {
      expect(referralEventTypes).toContain(h.type);
      expect(['sent', 'accepted']).toContain(h.status);
    }
  });

  it('the retry with the same Idempotency-Key returned the same referral: there is one', async () => {
    expect(run.idempotentRetry).toEqual({ sameReferral: true, replayed: true });
    const outgoing = await worker.get<{ items: Referral[] }>('/referrals?direction=outgoing&limit=100');
    expect(outgoing.status).toBe(200);
    const forClient = outgoing.body.items.filter((r) => r.clientId === clientId);
    expect(forClient.map((r) => r.id)).toEqual([run.referralId]);
    expect(forClient[0]).toMatchObject({ status: 'accepted', sharedFields: ['birthDate', 'name', 'needs'] });
  });

  it('refuses a webhook with a wrong signature (401) and does not count it; a repeated webhook-id counts once', () => {
    expect(forged).toBe(401);
    expect(run.refusedWebhooks).toBe(1);
    expect(genuine).toEqual([204, 204]);
    expect(run.webhooks.filter((h) => h.webhookId === genuineId)).toHaveLength(1);
    expect(run.duplicateWebhooks).toBeGreaterThanOrEqual(1);
  });
});
