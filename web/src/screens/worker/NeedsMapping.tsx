// Needs mapping (mapování potřeb, document 001): needs from the region's taxonomy, grouped by the
// levels of the pyramid; for each the client's own priority and the worker's view. The client has
// the final say (the worker only in court-ordered treatment): the API works that out and the list of
// earlier assessments shows the final priority.
import { intake, needsTaxonomy } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useIdempotencyKey } from '../../api/context';
import { needCode } from '../../api/codes';
import { useLocale, useT } from '../../i18n/locale';
import { needName } from '../../i18n/values';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await } from '../../ui/page';
import {
  Check,
  ChoiceGroup,
  ClientRecordPage,
  RecordList,
  SavedNote,
  ServiceField,
  useRecords,
  When,
} from './clientRecords';
import { localInputToIso, nowLocalInput, useMyServices } from './me';
import { DateTimeField } from '../../ui/fields';

const priorities = intake.Priority.options;
type Priority = (typeof priorities)[number];
interface Row {
  clientPriority: Priority | '';
  workerPriority: Priority | '';
  clientWords: string;
}
const emptyRow: Row = { clientPriority: '', workerPriority: '', clientWords: '' };

/** One of a need's two priorities (the client's, the worker's) as a labelled choice. */
const PriorityField = ({
  label,
  need,
  error,
  value,
  onChange,
}: {
  label: string;
  need: string;
  error?: string;
  value: Priority | '';
  onChange: (value: Priority | '') => void;
}) => {
  const t = useT();
  return (
    <Field label={label} error={error}>
      {(p) => (
        <select
          {...p}
          aria-label={`${label}: ${need}`}
          value={value}
          onChange={(e) => onChange(priorities.find((pr) => pr === e.target.value) ?? '')}
        >
          <option value="">—</option>
          {priorities.map((pr) => (
            <option key={pr} value={pr}>
              {t(`needs.priority.${pr}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
};

export const NeedsMapping = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const { locale } = useLocale();
  const { api } = useApp();
  const mine = useMyServices();
  const list = useRecords(clientId, (a, params) =>
    a.GET('/clients/{clientId}/needs-assessments', { params }),
  );
  const [key, renewKey] = useIdempotencyKey();
  const [serviceChoice, setService] = useState('');
  const [assessedAt, setAssessedAt] = useState(nowLocalInput);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [saved, setSaved] = useState<string>();
  const { submit, errors, problem, saving } = useSubmit(intake.AssessNeedsBody, (body) =>
    api.POST('/clients/{clientId}/needs-assessments', {
      params: { path: { clientId }, header: { 'idempotency-key': key } },
      body: { ...body, needs: body.needs.map((n) => ({ ...n, code: needCode(n.code) })) },
    }),
  );
  // The order the needs are sent in, so `needs[2].workerPriority` finds its need again.
  const chosen = needsTaxonomy.needs.map((n) => n.code).filter((code) => rows[code]);
  const rowError = (code: string, field: keyof Row) => errors[`needs[${chosen.indexOf(code)}].${field}`];
  const setRow = (code: string, patch: Partial<Row>) =>
    setRows((r) => ({ ...r, [code]: { ...(r[code] ?? emptyRow), ...patch } }));
  const toggle = (code: string, on: boolean) =>
    setRows((r) => {
      const next = { ...r };
      if (on) next[code] = r[code] ?? emptyRow;
      else delete next[code];
      return next;
    });
  const priorityLabel = (p: string) => t(`needs.priority.${p as Priority}`);
  return (
    <ClientRecordPage clientId={clientId} title="needs.title" intro="needs.intro">
      {() => (
        <>
          <SavedNote message={saved} />
          <Await loaded={mine}>
            {({ services }) => {
              const serviceId = serviceChoice || services[0]?.id || '';
              const onSubmit = async (e: FormEvent) => {
                e.preventDefault();
                setSaved(undefined);
                const res = await submit({
                  serviceId,
                  assessedAt: localInputToIso(assessedAt),
                  needs: chosen.map((code) => ({
                    code,
                    clientPriority: rows[code]!.clientPriority || undefined,
                    workerPriority: rows[code]!.workerPriority || undefined,
                    clientWords: rows[code]!.clientWords || undefined,
                  })),
                });
                if (!res) return;
                renewKey();
                setRows({});
                setAssessedAt(nowLocalInput());
                setSaved(t('needs.saved'));
                list.reload();
              };
              return (
                <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="needs-form">
                  <h2 id="needs-form">{t('needs.new')}</h2>
                  <ProblemAlert error={problem} />
                  <ServiceField
                    services={services}
                    value={serviceId}
                    onChange={setService}
                    error={errors.serviceId}
                  />
                  <DateTimeField
                    label={t('needs.assessedAt')}
                    error={errors.assessedAt}
                    value={assessedAt}
                    onChange={setAssessedAt}
                  />
                  {errors.needs && (
                    <p className="error" role="alert">
                      {errors.needs}
                    </p>
                  )}
                  {needsTaxonomy.levels.map((level) => {
                    const needs = needsTaxonomy.needs.filter((n) => n.level === level.code);
                    if (needs.length === 0) return null;
                    return (
                      <ChoiceGroup key={level.code} legend={level[locale]}>
                        <div className="need-list">
                          {needs.map((n) => {
                            const row = rows[n.code];
                            return (
                              <div key={n.code} className={row ? 'need need-chosen' : 'need'}>
                                <Check
                                  label={needName(n.code, locale)}
                                  checked={row !== undefined}
                                  onChange={(on) => toggle(n.code, on)}
                                />
                                {row && (
                                  <div className="row">
                                    <PriorityField
                                      label={t('needs.clientPriority')}
                                      need={needName(n.code, locale)}
                                      error={rowError(n.code, 'clientPriority')}
                                      value={row.clientPriority}
                                      onChange={(v) => setRow(n.code, { clientPriority: v })}
                                    />
                                    <PriorityField
                                      label={t('needs.workerPriority')}
                                      need={needName(n.code, locale)}
                                      error={rowError(n.code, 'workerPriority')}
                                      value={row.workerPriority}
                                      onChange={(v) => setRow(n.code, { workerPriority: v })}
                                    />
                                    <Field
                                      label={`${t('needs.clientWords')} ${t('app.optional')}`}
                                      error={rowError(n.code, 'clientWords')}
                                    >
                                      {(p) => (
                                        <input
                                          {...p}
                                          aria-label={`${t('needs.clientWords')}: ${needName(n.code, locale)}`}
                                          value={row.clientWords}
                                          onChange={(e) => setRow(n.code, { clientWords: e.target.value })}
                                        />
                                      )}
                                    </Field>
                                  </div>
                                )}
                              </div>
                            );
                          })}
                        </div>
                      </ChoiceGroup>
                    );
                  })}
                  <SubmitButton saving={saving} label={t('needs.submit')} />
                </form>
              );
            }}
          </Await>
          <h2>{t('needs.earlier')}</h2>
          <RecordList list={list}>
            {(a) => (
              <li key={a.id}>
                <When at={a.assessedAt} /> ·{' '}
                {t(a.finalSay === 'client' ? 'needs.finalSay.client' : 'needs.finalSay.worker')}
                <ul className="needs-summary">
                  {a.needs.map((n) => (
                    <li key={n.code}>
                      <strong>{needName(n.code, locale)}</strong>:{' '}
                      {t('needs.priorities', {
                        final: priorityLabel(n.finalPriority),
                        client: priorityLabel(n.clientPriority),
                        worker: priorityLabel(n.workerPriority),
                      })}
                      {n.clientWords && <span className="quote"> „{n.clientWords}“</span>}
                    </li>
                  ))}
                </ul>
              </li>
            )}
          </RecordList>
        </>
      )}
    </ClientRecordPage>
  );
};
