// Which kraje `npm start` runs, and on which port each answers. Any kraj of the reference data
// (all fourteen) can run locally; the seed has providers for three, the others start empty (their
// coordinator and the ops user only).
import { RegionCode, regions } from '@spolu/contracts';
import { seedRegions } from './seed/directory-data';

/** The kraje the seed has providers for: what `npm start` starts when SPOLU_REGIONS is not set. */
export const seededRegions: RegionCode[] = seedRegions.map((r) => r.region);

/** A kraj's place among the local ports: the seeded ones first (PORT 3000, 3001, 3002 as always),
 * then the other kraje in code order, so a kraj keeps its port whichever set runs. */
const localOrder: RegionCode[] = [
  ...seededRegions,
  ...regions.map((r) => r.code).filter((code) => !seededRegions.includes(code)),
];

/** The port `npm start` gives a region: PORT (default 3000) + its place in the local order. */
export const regionPort = (region: RegionCode, basePort = Number(process.env.PORT ?? 3000)) => {
  const at = localOrder.indexOf(region);
  if (at < 0) throw new Error(`unknown region ${region}`);
  return basePort + at;
};

/** `SPOLU_REGIONS=CZ051,CZ064`: the kraje to start, in port order; the seeded ones when unset. */
export const regionsToStart = (value: string | undefined = process.env.SPOLU_REGIONS): RegionCode[] => {
  const asked = (value ?? '')
    .split(',')
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
  if (asked.length === 0) return [...seededRegions];
  const unknown = asked.filter((code) => !RegionCode.safeParse(code).success);
  if (unknown.length > 0)
    throw new Error(
      `SPOLU_REGIONS: ${unknown.join(', ')} není kód kraje / is not a kraj code; ` +
        `kraje: ${regions.map((r) => `${r.code} ${r.name}`).join(', ')}`,
    );
  return localOrder.filter((code) => asked.includes(code));
};
