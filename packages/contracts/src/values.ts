// Value types shared by every service, as zod schemas. The lists they check (kraje and districts,
// service types, target groups, age bands, needs) are plain data in ./value-lists.ts, which a
// console screen can show without loading zod.
import * as z from 'zod';
import { ContractMessages as M } from './messages';
import { ageBands, needs, regions, serviceTypes, targetGroups } from './value-lists';

const krajCodes = regions.map((r) => r.code);
export const RegionCode = z.enum(krajCodes).meta({ description: 'Kraj (NUTS 3) code' });
export type RegionCode = z.infer<typeof RegionCode>;

const allDistrictCodes = regions.flatMap((r) => r.districts.map((d) => d.code));
export const DistrictCode = z
  .string()
  .refine((c) => allDistrictCodes.includes(c), { message: M.district })
  // The refinement is invisible to the OpenAPI generator: the list it checks goes in as `enum`.
  .meta({
    id: 'DistrictCode',
    description: 'ORP district code (see GET /districts)',
    example: 'semily',
    enum: allDistrictCodes,
  });
export type DistrictCode = z.infer<typeof DistrictCode>;

export const ServiceType = z.enum(Object.keys(serviceTypes) as [keyof typeof serviceTypes]);
export type ServiceType = z.infer<typeof ServiceType>;
export const TargetGroup = z.enum(Object.keys(targetGroups) as [keyof typeof targetGroups]);
export type TargetGroup = z.infer<typeof TargetGroup>;
export const AgeBand = z.enum(Object.keys(ageBands) as [keyof typeof ageBands]);
export type AgeBand = z.infer<typeof AgeBand>;

const needCodes = needs.map((n) => n.code);
export const NeedCode = z
  .string()
  .refine((c) => needCodes.includes(c), { message: M.needCode })
  // As for DistrictCode: the refinement's list is written into the document.
  .meta({ example: 'harm-reduction', enum: needCodes });
export type NeedCode = z.infer<typeof NeedCode>;

export const Sex = z.enum(['female', 'male', 'other', 'unknown']);
export type Sex = z.infer<typeof Sex>;

/** Calendar date without time (local to Europe/Prague). Rejects impossible dates like 2025-02-30. */
// `maxLength` in meta: the format admits exactly that many characters, which the OpenAPI generator
// does not write for a format (a second check would only double the error on bad input).
export const IsoDate = z.iso.date().meta({ example: '2026-11-23', maxLength: 10 });
/** Offset date-times; 40 characters hold nanoseconds and an offset (35) with room to spare. */
export const IsoDateTime = z.iso.datetime({ offset: true }).max(40).meta({ example: '2026-11-23T09:30:00Z' });

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;
export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, M.time)
  .meta({ example: '07:30' });

/** A lone UTF-16 surrogate is not text: DynamoDB stores UTF-8, where it cannot be encoded. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Control characters: C0 except tab and line breaks, DEL, and C1 (U+0080–U+009F: U+0085 is a
 * line break to some readers, U+009B starts a terminal escape sequence). */
const noControlCharacter = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;

/** Characters that change how the text around them is shown while being invisible themselves:
 * bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069; U+202E shows a name
 * backwards in a list, so one person can pass for another), zero-width characters (U+200B–U+200D,
 * U+2060, U+FEFF: two names that look the same but differ) and the Unicode line and paragraph
 * separators (U+2028, U+2029: a line break that most code and logs do not take for one). The bidi
 * marks U+200E/U+200F stay allowed: they only set the direction of neutral characters. */
const noInvisibleCharacter = /^[^\u200B-\u200D\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]*$/;

/** Tab and line breaks: free text keeps them, a name is one line. */
const noTabOrLineBreak = /^[^\t\n\r]*$/;

/** Free text (notes, descriptions, a request in the person's words) with a length cap: keeps tabs
 * and line breaks; control characters, invisible or direction-changing characters and broken
 * Unicode are refused (docs/LIMITS.md). */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(noControlCharacter, M.controlCharacters)
    .regex(noInvisibleCharacter, M.invisibleCharacters)
    .refine((s) => !loneSurrogate.test(s), M.loneSurrogates);

/** Free text checked for its characters only, without trimming or a minimum: a questionnaire's
 * text answer, whose emptiness and length its question decides. */
export const TextCharacters = (max: number) =>
  z
    .string()
    .max(max)
    .regex(noControlCharacter, M.controlCharacters)
    .regex(noInvisibleCharacter, M.invisibleCharacters)
    .refine((s) => !loneSurrogate.test(s), M.loneSurrogates);

/** A name (a person, a provider, a service, a place, a role) with a length cap: free text on one
 * line, so also without tabs and line breaks; lists and documents show it as it reads. */
export const Name = (max: number) => Text(max).regex(noTabOrLineBreak, M.nameOneLine);

export const Email = z.email().max(254);
export const Phone = z.string().regex(/^\+?[0-9 ]{6,20}$/, M.phone);
