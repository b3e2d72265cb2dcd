import * as z from 'zod';

export const maxPageSize = 100;
export const defaultPageSize = 25;

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(maxPageSize).default(defaultPageSize),
  cursor: z.string().max(2048).optional(),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().optional().meta({ description: 'Opaque; pass as `cursor` for the next page' }),
  });
