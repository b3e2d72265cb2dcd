// A console form on react-hook-form, sent by a `contract` (./contract.ts: the API's own zod schema
// through @hookform/resolvers/zod, on the body the form's values make). Field errors, the
// browser's or the API's, land on their fields in the person's language. After a save
// every screen's data loads again (the query cache is invalidated); the outcome shows in the
// console's toast, as for useSubmit.
import { useQueryClient } from '@tanstack/react-query';
import type { BaseSyntheticEvent } from 'react';
import { useState } from 'react';
import type {
  DefaultValues,
  FieldPath,
  FieldPathValue,
  FieldValues,
  Resolver,
  UseFormReturn,
} from 'react-hook-form';
import { useForm } from 'react-hook-form';
import { ApiError } from '../api/client';
import { useLocale, useT } from '../i18n/locale';
import { ruleMessage } from '../i18n/ruleMessages';
import { failedText } from '../ui/form';
import { useToast } from '../ui/toast';
import type { Ready } from './contract';
import { flatErrors, formPath, whole } from './contract';
import type { FieldErrors } from './validation';

export { contract, toggle } from './contract';

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
