// The individual plan: the overall goal, goals in the client's words, time-bound steps, reviews,
// session contracts, key worker, support network, recovery phase, closure and the version
// history, each section in ./plan. Every change sends the ETag the worker loaded; if someone else changed the plan
// meanwhile the API answers 412 and the form keeps what was typed until the worker reloads.
import { useState } from 'react';
import { FormattedDate, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { ClientBrief } from './ClientHeader';
import { Closure } from './plan/Closure';
import { AddGoal, AddStep, MarkStepDone } from './plan/GoalsAndSteps';
import { AddReview } from './plan/Review';
import { History } from './plan/History';
import { PlanSavedContext } from './plan/planChange';
import { KeyWorker } from './plan/KeyWorker';
import { OverallGoal } from './plan/OverallGoal';
import { RecoveryPhase } from './plan/RecoveryPhase';
import { Sessions } from './plan/Sessions';
import { SupportNetwork } from './plan/SupportNetwork';
import { withEtag } from '../../api/client';
import { useLoad } from '../../api/context';
import { needName } from '../../i18n/values';
import { useLocale, useT } from '../../i18n/locale';
import { Await, Page } from '../../ui/page';

export const PlanScreen = ({ planId }: { planId: string }) => {
  const t = useT();
  const { locale } = useLocale();
  const intl = useIntl();
  // The goal just added (its id comes back from POST): the step form offers it first.
  const [newGoalId, setNewGoalId] = useState<string>();
  const loaded = useLoad(
    async (api) => {
      const { body, etag } = withEtag(await api.GET('/plans/{planId}', { params: { path: { planId } } }));
      return { plan: body, etag };
    },
    [planId],
  );
  return (
    <PlanSavedContext.Provider value={loaded.set}>
      <Await loaded={loaded}>
        {(data) => {
          const { plan } = data;
          const change = { loaded: data, onSaved: loaded.reload, onReload: loaded.reload };
          return (
            <Page
              title={t('plan.title')}
              actions={
                <>
                  <Link href={`/clients/${plan.clientId}`}>{t('file.title')}</Link>{' '}
                  <Link href={`/plans/${plan.id}/print`}>{t('planPrint.link')}</Link>
                </>
              }
            >
              <ClientBrief clientId={plan.clientId} keyWorkerId={plan.keyWorkerId ?? undefined} />
              <p>
                {t('plan.version', { version: plan.version })} · {t('plan.overallGoal')}:{' '}
                {plan.overallGoal ?? '—'}
              </p>
              {plan.closed && (
                <p className="alert alert-warning" role="status">
                  {t('planWork.closed', {
                    reason: t(`planWork.close.reason.${plan.closed.reason}`),
                    at: intl.formatDate(plan.closed.at),
                  })}
                </p>
              )}
              {plan.status === 'open' && <OverallGoal {...change} />}
              <h2>{t('plan.goals')}</h2>
              {plan.goals.length === 0 ? (
                <p>{t('app.none')}</p>
              ) : (
                <ul className="cards">
                  {plan.goals.map((g) => (
                    <li key={g.id} className="card">
                      <strong>{g.text}</strong>{' '}
                      <span className={`badge goal-${g.status}`}>{t(`goal.${g.status}`)}</span>
                      <br />
                      {g.needCodes.map((c) => needName(c, locale)).join(', ')} · {t('plan.targetDate')}{' '}
                      <FormattedDate value={g.targetDate} />
                      <ul>
                        {plan.steps
                          .filter((s) => s.goalId === g.id)
                          .map((s) => (
                            <li key={s.id}>
                              {s.done ? '✓ ' : ''}
                              {s.text} ({t(`plan.assignee.${s.assignee.kind}`)},{' '}
                              <FormattedDate value={s.dueDate} />)
                            </li>
                          ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              )}
              {plan.status === 'open' && (
                <div className="grid">
                  <AddGoal {...change} onCreated={setNewGoalId} />
                  <AddStep {...change} goalId={newGoalId} />
                  <MarkStepDone {...change} />
                  <AddReview {...change} />
                </div>
              )}
              <Sessions {...change} />
              <KeyWorker {...change} />
              <SupportNetwork {...change} />
              <RecoveryPhase {...change} />
              {plan.status === 'open' && <Closure {...change} />}
              <History plan={plan} />
            </Page>
          );
        }}
      </Await>
    </PlanSavedContext.Provider>
  );
};
