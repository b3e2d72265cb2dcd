// Accessible form building blocks: every input has a label, its error is announced and tied to it
// with aria-describedby, and the API's problem details appear next to the field they concern.
import type { ReactNode } from 'react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type * as z from 'zod';
import { ApiError } from '../api/client';
import type { FieldErrors } from '../forms/validation';
import type { Locale } from '../i18n/locale';
import { validate } from '../forms/validation';
import { useLocale, useT } from '../i18n/locale';
import { useToast } from './toast';
import { DeviceStoreError } from '../offline/errors';

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

export const Field = ({ label, error, hint, children }: FieldProps) => {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
};

const importProblemTexts = () => import('./problemTexts').then((m) => m.problemTexts);
let problemTexts: Awaited<ReturnType<typeof importProblemTexts>> | undefined;
/** The problem texts' chunk (problemTexts.ts), loaded once. */
const loadProblemTexts = async () => {
  const loaded = problemTexts ?? (await importProblemTexts());
  problemTexts = loaded;
  return loaded;
};
/** The problem texts once loaded (loading them on first use); until then the API's own words. */
const useProblemTexts = (wanted: boolean) => {
  const [texts, setTexts] = useState(problemTexts);
  useEffect(() => {
    if (wanted && !texts) void loadProblemTexts().then(setTexts, () => undefined);
  }, [wanted, texts]);
  return texts;
};

