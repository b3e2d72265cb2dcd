// A worker's inbox: what happened that concerns them, made from the services' events (a read model
// of the inbox service). A notice carries ids, codes and dates only, like the events it comes
// from; the console puts names and words to them from the records the worker may read anyway.
import * as z from 'zod';
import { Ulid } from '../ids';
import { IsoDate, IsoDateTime, NeedCode } from '../values';
import { ReasonCode, ReferralStatus } from '../referrals/schemas';
import { ContractMessages as M } from '../messages';

export const NoticeKind = z
  .enum([
    /** A referral was sent to one of the worker's services. */
    'referral-received',
    /** A service answered (accepted, declined, waitlisted) or let expire a referral the worker's service sent. */
    'referral-answered',
    /** A client of whom the worker is key worker withdrew a consent. */
    'consent-withdrawn',
    /** The worker became a client's key worker by a handover. */
    'key-worker-assigned',
    /** The worker's provider was made part of a shared-care agreement. */
    'shared-care-started',
  ])
  .meta({ id: 'NoticeKind' });
export type NoticeKind = z.infer<typeof NoticeKind>;

export const Notice = z
  .strictObject({
    /** The id of the event the notice was made from. */
    id: Ulid,
    kind: NoticeKind,
    at: IsoDateTime,
    read: z.boolean(),
    readAt: IsoDateTime.optional(),
    referralId: Ulid.optional(),
    referralStatus: ReferralStatus.optional(),
    /** The service the referral is for (received) or that answered (answered). */
    serviceId: Ulid.optional(),
    fromServiceId: Ulid.optional(),
    senderProviderId: Ulid.optional(),
    receiverProviderId: Ulid.optional(),
    needCodes: z.array(NeedCode).optional(),
    respondBy: IsoDateTime.optional(),
    expectedDate: IsoDate.optional(),
    reason: ReasonCode.optional(),
    clientId: Ulid.optional(),
    planId: Ulid.optional(),
    consentId: Ulid.optional(),
    sharedCareId: Ulid.optional(),
  })
  .meta({ id: 'Notice' });
export type Notice = z.infer<typeof Notice>;

export const InboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
  unread: z.enum(['true', 'false']).optional().meta({ description: '`true`: unread notices only' }),
});

/** The header badge: unread notices, counted up to `maxUnreadCounted`. */
export const maxUnreadCounted = 99;
export const InboxSummary = z
  .strictObject({
    unread: z.number().int().min(0).max(maxUnreadCounted),
    /** More unread notices than `unread` says (the badge reads "99+"). */
    more: z.boolean(),
    latestAt: IsoDateTime.optional(),
  })
  .meta({ id: 'InboxSummary' });
export type InboxSummary = z.infer<typeof InboxSummary>;

export const NoticeParams = z.strictObject({ noticeId: Ulid });

export const MarkAllReadResult = z
  .strictObject({ marked: z.number().int().min(0) })
  .meta({ id: 'MarkAllRead' });

/** Whether the worker wants an e-mail when a notice arrives while they are not in the console.
 * The e-mail names no client and no detail: only that something new is waiting. */
export const InboxPreferences = z
  .strictObject({
    emailNotices: z.boolean(),
    email: z.email().max(254).optional(),
  })
  .refine((p) => !p.emailNotices || p.email !== undefined, {
    message: M.noticeEmail,
    path: ['email'],
  })
  .meta({ id: 'InboxPreferences' });
export type InboxPreferences = z.infer<typeof InboxPreferences>;
