// The provider admin keeps the services' availability current: capacity, waiting time and whether
// referrals are accepted are what other providers see when they look for a fitting service.
import { directory } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { dataOf } from '@spolu/client';
import { withEtag } from '../../api/client';
import { useApp, useLoad } from '../../api/context';
import { districtName, serviceTypeName } from '../../i18n/values';
import { useLocale, useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { SavedNote } from '../worker/clientRecords';
import { ServiceForm } from './ServiceForm';

const AvailabilityForm = ({ serviceId }: { serviceId: string }) => {
  const t = useT();
  const { api } = useApp();
  const loaded = useLoad(
    async (a) => {
      const { body, etag } = withEtag(
        await a.GET('/services/{serviceId}', { params: { path: { serviceId } } }),
      );
      return { service: body, etag };
    },
    [serviceId],
  );
  const [edit, setEdit] = useState<{ capacity: string; waitingDays: string; acceptingReferrals: boolean }>();
  const [saved, setSaved] = useState(false);
  const { submit, errors, problem, saving } = useSubmit(directory.Availability, (body) =>
    api.PUT('/services/{serviceId}/availability', {
      params: { path: { serviceId }, header: { 'if-match': loaded.data?.etag ?? '' } },
      body,
    }),
  );
  return (
    <Await loaded={loaded}>
      {({ service }) => {
        const form = edit ?? {
          capacity: String(service.availability.capacity),
          waitingDays: String(service.availability.waitingDays),
          acceptingReferrals: service.availability.acceptingReferrals,
        };
        const onSubmit = async (e: FormEvent) => {
          e.preventDefault();
          setSaved(false);
          const res = await submit({
            capacity: Number(form.capacity),
            waitingDays: Number(form.waitingDays),
            acceptingReferrals: form.acceptingReferrals,
          });
          if (res) {
            setEdit(undefined);
            setSaved(true);
            loaded.reload();
          }
        };
        return (
          <form onSubmit={onSubmit} noValidate aria-label={service.name}>
            <ProblemAlert
              error={problem}
              onReload={() => {
                setEdit(undefined);
                loaded.reload();
              }}
            />
            {saved && <p role="status">{t('app.saved')}</p>}
            <div className="row">
              <Field label={t('services.capacity')} error={errors.capacity}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    inputMode="numeric"
                    value={form.capacity}
                    onChange={(e) => setEdit({ ...form, capacity: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('services.waitingDays')} error={errors.waitingDays}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    inputMode="numeric"
                    value={form.waitingDays}
                    onChange={(e) => setEdit({ ...form, waitingDays: e.target.value })}
                  />
                )}
              </Field>
            </div>
            <label className="choice">
              <input
                type="checkbox"
                checked={form.acceptingReferrals}
                onChange={(e) => setEdit({ ...form, acceptingReferrals: e.target.checked })}
              />{' '}
              {t('services.accepting')}
            </label>
            <SubmitButton saving={saving} label={t('services.saveAvailability')} />
          </form>
        );
      }}
    </Await>
  );
};

export const Services = () => {
  const t = useT();
  const { locale } = useLocale();
  const { session } = useApp();
  const list = useLoad(
    (api) =>
      api.GET('/services', { params: { query: { providerId: session?.tenantId, limit: 100 } } }).then(dataOf),
    [session?.tenantId],
  );
  const [saved, setSaved] = useState<string>();
  const onSaved = () => {
    setSaved(t('admin.service.saved'));
    list.reload();
  };
  return (
    <Page title={t('services.title')}>
      <SavedNote message={saved} />
      <Await loaded={list}>
        {(data) => (
          <ul className="cards">
            {data.items.map((s) => (
              <li key={s.id} className="card">
                <h2>{s.name}</h2>
                <p>
                  {serviceTypeName(s.type, locale)} · {t('services.districts')}:{' '}
                  {s.districts.map(districtName).join(', ')}
                </p>
                <AvailabilityForm serviceId={s.id} />
                <details>
                  <summary>{t('admin.service.edit')}</summary>
                  <ServiceForm key={s.version} service={s} onSaved={onSaved} />
                </details>
              </li>
            ))}
          </ul>
        )}
      </Await>
      <ServiceForm onSaved={onSaved} />
    </Page>
  );
};
