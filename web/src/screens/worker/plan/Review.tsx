// A review of the plan (continuous review, 002): progress per goal of the current cycle and, when
// agreed, a goal's new status.
import { plans } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useT } from '../../../i18n/locale';
import { Field, ProblemAlert, SubmitButton } from '../../../ui/form';
import { today } from '../me';
import type { PlanChangeProps } from './planChange';
import { AgreedCheckbox, usePlanChange } from './planChange';

const progressLevels = ['none', 'some', 'substantial', 'complete'] as const;
const goalStatuses = ['active', 'achieved', 'partly-achieved', 'not-achieved', 'dropped'] as const;

export const AddReview = ({ loaded, onSaved, onReload }: PlanChangeProps) => {
  const t = useT();
  const goals = loaded.plan.goals.filter((g) => g.cycle === loaded.plan.cycle);
  const [heldOn, setHeldOn] = useState(today);
  const [agreed, setAgreed] = useState(false);
  const [perGoal, setPerGoal] = useState<Record<string, { progress: string; newStatus: string }>>({});
  const { submit, errors, problem, saving, renewKey } = usePlanChange(
    plans.RecordReviewBody,
    loaded,
    (api, body, params) => api.POST('/plans/{planId}/reviews', { params, body }),
  );
  if (goals.length === 0) return null;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({
      agreedWithClient: agreed || undefined,
      heldOn,
      goals: goals.map((g) => ({
        goalId: g.id,
        progress: perGoal[g.id]?.progress ?? 'some',
        newStatus: perGoal[g.id]?.newStatus || undefined,
      })),
    });
    if (!res) return;
    renewKey();
    setPerGoal({});
    setAgreed(false);
    onSaved();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-review">
      <h3 id="add-review">{t('plan.addReview')}</h3>
      <ProblemAlert error={problem} onReload={onReload} />
      <Field label={t('plan.heldOn')} error={errors.heldOn}>
        {(p) => <input {...p} type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />}
      </Field>
      {goals.map((g, i) => (
        <fieldset key={g.id}>
          <legend>{g.text}</legend>
          <div className="row">
            <Field label={t('plan.progress')} error={errors[`goals[${i}].progress`]}>
              {(p) => (
                <select
                  {...p}
                  value={perGoal[g.id]?.progress ?? 'some'}
                  onChange={(e) =>
                    setPerGoal({
                      ...perGoal,
                      [g.id]: { newStatus: '', ...perGoal[g.id], progress: e.target.value },
                    })
                  }
                >
                  {progressLevels.map((k) => (
                    <option key={k} value={k}>
                      {t(`progress.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('plan.newStatus')} error={errors[`goals[${i}].newStatus`]}>
              {(p) => (
                <select
                  {...p}
                  value={perGoal[g.id]?.newStatus ?? ''}
                  onChange={(e) =>
                    setPerGoal({
                      ...perGoal,
                      [g.id]: { progress: 'some', ...perGoal[g.id], newStatus: e.target.value },
                    })
                  }
                >
                  <option value="">{t('plan.keepStatus')}</option>
                  {goalStatuses.map((k) => (
                    <option key={k} value={k}>
                      {t(`goal.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>
      ))}
      <AgreedCheckbox checked={agreed} onChange={setAgreed} error={errors.agreedWithClient} />
      <SubmitButton saving={saving} label={t('plan.addReview')} />
    </form>
  );
};
