// Signed inbound status updates from partner systems. The partner authenticates with its OAuth2
// client-credentials token (tenant and scopes) AND signs the request with its inbound secret per
// Standard Webhooks; the webhook-id is remembered so a replayed request is refused.
import { webhooksEvents as ev, webhooksRoutes as r } from '@spolu/contracts';
import { HttpProblem, forbidden, httpApi, implement, notFound } from '@spolu/platform';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { activeSecrets } from '../domain/signing';
import { createStore } from '../store';

/** Replay markers outlive the signature tolerance (5 minutes) by far. */
const replayMemoryDays = 7;

const badSignature = (detail: string) => new HttpProblem(401, 'bad-signature', 'Signature rejected', detail);

export const handler = httpApi('webhooks', (env) => {
  const store = createStore(env);
  return [
    implement(r.receiveInbound, async ({ params, body, tenant, auth, headers, rawBody, tx }) => {
      const t = tenant();
      // A partner's token names its own partner client (partner mapping); it reports only for it.
      if (auth.partnerClientId && auth.partnerClientId !== params.partnerClientId)
        throw forbidden('the token belongs to another partner client');
      const found = await store.getPartner(t, params.partnerClientId);
      if (!found) throw notFound('partner client');
      if (found.partner.status !== 'active') throw forbidden('the partner client is revoked');
      const secrets = activeSecrets(found.inboundSecrets, env.now());
      if (secrets.length === 0) throw forbidden('no inbound secret was issued for this partner client');
      const signed = {
        'webhook-id': headers['webhook-id'] ?? '',
        'webhook-timestamp': headers['webhook-timestamp'] ?? '',
        'webhook-signature': headers['webhook-signature'] ?? '',
      };
      // The library checks the signature over the exact bytes and the timestamp tolerance.
      const verified = secrets.some((s) => {
        try {
          new Webhook(s.secret).verify(rawBody ?? '', signed);
          return true;
        } catch (err) {
          if (err instanceof WebhookVerificationError) return false;
          throw err;
        }
      });
      if (!verified) throw badSignature('missing, invalid or stale webhook signature');
      const msgId = signed['webhook-id'];
      if (msgId.length > 128) throw badSignature('webhook-id too long');
      const receivedAt = env.now().toISOString();
      store.rememberInbound(
        tx,
        t,
        found.partner.id,
        msgId,
        Math.floor(env.now().getTime() / 1000) + replayMemoryDays * 86400,
        body,
      );
      tx.emit(ev.PartnerStatusReported, {
        tenantId: t,
        subject: { type: body.data.subjectType, id: body.data.subjectId, revision: 1 },
        data: {
          partnerClientId: found.partner.id,
          status: body.type,
          subjectType: body.data.subjectType,
          subjectId: body.data.subjectId,
          occurredAt: body.data.occurredAt,
        },
      });
      return {
        status: 202,
        body: { id: msgId, partnerClientId: found.partner.id, type: body.type, receivedAt },
      };
    }),
  ];
});
