// Handing a client's key work over to another provider with a structured summary (goal, progress,
// steps in progress, risks, support network, next appointment), prefilled from the open plan.
import { dataOf } from '@spolu/client';
import { referrals } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { useApp, useIdempotencyKey, useLoad, useSession } from '../../../api/context';
import { useT } from '../../../i18n/locale';
import { DateTimeField } from '../../../ui/fields';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../../ui/form';
import { ClientRecordPage } from '../clientRecords';
import { localInputToIso } from '../me';
import { useRegion } from './region';

const empty = { toServiceId: '', goal: '', progress: '', steps: '', risks: '', support: '', next: '' };

export const NewHandover = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const { api } = useApp();
  const session = useSession();
  const [, navigate] = useLocation();
  const region = useRegion();
  const [key] = useIdempotencyKey();
  const [form, setForm] = useState(empty);
  const set = (k: keyof typeof empty) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const openPlan = useLoad(
    (a) => a.GET('/plans', { params: { query: { clientId, status: 'open' } } }).then(dataOf),
    [clientId],
  );
  // The open plan already says what the next worker needs: its overall goal and unfinished steps.
  useEffect(() => {
    const plan = openPlan.data?.items[0];
    if (!plan) return;
    setForm((f) => ({
      ...f,
      goal: f.goal || (plan.overallGoal ?? ''),
      steps:
        f.steps ||
        plan.steps
          .filter((s) => !s.done)
          .map((s) => s.text)
          .join('\n'),
      support:
        f.support ||
        plan.supportNetwork
          .filter((p) => p.involvement === 'active')
          .map((p) => `${p.name} (${p.role})`)
          .join(', '),
    }));
  }, [openPlan.data]);
  const { submit, errors, problem, saving } = useSubmit(referrals.CreateHandoverBody, (body) =>
    api.POST('/handovers', { params: { header: { 'idempotency-key': key } }, body }).then(dataOf),
  );
  const services = (region.data?.services ?? []).filter((s) => s.providerId !== session.tenantId);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const to = services.find((s) => s.id === form.toServiceId);
    const res = await submit({
      clientId,
      toProviderId: to?.providerId ?? '',
      toServiceId: to?.id ?? '',
      summary: {
        goal: form.goal,
        progress: form.progress,
        currentSteps: form.steps
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        risks: form.risks || undefined,
        supportNetwork: form.support || undefined,
        nextAppointment: form.next ? localInputToIso(form.next) : undefined,
      },
    });
    if (res) navigate(`/handovers/${res.id}`);
  };
  const text = (k: keyof typeof empty, label: string, error?: string, rows = 2) => (
    <Field label={label} error={error}>
      {(p) => <textarea {...p} rows={rows} value={form[k]} onChange={(e) => set(k)(e.target.value)} />}
    </Field>
  );
  return (
    <ClientRecordPage clientId={clientId} title="sharedCare.handover.title" intro="sharedCare.handover.intro">
      {() => (
        <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="new-handover">
          <h2 id="new-handover">{t('sharedCare.handover.title')}</h2>
          <ProblemAlert error={problem} />
          <Field label={t('sharedCare.handover.to')} error={errors.toServiceId ?? errors.toProviderId}>
            {(p) => (
              <select {...p} value={form.toServiceId} onChange={(e) => set('toServiceId')(e.target.value)}>
                <option value="">—</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {region.data!.providerName(s.providerId)} — {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('goal', t('sharedCare.handover.goal'), errors['summary.goal'])}
          {text('progress', t('sharedCare.handover.progress'), errors['summary.progress'], 3)}
          {text(
            'steps',
            `${t('sharedCare.handover.steps')} ${t('app.optional')}`,
            errors['summary.currentSteps'],
            3,
          )}
          {text('risks', `${t('sharedCare.handover.risks')} ${t('app.optional')}`, errors['summary.risks'])}
          {text(
            'support',
            `${t('sharedCare.handover.support')} ${t('app.optional')}`,
            errors['summary.supportNetwork'],
          )}
          <DateTimeField
            label={`${t('sharedCare.handover.nextAppointment')} ${t('app.optional')}`}
            error={errors['summary.nextAppointment']}
            value={form.next}
            onChange={set('next')}
          />
          <SubmitButton saving={saving} label={t('sharedCare.handover.submit')} />
        </form>
      )}
    </ClientRecordPage>
  );
};
