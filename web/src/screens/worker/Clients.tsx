import { dataOf } from '@spolu/client';
import type { intake } from '@spolu/contracts';

import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useApp } from '../../api/context';
import { useEffect } from 'react';
import { useT } from '../../i18n/locale';
import { Field, ProblemAlert } from '../../ui/form';
import { Loading, Page } from '../../ui/page';
import { clientLabel } from './labels';

export const Clients = () => {
  const t = useT();
  const { api } = useApp();
  const [items, setItems] = useState<intake.Client[]>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<Error>();
  const [query, setQuery] = useState('');
  const load = async (after?: string) => {
    try {
      const page = dataOf(await api.GET('/clients', { params: { query: { limit: 100, cursor: after } } }));
      setItems((prev) => [...(after ? (prev ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err as Error);
    }
  };
  useEffect(() => {
    void load();
  }, [api]);
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('cs');
    return (items ?? []).filter((c) => !q || clientLabel(c).toLocaleLowerCase('cs').includes(q));
  }, [items, query]);
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
      <Field label={t('clients.search')} hint={t('clients.searchHint')}>
        {(props) => (
          <input {...props} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        )}
      </Field>
      {!items ? (
        <Loading />
      ) : shown.length === 0 ? (
        <p>{t('clients.empty')}</p>
      ) : (
        <ul className="list">
          {shown.map((c) => (
            <li key={c.id}>
              <Link href={`/clients/${c.id}`}>{clientLabel(c)}</Link>{' '}
              <span className="badge">{t(`clients.status.${c.status}`)}</span>
              {c.identity.kind === 'anonymous' && <span className="badge">{t('clients.anonymous')}</span>}
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          {t('app.more')}
        </button>
      )}
    </Page>
  );
};
