// The client's overall goal (zakázka, 000/002): empty until the key worker confirms it with the
// client; changing it is a change of the plan like any other.
import { plans } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useT } from '../../../i18n/locale';
import { Field, ProblemAlert, SubmitButton } from '../../../ui/form';
import type { PlanChangeProps } from './planChange';
import { AgreedCheckbox, usePlanChange } from './planChange';

export const OverallGoal = ({ loaded, onSaved, onReload }: PlanChangeProps) => {
  const t = useT();
  const [text, setText] = useState(loaded.plan.overallGoal ?? '');
  const [agreed, setAgreed] = useState(false);
  const { submit, errors, problem, saving } = usePlanChange(plans.UpdatePlanBody, '', loaded, 'PATCH');
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({ agreedWithClient: agreed || undefined, overallGoal: text });
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
      <AgreedCheckbox checked={agreed} onChange={setAgreed} error={errors.agreedWithClient} />
      <SubmitButton saving={saving} label={t('planWork.overallGoal.save')} />
    </form>
  );
};
