// Overdue steps and reviews of the plans the worker is key worker of, each with the client and
// the step's own words (the worklist answers ids and dates; the plan and the client give the rest).
import { dataOf } from '@spolu/client';
import type { plans } from '@spolu/contracts';
import { useIntl } from 'react-intl';
import type * as z from 'zod';
import { Link } from 'wouter';
import { useLoad } from '../../../api/context';
import { useT } from '../../../i18n/locale';
import { Await } from '../../../ui/page';
import { clientLabel } from '../labels';

type Item = z.infer<typeof plans.WorklistItem>;

const OverdueItem = ({ item }: { item: Item }) => {
  const t = useT();
  const intl = useIntl();
  const plan = useLoad(
    (api) => api.GET('/plans/{planId}', { params: { path: { planId: item.planId } } }).then(dataOf),
    [],
    ['plan', item.planId],
  );
  const client = useLoad(
    (api) => api.GET('/clients/{clientId}', { params: { path: { clientId: item.clientId } } }).then(dataOf),
    [],
    ['client', item.clientId],
  );
  const step = plan.data?.steps.find((s) => s.id === item.stepId);
  const values = {
    client: client.data ? clientLabel(client.data) : '…',
    date: intl.formatDate(item.dueDate),
    days: item.daysOverdue,
  };
  return (
    <li className="card">
      {item.kind === 'step'
        ? t('inbox.overdueStep', { ...values, step: step?.text ?? '…' })
        : t('inbox.overdueReview', values)}{' '}
      <Link href={`/plans/${item.planId}`}>{t('inbox.openPlan')}</Link>
    </li>
  );
};

export const OverdueList = () => {
  const t = useT();
  const worklist = useLoad((api) => api.GET('/worklist').then(dataOf), [], ['worklist']);
  return (
    <Await loaded={worklist}>
      {(data) =>
        data.items.length === 0 ? (
          <p>{t('worklist.nothing')}</p>
        ) : (
          <ul className="cards">
            {data.items.map((item) => (
              <OverdueItem key={`${item.planId}-${item.kind}-${item.stepId ?? item.dueDate}`} item={item} />
            ))}
          </ul>
        )
      }
    </Await>
  );
};
