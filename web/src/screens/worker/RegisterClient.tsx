import { dataOf } from '@spolu/client';
import { intake } from '@spolu/contracts';
import { districtsOf } from '@spolu/contracts';
import type { RegionCode, Warning } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { districtCode } from '../../api/codes';
import { useApp, useIdempotencyKey } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { useMyServices } from './me';
import { DateField } from '../../ui/fields';
import { WarningsNotice } from '../../ui/WarningsNotice';

/** A client registered with warnings: the worker reads them here before opening the file. */
interface Registered {
  id: string;
  warnings: Warning[];
  ageLimits?: { min: number; max: number };
}

export const RegisterClient = () => {
  const t = useT();
  const { api, config } = useApp();
  const [, navigate] = useLocation();
  const mine = useMyServices();
  const [idempotencyKey] = useIdempotencyKey();
  const [form, setForm] = useState({
    serviceId: '',
    kind: '' as '' | 'named' | 'anonymous',
    name: '',
    birthDate: '',
    clientCode: '',
    birthYear: '',
    sex: 'unknown',
    district: '',
  });
  const [registered, setRegistered] = useState<Registered>();
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const { submit, errors, problem, saving } = useSubmit(intake.RegisterClientBody, (body) =>
    api
      .POST('/clients', {
        params: { header: { 'idempotency-key': idempotencyKey } },
        body: { ...body, identity: { ...body.identity, district: districtCode(body.identity.district) } },
      })
      .then(dataOf),
  );
  const districts = districtsOf(config.region as RegionCode);
  return (
    <Page title={t('register.title')}>
      <Await loaded={mine}>
        {({ services }) => {
          const serviceId = form.serviceId || services[0]?.id || '';
          const service = services.find((s) => s.id === serviceId);
          const kind = form.kind || (service?.anonymousMode === 'not-allowed' ? 'named' : 'anonymous');
          const onSubmit = async (e: FormEvent) => {
            e.preventDefault();
            const identity =
              kind === 'named'
                ? { kind, name: form.name, birthDate: form.birthDate, sex: form.sex, district: form.district }
                : {
                    kind,
                    clientCode: form.clientCode,
                    birthYear: form.birthYear ? Number(form.birthYear) : undefined,
                    sex: form.sex,
                    district: form.district,
                  };
            const res = await submit({ serviceId, identity });
            if (!res) return;
            // A warning (e.g. an age outside the service's limits) is read before going on.
            if (res.warnings?.length)
              setRegistered({
                id: res.id,
                warnings: res.warnings,
                ...(service ? { ageLimits: { min: service.ageMin, max: service.ageMax } } : {}),
              });
            else navigate(`/clients/${res.id}`);
          };
          if (registered)
            return (
              <div className="card">
                <p>{t('serviceFit.register.saved')}</p>
                <WarningsNotice title={t('serviceFit.check')} warnings={registered.warnings}>
                  {registered.ageLimits &&
                    registered.warnings.some((w) => w.code === 'age-outside-service') && (
                      <p>{t('serviceFit.limits', registered.ageLimits)}</p>
                    )}
                </WarningsNotice>
                <Link className="button primary" href={`/clients/${registered.id}`}>
                  {t('serviceFit.register.openFile')}
                </Link>
              </div>
            );
          return (
            <form onSubmit={onSubmit} noValidate className="card">
              <ProblemAlert error={problem} />
              <Field label={t('register.service')} error={errors.serviceId}>
                {(p) => (
                  <select {...p} value={serviceId} onChange={(e) => set('serviceId')(e.target.value)}>
                    {services.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <fieldset>
                <legend>{t('register.kind')}</legend>
                {(['named', 'anonymous'] as const).map((k) => (
                  <label key={k} className="choice">
                    <input
                      type="radio"
                      name="kind"
                      value={k}
                      checked={kind === k}
                      disabled={
                        (k === 'named' && service?.anonymousMode === 'required') ||
                        (k === 'anonymous' && service?.anonymousMode === 'not-allowed')
                      }
                      onChange={() => set('kind')(k)}
                    />{' '}
                    {t(`register.kind.${k}`)}
                  </label>
                ))}
              </fieldset>
              {kind === 'named' ? (
                <>
                  <Field label={t('register.name')} error={errors['identity.name']}>
                    {(p) => (
                      <input
                        {...p}
                        autoComplete="off"
                        value={form.name}
                        onChange={(e) => set('name')(e.target.value)}
                      />
                    )}
                  </Field>
                  <DateField
                    label={t('register.birthDate')}
                    error={errors['identity.birthDate']}
                    value={form.birthDate}
                    onChange={(v) => set('birthDate')(v)}
                  />
                </>
              ) : (
                <>
                  <Field
                    label={t('register.clientCode')}
                    hint={t('register.clientCodeHint')}
                    error={errors['identity.clientCode']}
                  >
                    {(p) => (
                      <input
                        {...p}
                        autoComplete="off"
                        value={form.clientCode}
                        onChange={(e) => set('clientCode')(e.target.value)}
                      />
                    )}
                  </Field>
                  <Field label={t('register.birthYear')} error={errors['identity.birthYear']}>
                    {(p) => (
                      <input
                        {...p}
                        inputMode="numeric"
                        value={form.birthYear}
                        onChange={(e) => set('birthYear')(e.target.value)}
                      />
                    )}
                  </Field>
                </>
              )}
              <Field label={t('register.sex')} error={errors['identity.sex']}>
                {(p) => (
                  <select {...p} value={form.sex} onChange={(e) => set('sex')(e.target.value)}>
                    {(['female', 'male', 'other', 'unknown'] as const).map((s) => (
                      <option key={s} value={s}>
                        {t(`sex.${s}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('register.district')} error={errors['identity.district']}>
                {(p) => (
                  <select {...p} value={form.district} onChange={(e) => set('district')(e.target.value)}>
                    <option value="">—</option>
                    {districts.map((d) => (
                      <option key={d.code} value={d.code}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <SubmitButton saving={saving} label={t('register.submit')} />
            </form>
          );
        }}
      </Await>
    </Page>
  );
};
