// Consents (souhlasy): purpose-specific, given and withdrawn with their times. A consent to share
// with another provider names the recipient and exactly which parts of the file it may see; one to
// involve a close person or an institution names them. A withdrawal is final and takes effect at
// once, so it asks for a confirmation first.
import { dataOf } from '@spolu/client';
import { intake } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useApp, useLoad, useIdempotencyKey } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await } from '../../ui/page';
import {
  Check,
  ChoiceGroup,
  ClientRecordPage,
  etagOf,
  RecordList,
  SavedNote,
  ServiceField,
  useRecords,
  When,
} from './clientRecords';
import { localInputToIso, nowLocalInput, useMyServices } from './me';
import { DateTimeField } from '../../ui/fields';

const purposes = intake.ConsentPurpose.options;
type Purpose = (typeof purposes)[number];
const shareable = intake.ShareableField.options;
type Shareable = (typeof shareable)[number];

const emptyForm = () => ({
  purpose: '' as Purpose | '',
  serviceId: '',
  recipientProviderId: '',
  sharedFields: [] as Shareable[],
  partyName: '',
  partyRelation: '',
  givenAt: nowLocalInput(),
  form: 'written' as 'oral' | 'written',
});

const useProviders = () =>
  useLoad((api) => api.GET('/providers', { params: { query: { limit: 100 } } }).then(dataOf), []);

const Withdraw = ({
  consent,
  clientId,
  onDone,
}: {
  consent: intake.Consent;
  clientId: string;
  onDone: (message: string) => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const question = useRef<HTMLParagraphElement>(null);
  // The button that opened the confirmation is gone: keyboard focus moves to the question.
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  const { submit, errors, problem, saving } = useSubmit(intake.WithdrawConsentBody, async (body) => {
    // The consent's own ETag, read just before (GET of one consent), rather than derived from a
    // list that may be stale.
    const path = { clientId, consentId: consent.id };
    const current = await api.GET('/clients/{clientId}/consents/{consentId}', { params: { path } });
    return api.POST('/clients/{clientId}/consents/{consentId}/withdrawal', {
      params: { path, header: { 'if-match': current.response.headers.get('etag') ?? etagOf(consent) } },
      body,
    });
  });
  if (!confirming)
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        {t('consents.withdraw')}
      </button>
    );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (await submit({ reason: reason || undefined })) onDone(t('consents.withdrawn'));
  };
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card confirm"
      aria-label={t('consents.withdrawConfirmTitle')}
    >
      <p tabIndex={-1} ref={question}>
        <strong>{t('consents.withdrawConfirm')}</strong>
      </p>
      {consent.purpose === 'referral-share' && <p className="hint">{t('referralNews.withdrawEffect')}</p>}
      <ProblemAlert error={problem} onReload={() => onDone('')} />
      <Field label={`${t('consents.reason')} ${t('app.optional')}`} error={errors.reason}>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="actions">
        <SubmitButton saving={saving} label={t('consents.withdrawConfirmButton')} />
        <button type="button" onClick={() => setConfirming(false)}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
};

