// The client's overall goal (zakázka, 000/002): empty until the key worker confirms it with the
// client; changing it is a change of the plan like any other. The goal is not typed again: until it
// is confirmed, the form offers the agreement's goal (intake) and links the client's latest needs
// assessment at the service, the mapping the goals start from.
import { dataOf } from '@spolu/client';
import { plans } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { useLoad } from '../../../api/context';
import { useT } from '../../../i18n/locale';
import { Field, ProblemAlert, SubmitButton } from '../../../ui/form';
import type { PlanChangeProps } from './planChange';
import { AgreedCheckbox, usePlanChange } from './planChange';

export const OverallGoal = ({ loaded, onSaved, onReload }: PlanChangeProps) => {
  const t = useT();
  const { plan } = loaded;
  const [text, setText] = useState(plan.overallGoal ?? '');
  const [agreed, setAgreed] = useState(false);
  const { submit, errors, problem, saving } = usePlanChange(
    plans.UpdatePlanBody,
    loaded,
    (api, body, params) => api.PATCH('/plans/{planId}', { params, body }),
  );
  const client = { path: { clientId: plan.clientId }, query: { limit: 100 } };
  const agreementGoal = useLoad(
    async (api) =>
      plan.overallGoal === null
        ? dataOf(await api.GET('/clients/{clientId}/agreements', { params: client })).items.find(
            (a) => a.id === plan.agreementId,
          )?.goal
        : undefined,
    [plan.id, plan.overallGoal],
  );
  const assessmentId = useLoad(
    async (api) =>
      plan.needsAssessmentId
        ? undefined
        : dataOf(await api.GET('/clients/{clientId}/needs-assessments', { params: client }))
            .items.filter((a) => a.serviceId === plan.serviceId)
            .sort((a, b) => b.assessedAt.localeCompare(a.assessedAt))[0]?.id,
    [plan.id, plan.needsAssessmentId],
  );
  const prefilled = agreementGoal.data;
  useEffect(() => {
    if (prefilled) setText((current) => current || prefilled);
  }, [prefilled]);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({
      agreedWithClient: agreed || undefined,
      overallGoal: text,
      ...(assessmentId.data ? { needsAssessmentId: assessmentId.data } : {}),
    });
    if (!res) return;
    setAgreed(false);
    onSaved();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="overall-goal">
      <h3 id="overall-goal">{t('planWork.overallGoal.edit')}</h3>
      <ProblemAlert error={problem} onReload={onReload} />
      <Field
        label={t('plan.overallGoal')}
        hint={t('planWork.overallGoal.hint')}
        error={errors.overallGoal ?? errors['']}
      >
        {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {prefilled && text === prefilled && (
        <p className="hint" role="status">
          {t('planWork.overallGoal.fromAgreement')}
        </p>
      )}
      <AgreedCheckbox checked={agreed} onChange={setAgreed} error={errors.agreedWithClient} />
      <SubmitButton saving={saving} label={t('planWork.overallGoal.save')} />
    </form>
  );
};
