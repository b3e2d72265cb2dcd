// One shared-care agreement: the parties and what each does, the coordinator, the next joint
// review; a party can move the review date or end the agreement (If-Match on its version).
import { referrals } from '@spolu/contracts';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { withEtag } from '../../../api/client';
import { useApp, useLoad } from '../../../api/context';
import { useT } from '../../../i18n/locale';
import { DateField } from '../../../ui/fields';
import { ProblemAlert, SubmitButton, useSubmit } from '../../../ui/form';
import { Await, Page } from '../../../ui/page';
import { SavedNote } from '../clientRecords';
import { NotVisible, notVisible } from './NotVisible';
import { useRegion } from './region';

export const SharedCareDetail = ({ sharedCareId }: { sharedCareId: string }) => {
  const t = useT();
  const intl = useIntl();
  const { api } = useApp();
  const region = useRegion();
  const loaded = useLoad(
    async (a) => {
      const { body, etag } = withEtag(
        await a.GET('/shared-care/{sharedCareId}', { params: { path: { sharedCareId } } }),
      );
      return { sc: body, etag };
    },
    [sharedCareId],
  );
  const [nextReviewAt, setNextReviewAt] = useState('');
  const [saved, setSaved] = useState<string>();
  const { submit, errors, problem, saving } = useSubmit(referrals.UpdateSharedCareBody, (body) =>
    api.PATCH('/shared-care/{sharedCareId}', {
      params: { path: { sharedCareId }, header: { 'if-match': loaded.data?.etag ?? '' } },
      body,
    }),
  );
  const change = async (body: unknown) => {
    setSaved(undefined);
    if (await submit(body)) {
      setSaved(t('sharedCare.updated'));
      loaded.reload();
    }
  };
  const name = (id: string) => region.data?.providerName(id) ?? '…';
  if (notVisible(loaded))
    return (
      <Page title={t('sharedCare.detail.title')}>
        <NotVisible />
      </Page>
    );
  return (
    <Await loaded={loaded}>
      {({ sc }) => (
        <Page
          title={`${t('sharedCare.detail.title')}: ${sc.parties.map((p) => name(p.providerId)).join(' + ')}`}
        >
          <SavedNote message={saved} />
          <p>
            <span className="badge">{t(`sharedCare.status.${sc.status}`)}</span>{' '}
            {t('sharedCare.coordinator', { name: name(sc.coordinatorProviderId) })} ·{' '}
            {t('sharedCare.nextReview', { date: intl.formatDate(sc.nextReviewAt) })}
          </p>
          <h2>{t('sharedCare.parties')}</h2>
          <ul className="cards">
            {sc.parties.map((p) => (
              <li key={p.providerId} className="card">
                <strong>{name(p.providerId)}</strong>
                <br />
                {p.responsibilities}
                <br />
                {[p.contact.name, p.contact.phone, p.contact.email].filter(Boolean).join(' · ')}
              </li>
            ))}
          </ul>
          {sc.status === 'active' ? (
            <div className="grid">
              <form
                className="card"
                noValidate
                aria-labelledby="change-review"
                onSubmit={(e) => {
                  e.preventDefault();
                  void change({ nextReviewAt: nextReviewAt || sc.nextReviewAt });
                }}
              >
                <h3 id="change-review">{t('sharedCare.changeReview')}</h3>
                <ProblemAlert error={problem} onReload={loaded.reload} />
                <DateField
                  label={t('sharedCare.reviewDate')}
                  error={errors.nextReviewAt}
                  value={nextReviewAt || sc.nextReviewAt}
                  onChange={setNextReviewAt}
                />
                <SubmitButton saving={saving} label={t('sharedCare.changeReview')} />
              </form>
              <div className="card">
                <button type="button" onClick={() => void change({ status: 'ended' })} disabled={saving}>
                  {t('sharedCare.end')}
                </button>
              </div>
            </div>
          ) : (
            <p>{t('sharedCare.ended')}</p>
          )}
        </Page>
      )}
    </Await>
  );
};