/** The form-level problem: the API's title and detail, or the conflict explanation with a reload. */
export const ProblemAlert = ({ error, onReload }: { error?: Error; onReload?: () => void }) => {
  const t = useT();
  const { locale } = useLocale();
  const texts = useProblemTexts(error instanceof ApiError);
  const box = useRef<HTMLDivElement>(null);
  // On a phone the form's top may be far above: the problem (with its field details) comes into view.
  useEffect(() => {
    if (error) box.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  if (!error) return null;
  if (error instanceof ApiError && error.isConflict)
    return (
      <div className="alert alert-warning" role="alert" ref={box}>
        <p>{t('app.conflict')}</p>
        {onReload && (
          <button type="button" onClick={onReload}>
            {t('app.reload')}
          </button>
        )}
      </div>
    );
  const problem = error instanceof ApiError ? error.problem : undefined;
  const title = problem ? (texts?.problemTitle(problem.type, locale) ?? problem.title) : undefined;
  // A broken domain rule reads in the person's language; anything else keeps the API's words.
  const rules = [
    ...new Set((problem?.errors ?? []).map((e) => texts?.ruleMessage(e.code, locale)).filter(Boolean)),
  ];
  const detail = rules.length > 0 ? rules.join(' ') : problem?.detail;
  return (
    <div className="alert alert-error" role="alert" ref={box}>
      <p>
        {/* fetch's TypeError ("Failed to fetch"): the request never reached the server. */}
        <strong>{title ?? t(error instanceof TypeError ? 'words.network' : 'app.error')}</strong>
        {detail
          ? ` — ${detail}`
          : error instanceof DeviceStoreError
            ? ` — ${t(error.textKey)}`
            : error instanceof ApiError || error instanceof TypeError
              ? ''
              : ` — ${error.message}`}
      </p>
      {error instanceof ApiError && Object.keys(error.fieldErrors).some(Boolean) && (
        <p>{t('app.fixErrors')}</p>
      )}
    </div>
  );
};

/** The toast's short words for a failed save; the details stay in the ProblemAlert by the form.
 * The problem texts are loaded by then (a form loads them when shown), else the API's title. */
export const failedText = (err: unknown, locale: Locale, t: ReturnType<typeof useT>) => {
  const problem = err instanceof ApiError ? err.problem : undefined;
  const title = problem ? (problemTexts?.problemTitle(problem.type, locale) ?? problem.title) : undefined;
  return t('phoneLayout.failed', { problem: title ?? t('app.error') });
};

/**
 * Submitting a form: validate with the contract's schema, send, and on failure keep the input,
 * put field errors (client or server) next to their fields and the problem above the form. The
 * outcome also shows in the toast at the bottom of the viewport ("Uloženo." unless `confirm` says
 * otherwise; `confirm: false` for a form that saves nothing), so it is in view on a phone.
 */
/** A form's schema, or a loader for it: a screen whose first paint should not wait for zod and the
 * contracts' schemas names a loader (forms/lazyBodies.ts). Such a form loads what checking needs
 * (its schema, zod's messages in the person's language, the problem texts) when the worker first
 * touches it (`prepare`, on the form's focus) and at the latest on save, not while the page is still
 * busy showing itself. */
export type SchemaSource<S extends z.ZodType> = S | (() => Promise<S>);

/** What a check needs besides the schema: zod's messages in the person's language and the problem
 * texts the answer may need. */
const prepareMessages = () => {
  void loadProblemTexts().catch(() => undefined);
  return import('../i18n/zodLocale');
};

export const useSubmit = <S extends z.ZodType, R>(
  source: SchemaSource<S>,
  send: (body: z.output<S>) => Promise<R>,
  opts: { confirm?: string | false } = {},
) => {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Error>();
  const [saving, setSaving] = useState(false);
  const { locale } = useLocale();
  const t = useT();
  const toast = useToast();
  const queryClient = useQueryClient();
  const confirm = opts.confirm;
  const lazy = typeof source === 'function';
  const load = useCallback(
    async (): Promise<S> =>
      typeof source === 'function' ? (await Promise.all([source(), prepareMessages()]))[0] : source,
    [source],
  );
  /** For a form with a loaded schema: start loading what its check needs (the form's onFocus). */
  const prepare = useCallback(() => {
    if (lazy) void load().catch(() => undefined);
  }, [lazy, load]);
  // A form whose screen brought zod and its schema gets the messages' chunks as it is shown.
  useEffect(() => {
    if (!lazy) void prepareMessages().catch(() => undefined);
  }, [lazy]);
  const submit = useCallback(
    async (value: unknown): Promise<R | undefined> => {
      setProblem(undefined);
      let schema: S;
      try {
        schema = await load();
      } catch (err) {
        // Its chunk did not come (no signal and no service worker yet): nothing is sent.
        setProblem(err as Error);
        toast.error(failedText(err, locale, t));
        return undefined;
      }
      const checked = validate(schema, value);
      // Without the texts' chunk (never yet loaded, no signal) the messages stay as they came.
      const texts = await loadProblemTexts().catch(() => undefined);
      if (!checked.ok) {
        setErrors(texts ? texts.localised(checked.errors, locale) : checked.errors);
        toast.error(t('phoneLayout.notSaved'));
        return undefined;
      }
      setErrors({});
      setSaving(true);
      toast.clear();
      try {
        const saved = await send(checked.data);
        // What the screens show may have changed with this save: their lists load again.
        void queryClient.invalidateQueries();
        if (confirm !== false) toast.success(confirm ?? t('app.saved'));
        return saved;
      } catch (err) {
        if (err instanceof ApiError)
          setErrors(
            texts
              ? texts.localisedApiErrors(err, locale)
              : Object.fromEntries(
                  (err.problem.errors ?? []).map((e) => [e.path.replace(/^body\.?/, ''), e.message]),
                ),
          );
        setProblem(err as Error);
        toast.error(failedText(err, locale, t));
        return undefined;
      } finally {
        setSaving(false);
      }
    },
    [load, send, locale, queryClient, toast, t, confirm],
  );
  return { submit, prepare, errors, problem, saving, clearProblem: () => setProblem(undefined) };
};

/**
 * The form's submit button. On a phone it stays at the bottom of the screen (styles.css) once the
 * form is being filled in (a field changed): before that it waits at the form's end, so on a page at
 * rest it covers no field (axe target-size); afterwards it stays stuck, so a tap on it never finds it
 * moved away by the field's blur. Not on focus: the bar would appear between a finger's press and
 * release, under the finger when the field is low on the screen, and the tap would miss the field.
 */
export const SubmitButton = ({ saving, label }: { saving: boolean; label: string }) => {
  const t = useT();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const form = button.current?.form;
    if (!form) return;
    const start = () => form.classList.add('form-started');
    form.addEventListener('input', start);
    form.addEventListener('change', start);
    return () => {
      form.removeEventListener('input', start);
      form.removeEventListener('change', start);
    };
  }, []);
  return (
    <button ref={button} type="submit" className="primary form-submit" disabled={saving} aria-busy={saving}>
      {saving ? t('app.saving') : label}
    </button>
  );
};
