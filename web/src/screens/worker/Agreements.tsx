// The client's agreements (dohoda / smlouva o poskytování sociální služby): what was agreed, with
// whom as key worker, and every change since. A change is only made by mutual agreement with the
// client, so the form asks for a note on how it was agreed; the API records who changed what. The
// change is sent with the version the worker saw (If-Match): if a colleague changed the agreement
// meanwhile, the worker is told and reloads instead of overwriting it.
import { dataOf } from '@spolu/client';
import { intake } from '@spolu/contracts';
import type { Warning } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useApp, useIdempotencyKey } from '../../api/context';
import type { MessageId } from '../../i18n/cs';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await } from '../../ui/page';
import {
  ChoiceGroup,
  ClientRecordPage,
  etagOf,
  RecordList,
  SavedNote,
  useRecords,
  When,
} from './clientRecords';
import { useColleagues } from './colleagues';
import { useMyServices } from './me';
import { WarningsNotice } from '../../ui/WarningsNotice';

type Agreement = intake.Agreement;
type Colleagues = ReturnType<typeof useColleagues>['data'];
type Status = Agreement['status'];
const statuses: Status[] = ['active', 'ended'];

const changedFieldLabel = (field: string): MessageId | undefined =>
  (
    ({
      goal: 'intakeWork.a.field.goal',
      keyWorkerId: 'intakeWork.a.field.keyWorkerId',
      status: 'intakeWork.a.field.status',
      form: 'intakeWork.a.field.form',
      written: 'intakeWork.a.field.written',
    }) as Record<string, MessageId>
  )[field];

