// A contract at each session (002): what the client chose to work on this time, toward which goal,
// and what came of it. Most recent first.
import { plans } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useT } from '../../../i18n/locale';
import { DateTimeField } from '../../../ui/fields';
import { Field, ProblemAlert, SubmitButton } from '../../../ui/form';
import { SavedNote, When } from '../clientRecords';
import { localInputToIso, nowLocalInput } from '../me';
import type { PlanChangeProps } from './planChange';
import { AgreedCheckbox, usePlanChange } from './planChange';

const empty = () => ({ heldAt: nowLocalInput(), focus: '', goalId: '', outcome: '', agreed: false });

export const Sessions = ({ loaded, onSaved, onReload }: PlanChangeProps) => {
  const t = useT();
  const { plan } = loaded;
  const [form, setForm] = useState(empty);
  const [saved, setSaved] = useState<string>();
  const { submit, errors, problem, saving, renewKey } = usePlanChange(
    plans.RecordSessionBody,
    loaded,
    (api, body, params) => api.POST('/plans/{planId}/sessions', { params, body }),
  );
  const goalText = (id?: string) =>
    plan.goals.find((g) => g.id === id)?.text ?? t('planWork.session.overall');
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(undefined);
    const res = await submit({
      agreedWithClient: form.agreed || undefined,
      heldAt: localInputToIso(form.heldAt),
      focus: form.focus,
      goalId: form.goalId || undefined,
      outcome: form.outcome || undefined,
    });
    if (!res) return;
    renewKey();
    setForm(empty());
    setSaved(t('planWork.session.saved'));
    onSaved();
  };
  const open = plan.goals.filter((g) => g.status === 'active' || g.status === 'proposed');
  return (
    <section aria-labelledby="sessions">
      <h2 id="sessions">{t('planWork.sessions')}</h2>
      <SavedNote message={saved} />
      {plan.sessions.length === 0 ? (
        <p>{t('planWork.sessions.none')}</p>
      ) : (
        <ul className="list">
          {[...plan.sessions].reverse().map((s) => (
            <li key={s.id}>
              <When at={s.heldAt} /> · <strong>{s.focus}</strong> ({goalText(s.goalId)})
              {s.outcome && <> — {s.outcome}</>}
            </li>
          ))}
        </ul>
      )}
      {plan.status === 'open' && (
        <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-session">
          <h3 id="add-session">{t('planWork.session.add')}</h3>
          <ProblemAlert error={problem} onReload={onReload} />
          <DateTimeField
            label={t('planWork.session.heldAt')}
            error={errors.heldAt}
            value={form.heldAt}
            onChange={(heldAt) => setForm({ ...form, heldAt })}
          />
          <Field label={t('planWork.session.focus')} error={errors.focus}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={form.focus}
                onChange={(e) => setForm({ ...form, focus: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('planWork.session.goal')} error={errors.goalId}>
            {(p) => (
              <select
                {...p}
                value={form.goalId}
                onChange={(e) => setForm({ ...form, goalId: e.target.value })}
              >
                <option value="">{t('planWork.session.overall')}</option>
                {open.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.text}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={`${t('planWork.session.outcome')} ${t('app.optional')}`} error={errors.outcome}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={form.outcome}
                onChange={(e) => setForm({ ...form, outcome: e.target.value })}
              />
            )}
          </Field>
          <AgreedCheckbox
            checked={form.agreed}
            onChange={(agreed) => setForm({ ...form, agreed })}
            error={errors.agreedWithClient}
          />
          <SubmitButton saving={saving} label={t('planWork.session.add')} />
        </form>
      )}
    </section>
  );
};
