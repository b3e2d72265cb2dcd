// The referrals service's only DynamoDB access. Single table; every tenant's item key starts with
// the tenant id. A referral is visible to exactly two tenants: the sender's item and the
// receiver's copy are written in one transaction, so each side reads its own partition only.
//   referral:        pk T#REFERRAL#<id>     sk REFERRAL     gsi1 T#REFERRALS / <createdAt>#<id>
//                    (sender's item also: gsi2 REGION#<r>#OPEN-REFERRALS / <respondBy>#<id> while
//                    it awaits an answer — the sparse index the hourly expiry reads)
//   share package:   pk S#REFERRAL#<id>     sk PACKAGE      (sender's partition only)
//   package reads:   pk S#REFERRAL#<id>     sk READ#<at>#<id>
//   consent view:    pk S#CONSENTS#<clientId> sk CONSENT#<consentId>
//   shared care:     pk P#SHAREDCARE#<id>   sk SHAREDCARE   gsi1 P#SHAREDCARE / <createdAt>#<id>  (one copy per party)
//   handover:        pk P#HANDOVER#<id>     sk HANDOVER     gsi1 P#HANDOVERS / <createdAt>#<id>
//                    (sender's item and receiver's copy)
//   service view:    pk <providerId>#SERVICE#<id> sk SERVICE gsi1 REGION#<r>#SERVICES / <id>
//                    (directory data is region-wide, like the directory's own region lists)
//   partner client:  pk P#PARTNER-CLIENT#<id> sk PARTNER-CLIENT  (status, from directory events)
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RegionCode, referrals } from '@spolu/contracts';
import { newId } from '@spolu/contracts';
import type { RuntimeEnv, UnitOfWork } from '@spolu/platform';
import { entityItem, getData, preconditionFailed, queryPage } from '@spolu/platform';
import type { StoredHandover } from './domain/handover';
import type { ConsentView } from './domain/sharing';

type Referral = referrals.Referral;
type StoredReferral = Omit<Referral, 'clientId'> & { clientId: string };

export const keys = {
  referral: (t: string, id: string) => ({ pk: `${t}#REFERRAL#${id}`, sk: 'REFERRAL' }),
  referrals: (t: string) => `${t}#REFERRALS`,
  sharePackage: (s: string, id: string) => ({ pk: `${s}#REFERRAL#${id}`, sk: 'PACKAGE' }),
  packageReads: (s: string, id: string) => `${s}#REFERRAL#${id}`,
  consents: (s: string, clientId: string) => `${s}#CONSENTS#${clientId}`,
  consent: (s: string, clientId: string, consentId: string) => ({
    pk: `${s}#CONSENTS#${clientId}`,
    sk: `CONSENT#${consentId}`,
  }),
  sharedCare: (p: string, id: string) => ({ pk: `${p}#SHAREDCARE#${id}`, sk: 'SHAREDCARE' }),
  sharedCares: (p: string) => `${p}#SHAREDCARE`,
  handover: (p: string, id: string) => ({ pk: `${p}#HANDOVER#${id}`, sk: 'HANDOVER' }),
  handovers: (p: string) => `${p}#HANDOVERS`,
  service: (providerId: string, id: string) => ({ pk: `${providerId}#SERVICE#${id}`, sk: 'SERVICE' }),
  regionServices: (region: RegionCode) => `REGION#${region}#SERVICES`,
  openReferrals: (region: RegionCode) => `REGION#${region}#OPEN-REFERRALS`,
  partnerClient: (p: string, id: string) => ({ pk: `${p}#PARTNER-CLIENT#${id}`, sk: 'PARTNER-CLIENT' }),
};

/** What referrals knows of a provider's partner system: whether it may still act (directory events). */
export interface PartnerClientView {
  id: string;
  providerId: string;
  status: 'active' | 'revoked';
  revision: number;
}

/** A handover copy's place in its provider's list (GET /handovers), newest first. Also used by the
 * backfill of handovers stored before these keys existed (src/migrations.ts). */
export const handoverListKeys = (p: string, h: { id: string; createdAt: string }) => ({
  gsi1pk: keys.handovers(p),
  gsi1sk: `${h.createdAt}#${h.id}`,
});

