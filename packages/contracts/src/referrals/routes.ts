import { Scopes } from '../auth';
import { defineRoute } from '../http';
import { Ulid } from '../ids';
import { Page, PageQuery } from '../pagination';
import * as z from 'zod';
import {
  CreateHandoverBody,
  CreateReferralBody,
  CreateSharedCareBody,
  Handover,
  MatchQuery,
  MatchResult,
  PackageRead,
  Referral,
  ReferralListQuery,
  SharePackage,
  SharedCare,
  TransitionBody,
  UpdateSharedCareBody,
} from './schemas';

const read = [Scopes.referralsRead];
const write = [Scopes.referralsWrite];
const roles = ['worker', 'key-worker'] as const;
const tags = ['referrals'];
const client = { roles, clientData: true, tags } as const;
/** What a partner system may do for its provider, with its granted scopes (docs/PARTNERS.md):
 * match, create, send or cancel, follow, and read what is shared with it. */
const withPartner = { roles: [...roles, 'partner'], clientData: true, tags } as const;
const ReferralParams = z.strictObject({ referralId: Ulid });
const SharedCareParams = z.strictObject({ sharedCareId: Ulid });
const HandoverParams = z.strictObject({ handoverId: Ulid });

export const referralsRoutes = {
  matchServices: defineRoute({
    id: 'referrals.matchServices',
    method: 'GET',
    path: '/referral-matches',
    summary: "Ranked services of the region for a client's needs, with why each fits or does not",
    description:
      'Only services of the caller’s region are ever offered. Blocking reasons (age, district, target group, not accepting) rank a service lower; waiting time is a trade-off shown beside it.',
    scopes: read,
    roles: [...roles, 'partner'],
    query: MatchQuery,
    response: MatchResult,
    tags,
  }),
  createReferral: defineRoute({
    id: 'referrals.createReferral',
    method: 'POST',
    path: '/referrals',
    summary: 'Draft a referral to another provider’s service (or to a colleague: internal referral)',
    scopes: write,
    body: CreateReferralBody,
    response: Referral,
    status: 201,
    idempotent: true,
    ...withPartner,
  }),
  listReferrals: defineRoute({
    id: 'referrals.listReferrals',
    method: 'GET',
    path: '/referrals',
    summary: 'Referrals the caller’s provider sent or received',
    scopes: read,
    query: ReferralListQuery,
    response: Page(Referral),
    ...withPartner,
  }),
  getReferral: defineRoute({
    id: 'referrals.getReferral',
    method: 'GET',
    path: '/referrals/{referralId}',
    summary: 'A referral with its status history (who, when, why), as both providers see it',
    scopes: read,
    params: ReferralParams,
    response: Referral,
    ...withPartner,
  }),
  transitionReferral: defineRoute({
    id: 'referrals.transitionReferral',
    method: 'POST',
    path: '/referrals/{referralId}/transitions',
    summary:
      'Move a referral along its lifecycle (send, receive, accept, decline, waitlist, start, complete, cancel)',
    description:
      'The sender sends (with the client data; only consented fields are kept, frozen) and cancels; the receiver does the rest. A partner system sends and cancels for its provider; the receiving side answers through its people (or the signed inbound status messages).',
    scopes: write,
    params: ReferralParams,
    body: TransitionBody,
    response: Referral,
    requiresIfMatch: true,
    ...withPartner,
  }),
  getSharePackage: defineRoute({
    id: 'referrals.getSharePackage',
    method: 'GET',
    path: '/referrals/{referralId}/share-package',
    summary: 'The client data shared with the receiving provider, while the consent stands',
    scopes: read,
    params: ReferralParams,
    response: SharePackage,
    ...withPartner,
  }),
  listSharePackageReads: defineRoute({
    id: 'referrals.listSharePackageReads',
    method: 'GET',
    path: '/referrals/{referralId}/share-package/reads',
    summary: 'Who opened the share package, when (the sender’s view)',
    scopes: read,
    params: ReferralParams,
    query: PageQuery,
    response: Page(PackageRead),
    ...withPartner,
  }),
  createSharedCare: defineRoute({
    id: 'referrals.createSharedCare',
    method: 'POST',
    path: '/shared-care',
    summary: 'Agree shared care (společný klient): who does what, who coordinates, next joint review',
    scopes: write,
    body: CreateSharedCareBody,
    response: SharedCare,
    status: 201,
    idempotent: true,
    ...client,
  }),
  listSharedCare: defineRoute({
    id: 'referrals.listSharedCare',
    method: 'GET',
    path: '/shared-care',
    summary: 'Shared-care agreements the caller’s provider is party to',
    scopes: read,
    query: PageQuery,
    response: Page(SharedCare),
    ...client,
  }),
  getSharedCare: defineRoute({
    id: 'referrals.getSharedCare',
    method: 'GET',
    path: '/shared-care/{sharedCareId}',
    summary: 'A shared-care agreement (parties only)',
    scopes: read,
    params: SharedCareParams,
    response: SharedCare,
    ...client,
  }),
  updateSharedCare: defineRoute({
    id: 'referrals.updateSharedCare',
    method: 'PATCH',
    path: '/shared-care/{sharedCareId}',
    summary: 'Change parties (join, leave), coordinator or next review; end the agreement',
    scopes: write,
    params: SharedCareParams,
    body: UpdateSharedCareBody,
    response: SharedCare,
    requiresIfMatch: true,
    ...client,
  }),
  createHandover: defineRoute({
    id: 'referrals.createHandover',
    method: 'POST',
    path: '/handovers',
    summary: 'Hand a client’s key work to another provider with a structured summary',
    scopes: write,
    body: CreateHandoverBody,
    response: Handover,
    status: 201,
    idempotent: true,
    ...client,
  }),
  listHandovers: defineRoute({
    id: 'referrals.listHandovers',
    method: 'GET',
    path: '/handovers',
    summary:
      "Handovers the caller's provider sent or receives, newest first (the receiver sees one only while the consent stands)",
    scopes: read,
    query: PageQuery,
    response: Page(Handover),
    ...client,
  }),
  getHandover: defineRoute({
    id: 'referrals.getHandover',
    method: 'GET',
    path: '/handovers/{handoverId}',
    summary: 'A handover and its summary (the receiver only while the consent stands)',
    scopes: read,
    params: HandoverParams,
    response: Handover,
    ...client,
  }),
  confirmHandover: defineRoute({
    id: 'referrals.confirmHandover',
    method: 'POST',
    path: '/handovers/{handoverId}/confirmation',
    summary: 'The receiving key worker confirms the handover; the loop closes',
    scopes: write,
    params: HandoverParams,
    response: Handover,
    requiresIfMatch: true,
    ...{ roles: ['key-worker'] as const, clientData: true, tags },
  }),
};
