// The referrals the provider received and sent, newest first (by when they were sent, a draft by
// when it was made). Each row says who the client is: the sender names its own client; the
// receiver, which has no client record, reads the age band and district, and the needs in words.
import { dataOf } from '@spolu/client';
import type { referrals } from '@spolu/contracts';

import { FormattedDate } from 'react-intl';
import { Link } from 'wouter';
import { useLoad } from '../../api/context';
import { ageBandName, districtName, needNames } from '../../i18n/values';
import { useLocale, useT } from '../../i18n/locale';
import { Await, Page } from '../../ui/page';
import { clientLabel } from './labels';

const sentOrMade = (r: referrals.Referral) => r.sentAt ?? r.createdAt;
/** Newest first, whatever order the page came in. */
const newestFirst = <R extends referrals.Referral>(items: readonly R[]) =>
  [...items].sort((a, b) => sentOrMade(b).localeCompare(sentOrMade(a)));

const ReferralList = ({ direction }: { direction: 'incoming' | 'outgoing' }) => {
  const t = useT();
  const { locale } = useLocale();
  const list = useLoad(
    async (api) => {
      const page = dataOf(await api.GET('/referrals', { params: { query: { direction, limit: 50 } } }));
      // The sender's own clients by name (the receiver is never given a client id).
      const ids = [...new Set(page.items.flatMap((r) => (r.clientId ? [r.clientId] : [])))];
      const clients = await Promise.all(
        ids.map((clientId) =>
          api.GET('/clients/{clientId}', { params: { path: { clientId } } }).then(dataOf, () => undefined),
        ),
      );
      const names = new Map(clients.flatMap((c) => (c ? [[c.id, clientLabel(c)] as const] : [])));
      return { items: newestFirst(page.items), names };
    },
    [direction],
  );
  return (
    <Await loaded={list}>
      {({ items, names }) =>
        items.length === 0 ? (
          <p>{t('app.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('referrals.service')}</th>
                <th scope="col">{t('words.referral.client')}</th>
                <th scope="col">{t('referrals.needs')}</th>
                <th scope="col">{t('referrals.status')}</th>
                <th scope="col">{t('words.referral.sentAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.receiverNotice === 'consent-withdrawn' ? (
                      // Nothing to open: the client withdrew the consent it was sent under.
                      r.toServiceName
                    ) : (
                      <Link href={`/referrals/${r.id}`}>{r.toServiceName}</Link>
                    )}
                  </td>
                  <td>
                    {(r.clientId && names.get(r.clientId)) ??
                      (r.receiverNotice === 'consent-withdrawn'
                        ? '—'
                        : t('words.referral.clientOutline', {
                            ageBand: ageBandName(r.ageBand),
                            district: districtName(r.district),
                          }))}
                  </td>
                  <td>{needNames(r.needCodes, locale)}</td>
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
                    <FormattedDate value={sentOrMade(r)} />
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
