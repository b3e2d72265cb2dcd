// The consent read model: intake's ConsentGiven/ConsentWithdrawn (purpose, recipient provider,
// shareable field names). Referrals scope every share by it and re-check it on every read, so a
// withdrawal cuts the receiver's access as soon as the event arrives. Anonymisation withdraws all.
import { intakeEvents } from '@spolu/contracts';
import { eventConsumer } from '@spolu/platform';
import type { ConsentView } from '../domain/sharing';
import { mergeConsent } from '../domain/sharing';
import { withdrawalNoted } from '../domain/receiver-view';
import { createStore } from '../store';

export const handler = eventConsumer('referrals', (env) => {
  const store = createStore(env);
  return {
    ConsentGiven: async (event, { tx }) => {
      const d = intakeEvents.ConsentGiven.data.parse(event.data);
      const next: ConsentView = {
        consentId: d.consentId,
        clientId: d.clientId,
        providerId: event.tenantId,
        purpose: d.purpose,
        recipientProviderId: d.recipientProviderId,
        sharedFields: d.sharedFields ?? [],
        status: 'given',
        at: d.givenAt,
      };
      const merged = mergeConsent(await store.getConsent(event.tenantId, d.clientId, d.consentId), next);
      if (merged) store.putConsent(tx, merged);
    },
    ConsentWithdrawn: async (event, { tx }) => {
      const d = intakeEvents.ConsentWithdrawn.data.parse(event.data);
      const next: ConsentView = {
        consentId: d.consentId,
        clientId: d.clientId,
        providerId: event.tenantId,
        purpose: d.purpose,
        recipientProviderId: d.recipientProviderId,
        sharedFields: d.sharedFields ?? [],
        status: 'withdrawn',
        at: d.withdrawnAt,
      };
      const merged = mergeConsent(await store.getConsent(event.tenantId, d.clientId, d.consentId), next);
      if (!merged) return;
      store.putConsent(tx, merged);
      // The sender sees the withdrawal in the history of every referral that was sent under this
      // consent (both copies change; the receiver's list says it was withdrawn).
      for (const r of await store.referralsOfClient(event.tenantId, d.clientId)) {
        if (r.internal || r.status === 'draft' || r.consentWithdrawnAt) continue;
        const stored = await store.getPackage(event.tenantId, r.id);
        if (!stored?.consentIds.includes(d.consentId)) continue;
        store.replaceReferral(tx, withdrawalNoted(r, event.tenantId, d.withdrawnAt), r.version);
      }
    },
    ClientAnonymised: async (event, { tx }) => {
      const d = intakeEvents.ClientAnonymised.data.parse(event.data);
      for (const c of await store.consentsOf(event.tenantId, d.clientId))
        if (c.status === 'given') store.putConsent(tx, { ...c, status: 'withdrawn', at: d.anonymisedAt });
      // The sender's frozen copies of the client's data are erased too; the referral records
      // (codes and bands only) stay for the statistics.
      for (const r of await store.referralsOfClient(event.tenantId, d.clientId)) {
        const stored = await store.getPackage(event.tenantId, r.id);
        if (stored && Object.keys(stored.package.data).length > 0)
          store.putPackage(tx, event.tenantId, {
            ...stored,
            package: { ...stored.package, data: {}, sharedFields: [] },
          });
      }
    },
  };
});
