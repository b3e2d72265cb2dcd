// Names of the region's code lists (service types, target groups, needs, districts, age bands,
// event types) per locale. Czech names and English ones come with the data in packages/contracts
// (values.ts, the needs taxonomy, districts.json, the event descriptions): a person reads words,
// never the codes.
import type { AgeBand, ServiceType, TargetGroup } from '@spolu/contracts';
import {
  ageBands,
  eventDescription,
  needsTaxonomy,
  regions,
  serviceTypes,
  serviceTypesEn,
  targetGroups,
  targetGroupsEn,
} from '@spolu/contracts';
import type { Locale } from './locale';

export const serviceTypeName = (code: ServiceType, locale: Locale) =>
  locale === 'cs' ? serviceTypes[code] : serviceTypesEn[code];
export const targetGroupName = (code: TargetGroup, locale: Locale) =>
  locale === 'cs' ? targetGroups[code] : targetGroupsEn[code];
export const needName = (code: string, locale: Locale) => {
  const need = needsTaxonomy.needs.find((n) => n.code === code);
  return need ? need[locale] : code;
};
export const needNames = (codes: readonly string[], locale: Locale) =>
  codes.map((c) => needName(c, locale)).join(', ');
/** A district (ORP) by its name, which is the same in both languages (a place name). */
export const districtName = (code: string) =>
  regions.flatMap((r) => r.districts).find((d) => d.code === code)?.name ?? code;
/** An age band as a range with an en dash ("19–26", "81+"). */
export const ageBandName = (band: AgeBand) => {
  const [min, max] = ageBands[band];
  return max >= 130 ? `${min}+` : `${min}–${max}`;
};
export const eventName = (type: string, locale: Locale) => eventDescription(type, locale);
