// Home visits (návštěva v bytě, document 003). A visit is scheduled only once everything on the
// pre-visit checklist is arranged: the API refuses otherwise and its answer is shown at the
// checklist. Before leaving, the worker assesses whether anyone in the flat is in danger; a
// psychotic or suicidal client is never left alone and professional help is called at once — the
// API refuses to close such a visit without that, and the form says so before it is sent.
// A visit whose checklist is not met can be recorded as refused, with its reason, in the client
// file; a closed visit says how it ended and, when help was called, whom.
import { intake } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useIdempotencyKey } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await } from '../../ui/page';
import {
  Check,
  ChoiceGroup,
  ClientRecordPage,
  errorUnder,
  etagOf,
  RecordList,
  SavedNote,
  ServiceField,
  useRecords,
  When,
} from './clientRecords';
import { localInputToIso, nowLocalInput, useMyServices } from './me';
import { DateTimeField, NumberField } from '../../ui/fields';

type ChecklistItem = keyof intake.HomeVisitChecklist;
const checklistItems = Object.keys(intake.HomeVisitChecklist.shape) as ChecklistItem[];
const emptyChecklist = () =>
  Object.fromEntries(checklistItems.map((k) => [k, false])) as intake.HomeVisitChecklist;

type RiskItem = 'acuteDanger' | 'clientPsychotic' | 'clientSuicidal';
const riskItems: RiskItem[] = ['acuteDanger', 'clientPsychotic', 'clientSuicidal'];

const outcomes = intake.HomeVisitOutcome.options;
type Outcome = (typeof outcomes)[number];
const helpKinds = intake.HelpCalled.options;
type HelpKind = (typeof helpKinds)[number];

const emptyForm = () => ({
  serviceId: '',
  scheduledAt: nowLocalInput(),
  workerCount: '2',
  checklist: emptyChecklist(),
  address: '',
});

