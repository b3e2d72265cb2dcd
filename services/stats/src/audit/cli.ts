// `npm run stats:audit -- --region CZ051 [--year 2026] [--indicators clients,contacts]
//   [--user <seeded coordinator e-mail>] [--url http://localhost:3000]` (PORT as for npm start)
// Runs the disclosure auditor against a running local region (npm start) as its regional
// coordinator: reads every region table of the year's months, quarters and the year through the
// HTTP API and, for every cell whose published figure allows a count 1 … threshold − 1, solves the
// smallest and largest count consistent with everything published (no ground truth here: it
// checks what any coordinator could do). Exit code 1 when a cell is pinned.
import { parseArgs } from 'node:util';
import type { stats } from '@spolu/contracts';
import { ageBands, districtsOf, RegionCode, serviceTypes, Sex, targetGroups } from '@spolu/contracts';
import { regionPort } from '../../../../packages/local/src/local-regions';
import { definitions } from '../domain/definitions';
import type { Relation } from './auditor';
import { audit, cellKeyIntervals, collect, periodsOfYear, targetsOf } from './auditor';

const main = async () => {
  const { values } = parseArgs({
    options: {
      region: { type: 'string', default: 'CZ051' },
      url: { type: 'string' },
      year: { type: 'string', default: String(new Date().getFullYear()) },
      indicators: { type: 'string' },
      user: { type: 'string' },
      // Every district, service type, target group, band and sex as a variable even when no table
      // lists it (the stronger attacker; large LPs — minutes per indicator on a full region).
      domains: { type: 'boolean', default: false },
    },
  });
  const region = RegionCode.parse(values.region);
  // The port npm start gives the region (PORT 3000 + its place: the seeded kraje first).
  const url = values.url ?? `http://localhost:${regionPort(region)}`;
  const json = async (path: string, init?: RequestInit) => {
    // The solver blocks the event loop: a kept-alive socket closed meanwhile fails once.
    const res = await fetch(`${url}${path}`, init).catch(() => fetch(`${url}${path}`, init));
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const users = (await json('/dev/users')) as { items: { email: string; roles: string[] }[] };
  const user = values.user ?? users.items.find((u) => u.roles.includes('regional-coordinator'))?.email;
  if (!user) throw new Error(`no regional coordinator among the seeded users of ${region}`);
  const { access_token: token } = (await json('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  })) as { access_token: string };
  const get = (path: string) => json(path, { headers: { authorization: `Bearer ${token}` } });

  const indicators = (
    values.indicators
      ? values.indicators.split(',')
      : definitions.filter((d) => d.available && d.kind !== 'waiting-time').map((d) => d.id)
  ) as stats.IndicatorId[];
  // The public lists: a district or band that no table lists is still a cell the attacker knows.
  const domains = !values.domains
    ? undefined
    : {
        district: districtsOf(region).map((d) => d.code),
        serviceType: Object.keys(serviceTypes),
        targetGroup: Object.keys(targetGroups),
        ageBand: Object.keys(ageBands),
        sex: Sex.options,
      };
  const started = Date.now();
  console.log(`stats:audit ${region} (${url}) as ${user}, year ${values.year}: ${indicators.join(', ')}`);
  let leaks = 0;
  for (const indicator of indicators) {
    const collected = await collect(get, [indicator], periodsOfYear(values.year!), cellKeyIntervals);
    const targets = targetsOf(collected);
    // The strongest attacker first (counts add up exactly, unique clients at most); where the
    // data contradict that (units without a value of a dimension, a goal under several needs),
    // a total is only known to be at least each of its parts.
    const run = (relation?: Relation) =>
      audit({
        collected,
        indicators: [indicator],
        targets,
        relationOf: relation ? () => relation : undefined,
        domains,
      });
    const result = await run().catch(() => {
      console.log(
        `${indicator}: parts do not add up to totals exactly; only "a total is at least each part"`,
      );
      return run('sup');
    });
    leaks += result.leaks.length;
    console.log(
      `${indicator}: ${result.tables} tables, ${result.checked} cells that could be 1..${result.threshold - 1} checked, ${result.leaks.length} pinned`,
    );
    for (const f of result.leaks) console.log(`  LEAK ${f.variable}: in [${f.min}, ${f.max}]`);
  }
  console.log(
    `${leaks === 0 ? 'OK' : 'FAILED'}: ${leaks} pinned cells (${Math.round((Date.now() - started) / 1000)} s)`,
  );
  process.exitCode = leaks === 0 ? 0 : 1;
};

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 2;
});