const awaitsAnswer = (r: Referral) => r.status === 'sent' || r.status === 'received';

export interface StoredPackage {
  package: referrals.SharePackage;
  consentIds: string[];
  internal: boolean;
  clientId: string;
}

export const createStore = (env: RuntimeEnv) => {
  const referralItems = (r: StoredReferral) => {
    const tenants = [...new Set([r.senderProviderId, r.receiverProviderId])];
    return tenants.map((t) => {
      const data: Referral = t === r.senderProviderId ? r : { ...r, clientId: undefined };
      const open =
        t === r.senderProviderId && awaitsAnswer(r) && r.respondBy
          ? { gsi2pk: keys.openReferrals(env.region), gsi2sk: `${r.respondBy}#${r.id}` }
          : {};
      return entityItem(
        { ...keys.referral(t, r.id), gsi1pk: keys.referrals(t), gsi1sk: `${r.createdAt}#${r.id}`, ...open },
        'referral',
        JSON.parse(JSON.stringify(data)) as Referral,
      );
    });
  };

  return {
    getReferral: (t: string, id: string) => getData<Referral>(env, keys.referral(t, id)),
    /** The sender's item holds the client id; the receiver's copy never does. */
    getOwnedReferral: (t: string, id: string) => getData<StoredReferral>(env, keys.referral(t, id)),
    createReferral: (tx: UnitOfWork, r: StoredReferral) => {
      for (const item of referralItems(r)) tx.create(item);
    },
    /** Both copies change together, each only if nobody changed it since `expected`. */
    replaceReferral: (tx: UnitOfWork, r: StoredReferral, expected: number) => {
      for (const item of referralItems(r)) tx.replace(item, expected);
    },
    listReferrals: (t: string, page: { limit: number; cursor?: string }, filter?: (r: Referral) => boolean) =>
      queryPage<Referral>(
        env,
        { index: 'gsi1', partition: keys.referrals(t), newestFirst: true, ...page },
        filter,
      ),
    /** The tenant's referrals of one client (sent by it): for erasure after anonymisation. */
    referralsOfClient: async (t: string, clientId: string) => {
      const found: StoredReferral[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage<StoredReferral>(
          env,
          { index: 'gsi1', partition: keys.referrals(t), limit: 100, cursor },
          (r) => r.clientId === clientId && r.senderProviderId === t,
        );
        found.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return found;
    },
    /** Referrals awaiting an answer whose response period ended before `now` (all tenants). */
    overdueReferrals: async (now: Date) => {
      const out = await env.ddb.send(
        new QueryCommand({
          TableName: env.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
          ExpressionAttributeValues: {
            ':pk': keys.openReferrals(env.region),
            ':now': `${now.toISOString()}#~`,
          },
          Limit: 200,
        }),
      );
      return (out.Items ?? []).map((i) => i.data as StoredReferral);
    },

    putPackage: (tx: UnitOfWork, senderId: string, p: StoredPackage) =>
      tx.put({ ...keys.sharePackage(senderId, p.package.referralId), entity: 'share-package', data: p }),
    getPackage: (senderId: string, referralId: string) =>
      getData<StoredPackage>(env, keys.sharePackage(senderId, referralId)),
    recordPackageRead: (tx: UnitOfWork, senderId: string, referralId: string, read: referrals.PackageRead) =>
      tx.put({
        pk: keys.packageReads(senderId, referralId),
        sk: `READ#${read.at}#${newId()}`,
        entity: 'share-package-read',
        data: read,
      }),
    listPackageReads: (senderId: string, referralId: string, page: { limit: number; cursor?: string }) =>
      queryPage<referrals.PackageRead>(env, {
        partition: keys.packageReads(senderId, referralId),
        skPrefix: 'READ#',
        newestFirst: true,
        ...page,
      }),

    consentsOf: async (senderId: string, clientId: string) =>
      (await queryPage<ConsentView>(env, { partition: keys.consents(senderId, clientId), limit: 100 })).items,
    getConsent: (senderId: string, clientId: string, consentId: string) =>
      getData<ConsentView>(env, keys.consent(senderId, clientId, consentId)),
    putConsent: (tx: UnitOfWork, c: ConsentView) =>
      tx.put({ ...keys.consent(c.providerId, c.clientId, c.consentId), entity: 'consent-view', data: c }),

    /** Write the agreement to each party's partition. `expected`: the caller's copy must still
     * be at this version (412 otherwise); the other copies follow it. */
    putSharedCare: (
      tx: UnitOfWork,
      sc: referrals.SharedCare,
      providerIds: string[],
      opts: { caller?: string; expected?: number } = {},
    ) => {
      for (const p of providerIds) {
        const item = entityItem(
          { ...keys.sharedCare(p, sc.id), gsi1pk: keys.sharedCares(p), gsi1sk: `${sc.createdAt}#${sc.id}` },
          'shared-care',
          JSON.parse(JSON.stringify(sc)) as referrals.SharedCare,
        );
        if (opts.expected === undefined) tx.create(item);
        else if (p === opts.caller) tx.replace(item, opts.expected);
        else tx.put(item);
      }
    },
    /** A party that left keeps nothing: its copy is deleted in the same transaction. */
    dropSharedCare: (tx: UnitOfWork, providerId: string, id: string, expected?: number) =>
      tx.delete(
        keys.sharedCare(providerId, id),
        expected === undefined
          ? {}
          : { condition: 'version = :v', values: { ':v': expected }, onConditionFailed: preconditionFailed },
      ),
    getSharedCare: (p: string, id: string) => getData<referrals.SharedCare>(env, keys.sharedCare(p, id)),
    listSharedCare: (p: string, page: { limit: number; cursor?: string }) =>
      queryPage<referrals.SharedCare>(env, {
        index: 'gsi1',
        partition: keys.sharedCares(p),
        newestFirst: true,
        ...page,
      }),

    putHandover: (tx: UnitOfWork, h: StoredHandover, expected?: number) => {
      for (const p of [...new Set([h.fromProviderId, h.toProviderId])]) {
        // Every copy keeps the client id for the consent check; responses show it to the sender only.
        const item = entityItem(
          { ...keys.handover(p, h.id), ...handoverListKeys(p, h) },
          'handover',
          JSON.parse(JSON.stringify(h)) as typeof h,
        );
        if (expected === undefined) tx.create(item);
        else tx.replace(item, expected);
      }
    },
    getHandover: (p: string, id: string) => getData<StoredHandover>(env, keys.handover(p, id)),
    listHandovers: (p: string, page: { limit: number; cursor?: string }) =>
      queryPage<StoredHandover>(env, {
        index: 'gsi1',
        partition: keys.handovers(p),
        newestFirst: true,
        ...page,
      }),

    getService: (providerId: string, id: string) =>
      getData<referrals.ServiceView>(env, keys.service(providerId, id)),
    findService: async (id: string) => {
      const page = await queryPage<referrals.ServiceView>(env, {
        index: 'gsi1',
        partition: keys.regionServices(env.region),
        limit: 1,
        skPrefix: id,
      });
      return page.items[0];
    },
    regionServices: async () => {
      const all: referrals.ServiceView[] = [];
      let cursor: string | undefined;
      do {
        const page = await queryPage<referrals.ServiceView>(env, {
          index: 'gsi1',
          partition: keys.regionServices(env.region),
          limit: 100,
          cursor,
        });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
    putService: (tx: UnitOfWork, s: referrals.ServiceView) =>
      tx.put({
        ...keys.service(s.providerId, s.id),
        gsi1pk: keys.regionServices(s.region),
        gsi1sk: s.id,
        entity: 'service-view',
        data: s,
      }),
    getPartnerClient: (providerId: string, id: string) =>
      getData<PartnerClientView>(env, keys.partnerClient(providerId, id)),
    putPartnerClient: (tx: UnitOfWork, p: PartnerClientView) =>
      tx.put({ ...keys.partnerClient(p.providerId, p.id), entity: 'partner-client-view', data: p }),
  };
};
export type Store = ReturnType<typeof createStore>;
