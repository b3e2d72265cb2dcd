// Who is told what: an event of another service becomes notices for the workers it concerns.
// Pure: the event's data and what the inbox knows of the provider's workers and key workers in,
// the notices (one per recipient, under the recipient's provider) out. Recipients are found by
// the service they work in, because the events name services, not people: a referral is sent to a
// service and answered by one.
import type { inbox } from '@spolu/contracts';

type Notice = inbox.Notice;

/** What the inbox keeps of a worker (directory's WorkerAdded / WorkerUpdated). */
export interface KnownWorker {
  id: string;
  providerId: string;
  roles: readonly string[];
  serviceIds: readonly string[];
  active: boolean;
}

/** A notice to one person. */
export interface Addressed {
  tenantId: string;
  userId: string;
  notice: Notice;
}

const caseWorkRoles = new Set(['worker', 'key-worker']);

/** Active people doing client work in a service (admins are not told of client work). */
export const caseWorkersOf = (workers: readonly KnownWorker[], serviceId?: string) =>
  workers.filter(
    (w) =>
      w.active &&
      w.roles.some((r) => caseWorkRoles.has(r)) &&
      (serviceId === undefined || w.serviceIds.includes(serviceId)),
  );

/** A transaction writes at most 100 items: a notice and its unread marker per person, and the
 * e-mail marker; beyond this many recipients a service is told through its first ones only. */
export const maxRecipients = 30;

const to = (tenantId: string, userIds: readonly string[], notice: Notice): Addressed[] =>
  [...new Set(userIds)].slice(0, maxRecipients).map((userId) => ({ tenantId, userId, notice }));

interface ReferralFacts {
  referralId: string;
  senderProviderId: string;
  receiverProviderId: string;
  fromServiceId?: string;
  serviceId: string;
  needCodes: string[];
  status: Notice['referralStatus'] & string;
}

const base = (eventId: string, at: string) => ({ id: eventId, at, read: false });

/** What every notice about a referral says of it, sent or answered. */
const referralFacts = (data: ReferralFacts) => ({
  referralId: data.referralId,
  referralStatus: data.status,
  serviceId: data.serviceId,
  ...(data.fromServiceId ? { fromServiceId: data.fromServiceId } : {}),
  senderProviderId: data.senderProviderId,
  receiverProviderId: data.receiverProviderId,
});

/** A referral sent to a service: everyone doing client work there is told. */
export const referralReceived = (
  eventId: string,
  at: string,
  data: ReferralFacts & { respondBy: string },
  receiverWorkers: readonly KnownWorker[],
): Addressed[] =>
  to(
    data.receiverProviderId,
    caseWorkersOf(receiverWorkers, data.serviceId).map((w) => w.id),
    {
      ...base(eventId, at),
      kind: 'referral-received',
      ...referralFacts(data),
      needCodes: data.needCodes,
      respondBy: data.respondBy,
    },
  );

/** An answer to a referral: the sending service's people are told (all of the sender's people
 * doing client work when the referral named no sending service). */
export const referralAnswered = (
  eventId: string,
  at: string,
  data: ReferralFacts & { expectedDate?: string; reason?: Notice['reason'] },
  senderWorkers: readonly KnownWorker[],
): Addressed[] =>
  to(
    data.senderProviderId,
    caseWorkersOf(senderWorkers, data.fromServiceId).map((w) => w.id),
    {
      ...base(eventId, at),
      kind: 'referral-answered',
      ...referralFacts(data),
      ...(data.expectedDate ? { expectedDate: data.expectedDate } : {}),
      ...(data.reason ? { reason: data.reason } : {}),
    },
  );

/** A withdrawn consent: the client's key workers are told (they may have shared data under it). */
export const consentWithdrawn = (
  eventId: string,
  at: string,
  tenantId: string,
  data: { clientId: string; consentId: string },
  keyWorkerIds: readonly string[],
): Addressed[] =>
  to(tenantId, keyWorkerIds, {
    ...base(eventId, at),
    kind: 'consent-withdrawn',
    clientId: data.clientId,
    consentId: data.consentId,
  });

/** A plan handed over to a new key worker: they are told. A first key worker is named by the
 * people setting up the plan, who know it already. */
export const keyWorkerAssigned = (
  eventId: string,
  at: string,
  tenantId: string,
  data: { planId: string; clientId: string; keyWorkerId: string; handover: boolean; referralId?: string },
): Addressed[] =>
  data.handover
    ? to(tenantId, [data.keyWorkerId], {
        ...base(eventId, at),
        kind: 'key-worker-assigned',
        planId: data.planId,
        clientId: data.clientId,
        ...(data.referralId ? { referralId: data.referralId } : {}),
      })
    : [];

/** A shared-care agreement started: the people of every provider in it except the one that
 * proposed it are told, each under their own provider. */
export const sharedCareStarted = (
  eventId: string,
  at: string,
  data: { sharedCareId: string; ownerProviderId: string; providerIds: readonly string[] },
  workersOf: (providerId: string) => readonly KnownWorker[],
): Addressed[] =>
  data.providerIds
    .filter((p) => p !== data.ownerProviderId)
    .flatMap((providerId) =>
      to(
        providerId,
        caseWorkersOf(workersOf(providerId)).map((w) => w.id),
        { ...base(eventId, at), kind: 'shared-care-started', sharedCareId: data.sharedCareId },
      ),
    );

/** Marking read: the notice with the time it was first read (reading again changes nothing). */
export const markedRead = (notice: Notice, at: string): Notice =>
  notice.read ? notice : { ...notice, read: true, readAt: at };
