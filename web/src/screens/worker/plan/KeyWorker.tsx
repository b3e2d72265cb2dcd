// The key worker (klíčový pracovník) and handing the client over to a colleague: the next worker
// gets a handover note of what they need to know (000), kept in the plan's history.
import { plans } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useColleagues } from '../colleagues';
import { useT } from '../../../i18n/locale';
import { Field, ProblemAlert, SubmitButton } from '../../../ui/form';
import { SavedNote, When } from '../clientRecords';
import type { PlanChangeProps } from './planChange';
import { AgreedCheckbox, usePlanChange } from './planChange';

export const KeyWorker = ({ loaded, onSaved, onReload }: PlanChangeProps) => {
  const t = useT();
  const { plan } = loaded;
  const workers = useColleagues();
  const [form, setForm] = useState({ keyWorkerId: '', note: '', agreed: false });
  const [saved, setSaved] = useState<string>();
  const { submit, errors, problem, saving } = usePlanChange(
    plans.AssignKeyWorkerBody,
    loaded,
    (api, body, params) => api.PUT('/plans/{planId}/key-worker', { params, body }),
  );
  const all = workers.data?.items ?? [];
  const nameOf = (id: string | null) => (id ? (workers.data?.nameOf(id) ?? id) : '—');
  const candidates = all.filter(
    (w) => w.active && w.roles.includes('key-worker') && w.id !== plan.keyWorkerId,
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(undefined);
    const res = await submit({
      agreedWithClient: form.agreed || undefined,
      keyWorkerId: form.keyWorkerId || candidates[0]?.id,
      handoverNote: form.note || undefined,
    });
    if (!res) return;
    setForm({ keyWorkerId: '', note: '', agreed: false });
    setSaved(t('planWork.keyWorker.saved'));
    onSaved();
  };
  return (
    <section aria-labelledby="key-worker">
      <h2 id="key-worker">{t('planWork.keyWorker')}</h2>
      <SavedNote message={saved} />
      <p>
        {plan.keyWorkerId
          ? t('planWork.keyWorker.current', { name: nameOf(plan.keyWorkerId) })
          : t('planWork.keyWorker.nobody')}
      </p>
      {plan.handovers.length > 0 && (
        <ul className="list">
          {plan.handovers.map((h) => (
            <li key={h.at}>
              {nameOf(h.from)} → {nameOf(h.to)}, <When at={h.at} />: {h.note}
            </li>
          ))}
        </ul>
      )}
      {plan.status === 'open' && candidates.length > 0 && (
        <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="hand-over">
          <h3 id="hand-over">{t('planWork.keyWorker.change')}</h3>
          <ProblemAlert error={problem} onReload={onReload} />
          <Field label={t('planWork.keyWorker.new')} error={errors.keyWorkerId}>
            {(p) => (
              <select
                {...p}
                value={form.keyWorkerId}
                onChange={(e) => setForm({ ...form, keyWorkerId: e.target.value })}
              >
                {candidates.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('planWork.keyWorker.note')} error={errors.handoverNote}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                value={form.note}
                onChange={(e) => setForm({ ...form, note: e.target.value })}
              />
            )}
          </Field>
          <AgreedCheckbox
            checked={form.agreed}
            onChange={(agreed) => setForm({ ...form, agreed })}
            error={errors.agreedWithClient}
          />
          <SubmitButton saving={saving} label={t('planWork.keyWorker.submit')} />
        </form>
      )}
    </section>
  );
};
