// Shared by the referral handlers: loading a referral as one of its two providers (404 for anyone
// else), the consent check behind every read of shared client data, and the facts events carry.
import type { referrals } from '@spolu/contracts';
import type { AuthContext, RuntimeEnv } from '@spolu/platform';
import { forbidden, notFound, tenantOf } from '@spolu/platform';
import { accessStands } from '../domain/sharing';
import type { Store } from '../store';

type Referral = referrals.Referral;

export const helpers = (env: RuntimeEnv, store: Store) => {
  /** Whether the receiver may still read what the client shared (re-checked on every read). */
  const shareStands = async (senderId: string, clientId: string, consentIds: string[], internal: boolean) =>
    internal || accessStands(await store.consentsOf(senderId, clientId), consentIds);

  /** The receiver loses the whole referral (not only the package) once a consent it was sent
   * under is withdrawn. A referral sent without shared data never depended on consent. */
  const receiverMaySee = async (r: Referral, t: string) => {
    if (r.senderProviderId === t || r.internal) return true;
    const stored = await store.getPackage(r.senderProviderId, r.id);
    if (!stored || stored.consentIds.length === 0) return true;
    return shareStands(r.senderProviderId, stored.clientId, stored.consentIds, false);
  };

  /** The caller's own copy of the referral; a third provider has none, and a receiver after
   * consent withdrawal may not see it: both get 404. */
  const visibleReferral = async (t: string, id: string) => {
    const r = await store.getOwnedReferral(t, id);
    if (!r || !(await receiverMaySee(r, t))) throw notFound('referral');
    return r;
  };

  /** A partner system acts only while its provider keeps it registered and active in the directory
   * (known here from directory events): a revoked partner is refused at once, whatever its token. */
  const partnerMayAct = async (auth: AuthContext) => {
    if (!auth.partnerClientId) return;
    const partner = await store.getPartnerClient(tenantOf(auth), auth.partnerClientId);
    if (!partner) throw forbidden('the partner client is not registered with this provider');
    if (partner.status !== 'active') throw forbidden('the partner client is revoked');
  };

  /** The sender's item (with the client id): the one both copies are rebuilt from. */
  const senderItem = async (r: Referral) => {
    const owned = await store.getOwnedReferral(r.senderProviderId, r.id);
    if (!owned) throw notFound('referral');
    return owned;
  };

  const facts = (r: Referral, previousStatus: referrals.ReferralStatus) => ({
    referralId: r.id,
    senderProviderId: r.senderProviderId,
    receiverProviderId: r.receiverProviderId,
    fromServiceId: r.fromServiceId,
    serviceId: r.toServiceId,
    serviceType: r.toServiceType,
    internal: r.internal,
    district: r.district,
    ageBand: r.ageBand,
    targetGroup: r.targetGroup,
    needCodes: r.needCodes,
    subjectKey: r.subjectKey,
    status: r.status,
    previousStatus,
    at: r.updatedAt,
    sentAt: r.sentAt,
  });

  /** A provider's name as the region's directory gives it (from any of its services). */
  const providerName = async (providerId: string, serviceId?: string) => {
    const known = serviceId ? await store.getService(providerId, serviceId) : undefined;
    if (known) return known.providerName;
    return (await store.regionServices()).find((s) => s.providerId === providerId)?.providerName;
  };

  const now = () => env.now();
  return {
    visibleReferral,
    receiverMaySee,
    senderItem,
    shareStands,
    facts,
    now,
    partnerMayAct,
    providerName,
  };
};