/** Record that the visit will not take place because the checklist is not met, and why. */
const RefuseVisit = ({
  clientId,
  visit,
  onDone,
}: {
  clientId: string;
  visit: {
    serviceId: string;
    scheduledAt: string;
    workerCount: number;
    checklist: intake.HomeVisitChecklist;
  };
  onDone: () => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const [key] = useIdempotencyKey();
  const [reason, setReason] = useState('');
  const { submit, errors, problem, saving } = useSubmit(intake.RefuseHomeVisitBody, (body) =>
    api.POST('/clients/{clientId}/home-visits/refusals', {
      params: { path: { clientId }, header: { 'idempotency-key': key } },
      body,
    }),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (await submit({ ...visit, reason: reason || undefined })) onDone();
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="refuse-visit">
      <h2 id="refuse-visit">{t('homeVisits.refuse')}</h2>
      <p className="hint">{t('homeVisits.refuseHint')}</p>
      <ProblemAlert error={problem} />
      <Field label={t('homeVisits.refusalReason')} error={errors.reason ?? errors.checklist}>
        {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <SubmitButton saving={saving} label={t('homeVisits.refuse')} />
    </form>
  );
};

const CloseVisit = ({
  visit,
  onDone,
  onCancel,
}: {
  visit: intake.HomeVisit;
  onDone: (message?: string) => void;
  onCancel: () => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const [form, setForm] = useState({
    endedAt: nowLocalInput(),
    acuteDanger: false,
    clientPsychotic: false,
    clientSuicidal: false,
    professionalHelpCalled: false,
    helpCalledAt: '',
    helpCalledWho: '' as HelpKind | '',
    helpCalledDetail: '',
    outcome: 'completed' as Outcome,
    notes: '',
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const { submit, errors, problem, saving } = useSubmit(intake.CloseHomeVisitBody, (body) =>
    api.PUT('/clients/{clientId}/home-visits/{homeVisitId}/closure', {
      params: {
        path: { clientId: visit.clientId, homeVisitId: visit.id },
        header: { 'if-match': etagOf(visit) },
      },
      body,
    }),
  );
  const risk = form.acuteDanger || form.clientPsychotic || form.clientSuicidal;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({
      endedAt: localInputToIso(form.endedAt),
      leaveSafety: {
        acuteDanger: form.acuteDanger,
        clientPsychotic: form.clientPsychotic,
        clientSuicidal: form.clientSuicidal,
        professionalHelpCalled: form.professionalHelpCalled,
        helpCalledAt:
          form.professionalHelpCalled && form.helpCalledAt ? localInputToIso(form.helpCalledAt) : undefined,
        helpCalledWho: form.professionalHelpCalled && form.helpCalledWho ? form.helpCalledWho : undefined,
        helpCalledDetail:
          form.professionalHelpCalled && form.helpCalledDetail ? form.helpCalledDetail : undefined,
      },
      outcome: form.outcome,
      notes: form.notes || undefined,
    });
    if (res) onDone(t('homeVisits.closed'));
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-label={t('homeVisits.close')}>
      <ProblemAlert error={problem} onReload={() => onDone()} />
      <DateTimeField
        label={t('homeVisits.endedAt')}
        error={errors.endedAt}
        value={form.endedAt}
        onChange={(v) => set('endedAt', v)}
      />
      <ChoiceGroup
        legend={t('homeVisits.leaveSafety')}
        hint={
          <>
            <p>{t('homeVisits.leaveSafetyHint')}</p>
            <p>
              <strong>{t('homeVisits.leaveSafetyRule')}</strong>
            </p>
          </>
        }
        error={errors.leaveSafety}
        announce
      >
        <div className="check-list">
          {riskItems.map((k) => (
            <Check
              key={k}
              label={t(`homeVisits.risk.${k}`)}
              checked={form[k]}
              onChange={(v) => set(k, v)}
              error={errors[`leaveSafety.${k}`]}
            />
          ))}
          <Check
            label={t('homeVisits.professionalHelpCalled')}
            checked={form.professionalHelpCalled}
            onChange={(v) => set('professionalHelpCalled', v)}
            error={errors['leaveSafety.professionalHelpCalled']}
            invalid={
              risk &&
              !form.professionalHelpCalled &&
              errors['leaveSafety.professionalHelpCalled'] !== undefined
            }
          />
          {form.professionalHelpCalled && (
            <>
              <DateTimeField
                label={`${t('homeVisits.helpCalledAt')} ${t('app.optional')}`}
                error={errors['leaveSafety.helpCalledAt']}
                value={form.helpCalledAt}
                onChange={(v) => set('helpCalledAt', v)}
              />
              <Field label={t('homeVisits.helpCalledWho')} error={errors['leaveSafety.helpCalledWho']}>
                {(p) => (
                  <select
                    {...p}
                    value={form.helpCalledWho}
                    onChange={(e) => set('helpCalledWho', e.target.value as HelpKind)}
                  >
                    <option value="">—</option>
                    {helpKinds.map((k) => (
                      <option key={k} value={k}>
                        {t(`homeVisits.help.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                label={`${t('homeVisits.helpCalledDetail')} ${t('app.optional')}`}
                error={errors['leaveSafety.helpCalledDetail']}
              >
                {(p) => (
                  <input
                    {...p}
                    value={form.helpCalledDetail}
                    onChange={(e) => set('helpCalledDetail', e.target.value)}
                  />
                )}
              </Field>
            </>
          )}
        </div>
      </ChoiceGroup>
      <ChoiceGroup legend={t('homeVisits.outcome')} error={errors.outcome}>
        {outcomes.map((o) => (
          <label key={o} className="choice">
            <input
              type="radio"
              name={`outcome-${visit.id}`}
              value={o}
              checked={form.outcome === o}
              onChange={() => set('outcome', o)}
            />{' '}
            {t(`homeVisits.outcome.${o}`)}
          </label>
        ))}
      </ChoiceGroup>
      <Field label={`${t('records.notes')} ${t('app.optional')}`} error={errors.notes}>
        {(p) => (
          <textarea {...p} rows={3} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
        )}
      </Field>
      <div className="actions">
        <SubmitButton saving={saving} label={t('homeVisits.closeSubmit')} />
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
};

const VisitItem = ({ visit: v, onChanged }: { visit: intake.HomeVisit; onChanged: (m?: string) => void }) => {
  const t = useT();
  const [closing, setClosing] = useState(false);
  const s = v.leaveSafety;
  const risks = s ? riskItems.filter((k) => s[k]) : [];
  return (
    <li>
      <p>
        <When at={v.scheduledAt} /> · {t('homeVisits.workers', { count: v.workerCount })}{' '}
        <span className={`badge visit-${v.status}`}>{t(`homeVisits.status.${v.status}`)}</span>
      </p>
      {v.address && (
        <p>
          {t('homeVisits.address')}: {v.address}
        </p>
      )}
      {v.refusalReason && (
        <p>
          {t('homeVisits.refusalReason')}: <span className="quote">{v.refusalReason}</span>
        </p>
      )}
      {v.endedAt && (
        <p>
          {t('homeVisits.endedAt')}: <When at={v.endedAt} />
          {v.outcome && <> · {t(`homeVisits.outcome.${v.outcome}`)}</>}
        </p>
      )}
      {s && (
        <p>
          {risks.length === 0
            ? t('homeVisits.noRisk')
            : `${risks.map((k) => t(`homeVisits.risk.${k}`)).join(', ')} · ${t(
                s.professionalHelpCalled ? 'homeVisits.helpWasCalled' : 'homeVisits.helpNotCalled',
              )}${s.helpCalledWho ? ` (${t(`homeVisits.help.${s.helpCalledWho}`)})` : ''}`}
        </p>
      )}
      {v.notes && <p className="quote">{v.notes}</p>}
      {v.status === 'scheduled' &&
        (closing ? (
          <CloseVisit
            visit={v}
            onCancel={() => setClosing(false)}
            onDone={(message) => {
              if (message) setClosing(false);
              onChanged(message);
            }}
          />
        ) : (
          <button type="button" onClick={() => setClosing(true)}>
            {t('homeVisits.close')}
          </button>
        ))}
    </li>
  );
};

export const HomeVisits = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const { api } = useApp();
  const mine = useMyServices();
  const list = useRecords(clientId, (a, params) => a.GET('/clients/{clientId}/home-visits', { params }));
  const [key, renewKey] = useIdempotencyKey();
  const [form, setForm] = useState(emptyForm);
  const [saved, setSaved] = useState<string>();
  const [refusing, setRefusing] = useState(false);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const { submit, errors, problem, saving } = useSubmit(intake.ScheduleHomeVisitBody, (body) =>
    api.POST('/clients/{clientId}/home-visits', {
      params: { path: { clientId }, header: { 'idempotency-key': key } },
      body,
    }),
  );
  // The API names the first missing item; the group carries its whole answer.
  const checklistError = errorUnder(errors, 'checklist');
  /** After a change to one record: its message (if any) above the list, and the list read again. */
  const changed = (message?: string) => {
    if (message) setSaved(message);
    list.reload();
  };
  return (
    <ClientRecordPage clientId={clientId} title="homeVisits.title" intro="homeVisits.intro">
      {(client) => (
        <>
          <SavedNote message={saved} />
          <h2>{t('homeVisits.list')}</h2>
          <RecordList list={list}>{(v) => <VisitItem key={v.id} visit={v} onChanged={changed} />}</RecordList>
          <Await loaded={mine}>
            {({ services }) => {
              const serviceId = form.serviceId || services[0]?.id || '';
              const onSubmit = async (e: FormEvent) => {
                e.preventDefault();
                setSaved(undefined);
                const res = await submit({
                  serviceId,
                  scheduledAt: localInputToIso(form.scheduledAt),
                  workerCount: Number(form.workerCount),
                  checklist: form.checklist,
                  address: form.address || undefined,
                });
                if (!res) return;
                renewKey();
                setForm(emptyForm());
                setSaved(t('homeVisits.saved'));
                list.reload();
              };
              return (
                <>
                  <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="visit-form">
                    <h2 id="visit-form">{t('homeVisits.schedule')}</h2>
                    {/* A checklist refusal is shown at the checklist itself, not twice. */}
                    {!checklistError && <ProblemAlert error={problem} />}
                    <ServiceField
                      services={services}
                      value={serviceId}
                      onChange={(v) => set('serviceId', v)}
                      error={errors.serviceId}
                    />
                    <div className="row">
                      <DateTimeField
                        label={t('homeVisits.scheduledAt')}
                        error={errors.scheduledAt}
                        value={form.scheduledAt}
                        onChange={(v) => set('scheduledAt', v)}
                      />
                      <NumberField
                        label={t('homeVisits.workerCount')}
                        error={errors.workerCount}
                        min={1}
                        max={4}
                        value={form.workerCount}
                        onChange={(v) => set('workerCount', v)}
                      />
                    </div>
                    <ChoiceGroup
                      legend={t('homeVisits.checklist')}
                      hint={t('homeVisits.checklistHint')}
                      error={checklistError}
                      announce
                    >
                      <div className="check-list">
                        {checklistItems.map((k) => (
                          <Check
                            key={k}
                            label={t(`homeVisits.checklist.${k}`)}
                            checked={form.checklist[k]}
                            invalid={checklistError !== undefined && !form.checklist[k]}
                            onChange={(v) => set('checklist', { ...form.checklist, [k]: v })}
                          />
                        ))}
                      </div>
                    </ChoiceGroup>
                    {client.identity.kind === 'named' && (
                      <Field
                        label={`${t('homeVisits.address')} ${t('app.optional')}`}
                        hint={t('homeVisits.addressHint')}
                        error={errors.address}
                      >
                        {(p) => (
                          <input
                            {...p}
                            autoComplete="off"
                            placeholder={
                              client.identity.kind === 'named' ? client.identity.contact.address : undefined
                            }
                            value={form.address}
                            onChange={(e) => set('address', e.target.value)}
                          />
                        )}
                      </Field>
                    )}
                    <SubmitButton saving={saving} label={t('homeVisits.submit')} />
                    {checklistItems.some((k) => !form.checklist[k]) && !refusing && (
                      <button type="button" onClick={() => setRefusing(true)}>
                        {t('homeVisits.refuse')}
                      </button>
                    )}
                  </form>
                  {refusing && (
                    <RefuseVisit
                      clientId={clientId}
                      visit={{
                        serviceId,
                        scheduledAt: localInputToIso(form.scheduledAt),
                        workerCount: Number(form.workerCount) || 1,
                        checklist: form.checklist,
                      }}
                      onDone={() => {
                        setRefusing(false);
                        renewKey();
                        setForm(emptyForm());
                        setSaved(t('homeVisits.refusedSaved'));
                        list.reload();
                      }}
                    />
                  )}
                </>
              );
            }}
          </Await>
        </>
      )}
    </ClientRecordPage>
  );
};
