// Goals in the client's own words, linked to needs, and the time-bound steps toward them (002).
import { needs as needList, plans } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { needCode } from '../../../api/codes';
import { needName } from '../../../i18n/values';
import { useLocale, useT } from '../../../i18n/locale';
import { DateField } from '../../../ui/fields';
import { Field, ProblemAlert, SubmitButton } from '../../../ui/form';
import { today } from '../me';
import type { PlanChangeProps } from './planChange';
import { AgreedCheckbox, usePlanChange } from './planChange';

/** `onCreated` gets the new goal's id (the API answers with it), e.g. to add its first step. */
export const AddGoal = ({
  loaded,
  onSaved,
  onReload,
  onCreated,
}: PlanChangeProps & { onCreated?: (goalId: string) => void }) => {
  const t = useT();
  const { locale } = useLocale();
  const [form, setForm] = useState({ text: '', need: '', targetDate: '', agreed: false });
  const { submit, errors, problem, saving, renewKey } = usePlanChange(
    plans.AddGoalBody,
    loaded,
    (api, body, params) =>
      api.POST('/plans/{planId}/goals', {
        params,
        body: { ...body, needCodes: body.needCodes.map(needCode) },
      }),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({
      agreedWithClient: form.agreed || undefined,
      text: form.text,
      needCodes: form.need ? [form.need] : [],
      targetDate: form.targetDate,
    });
    if (!res) return;
    renewKey();
    setForm({ text: '', need: '', targetDate: '', agreed: false });
    onCreated?.(res.createdId);
    onSaved();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-goal">
      <h3 id="add-goal">{t('plan.addGoal')}</h3>
      <ProblemAlert error={problem} onReload={onReload} />
      <Field label={t('plan.goalText')} error={errors.text}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={form.text}
            onChange={(e) => setForm({ ...form, text: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('plan.needs')} error={errors.needCodes}>
        {(p) => (
          <select {...p} value={form.need} onChange={(e) => setForm({ ...form, need: e.target.value })}>
            <option value="">—</option>
            {needList.map((n) => (
              <option key={n.code} value={n.code}>
                {needName(n.code, locale)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('plan.targetDate')} error={errors.targetDate}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={form.targetDate}
            onChange={(e) => setForm({ ...form, targetDate: e.target.value })}
          />
        )}
      </Field>
      <AgreedCheckbox
        checked={form.agreed}
        onChange={(agreed) => setForm({ ...form, agreed })}
        error={errors.agreedWithClient}
      />
      <SubmitButton saving={saving} label={t('plan.addGoal')} />
    </form>
  );
};

/** `goalId`: the goal to offer first (the one just added). */
export const AddStep = ({ loaded, onSaved, onReload, goalId }: PlanChangeProps & { goalId?: string }) => {
  const t = useT();
  const goals = loaded.plan.goals.filter((g) => g.status === 'active' || g.status === 'proposed');
  const offered = goals.some((g) => g.id === goalId) ? goalId! : (goals[0]?.id ?? '');
  const [form, setForm] = useState({ goalId: '', text: '', assignee: 'client', dueDate: '', agreed: false });
  const { submit, errors, problem, saving, renewKey } = usePlanChange(
    plans.AddStepBody,
    loaded,
    (api, body, params) => api.POST('/plans/{planId}/steps', { params, body }),
  );
  if (goals.length === 0) return null;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({
      agreedWithClient: form.agreed || undefined,
      goalId: form.goalId || offered,
      text: form.text,
      assignee: { kind: form.assignee },
      dueDate: form.dueDate,
    });
    if (!res) return;
    renewKey();
    setForm({ goalId: '', text: '', assignee: 'client', dueDate: '', agreed: false });
    onSaved();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-step">
      <h3 id="add-step">{t('plan.addStep')}</h3>
      <ProblemAlert error={problem} onReload={onReload} />
      <Field label={t('plan.goals')} error={errors.goalId}>
        {(p) => (
          <select
            {...p}
            value={form.goalId || offered}
            onChange={(e) => setForm({ ...form, goalId: e.target.value })}
          >
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.text}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('plan.stepText')} error={errors.text}>
        {(p) => (
          <input {...p} value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
        )}
      </Field>
      <Field label={t('plan.assignee')} error={errors['assignee.kind']}>
        {(p) => (
          <select
            {...p}
            value={form.assignee}
            onChange={(e) => setForm({ ...form, assignee: e.target.value })}
          >
            {(['client', 'worker'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`plan.assignee.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('plan.dueDate')} error={errors.dueDate}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={form.dueDate}
            onChange={(e) => setForm({ ...form, dueDate: e.target.value })}
          />
        )}
      </Field>
      <AgreedCheckbox
        checked={form.agreed}
        onChange={(agreed) => setForm({ ...form, agreed })}
        error={errors.agreedWithClient}
      />
      <SubmitButton saving={saving} label={t('plan.addStep')} />
    </form>
  );
};

/** A step the client or worker has done: which one and when, agreed with the client. */
export const MarkStepDone = ({ loaded, onSaved, onReload }: PlanChangeProps) => {
  const t = useT();
  const open = loaded.plan.steps.filter((s) => !s.done);
  const [form, setForm] = useState({ stepId: '', doneAt: today(), agreed: false });
  const stepId = form.stepId || open[0]?.id || '';
  const { submit, errors, problem, saving } = usePlanChange(
    plans.ChangeStepBody,
    loaded,
    (api, body, { path, header }) =>
      api.PATCH('/plans/{planId}/steps/{stepId}', { params: { path: { ...path, stepId }, header }, body }),
  );
  if (open.length === 0) return null;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({ agreedWithClient: form.agreed || undefined, done: true, doneAt: form.doneAt });
    if (!res) return;
    setForm({ stepId: '', doneAt: today(), agreed: false });
    onSaved();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="step-done">
      <h3 id="step-done">{t('planWork.stepDone')}</h3>
      <ProblemAlert error={problem} onReload={onReload} />
      <Field label={t('plan.steps')} error={errors.stepId}>
        {(p) => (
          <select {...p} value={stepId} onChange={(e) => setForm({ ...form, stepId: e.target.value })}>
            {open.map((s) => (
              <option key={s.id} value={s.id}>
                {s.text}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateField
        label={t('planWork.stepDoneAt')}
        error={errors.doneAt}
        value={form.doneAt}
        onChange={(doneAt) => setForm({ ...form, doneAt })}
      />
      <AgreedCheckbox
        checked={form.agreed}
        onChange={(agreed) => setForm({ ...form, agreed })}
        error={errors.agreedWithClient}
      />
      <SubmitButton saving={saving} label={t('planWork.stepDone')} />
    </form>
  );
};
