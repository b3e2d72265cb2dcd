// Appointments and phone arrangements (domluva po telefonu, document 003): the request, place and
// time, how the client will recognise the worker and a number to call back. The worker waits at
// most 15 minutes; a client who does not come is offered the contact centre or the next day. The
// API applies those rules when attendance is recorded; the screen says them up front and shows
// the API's proposal after a no-show.
import { intake } from '@spolu/contracts';

import type { FormEvent } from 'react';
import { useState } from 'react';
import { useApp, useIdempotencyKey } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { Await } from '../../ui/page';
import {
  ChoiceGroup,
  ClientRecordPage,
  DurationField,
  errorUnder,
  etagOf,
  RecordList,
  SavedNote,
  ServiceField,
  useRecords,
  When,
} from './clientRecords';
import { localInputToIso, nowLocalInput, useMyServices } from './me';
import { DateTimeField } from '../../ui/fields';
import type { Request } from './PhoneArrangement';
import { NoShowProposalView, PhoneArrangementFacts, PhoneArrangementFields } from './PhoneArrangement';

type Kind = intake.Appointment['kind'];
const kinds: Kind[] = ['consultation', 'phone-arrangement'];
const placeKinds = intake.PlaceKind.options;
type PlaceKind = (typeof placeKinds)[number];

const emptyForm = () => ({
  kind: 'consultation' as Kind,
  serviceId: '',
  scheduledAt: nowLocalInput(),
  durationMinutes: '60',
  placeKind: '' as PlaceKind | '',
  fieldPlace: '',
  request: '' as Request | '',
  meetingPlace: '',
  recognitionSigns: '',
  callbackNumber: '',
});

