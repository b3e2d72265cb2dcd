// The worker's shared care and handovers: agreements the provider is party to, and clients handed
// over to or from it, newest first.
import { FormattedDate, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { useSession } from '../../../api/context';
import { usePagedList } from '../../../api/paged';
import { useT } from '../../../i18n/locale';
import { Await, Page } from '../../../ui/page';
import { useRegion } from './region';

export const SharedCareList = () => {
  const t = useT();
  const session = useSession();
  const intl = useIntl();
  const region = useRegion();
  const sharedCare = usePagedList((a, page) => a.GET('/shared-care', { params: { query: page } }), []);
  const handovers = usePagedList((a, page) => a.GET('/handovers', { params: { query: page } }), []);
  const name = (id: string) => region.data?.providerName(id) ?? '…';
  return (
    <Page title={t('sharedCare.title')}>
      <p className="intro">{t('sharedCare.intro')}</p>
      <h2>{t('sharedCare.list')}</h2>
      <Await loaded={sharedCare}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('app.none')}</p>
          ) : (
            <ul className="cards">
              {items.map((sc) => (
                <li key={sc.id} className="card">
                  <Link href={`/shared-care/${sc.id}`}>
                    {sc.parties.map((p) => name(p.providerId)).join(' + ')}
                  </Link>{' '}
                  <span className="badge">{t(`sharedCare.status.${sc.status}`)}</span>
                  <br />
                  {t('sharedCare.coordinator', { name: name(sc.coordinatorProviderId) })} ·{' '}
                  {t('sharedCare.nextReview', { date: intl.formatDate(sc.nextReviewAt) })}
                </li>
              ))}
            </ul>
          )
        }
      </Await>
      {sharedCare.more}
      <h2>{t('sharedCare.handovers')}</h2>
      <Await loaded={handovers}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('app.none')}</p>
          ) : (
            <ul className="cards">
              {items.map((h) => {
                const outgoing = h.fromProviderId === session.tenantId;
                return (
                  <li key={h.id} className="card">
                    <Link href={`/handovers/${h.id}`}>
                      {t(outgoing ? 'sharedCare.direction.out' : 'sharedCare.direction.in')}:{' '}
                      {name(outgoing ? h.toProviderId : h.fromProviderId)}
                    </Link>{' '}
                    <span className="badge">{t(`sharedCare.handover.status.${h.status}`)}</span>
                    <br />
                    <FormattedDate value={h.createdAt} /> · {h.summary.goal}
                  </li>
                );
              })}
            </ul>
          )
        }
      </Await>
      {handovers.more}
    </Page>
  );
};
