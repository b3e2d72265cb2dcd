// The seeded directory (packages/local/src/seed/directory-data.ts) as the referrals read model
// would hold it, for matching tests that use realistic data.
import type { RegionCode, referrals } from '@spolu/contracts';
import { directory } from '@spolu/contracts';
import { seedRegions } from '../../../packages/local/src/seed/directory-data';

export const seededViews = (): (referrals.ServiceView & { key: string })[] =>
  seedRegions.flatMap((region) =>
    region.providers.flatMap((p, pi) =>
      p.services.map((s, si) => {
        const body = directory.RegisterServiceBody.parse(s.body);
        const id =
          `01J${String(pi).padStart(2, '0')}${String(si).padStart(2, '0')}${region.region.slice(2)}`.padEnd(
            26,
            '0',
          );
        return {
          key: s.key,
          id,
          providerId: `01J${String(pi).padStart(2, '0')}${region.region.slice(2)}`.padEnd(26, '1'),
          providerName: p.provider.name,
          region: region.region as RegionCode,
          name: body.name,
          type: body.type,
          targetGroups: body.targetGroups,
          ageMin: body.ageMin,
          ageMax: body.ageMax,
          districts: body.districts,
          needCodes: body.needCodes,
          hours: body.hours,
          capacity: body.availability.capacity,
          waitingDays: body.availability.waitingDays,
          acceptingReferrals: body.availability.acceptingReferrals,
          referralResponseDays: body.referralResponseDays,
          active: true,
          revision: 1,
        };
      }),
    ),
  );
