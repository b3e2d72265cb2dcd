// Partner systems (e.g. a provider's own case-management software) allowed to call the API for
// the provider, each with the scopes the admin grants; revoking stops its calls.
import type { directory } from '@spolu/contracts';
import { directory as d } from '@spolu/contracts';
import { dataOf } from '@spolu/client';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useIdempotencyKey } from '../../api/context';
import { usePagedList } from '../../api/paged';
import type { MessageId } from '../../i18n/cs';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await } from '../../ui/page';
import { ChoiceGroup, SavedNote } from '../worker/clientRecords';

const scopes = d.PartnerScope.options;
const scopeName = (s: string) => `admin.partner.scope.${s}` as MessageId;

export const PartnerClients = ({ onChanged }: { onChanged: () => void }) => {
  const t = useT();
  const { api } = useApp();
  const [key, renewKey] = useIdempotencyKey();
  const list = usePagedList((a, page) => a.GET('/partner-clients', { params: { query: page } }), []);
  const [form, setForm] = useState({ name: '', description: '', scopes: [] as string[] });
  const [saved, setSaved] = useState<string>();
  const [revokeProblem, setRevokeProblem] = useState<Error>();
  const [inboundSecret, setInboundSecret] = useState<string>();
  const [inboundKey, renewInboundKey] = useIdempotencyKey();
  const { submit, errors, problem, saving } = useSubmit(d.RegisterPartnerClientBody, (body) =>
    api.POST('/partner-clients', { params: { header: { 'idempotency-key': key } }, body }),
  );
  const reload = () => {
    list.reload();
    onChanged();
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(undefined);
    const res = await submit({ ...form, description: form.description || undefined });
    if (!res) return;
    renewKey();
    setForm({ name: '', description: '', scopes: [] });
    setSaved(t('admin.partner.saved'));
    reload();
  };
  const revoke = async (p: directory.PartnerClient) => {
    setRevokeProblem(undefined);
    try {
      await api.PATCH('/partner-clients/{partnerClientId}', {
        params: { path: { partnerClientId: p.id }, header: { 'if-match': `"${p.version}"` } },
        body: { status: 'revoked' },
      });
      reload();
    } catch (err) {
      setRevokeProblem(err as Error);
    }
  };
  // The partner signs its status updates to Spolu with this key; like every secret, shown once.
  const newInboundSecret = async (p: directory.PartnerClient) => {
    setRevokeProblem(undefined);
    try {
      const issued = await api.POST('/webhooks/partner-clients/{partnerClientId}/inbound-secrets', {
        params: { path: { partnerClientId: p.id }, header: { 'idempotency-key': inboundKey } },
      });
      renewInboundKey();
      setInboundSecret(dataOf(issued).secret);
    } catch (err) {
      setRevokeProblem(err as Error);
    }
  };
  return (
    <section aria-labelledby="partners">
      <h2 id="partners">{t('webhooks.partners')}</h2>
      <SavedNote message={saved} />
      <ProblemAlert error={revokeProblem} />
      {inboundSecret && (
        <p className="alert alert-warning" role="alert">
          {t('admin.partner.inboundSecret', { secret: inboundSecret })}
        </p>
      )}
      <Await loaded={list}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('app.none')}</p>
          ) : (
            <ul className="cards">
              {items.map((p) => (
                <li key={p.id} className="card">
                  <strong>{p.name}</strong>{' '}
                  <span className="badge">{t(`admin.partner.status.${p.status}`)}</span>
                  <br />
                  {p.scopes.map((s) => t(scopeName(s))).join(', ')}
                  <br />
                  {t('admin.partner.id')} <code>{p.id}</code>
                  {p.status === 'active' && (
                    <p>
                      <button
                        type="button"
                        onClick={() => void revoke(p)}
                        aria-label={`${t('admin.partner.revoke')}: ${p.name}`}
                      >
                        {t('admin.partner.revoke')}
                      </button>{' '}
                      <button
                        type="button"
                        onClick={() => void newInboundSecret(p)}
                        aria-label={`${t('admin.partner.inbound')}: ${p.name}`}
                      >
                        {t('admin.partner.inbound')}
                      </button>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Await>
      {list.more}
      <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="add-partner">
        <h3 id="add-partner">{t('admin.partner.add')}</h3>
        <ProblemAlert error={problem} />
        <Field label={t('admin.partner.name')} error={errors.name}>
          {(p) => (
            <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          )}
        </Field>
        <Field label={`${t('admin.partner.description')} ${t('app.optional')}`} error={errors.description}>
          {(p) => (
            <input
              {...p}
              value={form.description}
              onChange={(e) => setForm({ ...form, description: e.target.value })}
            />
          )}
        </Field>
        <ChoiceGroup legend={t('admin.partner.scopes')} error={errors.scopes}>
          {scopes.map((s) => (
            <label key={s} className="choice">
              <input
                type="checkbox"
                checked={form.scopes.includes(s)}
                onChange={() =>
                  setForm({
                    ...form,
                    scopes: form.scopes.includes(s)
                      ? form.scopes.filter((x) => x !== s)
                      : [...form.scopes, s],
                  })
                }
              />{' '}
              {t(scopeName(s))}
            </label>
          ))}
        </ChoiceGroup>
        <SubmitButton saving={saving} label={t('admin.partner.add')} />
      </form>
    </section>
  );
};
