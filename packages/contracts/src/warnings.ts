// Advisory answers: a write that the rules allow but a worker should look at twice (a client older
// than the service's age limits, a referral without any consented field) succeeds and says so in
// `warnings` beside the created resource, instead of a silent 201. Each warning's `code` is a rule
// code worded in Czech and English by rule-texts.ts (the console shows the person's language from
// there); `detail` is the API's own English wording with particulars.
import * as z from 'zod';

export const Warning = z
  .strictObject({
    code: z.string().max(64),
    detail: z.string().max(500),
  })
  .meta({ id: 'Warning' });
export type Warning = z.infer<typeof Warning>;

export const Warnings = z.array(Warning).max(20);
