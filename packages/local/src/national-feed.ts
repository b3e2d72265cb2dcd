// The national statistics view under `npm start` (docs/NATIONAL.md "Locally"): the first running
// region's stats service hosts the national store and route; every running region's stats export
// (its exact cells of a year, no client data, no keys) is read in-process and imported there, as
// the scheduled export would deliver it to the national stack in the Ministry's account.
import type { RegionExport } from '../../../services/stats/src/domain/national';
import { exportRegionYear, importRegionExport } from '../../../services/stats/src/national';
import type { RegionRuntime } from './runtime';

const statsEnv = (rt: RegionRuntime) => {
  const env = rt.envs.get('stats');
  if (!env) throw new Error(`${rt.region} runs no stats service`);
  return env;
};

/** The years a feed exports: the host's current year and the one before (late corrections and
 * the seeded months reach back into it). */
export const feedYears = (now: Date) => {
  const year = Number(now.toISOString().slice(0, 4));
  return [String(year - 1), String(year)];
};

/** Export each source region's years and import them into the national host. Returns the
 * exports as they left the regions (what the tests inspect). */
export const feedNational = async (
  host: RegionRuntime,
  sources: readonly RegionRuntime[],
  years: readonly string[] = feedYears(host.clock.now()),
): Promise<RegionExport[]> => {
  // The regions side by side (each its own table; under npm start its own DynamoDB Local).
  const exports = (
    await Promise.all(
      sources.map(async (rt) => {
        const out: RegionExport[] = [];
        for (const year of years) {
          const exp = await exportRegionYear(statsEnv(rt), year);
          // What crosses the boundary is the serialised document, nothing else of the region.
          const delivered = JSON.parse(JSON.stringify(exp)) as RegionExport;
          await importRegionExport(statsEnv(host), delivered);
          out.push(delivered);
        }
        return out;
      }),
    )
  ).flat();
  return exports;
};
