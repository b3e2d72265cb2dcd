// A console form on react-hook-form, checked by the API's own zod schema (@hookform/resolvers/zod):
// the form keeps what the person typed (text, as inputs give it), `toBody` turns it into the
// request body and the contract's schema checks that body. Errors are keyed by the body's paths
// (`hours[0].closes`), like the API reports them, so a field shows the browser's check and the
// API's answer in the same place; contract messages read in the person's language. After a save
// every screen's data loads again (the query cache is invalidated); the outcome shows in the
// console's toast, as for useSubmit.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import type { BaseSyntheticEvent } from 'react';
import { useState } from 'react';
import type {
  DefaultValues,
  FieldErrors as FormErrors,
  FieldPath,
  FieldPathValue,
  FieldValues,
  Resolver,
  ResolverOptions,
  ResolverResult,
  ResolverSuccess,
  UseFormReturn,
} from 'react-hook-form';
import { useForm } from 'react-hook-form';
import type * as z from 'zod';
import { ApiError } from '../api/client';
import { localiseContractMessage } from '../i18n/contractMessages';
import type { Locale } from '../i18n/locale';
import { useLocale, useT } from '../i18n/locale';
import { ruleMessage } from '../i18n/ruleMessages';
import { failedText } from '../ui/form';
import { useToast } from '../ui/toast';
import type { FieldErrors } from './validation';

/** The key an error of the whole body (no path) and the API's problem without a path share. */
const whole = 'root.server';

/** An API path (`hours[0].closes`) as react-hook-form names it (`hours.0.closes`). */
export const formPath = (path: string) => path.replace(/\[(\d+)\]/g, '.$1');

/**
 * react-hook-form's nested errors as one map keyed like the API (`hours[0].closes`; the whole
 * body's error under ''), each message in the person's language.
 */
export const flatErrors = (errors: FormErrors, locale: Locale): FieldErrors => {
  const out: FieldErrors = {};
  const walk = (node: unknown, path: string, inArray: boolean) => {
    if (!node || typeof node !== 'object') return;
    const message: unknown = Reflect.get(node, 'message');
    if (typeof message === 'string' && Reflect.has(node, 'type'))
      out[path === whole ? '' : path] ??= localiseContractMessage(message, locale);
    for (const [k, v] of Object.entries(node)) {
      // The error's own parts (its input element among them) are not fields.
      if (k === 'ref' || k === 'type' || k === 'types' || k === 'message') continue;
      walk(v, inArray ? `${path}[${k}]` : path ? `${path}.${k}` : k, Array.isArray(v));
    }
  };
  walk(errors, '', false);
  return out;
};

/** A form's values once the contract's schema has accepted them: the checked body, bound to the
 * request that sends it. */
export interface Ready<R> {
  save: () => Promise<R>;
}

const accepted = <V>(result: ResolverResult<FieldValues, V>): result is ResolverSuccess<V> =>
  Object.keys(result.errors).length === 0;

/**
 * What a form sends and how: the contract's schema (checked by zodResolver), the body the form's
 * values make, and the request. A form that adds or changes a record picks one of two contracts;
 * the body's type stays tied to its own schema and request.
 */
export const contract = <F extends FieldValues, B, R>(
  schema: z.ZodType<B, FieldValues>,
  toBody: (values: F) => FieldValues,
  send: (body: B) => Promise<R>,
): Resolver<F, unknown, Ready<R>> => {
  const check = zodResolver(schema);
  const resolve = async (values: F, context: unknown, options: ResolverOptions<F>) => {
    const result = await check(toBody(values), context, { ...options, names: options.names?.map(String) });
    return accepted(result)
      ? { values: { save: () => send(result.values) }, errors: {} }
      : { values: {}, errors: result.errors };
  };
  // The errors are keyed by the body's paths, which the form's names follow (a few only the body
  // has, such as the whole body's ''); they are read through `errors`, never by a form name.
  return resolve as Resolver<F, unknown, Ready<R>>;
};

export interface ContractForm<F extends FieldValues, R> {
  form: UseFormReturn<F, unknown, Ready<R>>;
  /** Field errors (the schema's or the API's) keyed by the body's paths, in the person's language. */
  errors: FieldErrors;
  /** The API's problem for the whole form (ProblemAlert). */
  problem?: Error;
  saving: boolean;
  onSubmit: (e?: BaseSyntheticEvent) => Promise<void>;
  /** A value the form keeps outside an input (a checkbox list, a NumberField, a row list). */
  field: <N extends FieldPath<F>>(
    name: N,
  ) => { value: FieldPathValue<F, N>; onChange: (value: FieldPathValue<F, N>) => void };
}

/**
 * A form on react-hook-form sent by `contract` (see there): field errors from the schema or from
 * the API's problem land on their fields (setError), the problem itself in `problem`; after a save
 * every screen's data loads again and `onSaved` gets the answer.
 */
export const useContractForm = <F extends FieldValues, R>({
  defaultValues,
  contract: resolver,
  onSaved,
  confirm,
}: {
  defaultValues: DefaultValues<F>;
  contract: Resolver<F, unknown, Ready<R>>;
  /** After a save (`form.reset()` starts a new record's form again). */
  onSaved: (saved: R, form: UseFormReturn<F, unknown, Ready<R>>) => void;
  /** The toast's confirmation, as useSubmit's ("Uloženo." unless given). */
  confirm?: string;
}): ContractForm<F, R> => {
  const { locale } = useLocale();
  const t = useT();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<Error>();
  const form = useForm<F, unknown, Ready<R>>({ defaultValues, resolver });
  const { formState, handleSubmit, setError, watch, setValue } = form;

  const onSubmit = handleSubmit(
    async (ready) => {
      setProblem(undefined);
      toast.clear();
      let saved: R;
      try {
        saved = await ready.save();
      } catch (err) {
        if (err instanceof ApiError)
          for (const e of err.problem.errors ?? []) {
            const path = e.path.replace(/^body\.?/, '');
            const message = ruleMessage(e.code, locale) ?? e.message;
            // The API reports the body's paths, which are the form's own names.
            setError(path ? (formPath(path) as FieldPath<F>) : whole, { type: 'server', message });
          }
        setProblem(err instanceof Error ? err : new Error(String(err)));
        toast.error(failedText(err, locale, t));
        return;
      }
      void queryClient.invalidateQueries();
      toast.success(confirm ?? t('app.saved'));
      onSaved(saved, form);
    },
    () => {
      setProblem(undefined);
      toast.error(t('phoneLayout.notSaved'));
    },
  );

  return {
    form,
    errors: flatErrors(formState.errors, locale),
    problem,
    saving: formState.isSubmitting,
    onSubmit,
    field: (name) => ({
      value: watch(name),
      onChange: (value) =>
        setValue(name, value, { shouldDirty: true, shouldValidate: formState.isSubmitted }),
    }),
  };
};

/** A checkbox list's new choice: the value added, or taken out if it was chosen. */
export const toggle = <V>(list: readonly V[], value: V): V[] =>
  list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
