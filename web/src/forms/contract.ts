// What a console form sends, checked by the API's own zod schema with @hookform/resolvers/zod: the
// form keeps what the person typed, `toBody` makes the request body of it, and the contract's
// schema checks that body. Errors are keyed by the body's paths (`hours[0].closes`), like the API
// reports them, so the browser's check and the API's answer land on the same field.
import { zodResolver } from '@hookform/resolvers/zod';
import type {
  FieldErrors as FormErrors,
  FieldValues,
  Resolver,
  ResolverOptions,
  ResolverResult,
  ResolverSuccess,
} from 'react-hook-form';
import type * as z from 'zod';
import { localiseContractMessage } from '../i18n/contractMessages';
// zod's messages follow the console's language (this module is only in screens' chunks).
import '../i18n/zodLocale';
import type { Locale } from '../i18n/language';
import type { FieldErrors } from './validation';

/** The key an error of the whole body (no path) and the API's problem without a path share. */
export const whole = 'root.server';

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

/** A checkbox list's new choice: the value added, or taken out if it was chosen. */
export const toggle = <V>(list: readonly V[], value: V): V[] =>
  list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
