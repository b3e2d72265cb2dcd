// Registering a service of the provider, or changing its details: what it is, for whom, where,
// whether clients may be anonymous. A change sends only the fields that differ (If-Match).
import { dataOf } from '@spolu/client';
import type { directory } from '@spolu/contracts';
import { directory as d, ServiceType, TargetGroup } from '@spolu/contracts';
import { districtCode, needCode } from '../../api/codes';
import { useApp, useIdempotencyKey, useLoad } from '../../api/context';
import { contract, toggle, useContractForm } from '../../forms/useContractForm';
import type { MessageId } from '../../i18n/cs';
import { serviceTypeName, targetGroupName } from '../../i18n/values';
import { useLocale, useT } from '../../i18n/locale';
import { NumberField } from '../../ui/fields';
import { Field, ProblemAlert, SubmitButton } from '../../ui/form';
import { ChoiceGroup } from '../worker/clientRecords';
import type { HoursRow } from './HoursField';
import { HoursField } from './HoursField';

const anonymousModes = d.AnonymousMode.options;

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
  type: s?.type ?? ('s60' as ServiceType),
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
type ServiceValues = ReturnType<typeof initial>;

/** The service's details as the body has them: numbers from the inputs' text, empty as absent. */
const details = (form: ServiceValues) => ({
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
});
const registration = (form: ServiceValues) => ({
  ...details(form),
  availability: {
    capacity: Number(form.capacity),
    waitingDays: Number(form.waitingDays),
    acceptingReferrals: form.acceptingReferrals,
  },
});
/** A change sends only what differs: the API refuses an empty change with a clear message. */
const changeOf = (service: directory.Service) => (form: ServiceValues) =>
  Object.fromEntries(
    Object.entries(details(form)).filter(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify(service[k as keyof directory.Service]),
    ),
  );

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
  // Registering and changing are different bodies on different routes: one contract each, the
  // change only ever sent for the service being edited.
  const { form, errors, problem, saving, onSubmit, field } = useContractForm({
    defaultValues: initial(service),
    contract: service
      ? contract(d.UpdateServiceBody, changeOf(service), (body) =>
          api
            .PATCH('/services/{serviceId}', {
              params: { path: { serviceId: service.id }, header: { 'if-match': `"${service.version}"` } },
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
        )
      : contract(d.RegisterServiceBody, registration, (body) =>
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
        ),
    onSaved: (saved: directory.Service, f) => {
      if (!service) {
        renewKey();
        f.reset();
      }
      onSaved(saved);
    },
  });
  const targetGroups = field('targetGroups');
  const chosenDistricts = field('districts');
  const hours = field('hours');
  const ageMin = field('ageMin');
  const ageMax = field('ageMax');
  const responseDays = field('referralResponseDays');
  const capacity = field('capacity');
  const waitingDays = field('waitingDays');
  const title = service ? t('admin.service.editOf', { name: service.name }) : t('admin.service.add');
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-label={title}>
      <h3>{title}</h3>
      <ProblemAlert error={problem} />
      <Field label={t('admin.service.name')} error={errors.name ?? errors['']}>
        {(p) => <input {...p} {...form.register('name')} />}
      </Field>
      <div className="row">
        <Field label={t('admin.service.type')} error={errors.type}>
          {(p) => (
            <select {...p} {...form.register('type')}>
              {ServiceType.options.map((code) => (
                <option key={code} value={code}>
                  {serviceTypeName(code, locale)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={`${t('admin.service.registryId')} ${t('app.optional')}`} error={errors.registryId}>
          {(p) => <input {...p} inputMode="numeric" {...form.register('registryId')} />}
        </Field>
      </div>
      <Field label={`${t('admin.service.description')} ${t('app.optional')}`} error={errors.description}>
        {(p) => <textarea {...p} rows={3} {...form.register('description')} />}
      </Field>
      <ChoiceGroup legend={t('admin.service.targetGroups')} error={errors.targetGroups} columns>
        {TargetGroup.options.map((g) => (
          <label key={g} className="choice">
            <input
              type="checkbox"
              checked={targetGroups.value.includes(g)}
              onChange={() => targetGroups.onChange(toggle(targetGroups.value, g))}
            />{' '}
            {targetGroupName(g, locale)}
          </label>
        ))}
      </ChoiceGroup>
      <div className="row">
        <NumberField label={t('admin.service.ageMin')} error={errors.ageMin} min={0} max={130} {...ageMin} />
        <NumberField label={t('admin.service.ageMax')} error={errors.ageMax} min={0} max={130} {...ageMax} />
      </div>
      <ChoiceGroup legend={t('admin.service.districts')} error={errors.districts} columns>
        {(districts.data?.items ?? []).map((district) => (
          <label key={district.code} className="choice">
            <input
              type="checkbox"
              checked={chosenDistricts.value.includes(district.code)}
              onChange={() => chosenDistricts.onChange(toggle(chosenDistricts.value, district.code))}
            />{' '}
            {district.name}
          </label>
        ))}
      </ChoiceGroup>
      <HoursField rows={hours.value} onChange={hours.onChange} errors={errors} />
      <ChoiceGroup legend={t('admin.service.anonymous')} error={errors.anonymousMode}>
        {anonymousModes.map((m) => (
          <label key={m} className="choice">
            <input type="radio" value={m} {...form.register('anonymousMode')} />{' '}
            {t(`admin.service.anonymous.${m}` as MessageId)}
          </label>
        ))}
      </ChoiceGroup>
      <NumberField
        label={t('admin.service.responseDays')}
        error={errors.referralResponseDays}
        min={1}
        max={90}
        {...responseDays}
      />
      {!service && (
        <div className="row">
          <NumberField
            label={t('admin.service.capacity')}
            error={errors['availability.capacity']}
            min={0}
            {...capacity}
          />
          <NumberField
            label={t('admin.service.waitingDays')}
            error={errors['availability.waitingDays']}
            min={0}
            {...waitingDays}
          />
        </div>
      )}
      <SubmitButton saving={saving} label={service ? t('app.save') : t('admin.service.add')} />
    </form>
  );
};
