// The contacts day log (issue 21 item 2): a day's contacts of the worker's provider, newest first,
// with the day's totals on top (counted by the API over the whole day, not over the page shown),
// and, while a contact is within its correction window, its correction or void with a reason.
// A voided contact stays in the list, struck through, with its reason. Days are Prague days.
// Records saved on the device without signal (the outbox, issue 22) are listed on top, marked
// "čeká na odeslání", until they are sent; one the API refused shows why and can be corrected.
import { dataOf } from '@spolu/client';
import { intake } from '@spolu/contracts';
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useApp, useLoad } from '../../api/context';
import { usePagedList } from '../../api/paged';
import type { T } from '../../i18n/locale';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert, SubmitButton, useSubmit } from '../../ui/form';
import { DateField, DateTimeField, NumberField } from '../../ui/fields';
import { Await, Page } from '../../ui/page';
import { OutboxPanel } from '../../offline/OutboxPanel';
import { useOffline } from '../../offline/online';
import { useColleagues } from './colleagues';
import { localInputToIso } from './me';
import { pragueDateTime, toLocalInput } from './dayClock';

type Contact = intake.Contact;
const pragueZone = 'Europe/Prague';

/** Today's date in Prague (YYYY-MM-DD), whatever the device's time zone. */
const pragueToday = (now = new Date()) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: pragueZone }).format(now);
const pragueTime = (iso: string) =>
  new Intl.DateTimeFormat('cs-CZ', { timeZone: pragueZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

/** The interventions in words: 'Výměna injekčního materiálu (10 / 4), Test (HCV), Informace'. */
const interventionWords = (t: T, c: Contact) =>
  c.interventions
    .map((i) => {
      const name = t(`intervention.${i.type}`);
      if (i.type === 'needle-exchange')
        return `${name} (${t('contactsDay.needles', { given: i.given, returned: i.returned })})`;
      if (i.type === 'test') return `${name} (${t(`test.${i.test}`)})`;
      return name;
    })
    .join(', ');

/** Who the contact was with: the client's name or code, else 'Anonymní kontakt' / 'Osoba blízká'. */
const WithWhom = ({ contact }: { contact: Contact }) => {
  const t = useT();
  const { clientId } = contact;
  const client = useLoad(
    async (api) =>
      clientId ? dataOf(await api.GET('/clients/{clientId}', { params: { path: { clientId } } })) : undefined,
    [clientId],
  );
  if (contact.kind === 'unnamed') return <>{t('contactsDay.unnamed')}</>;
  if (contact.kind === 'close-person') return <>{t('contactsDay.closePerson')}</>;
  const identity = client.data?.identity;
  if (!identity) return <>{t('contactsDay.client')}</>;
  return <>{identity.kind === 'named' ? identity.name : identity.clientCode}</>;
};

const CorrectForm = ({ contact, onDone }: { contact: Contact; onDone: (text: string) => void }) => {
  const t = useT();
  const { api } = useApp();
  const exchange = contact.interventions.find((i) => i.type === 'needle-exchange');
  const initial = {
    given: exchange ? String(exchange.given) : '',
    returned: exchange ? String(exchange.returned) : '',
    durationMinutes: String(contact.durationMinutes),
    occurredAt: toLocalInput(contact.occurredAt),
  };
  const [form, setForm] = useState({ ...initial, reason: '' });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const { submit, errors, problem, saving } = useSubmit(intake.CorrectContactBody, (body) =>
    api
      .PATCH('/contacts/{contactId}', {
        params: { path: { contactId: contact.id }, header: { 'if-match': `"${contact.version}"` } },
        body,
      })
      .then(dataOf),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const needlesChanged = exchange && (form.given !== initial.given || form.returned !== initial.returned);
    const saved = await submit({
      reason: form.reason,
      // Only what changed: the interventions are sent again only with new needle counts.
      ...(needlesChanged
        ? {
            interventions: contact.interventions.map((i) =>
              i.type === 'needle-exchange'
                ? { ...i, given: Number(form.given || 0), returned: Number(form.returned || 0) }
                : i,
            ),
          }
        : {}),
      ...(form.durationMinutes !== initial.durationMinutes
        ? { durationMinutes: Number(form.durationMinutes) }
        : {}),
      ...(form.occurredAt !== initial.occurredAt ? { occurredAt: localInputToIso(form.occurredAt) } : {}),
    });
    if (saved) onDone(t('contactsDay.correctedToast'));
  };
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="contact-change"
      aria-label={t('contactsDay.correctTitle')}
    >
      <h3>{t('contactsDay.correctTitle')}</h3>
      <ProblemAlert error={problem} />
      {exchange && !contact.testResultsHidden && (
        <div className="row">
          <NumberField
            label={t('contact.needlesGiven')}
            error={errors['interventions[0].given']}
            min={0}
            value={form.given}
            onChange={set('given')}
          />
          <NumberField
            label={t('contact.needlesReturned')}
            error={errors['interventions[0].returned']}
            min={0}
            value={form.returned}
            onChange={set('returned')}
          />
        </div>
      )}
      <div className="row">
        <DateTimeField
          label={t('contact.occurredAt')}
          error={errors.occurredAt}
          value={form.occurredAt}
          onChange={set('occurredAt')}
        />
        <NumberField
          label={t('contact.duration')}
          error={errors.durationMinutes}
          min={1}
          value={form.durationMinutes}
          onChange={set('durationMinutes')}
        />
      </div>
      <ReasonField value={form.reason} error={errors.reason} onChange={set('reason')} />
      <SubmitButton saving={saving} label={t('contactsDay.correctSubmit')} />
    </form>
  );
};

const ReasonField = ({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string;
  onChange: (v: string) => void;
}) => {
  const t = useT();
  return (
    <Field label={t('contactsDay.reason')} hint={t('contactsDay.reasonHint')} error={error}>
      {(p) => <textarea {...p} rows={2} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
};

const VoidForm = ({ contact, onDone }: { contact: Contact; onDone: (text: string) => void }) => {
  const t = useT();
  const { api } = useApp();
  const [reason, setReason] = useState('');
  const { submit, errors, problem, saving } = useSubmit(intake.VoidContactBody, (body) =>
    api
      .POST('/contacts/{contactId}/void', {
        params: { path: { contactId: contact.id }, header: { 'if-match': `"${contact.version}"` } },
        body,
      })
      .then(dataOf),
  );
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (await submit({ reason })) onDone(t('contactsDay.voidedToast'));
  };
  return (
    <form onSubmit={onSubmit} noValidate className="contact-change" aria-label={t('contactsDay.voidTitle')}>
      <h3>{t('contactsDay.voidTitle')}</h3>
      <p className="muted">{t('contactsDay.voidIntro')}</p>
      <ProblemAlert error={problem} />
      <ReasonField value={reason} error={errors.reason} onChange={setReason} />
      <SubmitButton saving={saving} label={t('contactsDay.voidSubmit')} />
    </form>
  );
};

const ContactItem = ({
  contact,
  workerName,
  onChanged,
}: {
  contact: Contact;
  workerName: string;
  onChanged: (text: string) => void;
}) => {
  const t = useT();
  const [open, setOpen] = useState<'correct' | 'void'>();
  const until = contact.correctableUntil;
  const changeable = !contact.voided && until !== undefined && Date.now() < Date.parse(until);
  const last = contact.corrections?.at(-1);
  return (
    <li className={contact.voided ? 'card contact-day-item contact-voided' : 'card contact-day-item'}>
      <p className="contact-day-head">
        <time dateTime={contact.occurredAt}>{pragueTime(contact.occurredAt)}</time>{' '}
        <strong className="contact-day-who">
          <WithWhom contact={contact} />
        </strong>
      </p>
      <p className="contact-day-what">{interventionWords(t, contact)}</p>
      <p className="muted">{t('contactsDay.worker', { name: workerName })}</p>
      {contact.voided && (
        <p className="contact-voided-reason">{t('contactsDay.voided', { reason: contact.voided.reason })}</p>
      )}
      {last && !contact.voided && (
        <p className="muted">
          {t('contactsDay.corrected', { count: contact.corrections!.length, reason: last.reason })}
        </p>
      )}
      {changeable && (
        <>
          <div className="actions">
            <button
              type="button"
              aria-expanded={open === 'correct'}
              onClick={() => setOpen(open === 'correct' ? undefined : 'correct')}
            >
              {open === 'correct' ? t('contactsDay.cancel') : t('contactsDay.correct')}
            </button>
            <button
              type="button"
              aria-expanded={open === 'void'}
              onClick={() => setOpen(open === 'void' ? undefined : 'void')}
            >
              {open === 'void' ? t('contactsDay.cancel') : t('contactsDay.void')}
            </button>
          </div>
          <p className="muted">{t('contactsDay.until', { date: pragueDateTime(until!) })}</p>
          {open === 'correct' && <CorrectForm contact={contact} onDone={onChanged} />}
          {open === 'void' && <VoidForm contact={contact} onDone={onChanged} />}
        </>
      )}
    </li>
  );
};

const Tally = ({
  tally,
}: {
  tally: Pick<intake.ContactTally, 'contacts' | 'needlesGiven' | 'needlesReturned' | 'tests' | 'voided'>;
}) => {
  const t = useT();
  const figures = [
    ['contactsDay.tally.contacts', tally.contacts],
    ['contactsDay.tally.needlesGiven', tally.needlesGiven],
    ['contactsDay.tally.needlesReturned', tally.needlesReturned],
    ['contactsDay.tally.tests', tally.tests],
  ] as const;
  return (
    <section className="contact-tally" aria-labelledby="contact-tally-title">
      <h2 id="contact-tally-title">{t('contactsDay.tally')}</h2>
      <dl>
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {tally.voided > 0 && <p className="muted">{t('contactsDay.tally.voided', { count: tally.voided })}</p>}
    </section>
  );
};

export const ContactsDay = () => {
  const t = useT();
  const [day, setDay] = useState(pragueToday);
  const [message, setMessage] = useState<string>();
  const status = useRef<HTMLParagraphElement>(null);
  const tally = useLoad(
    async (api) => dataOf(await api.GET('/contacts/tally', { params: { query: { from: day } } })),
    [day],
  );
  const list = usePagedList(
    (api, page) => api.GET('/contacts', { params: { query: { from: day, ...page } } }),
    [day],
    25,
  );
  const colleagues = useColleagues();
  // Without signal the day's figures cannot load (they would say "Načítám…" for good): one line
  // says so, and the records waiting on the device are listed above it.
  const offline = useOffline();
  const unavailable = offline && tally.data === undefined && list.data === undefined;
  useEffect(() => {
    if (message) status.current?.focus();
  }, [message]);
  const changed = (text: string) => {
    setMessage(text);
    tally.reload();
    list.reload();
  };
  return (
    <Page title={t('contactsDay.title')}>
      <div className="row">
        <DateField
          label={t('contactsDay.day')}
          value={day}
          onChange={(v) => {
            if (!v) return;
            setMessage(undefined);
            setDay(v);
          }}
        />
      </div>
      {message && (
        <p className="alert alert-success" role="status" tabIndex={-1} ref={status}>
          {message}
        </p>
      )}
      <OutboxPanel />
      {unavailable ? (
        <p className="muted" role="status">
          {t('offline.dayUnavailable')}
        </p>
      ) : (
        <>
          <Await loaded={tally}>{(data) => <Tally tally={data} />}</Await>
          <h2>{t('contactsDay.list')}</h2>
          <Await loaded={list}>
            {({ items }) =>
              items.length === 0 ? (
                <p className="muted">{t('contactsDay.empty')}</p>
              ) : (
                <ul className="cards contact-day">
                  {items.map((c) => (
                    <ContactItem
                      key={`${c.id}-${c.version}`}
                      contact={c}
                      workerName={colleagues.data?.nameOf(c.workerId) ?? ''}
                      onChanged={changed}
                    />
                  ))}
                </ul>
              )
            }
          </Await>
          {list.more}
        </>
      )}
    </Page>
  );
};