export const Consents = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const { api, session } = useApp();
  const mine = useMyServices();
  const providers = useProviders();
  const list = useRecords(clientId, (a, params) => a.GET('/clients/{clientId}/consents', { params }));
  const [key, renewKey] = useIdempotencyKey();
  const [form, setForm] = useState(emptyForm);
  const [saved, setSaved] = useState<string>();
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const { submit, errors, problem, saving } = useSubmit(intake.GiveConsentBody, (body) =>
    api.POST('/clients/{clientId}/consents', {
      params: { path: { clientId }, header: { 'idempotency-key': key } },
      body,
    }),
  );
  const providerName = (id?: string) => providers.data?.items.find((p) => p.id === id)?.name ?? id ?? '';
  const referral = form.purpose === 'referral-share';
  const involves = form.purpose === 'involve-close-person' || form.purpose === 'involve-institution';
  return (
    <ClientRecordPage clientId={clientId} title="consents.title" intro="consents.intro">
      {() => (
        <>
          <SavedNote message={saved} />
          <h2>{t('consents.list')}</h2>
          <RecordList list={list} none="consents.none">
            {(c) => (
              <li key={c.id} className={`consent consent-${c.status}`}>
                <p>
                  <strong>{t(`consents.purpose.${c.purpose}`)}</strong>{' '}
                  <span className={`badge status-${c.status}`}>{t(`consents.status.${c.status}`)}</span>
                </p>
                {c.recipientProviderId && (
                  <p>{t('consents.recipientIs', { name: providerName(c.recipientProviderId) })}</p>
                )}
                {c.sharedFields && (
                  <p>
                    {t('consents.sharedAre', {
                      fields: c.sharedFields.map((f) => t(`consents.field.${f}`)).join(', '),
                    })}
                  </p>
                )}
                {c.involvedParty && (
                  <p>
                    {c.involvedParty.name} ({c.involvedParty.relation})
                  </p>
                )}
                <p className="muted">
                  {t('consents.givenAt')} <When at={c.givenAt} /> · {t(`consents.form.${c.form}`)}
                  {c.withdrawnAt && (
                    <>
                      {' · '}
                      {t('consents.withdrawnAt')} <When at={c.withdrawnAt} />
                      {c.withdrawalReason ? ` (${c.withdrawalReason})` : ''}
                    </>
                  )}
                </p>
                {c.status === 'given' && (
                  <Withdraw
                    consent={c}
                    clientId={clientId}
                    onDone={(message) => {
                      setSaved(message || undefined);
                      list.reload();
                    }}
                  />
                )}
              </li>
            )}
          </RecordList>
          <Await loaded={mine}>
            {({ services }) => {
              const serviceId = form.serviceId || services[0]?.id || '';
              const onSubmit = async (e: FormEvent) => {
                e.preventDefault();
                setSaved(undefined);
                const res = await submit({
                  purpose: form.purpose || undefined,
                  serviceId,
                  recipientProviderId: referral ? form.recipientProviderId || undefined : undefined,
                  sharedFields: referral ? form.sharedFields : undefined,
                  involvedParty: involves
                    ? { name: form.partyName, relation: form.partyRelation }
                    : undefined,
                  givenAt: localInputToIso(form.givenAt),
                  form: form.form,
                });
                if (!res) return;
                renewKey();
                setForm(emptyForm());
                setSaved(t('consents.saved'));
                list.reload();
              };
              return (
                <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="consent-form">
                  <h2 id="consent-form">{t('consents.give')}</h2>
                  <ProblemAlert error={problem} />
                  <ServiceField
                    services={services}
                    value={serviceId}
                    onChange={(v) => set('serviceId', v)}
                    error={errors.serviceId}
                  />
                  <ChoiceGroup legend={t('consents.purpose')} error={errors.purpose}>
                    {purposes.map((p) => (
                      <label key={p} className="choice">
                        <input
                          type="radio"
                          name="purpose"
                          value={p}
                          checked={form.purpose === p}
                          onChange={() => set('purpose', p)}
                        />{' '}
                        {t(`consents.purpose.${p}`)}
                      </label>
                    ))}
                  </ChoiceGroup>
                  {referral && (
                    <>
                      <Field label={t('consents.recipient')} error={errors.recipientProviderId}>
                        {(p) => (
                          <select
                            {...p}
                            value={form.recipientProviderId}
                            onChange={(e) => set('recipientProviderId', e.target.value)}
                          >
                            <option value="">—</option>
                            {(providers.data?.items ?? [])
                              .filter((pr) => pr.id !== session?.tenantId)
                              .map((pr) => (
                                <option key={pr.id} value={pr.id}>
                                  {pr.name}
                                </option>
                              ))}
                          </select>
                        )}
                      </Field>
                      <ChoiceGroup
                        legend={t('consents.sharedFields')}
                        hint={t('consents.sharedFieldsHint')}
                        error={errors.sharedFields}
                        columns
                      >
                        {shareable.map((f) => (
                          <Check
                            key={f}
                            label={t(`consents.field.${f}`)}
                            checked={form.sharedFields.includes(f)}
                            onChange={(on) =>
                              set(
                                'sharedFields',
                                on ? [...form.sharedFields, f] : form.sharedFields.filter((x) => x !== f),
                              )
                            }
                          />
                        ))}
                      </ChoiceGroup>
                    </>
                  )}
                  {involves && (
                    <div className="row">
                      <Field
                        label={t('consents.partyName')}
                        error={errors['involvedParty.name'] ?? errors.involvedParty}
                      >
                        {(p) => (
                          <input
                            {...p}
                            value={form.partyName}
                            onChange={(e) => set('partyName', e.target.value)}
                          />
                        )}
                      </Field>
                      <Field
                        label={t('consents.partyRelation')}
                        hint={t('consents.partyRelationHint')}
                        error={errors['involvedParty.relation']}
                      >
                        {(p) => (
                          <input
                            {...p}
                            value={form.partyRelation}
                            onChange={(e) => set('partyRelation', e.target.value)}
                          />
                        )}
                      </Field>
                    </div>
                  )}
                  <ChoiceGroup legend={t('consents.formLegend')} error={errors.form}>
                    {(['written', 'oral'] as const).map((f) => (
                      <label key={f} className="choice">
                        <input
                          type="radio"
                          name="consent-form"
                          value={f}
                          checked={form.form === f}
                          onChange={() => set('form', f)}
                        />{' '}
                        {t(`consents.form.${f}`)}
                      </label>
                    ))}
                  </ChoiceGroup>
                  <DateTimeField
                    label={t('consents.givenAt')}
                    error={errors.givenAt}
                    value={form.givenAt}
                    onChange={(v) => set('givenAt', v)}
                  />
                  <SubmitButton saving={saving} label={t('consents.submit')} />
                </form>
              );
            }}
          </Await>
        </>
      )}
    </ClientRecordPage>
  );
};
