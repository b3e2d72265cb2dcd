// PATCH bodies from the fields of a record. zod 4 applies a field's default even when the field
// is optional, so `.partial()` of a shape with defaults would write each default over what is
// stored (a name change would wipe a service's opening hours). A PATCH field is optional and
// never defaulted: absent means unchanged.
import * as z from 'zod';

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
export type PatchFields<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> };

export const patchFields = <S extends z.ZodRawShape>(shape: S): PatchFields<S> => {
  const fields = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [
      key,
      // removeDefault() is typed as zod core's base type; every field here is a classic zod type.
      z.optional((field instanceof z.ZodDefault ? field.removeDefault() : field) as z.ZodType),
    ]),
  );
  // Object.fromEntries loses the keys; the mapped type restores them, and no other type can.
  // eslint-disable-next-line no-restricted-syntax
  return fields as unknown as PatchFields<S>;
};
