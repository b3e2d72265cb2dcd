// Value types shared by every service. Lists that are regional data (districts, needs) live in
// ../data as JSON so a region can change them without a code change.
import districtsData from '../data/districts.json' with { type: 'json' };
import needsData from '../data/needs.json' with { type: 'json' };
import * as z from 'zod';
import { ContractMessages as M } from './messages';

/** A kraj's code (CZ-NUTS 3: `CZ0` and two digits). Which kraje exist, their names and their
 * districts are data (../data/districts.json: all fourteen, every ORP); a region Spolu runs in is
 * configuration (cdk.json), so nothing here lists the regions. */
type KrajCode = `CZ0${number}`;
const isKrajCode = (code: string): code is KrajCode => /^CZ0\d\d$/.test(code);
const krajCodes = districtsData.regions.map((r) => r.code).filter(isKrajCode);
if (krajCodes.length === 0 || krajCodes.length !== districtsData.regions.length)
  throw new Error('packages/contracts/data/districts.json: every kraj code is CZ0 and two digits');

export const RegionCode = z.enum(krajCodes).meta({ description: 'Kraj (NUTS 3) code' });
export type RegionCode = z.infer<typeof RegionCode>;

/** Every kraj in code order with its districts (ORP) in Czech alphabetical order. */
export const regions = districtsData.regions.map((r) => ({
  code: RegionCode.parse(r.code),
  name: r.name,
  districts: r.districts.map(({ code, name }) => ({ code, name })),
}));

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

export const districtsOf = (region: RegionCode) => regions.find((r) => r.code === region)?.districts ?? [];
export const isDistrictInRegion = (district: string, region: RegionCode) =>
  districtsOf(region).some((d) => d.code === district);

/** Registered service types by section of Act 108/2006 Sb., plus the health and justice partners
 * of the follow-up network (document 003) that referrals may target. */
export const serviceTypes = {
  s37: 'Sociální poradenství (§37)',
  s39: 'Osobní asistence (§39)',
  s40: 'Pečovatelská služba (§40)',
  s43: 'Podpora samostatného bydlení (§43)',
  s44: 'Odlehčovací služby (§44)',
  s45: 'Centra denních služeb (§45)',
  s46: 'Denní stacionáře (§46)',
  s48: 'Domovy pro osoby se zdravotním postižením (§48)',
  s49: 'Domovy pro seniory (§49)',
  s50: 'Domovy se zvláštním režimem (§50)',
  s51: 'Chráněné bydlení (§51)',
  s54: 'Raná péče (§54)',
  s55: 'Telefonická krizová pomoc (§55)',
  s57: 'Azylové domy (§57)',
  s58: 'Domy na půl cesty (§58)',
  s59: 'Kontaktní centra (§59)',
  s60: 'Krizová pomoc (§60)',
  s60a: 'Intervenční centra (§60a)',
  s61: 'Nízkoprahová denní centra (§61)',
  s62: 'Nízkoprahová zařízení pro děti a mládež (§62)',
  s63: 'Noclehárny (§63)',
  s64: 'Služby následné péče (§64)',
  s65: 'Sociálně aktivizační služby pro rodiny s dětmi (§65)',
  s66: 'Sociálně aktivizační služby pro seniory a osoby se zdravotním postižením (§66)',
  s67: 'Sociálně terapeutické dílny (§67)',
  s68: 'Terapeutické komunity (§68)',
  s69: 'Terénní programy (§69)',
  s70: 'Sociální rehabilitace (§70)',
  'health-psychiatry': 'Ambulantní psychiatrie (zdravotní služba)',
  'health-detox': 'Detoxifikace (zdravotní služba)',
  'health-addiction-clinic': 'Adiktologická ambulance (zdravotní služba)',
  'probation-mediation': 'Probační a mediační služba',
  'legal-advice': 'Právní poradna',
} as const;
export const ServiceType = z.enum(Object.keys(serviceTypes) as [keyof typeof serviceTypes]);
export type ServiceType = z.infer<typeof ServiceType>;

