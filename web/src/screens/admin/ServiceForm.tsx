// Registering a service of the provider, or changing its details: what it is, for whom, where,
// whether clients may be anonymous. A change sends only the fields that differ (If-Match).
import { dataOf } from '@spolu/client';
import type { directory } from '@spolu/contracts';
import { directory as d, ServiceType, TargetGroup } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { districtCode, needCode } from '../../api/codes';
import { useApp, useIdempotencyKey, useLoad } from '../../api/context';
import type { MessageId } from '../../i18n/cs';
import { serviceTypeName, targetGroupName } from '../../i18n/values';
import { useLocale, useT } from '../../i18n/locale';
import { NumberField } from '../../ui/fields';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { ChoiceGroup } from '../worker/clientRecords';
import type { HoursRow } from './HoursField';
import { HoursField } from './HoursField';

const anonymousModes = d.AnonymousMode.options;
const toggle = (list: string[], value: string) =>
  list.includes(value) ? list.filter((x) => x !== value) : [...list, value];

// A service body's districts and needs as the API document types them (api/codes.ts): the area,
// each location's and each field place's district, and the needs it meets.
const located = <L extends { district: string }>(l: L) => ({ ...l, district: districtCode(l.district) });
const byPlace = <V, W>(places: Record<string, V> | undefined, f: (v: V) => W) =>
  places && Object.fromEntries(Object.entries(places).map(([place, v]) => [place, f(v)]));
const districtsByPlace = (places?: Record<string, string>) => byPlace(places, districtCode);
const detailsByPlace = (places?: Record<string, directory.FieldPlaceDetail>) =>
  byPlace(places, (p) => ({
    ...p,
    district: p.district === undefined ? undefined : districtCode(p.district),
  }));

const initial = (s?: directory.Service) => ({
  name: s?.name ?? '',
  type: s?.type ?? 's60',
  registryId: s?.registryId ?? '',
  description: s?.description ?? '',
  targetGroups: s?.targetGroups ?? ([] as string[]),
  ageMin: String(s?.ageMin ?? 15),
  ageMax: String(s?.ageMax ?? 130),
  districts: s?.districts ?? ([] as string[]),
  hours: (s?.hours ?? []) as HoursRow[],
  anonymousMode: s?.anonymousMode ?? 'not-allowed',
  referralResponseDays: String(s?.referralResponseDays ?? 14),
  capacity: '10',
  waitingDays: '0',
  acceptingReferrals: true,
});

