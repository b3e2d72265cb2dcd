// One handover: who hands over to whom and the summary; the receiving provider's key worker
// confirms taking the client over, which closes the loop (If-Match on its version).
import { useState } from 'react';
import { FormattedDate, useIntl } from 'react-intl';
import { withEtag } from '../../../api/client';
import { useApp, useLoad, useSession } from '../../../api/context';
import { useT } from '../../../i18n/locale';
import { ProblemAlert } from '../../../ui/form';
import { Await, Page } from '../../../ui/page';
import { When } from '../clientRecords';
import { NotVisible, notVisible } from './NotVisible';
import { useRegion } from './region';

export const HandoverDetail = ({ handoverId }: { handoverId: string }) => {
  const t = useT();
  const intl = useIntl();
  const { api } = useApp();
  const session = useSession();
  const region = useRegion();
  const loaded = useLoad(
    async (a) => {
      const { body, etag } = withEtag(
        await a.GET('/handovers/{handoverId}', { params: { path: { handoverId } } }),
      );
      return { h: body, etag };
    },
    [handoverId],
  );
  const [problem, setProblem] = useState<Error>();
  const [saving, setSaving] = useState(false);
  const name = (id: string) => region.data?.providerName(id) ?? '…';
  const confirm = async (etag: string) => {
    setSaving(true);
    setProblem(undefined);
    try {
      await api.POST('/handovers/{handoverId}/confirmation', {
        params: { path: { handoverId }, header: { 'if-match': etag } },
      });
      loaded.reload();
    } catch (err) {
      setProblem(err as Error);
    } finally {
      setSaving(false);
    }
  };
  if (notVisible(loaded))
    return (
      <Page title={t('sharedCare.handover.detail')}>
        <NotVisible />
      </Page>
    );
  return (
    <Await loaded={loaded}>
      {({ h, etag }) => (
        <Page title={t('sharedCare.handover.detail')}>
          <p>
            <span className="badge">{t(`sharedCare.handover.status.${h.status}`)}</span>{' '}
            {t('sharedCare.handover.from', { name: name(h.fromProviderId) })} ·{' '}
            {t('sharedCare.handover.toName', { name: name(h.toProviderId) })} ·{' '}
            <FormattedDate value={h.createdAt} />
          </p>
          <dl className="summary">
            <dt>{t('sharedCare.handover.goal')}</dt>
            <dd>{h.summary.goal}</dd>
            <dt>{t('sharedCare.handover.progress')}</dt>
            <dd>{h.summary.progress}</dd>
            {h.summary.currentSteps.length > 0 && (
              <>
                <dt>{t('sharedCare.handover.steps')}</dt>
                <dd>
                  <ul>
                    {h.summary.currentSteps.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {h.summary.risks && (
              <>
                <dt>{t('sharedCare.handover.risks')}</dt>
                <dd>{h.summary.risks}</dd>
              </>
            )}
            {h.summary.supportNetwork && (
              <>
                <dt>{t('sharedCare.handover.support')}</dt>
                <dd>{h.summary.supportNetwork}</dd>
              </>
            )}
            {h.summary.nextAppointment && (
              <>
                <dt>{t('sharedCare.handover.nextAppointment')}</dt>
                <dd>
                  <When at={h.summary.nextAppointment} />
                </dd>
              </>
            )}
          </dl>
          {h.status === 'completed' && h.confirmedAt && (
            <p>{t('sharedCare.handover.confirmed', { at: intl.formatDate(h.confirmedAt) })}</p>
          )}
          {h.status === 'pending' &&
            h.toProviderId === session.tenantId &&
            session.roles.includes('key-worker') && (
              <div className="card">
                <p className="hint">{t('sharedCare.handover.confirmHint')}</p>
                <ProblemAlert error={problem} onReload={loaded.reload} />
                <button
                  type="button"
                  className="primary"
                  disabled={saving}
                  onClick={() => void confirm(etag)}
                >
                  {t('sharedCare.handover.confirm')}
                </button>
              </div>
            )}
        </Page>
      )}
    </Await>
  );
};