/** Target groups (cílové skupiny) as in the register of social services. */
export const targetGroups = {
  'substance-users': 'Osoby ohrožené závislostí nebo závislé na návykových látkách',
  'close-persons': 'Osoby blízké (rodiče a blízcí lidí užívajících drogy)',
  'chronic-mental-illness': 'Osoby s chronickým duševním onemocněním',
  'mental-disability': 'Osoby s mentálním postižením',
  'combined-disabilities': 'Osoby s kombinovaným postižením',
  'physical-disability': 'Osoby s tělesným postižením',
  'people-in-crisis': 'Osoby v krizi',
  'children-and-youth': 'Děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy',
  'families-with-children': 'Rodiny s dítětem/dětmi',
  seniors: 'Senioři',
  homeless: 'Osoby bez přístřeší',
  'domestic-violence-victims': 'Oběti domácího násilí',
  'socially-excluded': 'Osoby žijící v sociálně vyloučených lokalitách',
  offenders: 'Pachatelé trestné činnosti',
} as const;
export const TargetGroup = z.enum(Object.keys(targetGroups) as [keyof typeof targetGroups]);
export type TargetGroup = z.infer<typeof TargetGroup>;

/** English names of the service types and target groups (the console's and the statistics
 * exports' `lang=en`). */
export const serviceTypesEn: Record<ServiceType, string> = {
  s37: 'Social counselling (§37)',
  s39: 'Personal assistance (§39)',
  s40: 'Home care (§40)',
  s43: 'Supported independent living (§43)',
  s44: 'Respite care (§44)',
  s45: 'Day service centres (§45)',
  s46: 'Day care centres (§46)',
  s48: 'Homes for people with disabilities (§48)',
  s49: 'Homes for the elderly (§49)',
  s50: 'Special-regime homes (§50)',
  s51: 'Sheltered housing (§51)',
  s54: 'Early intervention (§54)',
  s55: 'Crisis helpline (§55)',
  s57: 'Shelters (§57)',
  s58: 'Halfway houses (§58)',
  s59: 'Contact centres (§59)',
  s60: 'Crisis help (§60)',
  s60a: 'Intervention centres (§60a)',
  s61: 'Low-threshold day centres (§61)',
  s62: 'Low-threshold facilities for children and youth (§62)',
  s63: 'Night shelters (§63)',
  s64: 'Aftercare services (§64)',
  s65: 'Activation services for families with children (§65)',
  s66: 'Activation services for seniors and people with disabilities (§66)',
  s67: 'Social therapy workshops (§67)',
  s68: 'Therapeutic communities (§68)',
  s69: 'Field programmes (§69)',
  s70: 'Social rehabilitation (§70)',
  'health-psychiatry': 'Outpatient psychiatry (health service)',
  'health-detox': 'Detoxification (health service)',
  'health-addiction-clinic': 'Addiction clinic (health service)',
  'probation-mediation': 'Probation and mediation service',
  'legal-advice': 'Legal advice',
};

export const targetGroupsEn: Record<TargetGroup, string> = {
  'substance-users': 'People who use or are at risk of addiction to substances',
  'close-persons': 'Close persons (parents and others close to people who use drugs)',
  'chronic-mental-illness': 'People with a chronic mental illness',
  'mental-disability': 'People with an intellectual disability',
  'combined-disabilities': 'People with combined disabilities',
  'physical-disability': 'People with a physical disability',
  'people-in-crisis': 'People in crisis',
  'children-and-youth': 'Children and young people aged 6 to 26 at risk',
  'families-with-children': 'Families with children',
  seniors: 'Seniors',
  homeless: 'Homeless people',
  'domestic-violence-victims': 'Victims of domestic violence',
  'socially-excluded': 'People living in socially excluded localities',
  offenders: 'Offenders',
};

/** Age categories as providers report them (document 002). */
export const ageBands = {
  '0-10': [0, 10],
  '11-15': [11, 15],
  '16-18': [16, 18],
  '19-26': [19, 26],
  '27-64': [27, 64],
  '65-80': [65, 80],
  '81+': [81, 130],
} as const satisfies Record<string, readonly [number, number]>;
export const AgeBand = z.enum(Object.keys(ageBands) as [keyof typeof ageBands]);
export type AgeBand = z.infer<typeof AgeBand>;

export const ageBandOf = (age: number): AgeBand => {
  for (const [band, [min, max]] of Object.entries(ageBands)) {
    if (age >= min && age <= max) return band as AgeBand;
  }
  return '81+';
};

export const needs = needsData.needs;
const needCodes = needs.map((n) => n.code);
export const NeedCode = z
  .string()
  .refine((c) => needCodes.includes(c), { message: M.needCode })
  // As for DistrictCode: the refinement's list is written into the document.
  .meta({ example: 'harm-reduction', enum: needCodes });
export type NeedCode = z.infer<typeof NeedCode>;
export const needsTaxonomy = needsData;

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
