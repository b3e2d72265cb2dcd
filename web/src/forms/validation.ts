// Form validation with the API's own zod schemas: a field's error is keyed by the same path the
// API would report (`interventions[0].given`), so client and server errors land on one field.
import type * as z from 'zod';

export const pathOf = (path: readonly PropertyKey[]) =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');

export type FieldErrors = Record<string, string>;

export const validate = <S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[pathOf(issue.path)] ??= issue.message;
  return { ok: false, errors };
};