export const AttendanceForm = ({
  appointment,
  onDone,
  onCancel,
}: {
  appointment: intake.Appointment;
  onDone: (message?: string) => void;
  onCancel: () => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const [attendance, setAttendance] = useState<'' | 'attended' | 'cancelled' | 'no-show'>('');
  const [arrivedAt, setArrivedAt] = useState('');
  const [cancelledBy, setCancelledBy] = useState<'client' | 'service'>('client');
  const { submit, errors, problem, saving } = useSubmit(intake.RecordAttendanceBody, (body) => {
    const { id: appointmentId, clientId } = appointment;
    const header = { 'if-match': etagOf(appointment) };
    // A client's appointment, or a phone arrangement with an unnamed person (no client).
    return clientId
      ? api.PUT('/clients/{clientId}/appointments/{appointmentId}/attendance', {
          params: { path: { clientId, appointmentId }, header },
          body,
        })
      : api.PUT('/phone-arrangements/{appointmentId}/attendance', {
          params: { path: { appointmentId }, header },
          body,
        });
  });
  const phone = appointment.kind === 'phone-arrangement';
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await submit({
      attendance: attendance || undefined,
      arrivedAt: attendance === 'attended' && arrivedAt ? localInputToIso(arrivedAt) : undefined,
      cancelledBy: attendance === 'cancelled' ? cancelledBy : undefined,
    });
    if (res) onDone(t('appointments.attendanceSaved'));
  };
  return (
    <form onSubmit={onSubmit} noValidate className="card" aria-label={t('appointments.recordAttendance')}>
      <ProblemAlert error={problem} onReload={() => onDone()} />
      <ChoiceGroup
        legend={t('appointments.attendance')}
        hint={t(phone ? 'appointments.attendanceRulePhone' : 'appointments.attendanceRule')}
        error={errors.attendance}
      >
        {(['attended', 'cancelled', 'no-show'] as const).map((a) => (
          <label key={a} className="choice">
            <input
              type="radio"
              name={`attendance-${appointment.id}`}
              value={a}
              checked={attendance === a}
              onChange={() => setAttendance(a)}
            />{' '}
            {t(`appointments.attendance.${a}`)}
          </label>
        ))}
      </ChoiceGroup>
      {attendance === 'attended' && (
        <DateTimeField
          label={`${t('appointments.arrivedAt')} ${t('app.optional')}`}
          hint={t('appointments.arrivedAtHint')}
          error={errors.arrivedAt}
          value={arrivedAt}
          onChange={setArrivedAt}
        />
      )}
      {attendance === 'cancelled' && (
        <ChoiceGroup legend={t('appointments.cancelledBy')} error={errors.cancelledBy}>
          {(['client', 'service'] as const).map((c) => (
            <label key={c} className="choice">
              <input
                type="radio"
                name={`cancelled-by-${appointment.id}`}
                value={c}
                checked={cancelledBy === c}
                onChange={() => setCancelledBy(c)}
              />{' '}
              {t(`appointments.cancelledBy.${c}`)}
            </label>
          ))}
        </ChoiceGroup>
      )}
      <div className="actions">
        <SubmitButton saving={saving} label={t('appointments.saveAttendance')} />
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
};

const AppointmentItem = ({
  appointment: a,
  onChanged,
}: {
  appointment: intake.Appointment;
  onChanged: (message?: string) => void;
}) => {
  const t = useT();
  const [recording, setRecording] = useState(false);
  return (
    <li>
      <p>
        <strong>{t(`appointments.kind.${a.kind}`)}</strong> · <When at={a.scheduledAt} /> ·{' '}
        {t('records.minutes', { minutes: a.durationMinutes })} · {t(`contact.place.${a.place.kind}`)}
        {a.place.fieldPlace ? ` (${a.place.fieldPlace})` : ''}{' '}
        <span className={`badge attendance-${a.attendance}`}>
          {t(`appointments.attendance.${a.attendance}`)}
        </span>
      </p>
      <PhoneArrangementFacts arrangement={a.phoneArrangement} />
      {a.arrivedAt && (
        <p>
          {t('appointments.arrivedAt')}: <When at={a.arrivedAt} />
        </p>
      )}
      {a.cancelledBy && <p>{t(`appointments.cancelledBy.${a.cancelledBy}`)}</p>}
      {a.noShowProposal && <NoShowProposalView proposal={a.noShowProposal} />}
      {a.attendance === 'scheduled' &&
        (recording ? (
          <AttendanceForm
            appointment={a}
            onCancel={() => setRecording(false)}
            onDone={(message) => {
              if (message) setRecording(false);
              onChanged(message);
            }}
          />
        ) : (
          <button type="button" onClick={() => setRecording(true)}>
            {t('appointments.recordAttendance')}
          </button>
        ))}
    </li>
  );
};

export const Appointments = ({ clientId }: { clientId: string }) => {
  const t = useT();
  const { api } = useApp();
  const mine = useMyServices();
  const list = useRecords(clientId, (a, params) => a.GET('/clients/{clientId}/appointments', { params }));
  const [key, renewKey] = useIdempotencyKey();
  const [form, setForm] = useState(emptyForm);
  const [saved, setSaved] = useState<string>();
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const { submit, errors, problem, saving } = useSubmit(intake.ScheduleAppointmentBody, (body) =>
    api.POST('/clients/{clientId}/appointments', {
      params: { path: { clientId }, header: { 'idempotency-key': key } },
      body,
    }),
  );
  const phone = form.kind === 'phone-arrangement';
  /** After a change to one record: its message (if any) above the list, and the list read again. */
  const changed = (message?: string) => {
    if (message) setSaved(message);
    list.reload();
  };
  return (
    <ClientRecordPage clientId={clientId} title="appointments.title" intro="appointments.intro">
      {() => (
        <>
          <SavedNote message={saved} />
          <h2>{t('appointments.list')}</h2>
          <RecordList list={list}>
            {(a) => <AppointmentItem key={a.id} appointment={a} onChanged={changed} />}
          </RecordList>
          <Await loaded={mine}>
            {({ services }) => {
              const serviceId = form.serviceId || services[0]?.id || '';
              const service = services.find((s) => s.id === serviceId);
              const fieldPlaces = service?.fieldPlaces ?? [];
              const placeKind = form.placeKind || (phone && fieldPlaces.length > 0 ? 'field' : 'centre');
              const fieldPlace = form.fieldPlace || fieldPlaces[0] || '';
              const onSubmit = async (e: FormEvent) => {
                e.preventDefault();
                setSaved(undefined);
                const res = await submit({
                  serviceId,
                  kind: form.kind,
                  scheduledAt: localInputToIso(form.scheduledAt),
                  durationMinutes: Number(form.durationMinutes),
                  place: placeKind === 'field' ? { kind: placeKind, fieldPlace } : { kind: placeKind },
                  phoneArrangement: phone
                    ? {
                        place: form.meetingPlace,
                        recognitionSigns: form.recognitionSigns,
                        callbackNumber: form.callbackNumber || undefined,
                        request: form.request || undefined,
                      }
                    : undefined,
                });
                if (!res) return;
                renewKey();
                setForm(emptyForm());
                setSaved(t('appointments.saved'));
                list.reload();
              };
              return (
                <form onSubmit={onSubmit} noValidate className="card" aria-labelledby="appointment-form">
                  <h2 id="appointment-form">{t('appointments.schedule')}</h2>
                  <ProblemAlert error={problem} />
                  <ChoiceGroup legend={t('appointments.kind')} error={errors.kind}>
                    {kinds.map((k) => (
                      <label key={k} className="choice">
                        <input
                          type="radio"
                          name="appointment-kind"
                          value={k}
                          checked={form.kind === k}
                          onChange={() => set('kind', k)}
                        />{' '}
                        {t(`appointments.kind.${k}`)}
                      </label>
                    ))}
                  </ChoiceGroup>
                  <ServiceField
                    services={services}
                    value={serviceId}
                    onChange={(v) => set('serviceId', v)}
                    error={errors.serviceId}
                  />
                  <div className="row">
                    <DateTimeField
                      label={t('appointments.scheduledAt')}
                      error={errors.scheduledAt}
                      value={form.scheduledAt}
                      onChange={(v) => set('scheduledAt', v)}
                    />
                    <DurationField
                      error={errors.durationMinutes}
                      value={form.durationMinutes}
                      onChange={(v) => set('durationMinutes', v)}
                    />
                  </div>
                  <ChoiceGroup legend={t('contact.place')} error={errors.place}>
                    {placeKinds.map((k) => (
                      <label key={k} className="choice">
                        <input
                          type="radio"
                          name="appointment-place"
                          value={k}
                          checked={placeKind === k}
                          onChange={() => set('placeKind', k)}
                        />{' '}
                        {t(`contact.place.${k}`)}
                      </label>
                    ))}
                  </ChoiceGroup>
                  {placeKind === 'field' && (
                    <Field label={t('contact.fieldPlace')} error={errors['place.fieldPlace']}>
                      {(p) =>
                        fieldPlaces.length > 0 ? (
                          <select
                            {...p}
                            value={fieldPlace}
                            onChange={(e) => set('fieldPlace', e.target.value)}
                          >
                            {fieldPlaces.map((fp) => (
                              <option key={fp}>{fp}</option>
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
                  {phone && (
                    <fieldset aria-describedby="phone-rule">
                      <legend>{t('appointments.phoneArrangement')}</legend>
                      <p className="hint" id="phone-rule">
                        {t('appointments.phoneRule')}
                      </p>
                      <PhoneArrangementFields
                        form={form}
                        update={(patch) => setForm((f) => ({ ...f, ...patch }))}
                        errors={errors}
                      />
                    </fieldset>
                  )}
                  {!phone && errorUnder(errors, 'phoneArrangement') && (
                    <p className="error">{errorUnder(errors, 'phoneArrangement')}</p>
                  )}
                  <SubmitButton saving={saving} label={t('appointments.submit')} />
                </form>
              );
            }}
          </Await>
        </>
      )}
    </ClientRecordPage>
  );
};
