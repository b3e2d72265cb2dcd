import type { plans, referrals } from '@spolu/contracts';

import type * as z from 'zod';
import { Link } from 'wouter';
import { useLoad } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Await, Page } from '../../ui/page';
import { FormattedDate } from 'react-intl';
import { TodayAppointments } from './TodayAppointments';

type Item = z.infer<typeof plans.WorklistItem>;

export const Worklist = () => {
  const t = useT();
  const worklist = useLoad((api) => api.get<{ items: Item[] }>('/worklist'), []);
  const waiting = useLoad(
    (api) =>
      api.get<{ items: referrals.Referral[] }>('/referrals', { direction: 'incoming', status: 'sent' }),
    [],
  );
  return (
    <Page title={t('worklist.title')}>
      <TodayAppointments />
      <h2>{t('worklist.overdue')}</h2>
      <Await loaded={worklist}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('worklist.nothing')}</p>
          ) : (
            <ul className="cards">
              {data.items.map((item) => (
                <li key={`${item.planId}-${item.kind}-${item.stepId ?? item.dueDate}`} className="card">
                  <strong>{t(item.kind === 'review' ? 'worklist.review' : 'worklist.step')}</strong>{' '}
                  <FormattedDate value={item.dueDate} /> —{' '}
                  <span className="overdue">{t('worklist.daysOverdue', { days: item.daysOverdue })}</span>{' '}
                  <Link href={`/plans/${item.planId}`}>{t('worklist.openPlan')}</Link>
                </li>
              ))}
            </ul>
          )
        }
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
                  <Link href={`/referrals/${r.id}`}>{r.toServiceName}</Link> · {r.needCodes.join(', ')}
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </Page>
  );
};
