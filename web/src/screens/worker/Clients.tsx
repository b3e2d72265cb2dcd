import { dataOf } from '@spolu/client';
import type { intake } from '@spolu/contracts';

import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'wouter';
import { useApp } from '../../api/context';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert } from '../../ui/form';
import { Loading, Page } from '../../ui/page';
import { useColleagues } from './colleagues';

/** How long typing pauses before the search is sent (Enter sends at once). */
const debounceMs = 250;
const pageSize = 100;

const birthYearOf = (c: intake.Client) =>
  c.identity.kind === 'named' ? c.identity.birthDate.slice(0, 4) : String(c.identity.birthYear);

/** The worker's clients, searched on the server (issue 21): by name, client code or birth year,
 * accents and case aside. Each row shows what tells two people of the same name apart. */
export const Clients = () => {
  const t = useT();
  const intl = useIntl();
  const { api } = useApp();
  const colleagues = useColleagues();
  const [items, setItems] = useState<intake.Client[]>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<Error>();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [busy, setBusy] = useState(false);
  // Only the answer to the latest request is shown: a slow earlier search must not overwrite it.
  const latest = useRef(0);

  const load = async (q: string, after?: string) => {
    const request = ++latest.current;
    setBusy(true);
    try {
      const page = dataOf(
        await api.GET('/clients', {
          params: { query: { q: q || undefined, limit: pageSize, cursor: after } },
        }),
      );
      if (request !== latest.current) return;
      setItems((prev) => [...(after ? (prev ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
      setSearched(q);
      setError(undefined);
    } catch (err) {
      if (request === latest.current) setError(err as Error);
    } finally {
      if (request === latest.current) setBusy(false);
    }
  };

  const wanted = query.trim().replace(/\s+/g, ' ').slice(0, 100);
  useEffect(() => {
    const timer = setTimeout(() => void load(wanted), wanted ? debounceMs : 0);
    return () => clearTimeout(timer);
  }, [api, wanted]);

  const nameOf = (id: string) => colleagues.data?.nameOf(id) ?? id;

  return (
    <Page
      title={t('clients.title')}
      actions={
        <Link className="button primary" href="/clients/new">
          {t('clients.register')}
        </Link>
      }
    >
      <ProblemAlert error={error} />
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void load(wanted);
        }}
      >
        <Field label={t('clients.search')} hint={t('clientSearch.hint')}>
          {(props) => (
            <input
              {...props}
              type="search"
              maxLength={100}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
        </Field>
      </form>
      <p aria-live="polite" className="hint">
        {busy && items ? t('clientSearch.searching') : ''}
      </p>
      {!items ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{searched ? t('clientSearch.noMatch', { q: searched }) : t('clients.empty')}</p>
      ) : (
        <ul className="list">
          {items.map((c) => (
            <li key={c.id}>
              <Link href={`/clients/${c.id}`}>
                {c.identity.kind === 'named' ? c.identity.name : c.identity.clientCode}
              </Link>{' '}
              <span className="badge">{t(`clients.status.${c.status}`)}</span>
              {c.identity.kind === 'anonymous' && <span className="badge">{t('clients.anonymous')}</span>}
              <br />
              <small>
                {[
                  t('clientSearch.born', { year: birthYearOf(c) }),
                  ...(c.identity.kind === 'anonymous'
                    ? [t('clientSearch.code', { code: c.identity.clientCode })]
                    : []),
                  ...(c.keyWorkerId ? [t('clientSearch.keyWorker', { name: nameOf(c.keyWorkerId) })] : []),
                  t('clientSearch.lastActivity', { date: intl.formatDate(c.lastActivityAt) }),
                ].join(' · ')}
              </small>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" disabled={busy} onClick={() => void load(searched, cursor)}>
          {t('app.more')}
        </button>
      )}
    </Page>
  );
};
