// The client file (spis): who the client is, the key worker, and the timeline of everything
// recorded, newest first; from here the worker records a contact, agrees the service, opens the
// plan or refers the client elsewhere, and opens the file's own records: the first consultation,
// needs mapping, consents, appointments and home visits. The header (ClientHeader) says who the
// client is in words: age, key worker, services and agreements, the open plan, alerts, consents.
import { dataOf } from '@spolu/client';
import type { intake } from '@spolu/contracts';
import { makeAgreementBody } from '../../forms/lazyBodies';
import type { Warning } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { Link } from 'wouter';
import { useApp, useIdempotencyKey, useLoad } from '../../api/context';
import type { MessageId } from '../../i18n/cs';
import { useLabel, useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { WarningsNotice } from '../../ui/WarningsNotice';
import { When } from './clientRecords';
import { clientLabel } from './labels';
import { ClientHeader } from './ClientHeader';

/** The first agreement, at the client's own service; warnings (e.g. age outside the service's
 * limits) come back with it and the file shows them once the form has gone. */
const AgreementForm = ({
  client,
  onDone,
}: {
  client: intake.Client;
  onDone: (warnings: Warning[]) => void;
}) => {
  const t = useT();
  const { api, session } = useApp();
  const [goal, setGoal] = useState('');
  const [key] = useIdempotencyKey();
  const { submit, prepare, errors, problem, saving } = useSubmit(makeAgreementBody, (body) =>
    api
      .POST('/clients/{clientId}/agreements', {
        params: { path: { clientId: client.id }, header: { 'idempotency-key': key } },
        body,
      })
      .then(dataOf),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({
      serviceId: client.serviceId,
      form: 'oral',
      goal,
      keyWorkerId: session?.userId,
    });
    if (res) onDone(res.warnings ?? []);
  };
  return (
    <form onFocus={prepare} onSubmit={onSubmit} noValidate className="card">
      <h2>{t('file.agreement')}</h2>
      <ProblemAlert error={problem} />
      <Field label={t('file.agreementGoal')} error={errors.goal}>
        {(p) => <textarea {...p} rows={2} value={goal} onChange={(e) => setGoal(e.target.value)} />}
      </Field>
      <SubmitButton saving={saving} label={t('file.makeAgreement')} />
    </form>
  );
};

/** The client file's own screens, in the order work with a new person usually goes. */
const recordLinks: { path: string; label: MessageId }[] = [
  { path: 'consultation', label: 'file.consultation' },
  { path: 'needs', label: 'file.needs' },
  { path: 'consents', label: 'file.consents' },
  { path: 'appointments', label: 'file.appointments' },
  { path: 'home-visits', label: 'file.homeVisits' },
  { path: 'agreements', label: 'intakeWork.fileAgreements' },
  { path: 'questionnaire', label: 'intakeWork.fileQuestionnaire' },
  { path: 'shared-care', label: 'sharedCare.new' },
  { path: 'handover', label: 'sharedCare.handover.new' },
];

export const ClientFile = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const label = useLabel();
  const file = useLoad(
    (api) => api.GET('/clients/{clientId}/file', { params: { path: { clientId } } }).then(dataOf),
    [clientId],
  );
  const [agreementWarnings, setAgreementWarnings] = useState<Warning[]>([]);
  const planList = useLoad(
    (api) => api.GET('/plans', { params: { query: { clientId } } }).then(dataOf),
    [clientId],
  );
  return (
    <Await loaded={file}>
      {(data) => (
        <Page
          title={`${t('file.title')}: ${clientLabel(data.client)}`}
          actions={
            <>
              <Link className="button primary" href={`/clients/${clientId}/contact`}>
                {t('file.recordContact')}
              </Link>
              <Link className="button" href={`/clients/${clientId}/refer`}>
                {t('file.refer')}
              </Link>
            </>
          }
        >
          <p>
            <span className="badge">{t(`clients.status.${data.client.status}`)}</span>
          </p>
          <ClientHeader
            client={data.client}
            keyWorkerId={data.keyWorkerId}
            agreements={data.activeAgreements}
            plans={planList.data?.items}
          />
          <WarningsNotice title={t('serviceFit.check')} warnings={agreementWarnings} />
          <nav aria-label={t('file.records')}>
            <ul className="record-links">
              {recordLinks.map((r) => (
                <li key={r.path}>
                  <Link className="button" href={`/clients/${clientId}/${r.path}`}>
                    {t(r.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <Await loaded={planList}>
            {(p) =>
              p.items.length > 0 ? (
                <ul className="list">
                  {p.items.map((plan) => (
                    <li key={plan.id}>
                      <Link href={`/plans/${plan.id}`}>
                        {t('file.openPlan')} — {t('plan.version', { version: plan.version })}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : data.client.status === 'applicant' ? (
                <AgreementForm
                  client={data.client}
                  onDone={(warnings) => {
                    setAgreementWarnings(warnings);
                    file.reload();
                    planList.reload();
                  }}
                />
              ) : (
                <p>{t('plan.none')}</p>
              )
            }
          </Await>
          <h2>{t('file.timeline')}</h2>
          <ol className="timeline">
            {data.items.map((item) => (
              <li key={`${item.kind}-${item.id}`}>
                <When at={item.at} /> <strong>{label('timeline', item.kind)}</strong>
                {item.kind === 'contact' && Array.isArray(item.record.interventions) && (
                  <span>
                    {' — '}
                    {(item.record.interventions as { type: string }[])
                      .map((i) => label('intervention', i.type))
                      .join(', ')}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </Page>
      )}
    </Await>
  );
};
