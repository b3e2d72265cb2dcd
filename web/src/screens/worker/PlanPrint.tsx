// The plan on paper, for the client's signature (issue 21 item 6): who it is for, the key worker,
// the agreement, the overall goal, each goal with its steps and dates, the review dates, and
// signature lines. Print CSS (styles.css, "Printed plan") leaves the console's header, menu and
// buttons off the page; the browser prints or saves it as PDF, so no PDF library is needed.
import { dataOf } from '@spolu/client';
import { FormattedDate } from 'react-intl';
import { Link } from 'wouter';
import { useLoad } from '../../api/context';
import { needName } from '../../i18n/values';
import { useLocale, useT } from '../../i18n/locale';
import { Await } from '../../ui/page';
import { useColleagues } from './colleagues';
import { clientLabel } from './labels';

export const PlanPrint = ({ planId }: { planId: string }) => {
  const t = useT();
  const { locale } = useLocale();
  const colleagues = useColleagues();
  const loaded = useLoad(
    async (api) => {
      const plan = dataOf(await api.GET('/plans/{planId}', { params: { path: { planId } } }));
      const path = { clientId: plan.clientId };
      const [client, agreements] = await Promise.all([
        api.GET('/clients/{clientId}', { params: { path } }).then(dataOf),
        api.GET('/clients/{clientId}/agreements', { params: { path, query: { limit: 100 } } }).then(dataOf),
      ]);
      const agreement = agreements.items.find((a) => a.id === plan.agreementId);
      return { plan, client, agreement };
    },
    [planId],
  );
  return (
    <Await loaded={loaded}>
      {({ plan, client, agreement }) => {
        const keyWorker = plan.keyWorkerId ? (colleagues.data?.nameOf(plan.keyWorkerId) ?? '') : '';
        const birth = client.identity.kind === 'named' ? client.identity.birthDate : undefined;
        return (
          <article className="plan-print" aria-labelledby="plan-print-title">
            <p className="no-print">
              <button type="button" className="primary" onClick={() => window.print()}>
                {t('planPrint.print')}
              </button>{' '}
              <Link href={`/plans/${plan.id}`}>{t('app.back')}</Link>
            </p>
            <h1 id="plan-print-title">{t('planPrint.title')}</h1>
            <dl className="plan-print-facts">
              <dt>{t('planPrint.client')}</dt>
              <dd>
                {clientLabel(client)}
                {birth && (
                  <>
                    {', '}
                    {t('planPrint.born')} <FormattedDate value={birth} />
                  </>
                )}
              </dd>
              <dt>{t('planPrint.keyWorker')}</dt>
              <dd>{keyWorker || '—'}</dd>
              <dt>{t('planPrint.agreement')}</dt>
              <dd>
                {t(`planLog.form.${plan.agreementForm}`)}
                {agreement && (
                  <>
                    , {t('planPrint.since')} <FormattedDate value={agreement.madeAt} />
                  </>
                )}
              </dd>
              <dt>{t('plan.overallGoal')}</dt>
              <dd>{plan.overallGoal ?? '—'}</dd>
              <dt>{t('planPrint.version')}</dt>
              <dd>
                {plan.version}, <FormattedDate value={plan.updatedAt} />
              </dd>
            </dl>
            <h2>{t('plan.goals')}</h2>
            {plan.goals.length === 0 && <p>{t('app.none')}</p>}
            {plan.goals.map((g, i) => (
              <section key={g.id} className="plan-print-goal">
                <h3>
                  {i + 1}. {g.text}
                </h3>
                <p>
                  {t('planPrint.goalLine', {
                    needs: g.needCodes.map((c) => needName(c, locale)).join(', '),
                    status: t(`goal.${g.status}`),
                  })}{' '}
                  <FormattedDate value={g.targetDate} />
                </p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('plan.stepText')}</th>
                      <th scope="col">{t('plan.assignee')}</th>
                      <th scope="col">{t('plan.dueDate')}</th>
                      <th scope="col">{t('plan.done')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.steps
                      .filter((s) => s.goalId === g.id)
                      .map((s) => (
                        <tr key={s.id}>
                          <td>{s.text}</td>
                          <td>{t(`plan.assignee.${s.assignee.kind}`)}</td>
                          <td>
                            <FormattedDate value={s.dueDate} />
                          </td>
                          <td>{s.done ? '✓' : ''}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </section>
            ))}
            {plan.reviewDates.length > 0 && (
              <p>
                {t('planPrint.reviews')}{' '}
                {plan.reviewDates.map((d, i) => (
                  <span key={d}>
                    {i > 0 && ', '}
                    <FormattedDate value={d} />
                  </span>
                ))}
              </p>
            )}
            <p className="plan-print-agreed">{t('planPrint.agreed')}</p>
            <div className="plan-print-signatures">
              <p>{t('planPrint.placeDate')}</p>
              <p>{t('planPrint.signClient')}</p>
              <p>{t('planPrint.signWorker')}</p>
            </div>
          </article>
        );
      }}
    </Await>
  );
};
