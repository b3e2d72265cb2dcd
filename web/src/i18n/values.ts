// Names of the region's code lists (service types, target groups, needs) per locale. Czech names
// and English ones come with the data in packages/contracts (values.ts, the needs taxonomy).
import type { ServiceType, TargetGroup } from '@spolu/contracts';
import { needsTaxonomy, serviceTypes, serviceTypesEn, targetGroups, targetGroupsEn } from '@spolu/contracts';
import type { Locale } from './locale';

export const serviceTypeName = (code: ServiceType, locale: Locale) =>
  locale === 'cs' ? serviceTypes[code] : serviceTypesEn[code];
export const targetGroupName = (code: TargetGroup, locale: Locale) =>
  locale === 'cs' ? targetGroups[code] : targetGroupsEn[code];
export const needName = (code: string, locale: Locale) => {
  const need = needsTaxonomy.needs.find((n) => n.code === code);
  return need ? need[locale] : code;
};
