// A list the API pages with a cursor: the first page loads with the screen, "Load more" appends
// the next ones, so a provider with hundreds of records can still reach every one of them.
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { dataOf } from '@spolu/client';
import { useT } from '../i18n/locale';
import { ProblemAlert } from '../ui/form';
import type { Api } from './client';
import type { Loaded } from './context';
import { useApp, useLoad } from './context';

/** The paging part of a list route's query. */
export interface PageQuery {
  limit: number;
  cursor?: string;
}

interface RecordPage<T> {
  items: T[];
  nextCursor?: string;
}

/** One page of a list route, typed by its path: `(api, page) => api.GET('/handovers', { params: { query: page } })`. */
export type PageFetcher<T> = (
  api: Api,
  page: PageQuery,
) => Promise<{ data?: RecordPage<T>; response: Response }>;

export type PagedList<T> = Loaded<{ items: T[] }> & { more: ReactNode };

/** A list the API pages by cursor: the first page, and `more` (a "Load more" button, or nothing
 * on the last page) appending the next ones to `items`. A reload, or a change of `deps` (what the
 * fetcher's query depends on), starts again from the first page. */
export const usePagedList = <T,>(
  fetchPage: PageFetcher<T>,
  deps: readonly unknown[],
  pageSize = 50,
): PagedList<T> => {
  const t = useT();
  const { api } = useApp();
  const first = useLoad(async (a) => dataOf(await fetchPage(a, { limit: pageSize })), [...deps, pageSize]);
  const [further, setFurther] = useState<RecordPage<T>[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error>();
  useEffect(() => {
    setFurther([]);
    setMoreError(undefined);
  }, [first.data]);
  const cursor = (further.at(-1) ?? first.data)?.nextCursor;
  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = dataOf(await fetchPage(api, { limit: pageSize, cursor }));
      setFurther((pages) => [...pages, page]);
      setMoreError(undefined);
    } catch (err) {
      // The records already shown stay; the error sits by the button that failed.
      setMoreError(err as Error);
    } finally {
      setLoadingMore(false);
    }
  };
  return {
    ...first,
    data: first.data ? { items: [...first.data.items, ...further.flatMap((p) => p.items)] } : undefined,
    more: cursor ? (
      <div className="load-more">
        <ProblemAlert error={moreError} />
        <button type="button" onClick={() => void loadMore()} disabled={loadingMore} aria-busy={loadingMore}>
          {loadingMore ? t('app.loading') : t('app.more')}
        </button>
      </div>
    ) : null,
  };
};
