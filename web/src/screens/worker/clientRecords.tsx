// Building blocks of the client-file screens (first consultation, needs mapping, consents,
// appointments, home visits): the page with the client's name and a way back to the file, the
// ETag of a record taken from a list, and grouped choices whose error (the contract's or the
// API's) is tied to the group.
import type { directory, intake } from '@spolu/contracts';

import type { ReactNode } from 'react';
import { useId } from 'react';
import { FormattedDate, FormattedTime } from 'react-intl';
import { Link } from 'wouter';
import { dataOf } from '@spolu/client';
import type { Api } from '../../api/client';
import { useLoad } from '../../api/context';
import type { PageFetcher, PageQuery, PagedList } from '../../api/paged';
import { usePagedList } from '../../api/paged';
import type { MessageId } from '../../i18n/cs';
import { useT } from '../../i18n/locale';
import { NumberField } from '../../ui/fields';
import { Field } from '../../ui/form';
import { Await, Page } from '../../ui/page';
import { clientLabel } from './labels';

/** A page of the client file: "<what>: <client>", with a link back to the file. */
export const ClientRecordPage = ({
  clientId,
  title,
  intro,
  children,
}: {
  clientId: string;
  title: MessageId;
  intro?: MessageId;
  children: (client: intake.Client) => ReactNode;
}) => {
  const t = useT();
  const client = useLoad(
    (api) => api.GET('/clients/{clientId}', { params: { path: { clientId } } }).then(dataOf),
    [clientId],
  );
  return (
    <Await loaded={client}>
      {(c) => (
        <Page
          title={`${t(title)}: ${clientLabel(c)}`}
          actions={
            <Link className="button" href={`/clients/${clientId}`}>
              {t('records.backToFile')}
            </Link>
          }
        >
          {intro && <p className="intro">{t(intro)}</p>}
          {children(c)}
        </Page>
      )}
    </Await>
  );
};

/** The API's ETag of a record is its version in quotes; a record read from a list carries it. */
export const etagOf = (record: { version: number }) => `"${record.version}"`;

// The API's largest page: most clients never need a second one.
const recordPageSize = 100;

/** A client's records of one kind (consents, appointments…), paged: render `more` under the list
 * so a long-served client's older records stay reachable. `fetchPage` names the kind's route:
 * `(api, params) => api.GET('/clients/{clientId}/consents', { params })`. */
export const useRecords = <T,>(
  clientId: string,
  fetchPage: (
    api: Api,
    params: { path: { clientId: string }; query: PageQuery },
  ) => ReturnType<PageFetcher<T>>,
) => usePagedList((api, query) => fetchPage(api, { path: { clientId }, query }), [clientId], recordPageSize);

/** A client's records of one kind as a list (or a "none" line), with "Load more" under it. */
export const RecordList = <T,>({
  list,
  none = 'app.none',
  children,
}: {
  list: PagedList<T>;
  none?: MessageId;
  children: (record: T) => ReactNode;
}) => {
  const t = useT();
  return (
    <>
      <Await loaded={list}>
        {({ items }) =>
          items.length === 0 ? <p>{t(none)}</p> : <ul className="list">{items.map(children)}</ul>
        }
      </Await>
      {list.more}
    </>
  );
};

/** How long a session lasts, in whole minutes (consultations, appointments). */
export const DurationField = ({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) => {
  const t = useT();
  return (
    <NumberField label={t('records.duration')} error={error} min={1} value={value} onChange={onChange} />
  );
};

export const When = ({ at }: { at: string }) => (
  <time dateTime={at}>
    <FormattedDate value={at} /> <FormattedTime value={at} />
  </time>
);

export const SavedNote = ({ message }: { message?: string }) =>
  message ? (
    <p className="alert alert-success" role="status">
      {message}
    </p>
  ) : null;

/** A fieldset of choices whose hint and error are announced with the group (aria-describedby). */
export const ChoiceGroup = ({
  legend,
  hint,
  error,
  children,
  columns,
  announce,
}: {
  legend: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  columns?: boolean;
  /** The error comes from the API after a save: announce it (role=alert) as it appears. */
  announce?: boolean;
}) => {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset aria-describedby={described || undefined} className={error ? 'group-invalid' : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <div className={columns ? 'choices columns' : 'choices'}>{children}</div>
      {error && (
        <p className="error" id={`${id}-error`} role={announce ? 'alert' : undefined}>
          {error}
        </p>
      )}
    </fieldset>
  );
};

/** A checkbox with its label; an error (e.g. the API refusing the rule it stands for) is tied to it. */
export const Check = ({
  label,
  checked,
  onChange,
  error,
  invalid,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  invalid?: boolean;
}) => {
  const id = useId();
  return (
    <div className="check">
      <label className="choice">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error || invalid ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />{' '}
        {label}
      </label>
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
};

/** The service a record belongs to: chosen only when the worker works in more than one. */
export const ServiceField = ({
  services,
  value,
  onChange,
  error,
}: {
  services: directory.Service[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) => {
  const t = useT();
  if (services.length <= 1 && !error) return null;
  return (
    <Field label={t('records.service')} error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
};

/** The first error among fields under `prefix` (e.g. `checklist` for `checklist.expectationsClear`). */
export const errorUnder = (errors: Record<string, string>, prefix: string) =>
  errors[prefix] ??
  Object.entries(errors).find(([k]) => k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}[`))?.[1];