export const ServiceForm = ({
  service,
  onSaved,
}: {
  service?: directory.Service;
  onSaved: (saved: directory.Service) => void;
}) => {
  const t = useT();
  const { locale } = useLocale();
  const { api } = useApp();
  const [key, renewKey] = useIdempotencyKey();
  const districts = useLoad((a) => a.GET('/districts').then(dataOf), []);
  const [form, setForm] = useState(() => initial(service));
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm({ ...form, [k]: v });
  // Registering and changing are different bodies on different routes: one submission each, the
  // change only ever sent for the service being edited.
  const register = useSubmit(d.RegisterServiceBody, (body) =>
    api
      .POST('/services', {
        params: { header: { 'idempotency-key': key } },
        body: {
          ...body,
          districts: body.districts.map(districtCode),
          locations: body.locations.map(located),
          fieldPlaceDistricts: districtsByPlace(body.fieldPlaceDistricts),
          fieldPlaceDetails: detailsByPlace(body.fieldPlaceDetails),
          needCodes: body.needCodes.map(needCode),
        },
      })
      .then(dataOf),
  );
  const change = useSubmit(d.UpdateServiceBody, (body) =>
    api
      .PATCH('/services/{serviceId}', {
        params: { path: { serviceId: service!.id }, header: { 'if-match': `"${service!.version}"` } },
        body: {
          ...body,
          districts: body.districts?.map(districtCode),
          locations: body.locations?.map(located),
          fieldPlaceDistricts: districtsByPlace(body.fieldPlaceDistricts),
          fieldPlaceDetails: detailsByPlace(body.fieldPlaceDetails),
          needCodes: body.needCodes?.map(needCode),
        },
      })
      .then(dataOf),
  );
  const { errors, problem, saving } = service ? change : register;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const details = {
      name: form.name,
      type: form.type,
      registryId: form.registryId || undefined,
      description: form.description || undefined,
      targetGroups: form.targetGroups,
      ageMin: Number(form.ageMin),
      ageMax: Number(form.ageMax),
      districts: form.districts,
      hours: form.hours,
      anonymousMode: form.anonymousMode,
      referralResponseDays: Number(form.referralResponseDays),
    };
    const res = service
      ? // Only what changed: the API refuses an empty change with a clear message.
        await change.submit(
          Object.fromEntries(
            Object.entries(details).filter(
              ([k, v]) => JSON.stringify(v) !== JSON.stringify(service[k as keyof directory.Service]),
            ),
          ),
        )
      : await register.submit({
          ...details,
          availability: {
            capacity: Number(form.capacity),
            waitingDays: Number(form.waitingDays),
            acceptingReferrals: form.acceptingReferrals,
          },
        });
    if (!res) return;
    if (!service) {
      renewKey();
      setForm(initial());
    }
    onSaved(res);
  };
  const title = service ? t('admin.service.editOf', { name: service.name }) : t('admin.service.add');
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-label={title}>
      <h3>{title}</h3>
      <ProblemAlert error={problem} />
      <Field label={t('admin.service.name')} error={errors.name ?? errors['']}>
        {(p) => <input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <div className="row">
        <Field label={t('admin.service.type')} error={errors.type}>
          {(p) => (
            <select {...p} value={form.type} onChange={(e) => set('type', e.target.value as ServiceType)}>
              {ServiceType.options.map((code) => (
                <option key={code} value={code}>
                  {serviceTypeName(code, locale)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={`${t('admin.service.registryId')} ${t('app.optional')}`} error={errors.registryId}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={form.registryId}
              onChange={(e) => set('registryId', e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label={`${t('admin.service.description')} ${t('app.optional')}`} error={errors.description}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={form.description}
            onChange={(e) => set('description', e.target.value)}
          />
        )}
      </Field>
      <ChoiceGroup legend={t('admin.service.targetGroups')} error={errors.targetGroups} columns>
        {TargetGroup.options.map((g) => (
          <label key={g} className="choice">
            <input
              type="checkbox"
              checked={form.targetGroups.includes(g)}
              onChange={() => set('targetGroups', toggle(form.targetGroups, g))}
            />{' '}
            {targetGroupName(g, locale)}
          </label>
        ))}
      </ChoiceGroup>
      <div className="row">
        <NumberField
          label={t('admin.service.ageMin')}
          error={errors.ageMin}
          min={0}
          max={130}
          value={form.ageMin}
          onChange={(v) => set('ageMin', v)}
        />
        <NumberField
          label={t('admin.service.ageMax')}
          error={errors.ageMax}
          min={0}
          max={130}
          value={form.ageMax}
          onChange={(v) => set('ageMax', v)}
        />
      </div>
      <ChoiceGroup legend={t('admin.service.districts')} error={errors.districts} columns>
        {(districts.data?.items ?? []).map((district) => (
          <label key={district.code} className="choice">
            <input
              type="checkbox"
              checked={form.districts.includes(district.code)}
              onChange={() => set('districts', toggle(form.districts, district.code))}
            />{' '}
            {district.name}
          </label>
        ))}
      </ChoiceGroup>
      <HoursField rows={form.hours} onChange={(hours) => set('hours', hours)} errors={errors} />
      <ChoiceGroup legend={t('admin.service.anonymous')} error={errors.anonymousMode}>
        {anonymousModes.map((m) => (
          <label key={m} className="choice">
            <input
              type="radio"
              name={`anonymous-${service?.id ?? 'new'}`}
              checked={form.anonymousMode === m}
              onChange={() => set('anonymousMode', m)}
            />{' '}
            {t(`admin.service.anonymous.${m}` as MessageId)}
          </label>
        ))}
      </ChoiceGroup>
      <NumberField
        label={t('admin.service.responseDays')}
        error={errors.referralResponseDays}
        min={1}
        max={90}
        value={form.referralResponseDays}
        onChange={(v) => set('referralResponseDays', v)}
      />
      {!service && (
        <div className="row">
          <NumberField
            label={t('admin.service.capacity')}
            error={errors['availability.capacity']}
            min={0}
            value={form.capacity}
            onChange={(v) => set('capacity', v)}
          />
          <NumberField
            label={t('admin.service.waitingDays')}
            error={errors['availability.waitingDays']}
            min={0}
            value={form.waitingDays}
            onChange={(v) => set('waitingDays', v)}
          />
        </div>
      )}
      <SubmitButton saving={saving} label={service ? t('app.save') : t('admin.service.add')} />
    </form>
  );
};
