// Phone arrangements in field work (document 003): what was agreed (request, place, recognition
// signs, a number to call back), a meeting with a person who is not a client (no client record,
// POST /phone-arrangements) and what a no-show proposes — the contact centre by name, address and
// hours that day, or the same time the next day on the Prague clock, as the API words it.
// Without signal an arrangement with an unnamed person is saved on the device (the outbox,
// issue 22) and sent after the contact it follows.
import { dataOf } from '@spolu/client';
import type { intake } from '@spolu/contracts';
import { arrangeWithUnnamedBody } from '../../forms/lazyBodies';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useApp, useIdempotencyKey } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { DateTimeField, NumberField } from '../../ui/fields';
import { useToast } from '../../ui/toast';
import { useOfflineSave } from '../../offline/sync';
import { localInputToIso, nowLocalInput } from './me';

export const requests = ['needle-exchange', 'information', 'counselling', 'other'] as const;
export type Request = (typeof requests)[number];

/** What is agreed on the phone: the request, where to meet, how to recognise the worker and a number
 * to call back; the same fields with or without a registered client. */
interface ArrangementFields {
  request: Request | '';
  meetingPlace: string;
  recognitionSigns: string;
  callbackNumber: string;
}

export const PhoneArrangementFields = ({
  form,
  update,
  errors,
}: {
  form: ArrangementFields;
  update: (patch: Partial<ArrangementFields>) => void;
  errors: Record<string, string | undefined>;
}) => {
  const t = useT();
  return (
    <>
      {errors.phoneArrangement && <p className="error">{errors.phoneArrangement}</p>}
      <Field label={t('appointments.request')} error={errors['phoneArrangement.request']}>
        {(p) => (
          <select
            {...p}
            value={form.request}
            onChange={(e) => update({ request: e.target.value as Request })}
          >
            <option value="">—</option>
            {requests.map((r) => (
              <option key={r} value={r}>
                {t(`appointments.request.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('appointments.meetingPlace')}
        hint={t('appointments.meetingPlaceHint')}
        error={errors['phoneArrangement.place']}
      >
        {(p) => (
          <input
            {...p}
            value={form.meetingPlace}
            onChange={(e) => update({ meetingPlace: e.target.value })}
          />
        )}
      </Field>
      <Field
        label={t('appointments.recognitionSigns')}
        hint={t('appointments.recognitionSignsHint')}
        error={errors['phoneArrangement.recognitionSigns']}
      >
        {(p) => (
          <input
            {...p}
            value={form.recognitionSigns}
            onChange={(e) => update({ recognitionSigns: e.target.value })}
          />
        )}
      </Field>
      <Field
        label={`${t('appointments.callbackNumber')} ${t('app.optional')}`}
        hint={t('appointments.callbackNumberHint')}
        error={errors['phoneArrangement.callbackNumber']}
      >
        {(p) => (
          <input
            {...p}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={form.callbackNumber}
            onChange={(e) => update({ callbackNumber: e.target.value })}
          />
        )}
      </Field>
    </>
  );
};

const pragueTimeZone = 'Europe/Prague';

export const PhoneArrangementFacts = ({
  arrangement,
}: {
  arrangement: intake.Appointment['phoneArrangement'];
}) => {
  const t = useT();
  if (!arrangement) return null;
  return (
    <dl className="facts">
      <dt>{t('appointments.request')}</dt>
      <dd>{t(`appointments.request.${arrangement.request}`)}</dd>
      <dt>{t('appointments.meetingPlace')}</dt>
      <dd>{arrangement.place}</dd>
      <dt>{t('appointments.recognitionSigns')}</dt>
      <dd>{arrangement.recognitionSigns}</dd>
      {arrangement.callbackNumber && (
        <>
          <dt>{t('appointments.callbackNumber')}</dt>
          <dd>
            <a href={`tel:${arrangement.callbackNumber.replace(/ /g, '')}`}>{arrangement.callbackNumber}</a>
          </dd>
        </>
      )}
    </dl>
  );
};

/** The API's proposal after a no-show: the named contact centre, and the next day in Prague time
 * (shown on the Prague clock whatever the device's time zone). */
export const NoShowProposalView = ({
  proposal,
  unnamed,
}: {
  proposal: NonNullable<intake.Appointment['noShowProposal']>;
  unnamed?: boolean;
}) => {
  const t = useT();
  const intl = useIntl();
  const { centre, nextDay } = proposal;
  const nextAt = nextDay?.at ?? proposal.nextDayFrom;
  return (
    <div className="alert alert-warning" role="status">
      <p>
        <strong>{t(unnamed ? 'fieldWork.proposal.title' : 'appointments.noShowProposal')}</strong>
      </p>
      <ul>
        {centre ? (
          <li>
            {t('fieldWork.proposal.centre', { name: centre.name })}
            {centre.address && <>, {t('fieldWork.proposal.address', { address: centre.address })}</>},{' '}
            {centre.openingHours.length > 0
              ? t('fieldWork.proposal.hours', {
                  hours: centre.openingHours.map((h) => `${h.opens}–${h.closes}`).join(', '),
                })
              : t('fieldWork.proposal.closed')}
          </li>
        ) : (
          proposal.contactCentre && <li>{t('appointments.proposal.contactCentre')}</li>
        )}
        <li>
          {t('fieldWork.proposal.nextDay', {
            date: intl.formatDate(nextAt, { timeZone: pragueTimeZone, dateStyle: 'medium' }),
            time: nextDay?.time ?? intl.formatTime(nextAt, { timeZone: pragueTimeZone }),
          })}
        </li>
      </ul>
    </div>
  );
};

const emptyForm = () => ({
  scheduledAt: nowLocalInput(),
  durationMinutes: '30',
  request: '' as Request | '',
  meetingPlace: '',
  recognitionSigns: '',
  callbackNumber: '',
});

/** A meeting with the unnamed person of a contact just recorded: no client is registered. The
 * contact is `contactId` once recorded, `linkTo` (its Idempotency-Key) while it waits on the
 * device; `onDone` gets the arrangement, or nothing when it was saved on the device. */
export const UnnamedArrangementForm = ({
  serviceId,
  contactId,
  linkTo,
  place,
  onDone,
}: {
  serviceId: string;
  contactId?: string;
  linkTo?: string;
  place: intake.Appointment['place'];
  onDone: (arrangement?: intake.Appointment) => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const toast = useToast();
  const save = useOfflineSave();
  const [key] = useIdempotencyKey();
  const [form, setForm] = useState(emptyForm);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const { submit, prepare, errors, problem, saving } = useSubmit(
    arrangeWithUnnamedBody,
    (body) =>
      save({ kind: 'phone-arrangement', key, body, linkTo }, () =>
        api
          .POST('/phone-arrangements', { params: { header: { 'idempotency-key': key } }, body })
          .then(dataOf),
      ),
    { confirm: false },
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({
      serviceId,
      contactId,
      scheduledAt: localInputToIso(form.scheduledAt),
      durationMinutes: Number(form.durationMinutes),
      place,
      phoneArrangement: {
        place: form.meetingPlace,
        recognitionSigns: form.recognitionSigns,
        callbackNumber: form.callbackNumber || undefined,
        request: form.request || undefined,
      },
    });
    if (!res) return;
    toast.success(t(res.queued ? 'offline.arrangementSaved' : 'app.saved'));
    onDone(res.queued ? undefined : res.saved);
  };
  return (
    <form
      onFocus={prepare}
      onSubmit={onSubmit}
      noValidate
      className="card"
      aria-labelledby="unnamed-arrangement"
    >
      <h2 id="unnamed-arrangement">{t('fieldWork.arrange')}</h2>
      <p className="hint">{t('fieldWork.arrangeIntro')}</p>
      <ProblemAlert error={problem} />
      <div className="row">
        <DateTimeField
          label={t('appointments.scheduledAt')}
          error={errors.scheduledAt}
          value={form.scheduledAt}
          onChange={(v) => set('scheduledAt', v)}
        />
        <NumberField
          label={t('records.duration')}
          error={errors.durationMinutes}
          min={1}
          value={form.durationMinutes}
          onChange={(v) => set('durationMinutes', v)}
        />
      </div>
      <PhoneArrangementFields
        form={form}
        update={(patch) => setForm((f) => ({ ...f, ...patch }))}
        errors={errors}
      />
      <SubmitButton saving={saving} label={t('fieldWork.arrangeSubmit')} />
    </form>
  );
};
