import { monotonicFactory } from 'ulid';
import * as z from 'zod';
import { ContractMessages as M } from './messages';

// Crockford base32, 26 chars: what `ulid` produces.
export const Ulid = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, M.ulid)
  .meta({ example: '01JCZ0000000000000000000KC' });
export type Ulid = z.infer<typeof Ulid>;

const nextUlid = monotonicFactory();
export const newId = (): Ulid => nextUlid();
