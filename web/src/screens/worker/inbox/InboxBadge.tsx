// The header's "Upozornění" link with the count of unread notices, asked every 10 s and whenever
// the tab comes back into view. A count of 0 shows no badge.
import { dataOf } from '@spolu/client';
import { useQuery } from '@tanstack/react-query';
import { useApp } from '../../../api/context';
import { useT } from '../../../i18n/locale';
import { badgePollMs, inboxKeys } from './queries';

export const useInboxSummary = () => {
  const { api } = useApp();
  return useQuery({
    queryKey: inboxKeys.summary,
    queryFn: async () => dataOf(await api.GET('/inbox/summary')),
    refetchInterval: badgePollMs,
    refetchOnWindowFocus: 'always',
  });
};

export const InboxBadge = () => {
  const t = useT();
  const { data } = useInboxSummary();
  if (!data || data.unread === 0) return null;
  const count = data.more ? `${data.unread}+` : String(data.unread);
  return (
    <span className="count-badge" role="status" aria-label={t('inbox.badge', { count: data.unread })}>
      {count}
    </span>
  );
};
