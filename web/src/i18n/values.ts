// Names of the region's code lists (service types, target groups, needs) per locale. Czech names
// come with the data in packages/contracts; English ones are kept here or in the needs taxonomy.
import type { ServiceType, TargetGroup } from '@spolu/contracts';
import { needsTaxonomy, serviceTypes, targetGroups } from '@spolu/contracts';
import type { Locale } from './locale';

const serviceTypesEn: Record<ServiceType, string> = {
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

const targetGroupsEn: Record<TargetGroup, string> = {
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

export const serviceTypeName = (code: ServiceType, locale: Locale) =>
  locale === 'cs' ? serviceTypes[code] : serviceTypesEn[code];
export const targetGroupName = (code: TargetGroup, locale: Locale) =>
  locale === 'cs' ? targetGroups[code] : targetGroupsEn[code];
export const needName = (code: string, locale: Locale) => {
  const need = needsTaxonomy.needs.find((n) => n.code === code);
  return need ? need[locale] : code;
};
