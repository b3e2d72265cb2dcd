// A list the API pages with a cursor: the first page loads with the screen, "Load more" appends
// the next one, so a provider with hundreds of records can still reach every one of them.
import type { ReactNode } from 'react';
import { useCallback, useEffect, useState } from 'react';
import { useT } from '../i18n/locale';
import type { ApiRequest } from './client';
import type { Loaded } from './context';
import { useApp, useLoad } from './context';

interface PageOf<T> {
  items: T[];
  nextCursor?: string;
}

export const usePaged = <T,>(
  path: string,
  query: ApiRequest['query'] = {},
  pageSize = 50,
): { loaded: Loaded<T[]>; more: ReactNode } => {
  const t = useT();
  const { api } = useApp();
  const key = JSON.stringify(query);
  const first = useLoad((a) => a.get<PageOf<T>>(path, { ...query, limit: pageSize }), [path, key, pageSize]);
  const [further, setFurther] = useState<PageOf<T>[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error>();
  // A reload (after a save) starts again from the first page.
  useEffect(() => setFurther([]), [first.data]);
  const cursor = (further.at(-1) ?? first.data)?.nextCursor;
  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.get<PageOf<T>>(path, { ...JSON.parse(key), limit: pageSize, cursor });
      setFurther((pages) => [...pages, page]);
      setError(undefined);
    } catch (err) {
      setError(err as Error);
    } finally {
      setLoadingMore(false);
    }
  }, [api, path, key, pageSize, cursor]);
  const loaded: Loaded<T[]> = {
    ...first,
    error: first.error ?? error,
    data: first.data ? [...first.data.items, ...further.flatMap((p) => p.items)] : undefined,
  };
  const more = cursor ? (
    <p>
      <button type="button" onClick={() => void loadMore()} disabled={loadingMore} aria-busy={loadingMore}>
        {loadingMore ? t('app.loading') : t('app.more')}
      </button>
    </p>
  ) : null;
  return { loaded, more };
};
