// Recording a contact in a few taps, on a phone in the field: the service and place default to the
// worker's own, interventions are toggles, counts are number fields with a numeric keypad. After a
// contact with an unnamed person the worker can arrange a meeting by phone without registering
// a client. Without signal the contact is saved on the device (the outbox, issue 22) with the
// Idempotency-Key made when the worker tapped save, and sent when the connection is back.
import { dataOf } from '@spolu/client';
import type { intake } from '@spolu/contracts';
import { fieldPlaceKinds, informationTopics } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useApp, useIdempotencyKey } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { useToast } from '../../ui/toast';
import { useFieldServices } from '../../offline/reference';
import { useOfflineSave } from '../../offline/sync';
import { localInputToIso, nowLocalInput } from './me';
import { DateTimeField, NumberField } from '../../ui/fields';
import { UnnamedArrangementForm } from './PhoneArrangement';
import { recordContactBody } from '../../forms/lazyBodies';

type SimpleType = 'information' | 'counselling' | 'crisis-intervention' | 'home-visit' | 'phone-contact';
const simpleTypes: SimpleType[] = [
  'information',
  'counselling',
  'crisis-intervention',
  'phone-contact',
  'home-visit',
];
const places = ['centre', 'field', 'client-home', 'phone'] as const;
const topics = informationTopics;
type Topic = (typeof topics)[number];

/** 'Semily – nádraží (nádraží, Semily)': the place's kind and town where the directory has them. */
const fieldPlaceLabel = (
  t: ReturnType<typeof useT>,
  service: { fieldPlaceDetails?: Record<string, { kind: string; town?: string }> } | undefined,
  place: string,
) => {
  const detail = service?.fieldPlaceDetails?.[place];
  if (!detail) return place;
  const kind = fieldPlaceKinds.find((k) => k === detail.kind);
  const words = [kind ? t(`fieldPlaceKind.${kind}`) : undefined, detail.town].filter(Boolean);
  return words.length > 0 ? `${place} (${words.join(', ')})` : place;
};

/** The message of the first error under an intervention's topic (its index varies). */
const errorAt = (errors: Record<string, string>, field: string) =>
  Object.entries(errors).find(([path]) => path.endsWith(`.${field}`))?.[1];

/** The contact just recorded with an unnamed person, to arrange a meeting from: its id, or, while
 * it waits on the device, its Idempotency-Key (the arrangement is sent after it). */
interface RecordedUnnamed {
  id?: string;
  key?: string;
  serviceId: string;
  place: intake.Contact['place'];
}

