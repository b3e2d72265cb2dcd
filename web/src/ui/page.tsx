// Page chrome shared by the screens: a heading that receives focus on navigation (so screen
// readers announce the new page) and the loading / error states of a screen's data.
import type { ReactNode } from 'react';
import { useDeferredValue, useEffect, useRef } from 'react';
import type { Loaded } from '../api/context';
import { useT } from '../i18n/locale';
import { ProblemAlert } from './form';

export const Page = ({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Spolu`;
    heading.current?.focus();
  }, [title]);
  return (
    <section className="page">
      <header className="page-header">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
};

export const Loading = () => {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
};

/** Renders the children with the data once loaded; the loading or error state otherwise. The data's
 * render is deferred (`useDeferredValue`): React draws it in slices and yields between them, so on a
 * slow phone a long client file does not hold the page for a tap while it draws, and the old data
 * stays in view until the new is drawn (issue 24 item 5: the client file's total blocking time). */
export const Await = <T,>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) => {
  const data = useDeferredValue(loaded.data);
  if (loaded.error) return <ProblemAlert error={loaded.error} />;
  if (data === undefined) return <Loading />;
  return <>{children(data)}</>;
};
