// The client's natural support network (002): family, close people and institutions, each
// involved only with the client's consent recorded in intake; their involvement can end.
import { dataOf } from '@spolu/client';
import { plans } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useLoad } from '../../../api/context';
import type { MessageId } from '../../../i18n/cs';
import { useT } from '../../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../../ui/form';
import { SavedNote } from '../clientRecords';
import type { PlanChangeProps } from './planChange';
import { AgreedCheckbox, usePlanChange } from './planChange';

const kinds = plans.SupportKind.options;
const emptyForm = { consentId: '', kind: 'close-person', name: '', role: '', contact: '', agreed: false };

const EndInvolvement = ({
  person,
  loaded,
  onSaved,
  onReload,
}: PlanChangeProps & { person: plans.SupportPerson }) => {
  const t = useT();
  const { api } = useApp();
  const [agreed, setAgreed] = useState(false);
  const { submit, errors, problem, saving } = useSubmit(plans.ChangeSupportPersonBody, (body) =>
    api.PATCH('/plans/{planId}/support-network/{personId}', {
      params: { path: { planId: loaded.plan.id, personId: person.id }, header: { 'if-match': loaded.etag } },
      body,
    }),
  );
  return (
    <details>
      <summary>{t('planWork.support.end')}</summary>
      <form
        noValidate
        aria-label={`${t('planWork.support.end')}: ${person.name}`}
        onSubmit={async (e) => {
          e.preventDefault();
          if (await submit({ agreedWithClient: agreed || undefined, involvement: 'ended' })) onSaved();
        }}
      >
        <ProblemAlert error={problem} onReload={onReload} />
        <AgreedCheckbox checked={agreed} onChange={setAgreed} error={errors.agreedWithClient} />
        <SubmitButton saving={saving} label={t('planWork.support.end')} />
      </form>
    </details>
  );
};

export const SupportNetwork = (props: PlanChangeProps) => {
  const { loaded, onSaved, onReload } = props;
  const t = useT();
  const { plan } = loaded;
  const consents = useLoad(
    (api) =>
      api
        .GET('/clients/{clientId}/consents', {
          params: { path: { clientId: plan.clientId }, query: { limit: 100 } },
        })
        .then(dataOf),
    [plan.clientId],
  );
  const involving = (consents.data?.items ?? []).filter(
    (c) =>
      c.status === 'given' && (c.purpose === 'involve-close-person' || c.purpose === 'involve-institution'),
  );
  const [form, setForm] = useState(emptyForm);
  const [saved, setSaved] = useState<string>();
  const { submit, errors, problem, saving, renewKey } = usePlanChange(
    plans.AddSupportPersonBody,
    loaded,
    (api, body, params) => api.POST('/plans/{planId}/support-network', { params, body }),
  );
  // Choosing the consent fills in whom it names; the worker can still adjust the wording.
  const pickConsent = (consentId: string) => {
    const c = involving.find((x) => x.id === consentId);
    setForm({
      ...form,
      consentId,
      kind:
        c?.purpose === 'involve-institution'
          ? 'institution'
          : form.kind === 'institution'
            ? 'close-person'
            : form.kind,
      name: c?.involvedParty?.name ?? form.name,
      role: c?.involvedParty?.relation ?? form.role,
    });
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(undefined);
    const res = await submit({
      agreedWithClient: form.agreed || undefined,
      consentId: form.consentId,
      kind: form.kind,
      name: form.name,
      role: form.role,
      contact: form.contact || undefined,
    });
    if (!res) return;
    renewKey();
    setForm(emptyForm);
    setSaved(t('planWork.support.saved'));
    onSaved();
  };
  return (
    <section aria-labelledby="support-network">
      <h2 id="support-network">{t('planWork.support')}</h2>
      <SavedNote message={saved} />
      {plan.supportNetwork.length === 0 ? (
        <p>{t('planWork.support.none')}</p>
      ) : (
        <ul className="cards">
          {plan.supportNetwork.map((person) => (
            <li key={person.id} className="card">
              <strong>{person.name}</strong> · {t(`planWork.support.kind.${person.kind}` as MessageId)} ·{' '}
              {person.role}
              {person.contact && <> · {person.contact}</>}{' '}
              <span className="badge">
                {t(`planWork.support.involvement.${person.involvement}` as MessageId)}
              </span>
              {plan.status === 'open' && person.involvement === 'active' && (
                <EndInvolvement {...props} person={person} onSaved={onSaved} />
              )}
            </li>
          ))}
        </ul>
      )}
      {plan.status === 'open' && (
        <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-support">
          <h3 id="add-support">{t('planWork.support.add')}</h3>
          <ProblemAlert error={problem} onReload={onReload} />
          {consents.data && involving.length === 0 ? (
            <p className="hint">{t('planWork.support.noConsent')}</p>
          ) : (
            <>
              <Field
                label={t('planWork.support.consent')}
                hint={t('planWork.support.consentHint')}
                error={errors.consentId}
              >
                {(p) => (
                  <select {...p} value={form.consentId} onChange={(e) => pickConsent(e.target.value)}>
                    <option value="">—</option>
                    {involving.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.involvedParty ? `${c.involvedParty.name} (${c.involvedParty.relation})` : c.id}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('planWork.support.kind')} error={errors.kind}>
                {(p) => (
                  <select
                    {...p}
                    value={form.kind}
                    onChange={(e) => setForm({ ...form, kind: e.target.value })}
                  >
                    {kinds.map((k) => (
                      <option key={k} value={k}>
                        {t(`planWork.support.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <div className="row">
                <Field label={t('planWork.support.name')} error={errors.name}>
                  {(p) => (
                    <input
                      {...p}
                      value={form.name}
                      onChange={(e) => setForm({ ...form, name: e.target.value })}
                    />
                  )}
                </Field>
                <Field label={t('planWork.support.role')} error={errors.role}>
                  {(p) => (
                    <input
                      {...p}
                      value={form.role}
                      onChange={(e) => setForm({ ...form, role: e.target.value })}
                    />
                  )}
                </Field>
              </div>
              <Field label={`${t('planWork.support.contact')} ${t('app.optional')}`} error={errors.contact}>
                {(p) => (
                  <input
                    {...p}
                    value={form.contact}
                    onChange={(e) => setForm({ ...form, contact: e.target.value })}
                  />
                )}
              </Field>
              <AgreedCheckbox
                checked={form.agreed}
                onChange={(agreed) => setForm({ ...form, agreed })}
                error={errors.agreedWithClient}
              />
              <SubmitButton saving={saving} label={t('planWork.support.add')} />
            </>
          )}
        </form>
      )}
    </section>
  );
};
