// The code lists as plain data, with no zod: what a console screen needs to name a client's district
// or offer the choices on its first paint, before (and without) loading zod and the schemas that
// check a body (issue 24 item 5). The zod enums (./values.ts, the services' schemas) are built from
// these same lists. Lists that are regional data (districts, needs) live in ../data as JSON so a
// region can change them without a code change.
import districtsData from '../data/districts.json' with { type: 'json' };
import needsData from '../data/needs.json' with { type: 'json' };

/** A kraj's code (CZ-NUTS 3: `CZ0` and two digits). Which kraje exist, their names and their
 * districts are data (../data/districts.json: all fourteen, every ORP); a region Spolu runs in is
 * configuration (cdk.json), so nothing here lists the regions. */
export type KrajCode = `CZ0${number}`;
const isKrajCode = (code: string): code is KrajCode => /^CZ0\d\d$/.test(code);

/** Every kraj in code order with its districts (ORP) in Czech alphabetical order. */
export const regions = districtsData.regions.flatMap((r) =>
  isKrajCode(r.code)
    ? [{ code: r.code, name: r.name, districts: r.districts.map(({ code, name }) => ({ code, name })) }]
    : [],
);
if (regions.length === 0 || regions.length !== districtsData.regions.length)
  throw new Error('packages/contracts/data/districts.json: every kraj code is CZ0 and two digits');

export const districtsOf = (region: KrajCode) => regions.find((r) => r.code === region)?.districts ?? [];
export const isDistrictInRegion = (district: string, region: KrajCode) =>
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

/** English names of the service types and target groups (the console's and the statistics
 * exports' `lang=en`). */
export const serviceTypesEn: Record<keyof typeof serviceTypes, string> = {
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

export const targetGroupsEn: Record<keyof typeof targetGroups, string> = {
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

export const ageBandOf = (age: number): keyof typeof ageBands => {
  for (const band of Object.keys(ageBands) as (keyof typeof ageBands)[]) {
    const [min, max] = ageBands[band];
    if (age >= min && age <= max) return band;
  }
  return '81+';
};

export const needs = needsData.needs;
export const needsTaxonomy = needsData;

/** What an information intervention was about (intake's InformationTopic). */
export const informationTopics = [
  'hcv-testing',
  'hiv',
  'safer-use',
  'safer-sex',
  'overdose',
  'treatment',
  'social-legal',
  'other',
] as const;

/** What kind of place a field place is (directory's FieldPlaceKind, document 003). */
export const fieldPlaceKinds = [
  'station',
  'stop',
  'square',
  'park',
  'street',
  'client-homes',
  'town',
  'other',
] as const;
