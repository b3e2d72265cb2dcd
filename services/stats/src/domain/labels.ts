// Names for the codes a planner sees in exports, in Czech (default) and English. The region's code
// lists (districts, service types with their §, target groups, needs) come with the data in
// packages/contracts; the short enumerations of stats dimensions are named here.
import type { stats } from '@spolu/contracts';
import {
  ageBands,
  needsTaxonomy,
  regions,
  serviceTypes,
  serviceTypesEn,
  ServiceType,
  TargetGroup,
  targetGroups,
  targetGroupsEn,
} from '@spolu/contracts';

export type Lang = 'cs' | 'en';
type Names = Record<string, { cs: string; en: string }>;

export const dimensionNames: Record<stats.Dimension, { cs: string; en: string }> = {
  district: { cs: 'ORP', en: 'District (ORP)' },
  serviceType: { cs: 'Druh služby', en: 'Service type' },
  targetGroup: { cs: 'Cílová skupina', en: 'Target group' },
  ageBand: { cs: 'Věková skupina', en: 'Age band' },
  sex: { cs: 'Pohlaví', en: 'Sex' },
  provider: { cs: 'Poskytovatel', en: 'Provider' },
  need: { cs: 'Potřeba', en: 'Need' },
  intervention: { cs: 'Výkon', en: 'Intervention' },
  test: { cs: 'Test', en: 'Test' },
  reason: { cs: 'Důvod odmítnutí', en: 'Reason declined' },
  phase: { cs: 'Fáze zotavení', en: 'Recovery phase' },
  service: { cs: 'Služba', en: 'Service' },
};

const sexes: Names = {
  female: { cs: 'žena', en: 'female' },
  male: { cs: 'muž', en: 'male' },
  other: { cs: 'jiné', en: 'other' },
  unknown: { cs: 'neuvedeno', en: 'not stated' },
};
const interventions: Names = {
  'needle-exchange': { cs: 'Výměna injekčního materiálu', en: 'Needle exchange' },
  material: { cs: 'Materiál', en: 'Material' },
  test: { cs: 'Test', en: 'Test' },
  information: { cs: 'Informace', en: 'Information' },
  counselling: { cs: 'Poradenství', en: 'Counselling' },
  'crisis-intervention': { cs: 'Krizová intervence', en: 'Crisis intervention' },
  'home-visit': { cs: 'Návštěva v domácnosti', en: 'Home visit' },
  'phone-contact': { cs: 'Telefonický kontakt', en: 'Phone contact' },
};
const tests: Names = {
  hiv: { cs: 'HIV', en: 'HIV' },
  hcv: { cs: 'HCV', en: 'HCV' },
  syphilis: { cs: 'Syfilis', en: 'Syphilis' },
};
const reasons: Names = {
  'no-capacity': { cs: 'nedostatečná kapacita', en: 'no capacity' },
  'not-eligible': { cs: 'nespadá do cílové skupiny', en: 'not eligible' },
  'client-refused': { cs: 'klient odmítl', en: 'client refused' },
  'client-unreachable': { cs: 'klient nedostupný', en: 'client unreachable' },
  'referred-elsewhere': { cs: 'doporučen jinam', en: 'referred elsewhere' },
  'no-longer-needed': { cs: 'již není potřeba', en: 'no longer needed' },
  other: { cs: 'jiný', en: 'other' },
};
const phases: Names = {
  stabilisation: { cs: 'stabilizace', en: 'stabilisation' },
  're-orientation': { cs: 're-orientace', en: 're-orientation' },
  're-integration': { cs: 're-integrace', en: 're-integration' },
};

const districtNames = new Map(regions.flatMap((r) => r.districts.map((d) => [d.code, d.name] as const)));
const regionNames = new Map(regions.map((r) => [r.code as string, r.name]));

export const regionName = (code: string) => regionNames.get(code) ?? code;

/** The name of one value of a dimension; an unknown code is shown as itself. Providers are named
 * from the directory's public facts (`providerNames`), else shown by id. */
export const valueName = (
  dim: stats.Dimension,
  code: string,
  lang: Lang,
  providerNames: ReadonlyMap<string, string> = new Map(),
): string => {
  const of = (names: Names) => names[code]?.[lang] ?? code;
  switch (dim) {
    case 'district':
      return districtNames.get(code) ?? code;
    case 'serviceType': {
      const t = ServiceType.safeParse(code);
      return t.success ? (lang === 'cs' ? serviceTypes : serviceTypesEn)[t.data] : code;
    }
    case 'targetGroup': {
      const g = TargetGroup.safeParse(code);
      return g.success ? (lang === 'cs' ? targetGroups : targetGroupsEn)[g.data] : code;
    }
    case 'ageBand':
      return code in ageBands ? `${code.replace('-', '–')} ${lang === 'cs' ? 'let' : 'years'}` : code;
    case 'sex':
      return of(sexes);
    case 'provider':
      return providerNames.get(code) ?? code;
    case 'need':
      return needsTaxonomy.needs.find((n) => n.code === code)?.[lang] ?? code;
    case 'intervention':
      return of(interventions);
    case 'test':
      return of(tests);
    case 'reason':
      return of(reasons);
    case 'phase':
      return of(phases);
    case 'service':
      // Services are named by the annual report from the directory's facts; here by id.
      return code;
  }
};
