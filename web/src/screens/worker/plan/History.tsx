// Every change of the plan is a version (000): the list of versions and, for one, what changed
// against the version before it.
import type { components } from '@spolu/client';
import { dataOf } from '@spolu/client';
import type { plans } from '@spolu/contracts';
import { useState } from 'react';
import { FormattedDate, useIntl } from 'react-intl';
import { useLoad } from '../../../api/context';
import type { MessageId } from '../../../i18n/cs';
import { cs } from '../../../i18n/cs';
import { useT } from '../../../i18n/locale';
import { Await } from '../../../ui/page';
import { changeLog } from './changeLog';

const noChanges: components['schemas']['PlanDiff'] = { from: 1, to: 1, changes: [] };

export const History = ({ plan }: { plan: plans.Plan }) => {
  const t = useT();
  const intl = useIntl();
  const date = (iso: string) =>
    iso
      ? intl.formatDate(
          iso,
          iso.length > 10 ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
        )
      : '';
  const versions = useLoad(
    (api) =>
      api
        .GET('/plans/{planId}/versions', { params: { path: { planId: plan.id }, query: { limit: 50 } } })
        .then(dataOf),
    [plan.id, plan.version],
  );
  const [shown, setShown] = useState<number>();
  const changeName = (change: string) => {
    const id = `planWork.change.${change}`;
    return id in cs ? t(id as MessageId) : change;
  };
  const diff = useLoad(
    (api) =>
      shown && shown > 1
        ? api
            .GET('/plans/{planId}/diff', {
              params: { path: { planId: plan.id }, query: { from: shown - 1, to: shown } },
            })
            .then(dataOf)
        : Promise.resolve(noChanges),
    [plan.id, shown],
  );
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t('plan.history')}</h2>
      <Await loaded={versions}>
        {(v) => (
          // Newest first: the last change is what the key worker and the client talk about.
          <ol className="timeline" reversed>
            {[...v.items]
              .sort((a, b) => b.version - a.version)
              .map((item) => (
                <li key={item.version} value={item.version}>
                  <button
                    type="button"
                    className="link"
                    aria-expanded={shown === item.version}
                    onClick={() => setShown(item.version)}
                  >
                    {t('plan.version', { version: item.version })}
                  </button>{' '}
                  {changeName(item.change)} ·{' '}
                  <FormattedDate value={item.at} dateStyle="medium" timeStyle="short" />
                  {shown === item.version && diff.data && (
                    <ul className="diff" aria-label={t('plan.diff')}>
                      {changeLog(diff.data.changes, { t, date, plan }).map((sentence) => (
                        <li key={sentence}>{sentence}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
          </ol>
        )}
      </Await>
    </section>
  );
};