export const RecordContact = ({ clientId }: { clientId?: string }) => {
  const t = useT();
  const { api } = useApp();
  const [, navigate] = useLocation();
  const mine = useFieldServices();
  const save = useOfflineSave();
  const toast = useToast();
  const [queued, setQueued] = useState(false);
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const [done, setDone] = useState(false);
  const [recorded, setRecorded] = useState<RecordedUnnamed>();
  const [arranging, setArranging] = useState(false);
  const [arranged, setArranged] = useState<false | 'sent' | 'queued'>(false);
  // After a save the confirmation comes into view and takes the focus: on a phone the form's
  // submit button is far below the top of the page.
  const confirmation = useRef<HTMLDivElement>(null);
  const [saves, setSaves] = useState(0);
  useEffect(() => {
    if (saves === 0) return;
    confirmation.current?.scrollIntoView({ block: 'center' });
    confirmation.current?.focus({ preventScroll: true });
  }, [saves]);
  const [form, setForm] = useState({
    serviceId: '',
    kind: clientId ? 'client' : 'unnamed',
    place: '' as '' | (typeof places)[number],
    fieldPlace: '',
    occurredAt: nowLocalInput(),
    durationMinutes: '15',
    needleExchange: false,
    given: '',
    returned: '',
    test: '' as '' | 'hiv' | 'hcv' | 'syphilis',
    simple: [] as SimpleType[],
    topic: '' as Topic | '',
    notes: '',
  });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const { submit, prepare, errors, problem, saving } = useSubmit(
    recordContactBody,
    (body) =>
      save({ kind: 'contact', key: idempotencyKey, body }, () =>
        api
          .POST('/contacts', { params: { header: { 'idempotency-key': idempotencyKey } }, body })
          .then(dataOf),
      ),
    { confirm: false },
  );
  return (
    <Page title={t('contact.title')}>
      {done && (
        <div className="alert alert-success contact-recorded" role="status" tabIndex={-1} ref={confirmation}>
          <p>
            {queued
              ? t(recorded ? 'offline.savedArrange' : 'offline.saved')
              : t(recorded ? 'fieldWork.contactRecordedArrange' : 'contact.recorded')}
          </p>
          <p>
            <Link href="/contacts">{t('contactsDay.showInDay')}</Link>
          </p>
        </div>
      )}
      {arranged && (
        <p className="alert alert-success" role="status">
          {t(arranged === 'queued' ? 'offline.arrangementSaved' : 'fieldWork.arranged')}
        </p>
      )}
      {recorded &&
        !arranged &&
        (arranging ? (
          <UnnamedArrangementForm
            serviceId={recorded.serviceId}
            contactId={recorded.id}
            linkTo={recorded.key}
            place={recorded.place.kind === 'field' ? recorded.place : { kind: 'centre' }}
            onDone={(sent) => {
              setArranging(false);
              setArranged(sent ? 'sent' : 'queued');
              setDone(false);
            }}
          />
        ) : (
          <button type="button" onClick={() => setArranging(true)}>
            {t('fieldWork.arrange')}
          </button>
        ))}
      <Await loaded={mine}>
        {({ services }) => {
          const serviceId = form.serviceId || services[0]?.id || '';
          const service = services.find((s) => s.id === serviceId);
          const place = form.place || (service?.type === 's69' ? 'field' : 'centre');
          const fieldPlace = form.fieldPlace || service?.fieldPlaces[0] || '';
          const placeOf = (): intake.Contact['place'] =>
            place === 'field' ? { kind: place, fieldPlace } : { kind: place };
          const onSubmit = async (e: FormEvent) => {
            e.preventDefault();
            setDone(false);
            setRecorded(undefined);
            setArranging(false);
            setArranged(false);
            const interventions: intake.Intervention[] = [
              ...(form.needleExchange
                ? [
                    {
                      type: 'needle-exchange' as const,
                      given: Number(form.given || 0),
                      returned: Number(form.returned || 0),
                    },
                  ]
                : []),
              ...(form.test ? [{ type: 'test' as const, test: form.test }] : []),
              ...form.simple.map((type) =>
                type === 'information' && form.topic ? { type, topic: form.topic } : { type },
              ),
            ];
            const res = await submit({
              serviceId,
              kind: form.kind,
              clientId: form.kind === 'client' ? clientId : undefined,
              occurredAt: localInputToIso(form.occurredAt),
              durationMinutes: Number(form.durationMinutes),
              place: placeOf(),
              interventions,
              notes: form.notes || undefined,
            });
            if (!res) return;
            renewIdempotencyKey();
            toast.success(t(res.queued ? 'offline.saved' : 'app.saved'));
            setQueued(res.queued);
            // A client's contact saved on the device: the client's file cannot load without
            // signal, so the worker stays here with the confirmation.
            if (clientId && !res.queued) navigate(`/clients/${clientId}`);
            else {
              setDone(true);
              setSaves((n) => n + 1);
              if (!clientId)
                setRecorded(
                  res.queued
                    ? { key: res.key, serviceId, place: placeOf() }
                    : { id: res.saved.id, serviceId, place: placeOf() },
                );
              setForm((f) => ({
                ...f,
                // The next contact happens now, not when the form was first opened.
                occurredAt: nowLocalInput(),
                given: '',
                returned: '',
                needleExchange: false,
                test: '',
                simple: [],
                topic: '',
                notes: '',
              }));
            }
          };
          return (
            <form onFocus={prepare} onSubmit={onSubmit} noValidate className="card">
              <ProblemAlert error={problem} />
              {services.length > 1 && (
                <Field label={t('contact.service')} error={errors.serviceId}>
                  {(p) => (
                    <select {...p} value={serviceId} onChange={(e) => set('serviceId', e.target.value)}>
                      {services.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              {!clientId && (
                <fieldset>
                  <legend>{t('contact.kind')}</legend>
                  <label className="choice">
                    <input type="radio" name="kind" checked readOnly /> {t('contact.kind.unnamed')}
                  </label>
                </fieldset>
              )}
              <fieldset>
                <legend>{t('contact.place')}</legend>
                <div className="choices">
                  {places.map((k) => (
                    <label key={k} className="choice">
                      <input
                        type="radio"
                        name="place"
                        value={k}
                        checked={place === k}
                        onChange={() => set('place', k)}
                      />{' '}
                      {t(`contact.place.${k}`)}
                    </label>
                  ))}
                </div>
                {errors.place && <p className="error">{errors.place}</p>}
              </fieldset>
              {place === 'field' && (
                <Field label={t('contact.fieldPlace')} error={errors['place.fieldPlace']}>
                  {(p) =>
                    service && service.fieldPlaces.length > 0 ? (
                      <select {...p} value={fieldPlace} onChange={(e) => set('fieldPlace', e.target.value)}>
                        {service.fieldPlaces.map((fp) => (
                          <option key={fp} value={fp}>
                            {fieldPlaceLabel(t, service, fp)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        {...p}
                        value={form.fieldPlace}
                        onChange={(e) => set('fieldPlace', e.target.value)}
                      />
                    )
                  }
                </Field>
              )}
              <fieldset>
                <legend>{t('contact.interventions')}</legend>
                {errors.interventions && <p className="error">{errors.interventions}</p>}
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={form.needleExchange}
                    onChange={(e) => set('needleExchange', e.target.checked)}
                  />{' '}
                  {t('intervention.needle-exchange')}
                </label>
                {form.needleExchange && (
                  <div className="row">
                    <NumberField
                      label={t('contact.needlesGiven')}
                      error={errors['interventions[0].given']}
                      min={0}
                      value={form.given}
                      onChange={(v) => set('given', v)}
                    />
                    <NumberField
                      label={t('contact.needlesReturned')}
                      error={errors['interventions[0].returned']}
                      min={0}
                      value={form.returned}
                      onChange={(v) => set('returned', v)}
                    />
                  </div>
                )}
                <Field label={t('contact.test')}>
                  {(p) => (
                    <select
                      {...p}
                      value={form.test}
                      onChange={(e) => set('test', e.target.value as typeof form.test)}
                    >
                      <option value="">—</option>
                      {(['hiv', 'hcv', 'syphilis'] as const).map((k) => (
                        <option key={k} value={k}>
                          {t(`test.${k}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {simpleTypes.map((type) => (
                  <label key={type} className="choice">
                    <input
                      type="checkbox"
                      checked={form.simple.includes(type)}
                      onChange={(e) =>
                        set(
                          'simple',
                          e.target.checked ? [...form.simple, type] : form.simple.filter((x) => x !== type),
                        )
                      }
                    />{' '}
                    {t(`intervention.${type}`)}
                  </label>
                ))}
                {form.simple.includes('information') && (
                  <Field label={t('fieldWork.topic')} error={errorAt(errors, 'topic')}>
                    {(p) => (
                      <select
                        {...p}
                        value={form.topic}
                        onChange={(e) => set('topic', e.target.value as Topic)}
                      >
                        <option value="">{t('fieldWork.topic.choose')}</option>
                        {topics.map((k) => (
                          <option key={k} value={k}>
                            {t(`topic.${k}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                )}
              </fieldset>
              <div className="row">
                <DateTimeField
                  label={t('contact.occurredAt')}
                  error={errors.occurredAt}
                  value={form.occurredAt}
                  onChange={(v) => set('occurredAt', v)}
                />
                <NumberField
                  label={t('contact.duration')}
                  error={errors.durationMinutes}
                  min={1}
                  value={form.durationMinutes}
                  onChange={(v) => set('durationMinutes', v)}
                />
              </div>
              <Field label={`${t('contact.notes')} ${t('app.optional')}`} error={errors.notes}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    value={form.notes}
                    onChange={(e) => set('notes', e.target.value)}
                  />
                )}
              </Field>
              <SubmitButton saving={saving} label={t('contact.submit')} />
            </form>
          );
        }}
      </Await>
    </Page>
  );
};
