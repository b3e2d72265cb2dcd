// The worker's notices, newest first: new ones marked, each as a sentence with the client and a
// link to act on it (opening it marks it read), the overdue steps and reviews of their plans, and
// the e-mail preference. Fed by the inbox service's read model; the list refreshes with the badge.
import { dataOf } from '@spolu/client';
import type { inbox } from '@spolu/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Link } from 'wouter';
import { useApp, useLoad } from '../../../api/context';
import { usePagedList } from '../../../api/paged';
import { useLocale, useT } from '../../../i18n/locale';
import { needNames } from '../../../i18n/values';
import { useToast } from '../../../ui/toast';
import { Await, Page } from '../../../ui/page';
import { clientLabel } from '../labels';
import { useInboxSummary } from './InboxBadge';
import { MailPreference } from './MailPreference';
import { noticeLines } from './noticeText';
import { OverdueList } from './OverdueList';
import { inboxKeys, refreshInbox } from './queries';

type Notice = inbox.Notice;

/** The names a notice's sentence needs, each read once and cached by its record. */
const useNoticeNames = (n: Notice) => {
  const referral = useLoad(
    async (api) =>
      n.referralId
        ? dataOf(await api.GET('/referrals/{referralId}', { params: { path: { referralId: n.referralId } } }))
        : null,
    [],
    ['referral', n.referralId ?? 'none'],
  );
  const clientId = n.clientId ?? referral.data?.clientId;
  const client = useLoad(
    async (api) =>
      clientId ? dataOf(await api.GET('/clients/{clientId}', { params: { path: { clientId } } })) : null,
    [clientId],
    ['client'],
  );
  return {
    serviceName: referral.data?.toServiceName,
    clientName: client.data ? clientLabel(client.data) : undefined,
  };
};

const NoticeItem = ({ notice }: { notice: Notice }) => {
  const t = useT();
  const intl = useIntl();
  const { locale } = useLocale();
  const { api } = useApp();
  const queryClient = useQueryClient();
  const names = useNoticeNames(notice);
  const lines = noticeLines(notice, t, {
    ...names,
    formatDate: (iso) => intl.formatDate(iso),
    needNames: (codes) => needNames(codes, locale),
  });
  const markRead = async () => {
    if (notice.read) return;
    await api.POST('/inbox/{noticeId}/read', { params: { path: { noticeId: notice.id } } });
    await refreshInbox(queryClient);
  };
  return (
    <li className={notice.read ? 'card notice' : 'card notice notice-unread'}>
      {!notice.read && <span className="tag">{t('inbox.new')}</span>} <strong>{lines.headline}</strong> ·{' '}
      <time dateTime={notice.at}>{intl.formatDate(notice.at)}</time>
      {lines.details.map((d) => (
        <p key={d}>{d}</p>
      ))}
      <p className="notice-actions">
        {lines.href && (
          <Link href={lines.href} onClick={() => void markRead()}>
            {t('inbox.open')}
          </Link>
        )}
        {!notice.read && (
          <button type="button" className="link" onClick={() => void markRead()}>
            {t('inbox.markRead')}
          </button>
        )}
      </p>
    </li>
  );
};

export const Inbox = () => {
  const t = useT();
  const { api } = useApp();
  const toast = useToast();
  const queryClient = useQueryClient();
  const summary = useInboxSummary();
  const list = usePagedList(
    (a, page) => a.GET('/inbox', { params: { query: page } }),
    // A new notice (the badge's count or latest time changes) brings the list up to date.
    [summary.data?.unread, summary.data?.latestAt],
    25,
    inboxKeys.list,
  );
  const markAll = async () => {
    await api.POST('/inbox/read-all');
    await refreshInbox(queryClient);
    toast.success(t('inbox.allRead'));
  };
  return (
    <Page
      title={t('inbox.title')}
      actions={
        summary.data && summary.data.unread > 0 ? (
          <button type="button" onClick={() => void markAll()}>
            {t('inbox.markAllRead')}
          </button>
        ) : undefined
      }
    >
      <Await loaded={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('inbox.none')}</p>
          ) : (
            <ul className="cards" aria-label={t('inbox.title')}>
              {data.items.map((n) => (
                <NoticeItem key={n.id} notice={n} />
              ))}
            </ul>
          )
        }
      </Await>
      {list.more}
      <h2>{t('inbox.overdue')}</h2>
      <OverdueList />
      <MailPreference />
      <p>
        <Link href="/">{t('app.back')}</Link>
      </p>
    </Page>
  );
};
