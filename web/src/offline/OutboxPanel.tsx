// The outbox on the day log (issue 22 item 2): every record of the signed-in worker still on the
// device, oldest first, marked "čeká na odeslání"; one the API refused shows the API's problem in
// Czech and can be corrected and sent again, or discarded. Before the worker's key is in memory
// (an app started without signal) a record shows only its kind, when it was saved and its state.
import { intake } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { validate } from '../forms/validation';
import type { T } from '../i18n/locale';
import { useLocale, useT } from '../i18n/locale';
import { ruleMessage } from '../i18n/ruleMessages';
import { localiseContractMessage } from '../i18n/contractMessages';
import '../i18n/zodLocale';
import { ProblemAlert, SubmitButton } from '../ui/form';
import { DateTimeField, NumberField } from '../ui/fields';
import { Field } from '../ui/form';
import { useToast } from '../ui/toast';
import { pragueDateTime, toLocalInput } from '../screens/worker/dayClock';
import { localInputToIso } from '../screens/worker/me';
import type { LockedRecord, OutboxRecord } from './outbox';
import { correctRecord, discardRecord } from './outbox';
import { requestSync, useOutbox } from './sync';

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** When it happened (a contact) or is to happen (an arrangement). */
const whenOf = (r: OutboxRecord) => text(r.kind === 'contact' ? r.body.occurredAt : r.body.scheduledAt);
const timeField = (r: OutboxRecord) => (r.kind === 'contact' ? 'occurredAt' : 'scheduledAt');

/** One line about what the record is: the contact's note, the arrangement's meeting place. */
const summaryOf = (r: OutboxRecord) => {
  if (r.kind === 'contact') return text(r.body.notes);
  const arrangement = r.body.phoneArrangement;
  return arrangement && typeof arrangement === 'object' && 'place' in arrangement
    ? text(arrangement.place)
    : '';
};

const label = (t: T, r: OutboxRecord) => {
  const when = whenOf(r);
  return t('offline.at', { kind: t(`offline.kind.${r.kind}`), time: when ? pragueDateTime(when) : '—' });
};

/** The refused record's problem as the API sent it, shown like any form's problem. */
const problemOf = (r: OutboxRecord) =>
  r.problem ? new ApiError(r.problem, new Response(null, { status: r.problem.status })) : undefined;

const CorrectForm = ({ record, onDone }: { record: OutboxRecord; onDone: () => void }) => {
  const t = useT();
  const { locale } = useLocale();
  const toast = useToast();
  const field = timeField(record);
  const [form, setForm] = useState({
    when: whenOf(record) ? toLocalInput(whenOf(record)) : '',
    durationMinutes: String(record.body.durationMinutes ?? ''),
    notes: text(record.body.notes),
  });
  const [saving, setSaving] = useState(false);
  // The API's field errors first; the contract's own check of the corrected body replaces them.
  const refused: Record<string, string> = {};
  for (const e of record.problem?.errors ?? [])
    refused[e.path.replace(/^body\.?/, '')] ??=
      ruleMessage(e.code, locale) ?? localiseContractMessage(e.message, locale);
  const [errors, setErrors] = useState<Record<string, string>>(refused);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {
      ...record.body,
      [field]: localInputToIso(form.when),
      durationMinutes: Number(form.durationMinutes),
      ...(record.kind === 'contact' ? { notes: form.notes || undefined } : {}),
    };
    const schema = record.kind === 'contact' ? intake.RecordContactBody : intake.ArrangeWithUnnamedBody;
    // A linked contact's id is filled in when that contact is sent; checked without it here.
    const checked = validate(schema, body);
    if (!checked.ok) {
      setErrors(
        Object.fromEntries(
          Object.entries(checked.errors).map(([path, message]) => [
            path,
            localiseContractMessage(message, locale),
          ]),
        ),
      );
      return;
    }
    setSaving(true);
    try {
      await correctRecord(record, body);
      toast.success(t('offline.corrected'));
      onDone();
      requestSync();
    } finally {
      setSaving(false);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate className="contact-change" aria-label={t('offline.correctTitle')}>
      <h3>{t('offline.correctTitle')}</h3>
      <div className="row">
        <DateTimeField
          label={t(record.kind === 'contact' ? 'contact.occurredAt' : 'appointments.scheduledAt')}
          error={errors[field]}
          value={form.when}
          onChange={(v) => setForm((f) => ({ ...f, when: v }))}
        />
        <NumberField
          label={t('contact.duration')}
          error={errors.durationMinutes}
          min={1}
          value={form.durationMinutes}
          onChange={(v) => setForm((f) => ({ ...f, durationMinutes: v }))}
        />
      </div>
      {record.kind === 'contact' && (
        <Field label={`${t('contact.notes')} ${t('app.optional')}`} error={errors.notes}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={form.notes}
              onChange={(e) => setForm((f) => ({ ...f, notes: e.target.value }))}
            />
          )}
        </Field>
      )}
      <SubmitButton saving={saving} label={t('offline.resend')} />
    </form>
  );
};

/** A record not readable yet: kind, when it was saved, its state. */
const LockedItem = ({ record }: { record: LockedRecord }) => {
  const t = useT();
  const time = pragueDateTime(new Date(record.createdAt).toISOString());
  return (
    <li className={`card outbox-item outbox-${record.status}`}>
      <p className="contact-day-head">
        <strong>{t('offline.at', { kind: t(`offline.kind.${record.kind}`), time })}</strong>
      </p>
      <p className="outbox-status muted">
        {record.status === 'refused' ? t('offline.status.refused') : t(`offline.status.${record.status}`)}
      </p>
      <p className="muted">{t('offline.locked')}</p>
    </li>
  );
};

const OutboxItem = ({ record }: { record: OutboxRecord }) => {
  const t = useT();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const summary = summaryOf(record);
  return (
    <li className={`card outbox-item outbox-${record.status}`}>
      <p className="contact-day-head">
        <strong>{label(t, record)}</strong>
      </p>
      {summary && <p className="contact-day-what">{summary}</p>}
      {record.status === 'refused' ? (
        <>
          <p className="outbox-status">{t('offline.status.refused')}</p>
          <ProblemAlert error={problemOf(record)} />
          <div className="actions">
            <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? t('offline.cancel') : t('offline.correct')}
            </button>
            <button
              type="button"
              onClick={() => void discardRecord(record).then(() => toast.success(t('offline.discarded')))}
            >
              {t('offline.discard')}
            </button>
          </div>
          {open && <CorrectForm record={record} onDone={() => setOpen(false)} />}
        </>
      ) : (
        <p className="outbox-status muted">{t(`offline.status.${record.status}`)}</p>
      )}
    </li>
  );
};

/** The worker's records on the device; nothing when there are none. */
export const OutboxPanel = () => {
  const t = useT();
  const records = useOutbox();
  if (!records || records.length === 0) return null;
  return (
    <section className="outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('offline.outbox.title', { count: records.length })}</h2>
      <p className="muted">{t('offline.outbox.intro')}</p>
      <button type="button" onClick={requestSync}>
        {t('offline.outbox.sendNow')}
      </button>
      <ul className="cards contact-day">
        {records.map((r) =>
          r.locked ? (
            <LockedItem key={`${r.seq}-${r.key}`} record={r} />
          ) : (
            <OutboxItem key={`${r.seq}-${r.key}`} record={r} />
          ),
        )}
      </ul>
    </section>
  );
};
