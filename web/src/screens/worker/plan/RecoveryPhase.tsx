// The recovery phase (002: stabilisation, re-orientation, re-integration) with its history; a step
// back to an earlier phase is recorded as a relapse by the plans service.
import { plans } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { FormattedDate } from 'react-intl';
import { useT } from '../../../i18n/locale';
import { DateField } from '../../../ui/fields';
import { Field, ProblemAlert, SubmitButton } from '../../../ui/form';
import { SavedNote } from '../clientRecords';
import { today } from '../me';
import type { PlanChangeProps } from './planChange';
import { AgreedCheckbox, usePlanChange } from './planChange';

const phases = plans.RecoveryPhase.options;

export const RecoveryPhase = ({ loaded, onSaved, onReload }: PlanChangeProps) => {
  const t = useT();
  const { plan } = loaded;
  const [form, setForm] = useState({ phase: '', since: today(), agreed: false });
  const [saved, setSaved] = useState<string>();
  const { submit, errors, problem, saving } = usePlanChange(
    plans.SetRecoveryPhaseBody,
    loaded,
    (api, body, params) => api.PUT('/plans/{planId}/recovery-phase', { params, body }),
  );
  const suggested = phases.find((p) => p !== plan.recoveryPhase) ?? phases[0];
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(undefined);
    const res = await submit({
      agreedWithClient: form.agreed || undefined,
      phase: form.phase || suggested,
      since: form.since,
    });
    if (!res) return;
    setForm({ phase: '', since: today(), agreed: false });
    setSaved(t('planWork.phase.saved'));
    onSaved();
  };
  return (
    <section aria-labelledby="recovery-phase">
      <h2 id="recovery-phase">{t('planWork.phase')}</h2>
      <SavedNote message={saved} />
      <p>
        {plan.recoveryPhase
          ? t('planWork.phase.current', { phase: t(`planWork.phase.${plan.recoveryPhase}`) })
          : t('planWork.phase.none')}
      </p>
      {plan.phaseHistory.length > 0 && (
        <ol className="list">
          {plan.phaseHistory.map((h) => (
            <li key={h.recordedAt}>
              {t(`planWork.phase.${h.phase}`)} · <FormattedDate value={h.since} />
              {h.relapse && <> · {t('planWork.phase.relapse')}</>}
            </li>
          ))}
        </ol>
      )}
      {plan.status === 'open' && (
        <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="set-phase">
          <h3 id="set-phase">{t('planWork.phase.set')}</h3>
          <ProblemAlert error={problem} onReload={onReload} />
          <div className="row">
            <Field label={t('planWork.phase.new')} error={errors.phase}>
              {(p) => (
                <select
                  {...p}
                  value={form.phase || suggested}
                  onChange={(e) => setForm({ ...form, phase: e.target.value })}
                >
                  {phases.map((k) => (
                    <option key={k} value={k}>
                      {t(`planWork.phase.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <DateField
              label={t('planWork.phase.since')}
              error={errors.since}
              value={form.since}
              onChange={(since) => setForm({ ...form, since })}
            />
          </div>
          <AgreedCheckbox
            checked={form.agreed}
            onChange={(agreed) => setForm({ ...form, agreed })}
            error={errors.agreedWithClient}
          />
          <SubmitButton saving={saving} label={t('planWork.phase.set')} />
        </form>
      )}
    </section>
  );
};
