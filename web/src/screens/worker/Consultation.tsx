// The first consultation (první konzultace), given without a contract (document 000): when, how
// long, the person's request in their own words (zakázka) and what came of it. Later
// consultations are recorded the same way; the list shows which one was the first.
import { intake } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useIdempotencyKey } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await } from '../../ui/page';
import {
  ChoiceGroup,
  ClientRecordPage,
  DurationField,
  RecordList,
  SavedNote,
  ServiceField,
  useRecords,
  When,
} from './clientRecords';
import { localInputToIso, nowLocalInput, useMyServices } from './me';
import { DateTimeField } from '../../ui/fields';

const outcomes = intake.ConsultationOutcome.options;
type Outcome = (typeof outcomes)[number];

const emptyForm = () => ({
  serviceId: '',
  heldAt: nowLocalInput(),
  durationMinutes: '30',
  request: '',
  notes: '',
  outcome: '' as Outcome | '',
});

export const Consultation = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const { api } = useApp();
  const mine = useMyServices();
  const list = useRecords(clientId, (a, params) => a.GET('/clients/{clientId}/consultations', { params }));
  const [key, renewKey] = useIdempotencyKey();
  const [form, setForm] = useState(emptyForm);
  const [saved, setSaved] = useState<string>();
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const { submit, errors, problem, saving } = useSubmit(intake.RecordConsultationBody, (body) =>
    api.POST('/clients/{clientId}/consultations', {
      params: { path: { clientId }, header: { 'idempotency-key': key } },
      body,
    }),
  );
  return (
    <ClientRecordPage clientId={clientId} title="consultation.title" intro="consultation.intro">
      {() => (
        <>
          <SavedNote message={saved} />
          <Await loaded={mine}>
            {({ services }) => {
              const serviceId = form.serviceId || services[0]?.id || '';
              const onSubmit = async (e: FormEvent) => {
                e.preventDefault();
                setSaved(undefined);
                const res = await submit({
                  serviceId,
                  heldAt: localInputToIso(form.heldAt),
                  durationMinutes: Number(form.durationMinutes),
                  request: form.request || undefined,
                  notes: form.notes || undefined,
                  outcome: form.outcome || undefined,
                });
                if (!res) return;
                renewKey();
                setForm(emptyForm());
                setSaved(t('consultation.saved'));
                list.reload();
              };
              return (
                <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="consultation-form">
                  <h2 id="consultation-form">{t('consultation.record')}</h2>
                  <ProblemAlert error={problem} />
                  <ServiceField
                    services={services}
                    value={serviceId}
                    onChange={(v) => set('serviceId', v)}
                    error={errors.serviceId}
                  />
                  <div className="row">
                    <DateTimeField
                      label={t('consultation.heldAt')}
                      error={errors.heldAt}
                      value={form.heldAt}
                      onChange={(v) => set('heldAt', v)}
                    />
                    <DurationField
                      error={errors.durationMinutes}
                      value={form.durationMinutes}
                      onChange={(v) => set('durationMinutes', v)}
                    />
                  </div>
                  <Field
                    label={`${t('consultation.request')} ${t('app.optional')}`}
                    hint={t('consultation.requestHint')}
                    error={errors.request}
                  >
                    {(p) => (
                      <textarea
                        {...p}
                        rows={3}
                        value={form.request}
                        onChange={(e) => set('request', e.target.value)}
                      />
                    )}
                  </Field>
                  <ChoiceGroup legend={t('consultation.outcome')} error={errors.outcome}>
                    {outcomes.map((o) => (
                      <label key={o} className="choice">
                        <input
                          type="radio"
                          name="outcome"
                          value={o}
                          checked={form.outcome === o}
                          onChange={() => set('outcome', o)}
                        />{' '}
                        {t(`consultation.outcome.${o}`)}
                      </label>
                    ))}
                  </ChoiceGroup>
                  <Field label={`${t('records.notes')} ${t('app.optional')}`} error={errors.notes}>
                    {(p) => (
                      <textarea
                        {...p}
                        rows={3}
                        value={form.notes}
                        onChange={(e) => set('notes', e.target.value)}
                      />
                    )}
                  </Field>
                  <SubmitButton saving={saving} label={t('consultation.submit')} />
                </form>
              );
            }}
          </Await>
          <h2>{t('consultation.earlier')}</h2>
          <RecordList list={list}>
            {(c) => (
              <li key={c.id}>
                <When at={c.heldAt} /> · {t('records.minutes', { minutes: c.durationMinutes })} ·{' '}
                <strong>{t(`consultation.outcome.${c.outcome}`)}</strong>
                {c.first && <span className="badge">{t('consultation.first')}</span>}
                {c.request && <p className="quote">{c.request}</p>}
              </li>
            )}
          </RecordList>
        </>
      )}
    </ClientRecordPage>
  );
};
