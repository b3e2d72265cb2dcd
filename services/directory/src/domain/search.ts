import type { directory } from '@spolu/contracts';
import { ageBands } from '@spolu/contracts';
import { isOpenAt } from './opening-hours';

type Service = directory.Service;

/** Lower-case without diacritics, so "zdar" finds "Žďár". */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** Whether a service fits a directory search. Pure: every filter is optional and they combine with AND. */
export const matchesSearch = (
  service: Service,
  q: Omit<directory.ServiceSearchQuery, 'limit' | 'cursor'>,
) => {
  if (!service.active) return false;
  if (q.district && !service.districts.includes(q.district)) return false;
  if (q.type && service.type !== q.type) return false;
  if (q.targetGroup && !service.targetGroups.includes(q.targetGroup)) return false;
  if (q.age !== undefined && (q.age < service.ageMin || q.age > service.ageMax)) return false;
  if (q.ageBand) {
    const [min, max] = ageBands[q.ageBand];
    if (max < service.ageMin || min > service.ageMax) return false;
  }
  if (q.need && !service.needCodes.includes(q.need)) return false;
  if (q.openAt && !isOpenAt(service.hours, new Date(q.openAt))) return false;
  if (q.acceptingReferrals !== undefined && service.availability.acceptingReferrals !== q.acceptingReferrals)
    return false;
  if (q.providerId && service.providerId !== q.providerId) return false;
  if (q.q && !fold(`${service.name} ${service.providerName}`).includes(fold(q.q))) return false;
  return true;
};