const ChangeForm = ({
  clientId,
  agreement,
  onDone,
  onCancel,
  onReload,
  colleagues,
}: {
  clientId: string;
  agreement: Agreement;
  onDone: () => void;
  onCancel: () => void;
  onReload: () => void;
  colleagues: Colleagues;
}) => {
  const t = useT();
  const { api } = useApp();
  const [goal, setGoal] = useState(agreement.goal);
  const [keyWorkerId, setKeyWorkerId] = useState(agreement.keyWorkerId ?? '');
  const [status, setStatus] = useState<Status>(agreement.status);
  const [changeNote, setChangeNote] = useState('');
  const [unchanged, setUnchanged] = useState(false);
  const { submit, errors, problem, saving } = useSubmit(intake.ChangeAgreementBody, (body) =>
    api.PATCH('/clients/{clientId}/agreements/{agreementId}', {
      params: { path: { clientId, agreementId: agreement.id }, header: { 'if-match': etagOf(agreement) } },
      body,
    }),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    // Only what the worker changed is sent: the API records exactly those fields as changed.
    const body = {
      ...(goal !== agreement.goal ? { goal } : {}),
      ...(keyWorkerId && keyWorkerId !== agreement.keyWorkerId ? { keyWorkerId } : {}),
      ...(status !== agreement.status ? { status } : {}),
    };
    setUnchanged(Object.keys(body).length === 0);
    if (Object.keys(body).length === 0) return;
    const res = await submit({ ...body, ...(changeNote.trim() ? { changeNote } : {}) });
    if (res) onDone();
  };
  const workers = colleagues?.items ?? [];
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`agreement-${agreement.id}-change`}>
      <h3 id={`agreement-${agreement.id}-change`}>{t('intakeWork.a.change')}</h3>
      <ProblemAlert error={problem} onReload={onReload} />
      {unchanged && (
        <p className="alert alert-warning" role="alert">
          {t('intakeWork.a.nothingChanged')}
        </p>
      )}
      <Field label={t('intakeWork.a.goal')} error={errors.goal}>
        {(p) => <textarea {...p} rows={3} value={goal} onChange={(e) => setGoal(e.target.value)} />}
      </Field>
      <Field label={t('intakeWork.a.keyWorker')} error={errors.keyWorkerId}>
        {(p) => (
          <select {...p} value={keyWorkerId} onChange={(e) => setKeyWorkerId(e.target.value)}>
            {!agreement.keyWorkerId && <option value="">{t('file.noKeyWorker')}</option>}
            {agreement.keyWorkerId && !workers.some((w) => w.id === agreement.keyWorkerId) && (
              <option value={agreement.keyWorkerId}>{agreement.keyWorkerId}</option>
            )}
            {workers.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ChoiceGroup legend={t('intakeWork.a.status')} error={errors.status} announce>
        {statuses.map((s) => (
          <label key={s} className="choice">
            <input
              type="radio"
              name={`agreement-${agreement.id}-status`}
              value={s}
              checked={status === s}
              onChange={() => setStatus(s)}
            />{' '}
            {t(`intakeWork.a.status.${s}`)}
          </label>
        ))}
      </ChoiceGroup>
      <Field
        label={`${t('intakeWork.a.changeNote')} ${t('app.optional')}`}
        hint={t('intakeWork.a.changeNoteHint')}
        error={errors.changeNote}
      >
        {(p) => (
          <textarea {...p} rows={2} value={changeNote} onChange={(e) => setChangeNote(e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <SubmitButton saving={saving} label={t('intakeWork.a.save')} />{' '}
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
};

/** A new oral agreement at one of the worker's services (the client's own service first). The API
 * says when the service's age limits or target groups do not fit the client; the worker reads it
 * here, where the agreement was just made, before going on. */
const NewAgreementForm = ({
  client,
  onMade,
}: {
  client: intake.Client;
  onMade: (warnings: Warning[]) => void;
}) => {
  const t = useT();
  const { api, session } = useApp();
  const mine = useMyServices();
  const [serviceId, setServiceId] = useState('');
  const [goal, setGoal] = useState('');
  const [key, renewKey] = useIdempotencyKey();
  const { submit, errors, problem, saving } = useSubmit(intake.MakeAgreementBody, (body) =>
    api
      .POST('/clients/{clientId}/agreements', {
        params: { path: { clientId: client.id }, header: { 'idempotency-key': key } },
        body,
      })
      .then(dataOf),
  );
  return (
    <Await loaded={mine}>
      {({ services }) => {
        const chosen =
          serviceId ||
          (services.some((s) => s.id === client.serviceId) ? client.serviceId : services[0]?.id) ||
          '';
        const onSubmit = async (e: FormEvent) => {
          e.preventDefault();
          const res = await submit({ serviceId: chosen, form: 'oral', goal, keyWorkerId: session?.userId });
          if (!res) return;
          setGoal('');
          renewKey();
          onMade(res.warnings ?? []);
        };
        return (
          <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="new-agreement">
            <h2 id="new-agreement">{t('serviceFit.agreement.title')}</h2>
            <ProblemAlert error={problem} />
            <Field label={t('serviceFit.agreement.service')} error={errors.serviceId}>
              {(p) => (
                <select {...p} value={chosen} onChange={(e) => setServiceId(e.target.value)}>
                  {services.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('serviceFit.agreement.goal')} error={errors.goal}>
              {(p) => <textarea {...p} rows={2} value={goal} onChange={(e) => setGoal(e.target.value)} />}
            </Field>
            <SubmitButton saving={saving} label={t('serviceFit.agreement.submit')} />
          </form>
        );
      }}
    </Await>
  );
};

const AgreementItem = ({
  clientId,
  agreement,
  onChanged,
  onReload,
  colleagues,
}: {
  clientId: string;
  agreement: Agreement;
  onChanged: () => void;
  onReload: () => void;
  colleagues: Colleagues;
}) => {
  const t = useT();
  const [changing, setChanging] = useState(false);
  const nameOf = (id: string) => colleagues?.nameOf(id) ?? id;
  return (
    <li className="card">
      <h2>
        {t(`intakeWork.a.form.${agreement.form}`)}{' '}
        <span className="badge">{t(`intakeWork.a.status.${agreement.status}`)}</span>
      </h2>
      <p>
        <FormattedMessage id="intakeWork.a.madeAt" values={{ at: <When at={agreement.madeAt} /> }} />
        {agreement.courtOrdered && <> · {t('intakeWork.a.courtOrdered')}</>}
      </p>
      <dl className="answers">
        <div>
          <dt>{t('intakeWork.a.goal')}</dt>
          <dd>{agreement.goal}</dd>
        </div>
        <div>
          <dt>{t('intakeWork.a.keyWorker')}</dt>
          <dd>{agreement.keyWorkerId ? nameOf(agreement.keyWorkerId) : t('file.noKeyWorker')}</dd>
        </div>
      </dl>
      {agreement.changes.length > 0 && (
        <>
          <h3>{t('intakeWork.a.history')}</h3>
          <ul className="list">
            {agreement.changes.map((c, i) => (
              <li key={`${c.at}-${i}`}>
                <FormattedMessage
                  id="intakeWork.a.changeEntry"
                  values={{
                    at: <When at={c.at} />,
                    who: nameOf(c.by),
                    fields: c.fields
                      .map((f) => {
                        const id = changedFieldLabel(f);
                        return id ? t(id) : f;
                      })
                      .join(', '),
                  }}
                />
                {c.note && <> — {c.note}</>}
              </li>
            ))}
          </ul>
        </>
      )}
      {changing ? (
        <ChangeForm
          clientId={clientId}
          agreement={agreement}
          colleagues={colleagues}
          onDone={() => {
            setChanging(false);
            onChanged();
          }}
          onCancel={() => setChanging(false)}
          onReload={() => {
            setChanging(false);
            onReload();
          }}
        />
      ) : (
        <button type="button" onClick={() => setChanging(true)}>
          {t('intakeWork.a.change')}
        </button>
      )}
    </li>
  );
};

export const Agreements = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const list = useRecords(clientId, (a, params) => a.GET('/clients/{clientId}/agreements', { params }));
  const colleagues = useColleagues();
  const [saved, setSaved] = useState<string>();
  const [warnings, setWarnings] = useState<Warning[]>([]);
  return (
    <ClientRecordPage clientId={clientId} title="intakeWork.a.title" intro="intakeWork.a.intro">
      {(client) => (
        <>
          <SavedNote message={saved} />
          <WarningsNotice title={t('serviceFit.check')} warnings={warnings} />
          <RecordList list={list} none="intakeWork.a.none">
            {(a) => (
              <AgreementItem
                key={`${a.id}-${a.version}`}
                clientId={clientId}
                agreement={a}
                colleagues={colleagues.data}
                onChanged={() => {
                  setWarnings([]);
                  setSaved(t('intakeWork.a.saved'));
                  list.reload();
                }}
                onReload={() => {
                  setSaved(undefined);
                  list.reload();
                }}
              />
            )}
          </RecordList>
          <NewAgreementForm
            client={client}
            onMade={(made) => {
              setSaved(t('serviceFit.agreement.saved'));
              setWarnings(made);
              list.reload();
            }}
          />
        </>
      )}
    </ClientRecordPage>
  );
};
