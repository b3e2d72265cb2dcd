// A list the API pages with a cursor: the first page loads with the screen, "Load more" appends
// the next ones, so a provider with hundreds of records can still reach every one of them.
import type { QueryKey } from '@tanstack/react-query';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { dataOf } from '@spolu/client';
import { useT } from '../i18n/locale';
import { ProblemAlert } from '../ui/form';
import type { Api } from './client';
import type { Loaded } from './context';
import { useApp, useQueryKey } from './context';

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
 * on the last page) appending the next ones to `items`. A change of `deps` (what the fetcher's
 * query depends on) starts again from the first page; coming back to the tab, a save anywhere in
 * the console (useSubmit invalidates) or `reload()` loads the pages shown again. */
export const usePagedList = <T,>(
  fetchPage: PageFetcher<T>,
  deps: readonly unknown[],
  pageSize = 50,
  key?: QueryKey,
): PagedList<T> => {
  const t = useT();
  const { api } = useApp();
  const queryKey = useQueryKey(key, [...deps, pageSize]);
  const query = useInfiniteQuery({
    queryKey,
    queryFn: async ({ pageParam }) => dataOf(await fetchPage(api, { limit: pageSize, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: RecordPage<T>) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const { refetch, fetchNextPage } = query;
  const loadingMore = query.isFetchingNextPage;
  return {
    data: query.data ? { items: query.data.pages.flatMap((p) => p.items) } : undefined,
    // The first page's failure replaces the list; a later one sits by the button that failed, and a
    // failed refresh keeps the records already shown.
    error: query.data === undefined ? (query.error ?? undefined) : undefined,
    loading: query.isFetching,
    reload: () => void refetch(),
    more: query.hasNextPage ? (
      <div className="load-more">
        <ProblemAlert error={query.isFetchNextPageError ? query.error : undefined} />
        <button
          type="button"
          onClick={() => void fetchNextPage()}
          disabled={loadingMore}
          aria-busy={loadingMore}
        >
          {loadingMore ? t('app.loading') : t('app.more')}
        </button>
      </div>
    ) : null,
  };
};
