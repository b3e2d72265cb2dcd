import { dataOf } from '@spolu/client';

import { FormattedDate } from 'react-intl';
import { Link } from 'wouter';
import { useLoad } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Await, Page } from '../../ui/page';

const ReferralList = ({ direction }: { direction: 'incoming' | 'outgoing' }) => {
  const t = useT();
  const list = useLoad(
    (api) => api.GET('/referrals', { params: { query: { direction, limit: 50 } } }).then(dataOf),
    [direction],
  );
  return (
    <Await loaded={list}>
      {(data) =>
        data.items.length === 0 ? (
          <p>{t('app.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('referrals.service')}</th>
                <th scope="col">{t('referrals.needs')}</th>
                <th scope="col">{t('referrals.status')}</th>
                <th scope="col">{t('referrals.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.receiverNotice === 'consent-withdrawn' ? (
                      // Nothing to open: the client withdrew the consent it was sent under.
                      r.toServiceName
                    ) : (
                      <Link href={`/referrals/${r.id}`}>{r.toServiceName}</Link>
                    )}
                  </td>
                  <td>{r.needCodes.join(', ')}</td>
                  <td>
                    <span className={`badge status-${r.status}`}>{t(`referral.status.${r.status}`)}</span>
                    {r.receiverNotice && (
                      <>
                        {' '}
                        <span className="badge">{t(`referralNews.notice.${r.receiverNotice}`)}</span>
                      </>
                    )}
                  </td>
                  <td>
                    <FormattedDate value={r.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Await>
  );
};

export const Referrals = () => {
  const t = useT();
  return (
    <Page title={t('referrals.title')}>
      <h2>{t('referrals.received')}</h2>
      <ReferralList direction="incoming" />
      <h2>{t('referrals.sent')}</h2>
      <ReferralList direction="outgoing" />
    </Page>
  );
};
