// A list the API pages with a cursor: the first page loads with the screen, "Load more" appends
// the next ones, so a provider with hundreds of records can still reach every one of them.
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/locale';
import { ProblemAlert } from '../ui/form';
import type { Loaded } from './context';
import { useApp, useLoad } from './context';

/** A list the API pages by cursor: the first page, and `more` (a "Load more" button, or nothing
 * on the last page) appending the next ones to `items`. A reload starts again from the first page. */
export const usePagedList = <T,>(
  path: string,
  query: Record<string, string | number | undefined> = {},
  pageSize = 50,
): Loaded<{ items: T[] }> & { more: ReactNode } => {
  const t = useT();
  const { api } = useApp();
  const key = JSON.stringify(query);
  const first = useLoad(
    (a) => a.get<RecordPage<T>>(path, { ...query, limit: pageSize }),
    [path, key, pageSize],
  );
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
      const page = await api.get<RecordPage<T>>(path, { ...query, limit: pageSize, cursor });
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
interface RecordPage<T> {
  items: T[];
  nextCursor?: string;
}
