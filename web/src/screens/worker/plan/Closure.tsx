// Closing the plan: with a reason and the client's agreement; a closed plan stays read-only in
// the client's history.
import { plans } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useT } from '../../../i18n/locale';
import { Field, ProblemAlert, SubmitButton } from '../../../ui/form';
import type { PlanChangeProps } from './planChange';
import { AgreedCheckbox, usePlanChange } from './planChange';

const reasons = plans.CloseReason.options;

export const Closure = ({ loaded, onSaved, onReload }: PlanChangeProps) => {
  const t = useT();
  const [form, setForm] = useState({ reason: '', agreed: false });
  const { submit, errors, problem, saving } = usePlanChange(
    plans.ClosePlanBody,
    loaded,
    (api, body, params) => api.POST('/plans/{planId}/closure', { params, body }),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (await submit({ agreedWithClient: form.agreed || undefined, reason: form.reason || undefined }))
      onSaved();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="close-plan">
      <h2 id="close-plan">{t('planWork.close')}</h2>
      <p className="hint">{t('planWork.close.warning')}</p>
      <ProblemAlert error={problem} onReload={onReload} />
      <Field label={t('planWork.close.reason')} error={errors.reason}>
        {(p) => (
          <select {...p} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })}>
            <option value="">—</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {t(`planWork.close.reason.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <AgreedCheckbox
        checked={form.agreed}
        onChange={(agreed) => setForm({ ...form, agreed })}
        error={errors.agreedWithClient}
      />
      <SubmitButton saving={saving} label={t('planWork.close')} />
    </form>
  );
};
