// Agreeing shared care of one client with a partner provider (společný klient): who does what,
// each side's contact worker, who coordinates and when the joint review is.
import { dataOf } from '@spolu/client';
import { referrals } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { useApp, useIdempotencyKey, useSession } from '../../../api/context';
import { useT } from '../../../i18n/locale';
import { DateField } from '../../../ui/fields';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../../ui/form';
import { ClientRecordPage } from '../clientRecords';
import { useMyServices } from '../me';
import { useRegion } from './region';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const NewSharedCare = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const { api } = useApp();
  const session = useSession();
  const [, navigate] = useLocation();
  const mine = useMyServices();
  const region = useRegion();
  const [key] = useIdempotencyKey();
  const [form, setForm] = useState({
    ourResponsibilities: '',
    partnerServiceId: '',
    partnerResponsibilities: '',
    partnerContact: '',
    partnerPhone: '',
    coordinator: 'us' as 'us' | 'partner',
    nextReviewAt: inDays(90),
  });
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });
  const { submit, errors, problem, saving } = useSubmit(referrals.CreateSharedCareBody, (body) =>
    api.POST('/shared-care', { params: { header: { 'idempotency-key': key } }, body }).then(dataOf),
  );
  const partners = (region.data?.services ?? []).filter((s) => s.providerId !== session.tenantId);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const partner = partners.find((s) => s.id === form.partnerServiceId);
    const me = mine.data?.me;
    const res = await submit({
      clientId,
      parties: [
        {
          providerId: session.tenantId,
          serviceId: mine.data?.services[0]?.id,
          responsibilities: form.ourResponsibilities,
          contact: { name: me?.name ?? session.name ?? '', email: me?.email },
        },
        {
          providerId: partner?.providerId ?? '',
          serviceId: partner?.id,
          responsibilities: form.partnerResponsibilities,
          contact: { name: form.partnerContact, phone: form.partnerPhone || undefined },
        },
      ],
      coordinatorProviderId: form.coordinator === 'us' ? session.tenantId : (partner?.providerId ?? ''),
      nextReviewAt: form.nextReviewAt,
    });
    if (res) navigate(`/shared-care/${res.id}`);
  };
  return (
    <ClientRecordPage clientId={clientId} title="sharedCare.new.title" intro="sharedCare.new.intro">
      {() => (
        <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="new-shared-care">
          <h2 id="new-shared-care">{t('sharedCare.new.title')}</h2>
          <ProblemAlert error={problem} />
          <fieldset>
            <legend>{t('sharedCare.us')}</legend>
            <Field label={t('sharedCare.responsibilities')} error={errors['parties[0].responsibilities']}>
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={form.ourResponsibilities}
                  onChange={(e) => set('ourResponsibilities')(e.target.value)}
                />
              )}
            </Field>
          </fieldset>
          <fieldset>
            <legend>{t('sharedCare.partner')}</legend>
            <Field
              label={t('sharedCare.partnerService')}
              error={errors['parties[1].providerId'] ?? errors['parties[1].serviceId']}
            >
              {(p) => (
                <select
                  {...p}
                  value={form.partnerServiceId}
                  onChange={(e) => set('partnerServiceId')(e.target.value)}
                >
                  <option value="">—</option>
                  {partners.map((s) => (
                    <option key={s.id} value={s.id}>
                      {region.data!.providerName(s.providerId)} — {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('sharedCare.responsibilities')} error={errors['parties[1].responsibilities']}>
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={form.partnerResponsibilities}
                  onChange={(e) => set('partnerResponsibilities')(e.target.value)}
                />
              )}
            </Field>
            <div className="row">
              <Field label={t('sharedCare.contactName')} error={errors['parties[1].contact.name']}>
                {(p) => (
                  <input
                    {...p}
                    value={form.partnerContact}
                    onChange={(e) => set('partnerContact')(e.target.value)}
                  />
                )}
              </Field>
              <Field
                label={`${t('sharedCare.contactPhone')} ${t('app.optional')}`}
                error={errors['parties[1].contact.phone']}
              >
                {(p) => (
                  <input
                    {...p}
                    type="tel"
                    value={form.partnerPhone}
                    onChange={(e) => set('partnerPhone')(e.target.value)}
                  />
                )}
              </Field>
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('sharedCare.whoCoordinates')}</legend>
            {(['us', 'partner'] as const).map((who) => (
              <label key={who} className="choice">
                <input
                  type="radio"
                  name="coordinator"
                  checked={form.coordinator === who}
                  onChange={() => setForm({ ...form, coordinator: who })}
                />{' '}
                {t(who === 'us' ? 'sharedCare.us' : 'sharedCare.partner')}
              </label>
            ))}
          </fieldset>
          <DateField
            label={t('sharedCare.reviewDate')}
            error={errors.nextReviewAt}
            value={form.nextReviewAt}
            onChange={set('nextReviewAt')}
          />
          <SubmitButton saving={saving} label={t('sharedCare.submit')} />
        </form>
      )}
    </ClientRecordPage>
  );
};
