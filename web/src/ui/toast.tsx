// One toast for the whole console (issue 21 item 7): a form's confirmation or error shown at the
// bottom of the viewport, so on a phone it is in view however far down the form was. Success is
// announced politely (role=status) and hides itself after a few seconds; an error is announced at
// once (role=alert) and stays until dismissed, replaced or the page changes (a confirmation goes
// along to the page a form opens after saving). Both live regions are
// always in the page (a region added together with its text is not reliably announced).
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../i18n/locale';

export type ToastKind = 'success' | 'error';

interface ToastApi {
  success: (text: string) => void;
  error: (text: string) => void;
  /** Hides the toast; with a kind, only a toast of that kind. */
  clear: (kind?: ToastKind) => void;
}

interface Shown {
  id: number;
  kind: ToastKind;
  text: string;
}

/** How long a confirmation stays (ms); long enough to read "Uloženo." and a short sentence. */
export const successMs = 6000;

const noop = () => undefined;
const ToastContext = createContext<ToastApi>({ success: noop, error: noop, clear: noop });

export const useToast = () => useContext(ToastContext);

export const ToastProvider = ({ children }: { children: ReactNode }) => {
  const t = useT();
  const [shown, setShown] = useState<Shown>();
  const next = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const clear = useCallback((kind?: ToastKind) => {
    setShown((now) => {
      if (!now || (kind && now.kind !== kind)) return now;
      clearTimeout(timer.current);
      return undefined;
    });
  }, []);
  const show = useCallback((kind: ToastKind, text: string) => {
    clearTimeout(timer.current);
    next.current += 1;
    setShown({ id: next.current, kind, text });
    if (kind === 'success') timer.current = setTimeout(() => setShown(undefined), successMs);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  const api = useMemo<ToastApi>(
    () => ({ success: (text) => show('success', text), error: (text) => show('error', text), clear }),
    [show, clear],
  );
  // A new text node each time (key), so the same words twice ("Uloženo.") are announced twice.
  const text = (kind: ToastKind) => (shown?.kind === kind ? <span key={shown.id}>{shown.text}</span> : null);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toast-region">
        <div className={shown ? `toast toast-${shown.kind}` : 'toast toast-empty'}>
          <p role="status" className="toast-text">
            {text('success')}
          </p>
          <p role="alert" className="toast-text">
            {text('error')}
          </p>
          {shown && (
            <button
              type="button"
              className="toast-dismiss"
              onClick={() => clear()}
              aria-label={t('phoneLayout.dismiss')}
            >
              <span aria-hidden="true">×</span>
            </button>
          )}
        </div>
      </div>
    </ToastContext.Provider>
  );
};
