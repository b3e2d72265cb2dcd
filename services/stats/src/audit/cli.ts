// `npm run stats:audit -- --region CZ051 [--year 2026] [--indicators clients,contacts]
//   [--user <seeded coordinator e-mail>] [--url http://localhost:3000]` (PORT as for npm start)
// Runs the disclosure auditor against a running local region (npm start) as its regional
// coordinator: reads every region table of the year's months, quarters and the year through the
// HTTP API and, for every cell whose published figure allows a count 1 … threshold − 1, solves the
// smallest and largest count consistent with everything published (no ground truth here: it
// checks what any coordinator could do). Exit code 1 when a cell is pinned.
import { parseArgs } from 'node:util';
import type { stats } from '@spolu/contracts';
import { regions } from '@spolu/contracts';
import { definitions } from '../domain/definitions';
import type { Relation } from './auditor';
import { audit, cellKeyIntervals, collect, periodsOfYear, targetsOf } from './auditor';

// npm start serves the regions on PORT (3000) + their index in the list of regions.
const portOf = (region: string) =>
  Number(process.env.PORT ?? 3000) +
  Math.max(
    0,
    regions.findIndex((r) => r.code === region),
  );

const main = async () => {
  const { values } = parseArgs({
    options: {
      region: { type: 'string', default: 'CZ051' },
      url: { type: 'string' },
      year: { type: 'string', default: String(new Date().getFullYear()) },
      indicators: { type: 'string' },
      user: { type: 'string' },
    },
  });
  const region = values.region!;
  const url = values.url ?? `http://localhost:${portOf(region)}`;
  const json = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${url}${path}`, init);
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
  const started = Date.now();
  console.log(`stats:audit ${region} (${url}) as ${user}, year ${values.year}: ${indicators.join(', ')}`);
  let leaks = 0;
  for (const indicator of indicators) {
    const collected = await collect(get, [indicator], periodsOfYear(values.year!), cellKeyIntervals);
    const targets = targetsOf(collected);
    const kind = definitions.find((d) => d.id === indicator)?.kind;
    // The strongest attacker first (counts add up exactly); where the data contradict that (units
    // without a value of a dimension), parts are only bounded by their total.
    const run = (relation?: Relation) =>
      audit({
        collected,
        indicators: [indicator],
        targets,
        relationOf: relation ? () => relation : undefined,
      });
    const result = await run().catch(() => run(kind === 'unique-clients' ? 'le' : 'ge'));
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
