// A notice as one Czech (or English) sentence, from the notice and the names the worker may read
// (the referral's service, the sender's own client). Pure, so every kind is unit-tested.
import type { inbox } from '@spolu/contracts';
import type { MessageId } from '../../../i18n/cs';

type Notice = inbox.Notice;
type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

export interface NoticeContext {
  /** The referral's receiving service, as the referral names it. */
  serviceName?: string;
  /** The client as the worker's own provider knows them (name or code). */
  clientName?: string;
  formatDate: (iso: string) => string;
  /** Need codes in the person's words. */
  needNames: (codes: readonly string[]) => string;
}

export interface NoticeLines {
  headline: string;
  details: string[];
  /** Where the worker acts on it. */
  href?: string;
}

const answered = (n: Notice, t: Translate, c: NoticeContext): string => {
  const values = { client: c.clientName ?? t('inbox.someClient'), service: c.serviceName ?? '' };
  switch (n.referralStatus) {
    case 'accepted':
      return t('inbox.answered.accepted', values);
    case 'declined':
      return t('inbox.answered.declined', { ...values, reason: n.reason ? t(`reason.${n.reason}`) : '' });
    case 'waitlisted':
      return t('inbox.answered.waitlisted', {
        ...values,
        date: n.expectedDate ? c.formatDate(n.expectedDate) : '',
      });
    case 'expired':
      return t('inbox.answered.expired', values);
    default:
      return t('inbox.answered.other', {
        ...values,
        status: n.referralStatus ? t(`referral.status.${n.referralStatus}`) : '',
      });
  }
};

export const noticeLines = (n: Notice, t: Translate, c: NoticeContext): NoticeLines => {
  const client = c.clientName ?? t('inbox.someClient');
  switch (n.kind) {
    case 'referral-received':
      return {
        // The referral may no longer be readable (the client withdrew the consent it was sent under).
        headline: c.serviceName
          ? t('inbox.received', { service: c.serviceName })
          : t('inbox.receivedAnyService'),
        details: [
          ...(n.needCodes?.length ? [t('inbox.receivedNeeds', { needs: c.needNames(n.needCodes) })] : []),
          ...(n.respondBy ? [t('inbox.respondBy', { date: c.formatDate(n.respondBy) })] : []),
        ],
        href: `/referrals/${n.referralId}`,
      };
    case 'referral-answered':
      return { headline: answered(n, t, c), details: [], href: `/referrals/${n.referralId}` };
    case 'consent-withdrawn':
      return {
        headline: t('inbox.consentWithdrawn', { client }),
        details: [],
        href: `/clients/${n.clientId}/consents`,
      };
    case 'key-worker-assigned':
      return { headline: t('inbox.keyWorker', { client }), details: [], href: `/plans/${n.planId}` };
    case 'shared-care-started':
      return { headline: t('inbox.sharedCare'), details: [], href: `/shared-care/${n.sharedCareId}` };
  }
};
