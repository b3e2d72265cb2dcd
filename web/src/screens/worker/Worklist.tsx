import { dataOf } from '@spolu/client';
import { Link } from 'wouter';
import { useLoad } from '../../api/context';
import { useLocale, useT } from '../../i18n/locale';
import { needNames } from '../../i18n/values';
import { Await, Page } from '../../ui/page';
import { FormattedDate } from 'react-intl';
import { TodayAppointments } from './TodayAppointments';
import { OverdueList } from './inbox/OverdueList';

export const Worklist = () => {
  const t = useT();
  const { locale } = useLocale();
  const waiting = useLoad(
    (api) =>
      api.GET('/referrals', { params: { query: { direction: 'incoming', status: 'sent' } } }).then(dataOf),
    [],
  );
  // Referrals the receiver can no longer act on say why, instead of vanishing: the client withdrew
  // the consent (shown without client data) or the sender cancelled (the place is free).
  const news = useLoad(
    (api) => api.GET('/referrals', { params: { query: { direction: 'incoming', limit: 100 } } }).then(dataOf),
    [],
  );
  return (
    <Page title={t('worklist.title')}>
      <TodayAppointments />
      <h2>{t('worklist.overdue')}</h2>
      <OverdueList />
      <Await loaded={news}>
        {(data) => {
          const changed = data.items.filter((r) => r.receiverNotice);
          return changed.length === 0 ? null : (
            <section aria-label={t('referralNews.title')}>
              <h2>{t('referralNews.title')}</h2>
              <ul className="cards">
                {changed.map((r) => (
                  <li key={r.id} className="card">
                    {r.receiverNotice === 'consent-withdrawn' ? (
                      <strong>{r.toServiceName}</strong>
                    ) : (
                      <Link href={`/referrals/${r.id}`}>{r.toServiceName}</Link>
                    )}{' '}
                    · <FormattedDate value={r.updatedAt} />
                    <br />
                    {t(
                      r.receiverNotice === 'consent-withdrawn'
                        ? 'referralNews.withdrawn'
                        : 'referralNews.placeFree',
                    )}
                  </li>
                ))}
              </ul>
            </section>
          );
        }}
      </Await>
      <h2>{t('worklist.referrals')}</h2>
      <Await loaded={waiting}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('app.none')}</p>
          ) : (
            <ul className="cards">
              {data.items.map((r) => (
                <li key={r.id} className="card">
                  <Link href={`/referrals/${r.id}`}>{r.toServiceName}</Link> ·{' '}
                  {needNames(r.needCodes, locale)}
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </Page>
  );
};
