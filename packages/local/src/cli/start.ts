// `npm start`: DynamoDB Local persisted under .data/, one runtime per region (like one CDK stack
// per region), seeded from ../shared/seeds on first start. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RegionCode } from '@spolu/contracts';
import { districtsOf, isDistrictInRegion, regions } from '@spolu/contracts';
import { regionPort, regionsToStart } from '../local-regions';
import { manifests } from '../../../../services/manifests';
import { devHttp } from '../dev-http';
import { webHttp } from '../web-http';
import { JavaMissingError, startDynamoDbLocal } from '../dynamodb-local';
import type { RegionRuntime } from '../runtime';
import { startRegionRuntime } from '../runtime';
import { migrateAtStart } from '../migrations';
import { mailSettingsFor, startMailCatcher } from '../mail-catcher';
import type { SeededDirectory, SeededUser } from '../seed/seed-directory';
import { seedDirectory } from '../seed/seed-directory';
import { seedIntake } from '../seed/seed-intake';
import { seedReferrals } from '../seed/seed-referrals';
import { seedPlans } from '../seed/seed-plans';
import { seedWebhooks } from '../seed/seed-webhooks';
import { seedCaseload } from '../seed/seed-caseload';
import { SeedProgress, showSeedProgress } from '../seed/progress';
import { feedNational } from '../national-feed';

const root = resolve(import.meta.dirname, '../../../..');
// SPOLU_DATA_DIR: another data folder (e.g. a second instance beside a running one).
const dataDir = process.env.SPOLU_DATA_DIR ? resolve(process.env.SPOLU_DATA_DIR) : join(root, '.data');
const basePort = Number(process.env.PORT ?? 3000);
// The three seeded kraje by default; SPOLU_REGIONS=CZ051,CZ064 any set of kraje (one without seed
// providers starts empty: its coordinator and the ops user). A kraj keeps its port in every set.
const regionPorts: [RegionCode, number][] = regionsToStart().map((r) => [r, regionPort(r, basePort)]);

const startedAt = Date.now();
let stopDisplay: (() => void) | undefined;

/** `vite build` of the console, beside DynamoDB Local's start (both take seconds; not one after
 * the other). Its output only when it fails. SPOLU_WEB_DIST: a console built elsewhere. */
const buildWeb = (): Promise<number> =>
  new Promise((done, fail) => {
    if (process.env.SPOLU_WEB_DIST) return done(0);
    const t0 = Date.now();
    const child = spawn('npm', ['run', 'build:web', '--silent'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0
        ? done(Date.now() - t0)
        : fail(new Error(`npm run build:web failed (exit ${code}):\n${out}`)),
    );
  });

const main = async () => {
  const webBuild = buildWeb();
  webBuild.catch(() => undefined); // awaited below
  mkdirSync(dataDir, { recursive: true });
  const usersFile = join(dataDir, 'seed-users.json');
  const users: Record<string, SeededUser[]> = existsSync(usersFile)
    ? JSON.parse(readFileSync(usersFile, 'utf8'))
    : {};
  // A kraj not in the users file is seeded at this start (the first start, or a kraj newly in
  // SPOLU_REGIONS); the others were seeded earlier.
  const freshRegions = new Set(regionPorts.flatMap(([r]) => (r in users ? [] : [r])));
  const fresh = (region: RegionCode) => freshRegions.has(region);
  const firstStart = regionPorts.some(([r]) => fresh(r));
  // Seeding writes the users file last: tables without it are an interrupted first start.
  const stale = firstStart
    ? readdirSync(dataDir).filter((n) =>
        existsSync(usersFile)
          ? regionPorts.some(([r]) => fresh(r) && n === `dynamodb-${r}`)
          : /^dynamodb(-CZ\d+)?$/.test(n),
      )
    : [];
  if (stale.length > 0) {
    console.log(
      `Předchozí první start nedoběhl: mažu ${stale.join(', ')} v ${dataDir} a začínám znovu. / ` +
        `An earlier first start did not finish: starting over.`,
    );
    for (const n of stale) rmSync(join(dataDir, n), { recursive: true, force: true });
  }
  let seedingNow = firstStart;
  // One DynamoDB Local per region, as each region's stack has its own tables: one instance
  // serialises requests, and three regions seeding at once waited on it (measured in DECISIONS).
  // Data seeded before that (one shared `dynamodb/` folder) keeps its single instance.
  const sharedLayout =
    existsSync(usersFile) && existsSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'));
  const dbPathOf = (region: RegionCode) => join(dataDir, sharedLayout ? 'dynamodb' : `dynamodb-${region}`);
  const dynamoPort = process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined;
  console.log(
    `Starting DynamoDB Local (data in ${sharedLayout ? join(dataDir, 'dynamodb') : join(dataDir, 'dynamodb-<region>')}) ...`,
  );
  // allSettled: one that fails must not leave the others starting, unowned, after we exit.
  const dynamoStarts = await Promise.allSettled(
    (sharedLayout ? regionPorts.slice(0, 1) : regionPorts).map(([region], i) =>
      startDynamoDbLocal({
        dbPath: dbPathOf(region),
        port: dynamoPort === undefined ? undefined : dynamoPort + i,
        // Three JVMs starting at once on a busy 2-core machine can take longer than a test's 30 s.
        startTimeoutMs: 120_000,
      }),
    ),
  );
  const dynamos = dynamoStarts.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const dynamoFailed = dynamoStarts.find((r) => r.status === 'rejected');
  if (dynamoFailed) {
    await Promise.allSettled(dynamos.map((d) => d.stop()));
    throw dynamoFailed.reason;
  }
  const dynamoFor = (i: number) => dynamos[sharedLayout ? 0 : i]!;

  const runtimes: RegionRuntime[] = [];
  // National figures (docs/NATIONAL.md): the first region's stats hosts the national view, fed
  // from every running region's export (once at start, after the seed, then every 15 minutes).
  let feeding: Promise<unknown> | undefined;
  const feedNationalView = () => {
    if (feeding || runtimes.length === 0) return;
    feeding = feedNational(runtimes[0]!, runtimes)
      .catch((err: Error) => console.error(`Národní údaje / national feed: ${err.message}`))
      .finally(() => (feeding = undefined));
  };
  setInterval(feedNationalView, 15 * 60_000).unref();
  // E-mail notices go to a local SMTP catcher instead of SES; /dev/mail shows them.
  const mail = await startMailCatcher();
  const shutdown = async (code = 0) => {
    stopDisplay?.();
    if (seedingNow)
      console.log(
        '\nUkázková data nedoběhla: příští `npm start` je založí znovu. / Seeding interrupted: the next start seeds again.',
      );
    console.log('\nStopping ...');
    await Promise.allSettled(runtimes.map((rt) => rt.stop()));
    await Promise.allSettled(dynamos.map((d) => d.stop()));
    await mail.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  // First start: the directory and its users first (the console can be signed in to), then the
  // platform answers while the months of casework fill in behind, with a progress display.
  const progress = new SeedProgress(regionPorts.map(([r]) => r));
  for (const [r] of regionPorts) if (!fresh(r)) progress.phase(r, 'done'); // seeded earlier
  const summaries: string[] = [];
  const seedCasework = async (rt: RegionRuntime, directory: SeededDirectory) => {
    const region = rt.region;
    progress.phase(region, 'intake');
    const intake = await seedIntake(rt, directory);
    progress.phase(region, 'referrals');
    await seedReferrals(rt, directory);
    progress.phase(region, 'plans');
    await seedPlans(rt, directory, intake);
    progress.phase(region, 'caseload', 120);
    const caseload = await seedCaseload(rt, directory, {
      intake,
      onProgress: (done, total) => progress.step(region, done, total),
    });
    // Last: the partner's webhook subscription then sees only live events, not the seeded months.
    progress.phase(region, 'webhooks');
    await seedWebhooks(rt, directory);
    progress.phase(region, 'done');
    const sum = (k: 'clients' | 'contacts' | 'referrals') =>
      Object.values(caseload.providers).reduce(
        (n, c) => n + c[k],
        Object.keys(k === 'clients' ? intake.clients : {}).length,
      );
    summaries.push(
      `  ${region} za ${progress.status(region).elapsedSeconds} s: ${directory.users.length} uživatelů, ` +
        `${Object.keys(directory.providers).length} poskytovatelů, ${sum('clients')} klientů, ` +
        `${sum('contacts')} kontaktů, ${sum('referrals')} doporučení`,
    );
  };

  let toSeed: { rt: RegionRuntime; directory: SeededDirectory }[] = [];
  try {
    if (firstStart)
      console.log(
        `První start: zakládám adresář a uživatele (${regionPorts.flatMap(([r]) => (fresh(r) ? [r] : [])).join(', ')}) ...`,
      );
    // Each region on its own: its runtime, its migrations and (first start) its directory, in
    // parallel with the others (each has its own DynamoDB Local, runtime and clock).
    const started = await Promise.allSettled(
      regionPorts.map(async ([region, port], i) => {
        const rt: RegionRuntime = await startRegionRuntime({
          region,
          port,
          dynamoEndpoint: dynamoFor(i).endpoint,
          manifests,
          tablePrefix: `spolu-${region}`,
          streamStart: fresh(region) ? 'trim-horizon' : 'latest',
          runSchedules: true,
          // Local development: webhook receivers on this machine are allowed.
          settings: { WEBHOOKS_ALLOW_LOOPBACK: 'true', ...mailSettingsFor(mail, `http://localhost:${port}`) },
          extraHttp: ({ issuer, baseUrl }) => [
            devHttp({
              issuer,
              baseUrl,
              users: () => users[region] ?? [],
              // While the seed moves this runtime's clock through past months, a person signing in
              // still gets a token of today (the gateway checks expiry on the machine's clock).
              issue: (req) => rt.token(seedingNow ? { ...req, issuedAt: new Date() } : req),
            }),
            progress.http(region),
            mail.http,
            webHttp(region),
          ],
        });
        runtimes.push(rt);
        // The region's pending data migrations, before it is seeded or announced (the same runner as AWS).
        await migrateAtStart(rt, manifests, dynamoFor(i).endpoint, dataDir);
        if (!fresh(region)) return { rt };
        const directory = await seedDirectory(rt);
        users[region] = directory.users;
        return { rt, directory };
      }),
    );
    const failure = started.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
    const ok = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    // In region order again (CZ051 first) for the listing below.
    runtimes.splice(0, runtimes.length, ...ok.map((r) => r.rt));
    toSeed = ok.flatMap(({ rt, directory }) => (directory ? [{ rt, directory }] : []));
    const builtMs = await webBuild;
    if (builtMs > 0) console.log(`Konzole sestavena (web/dist) za ${Math.round(builtMs / 1000)} s.`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    if (firstStart) console.error(`Seeding did not finish; the next start seeds again.`);
    await shutdown(1);
  }

  console.log(
    `\nSpolu běží lokálně${firstStart ? ` (${Math.round((Date.now() - startedAt) / 1000)} s od startu)` : ''}. / Spolu is running locally.\n`,
  );
  for (const rt of runtimes) {
    const name = regions.find((r) => r.code === rt.region)!.name;
    console.log(
      `  ${rt.region} ${name.padEnd(20)} console ${rt.url}/   API docs ${rt.url}/docs   users ${rt.url}/dev/users   e-mail ${rt.url}/dev/mail`,
    );
  }
  const first = runtimes[0]!;
  const sample = (users[first.region] ?? []).filter((u) => u.roles.length > 0).slice(0, 8);
  console.log(`\nSeeded users in ${first.region} (all: GET ${first.url}/dev/users):`);
  for (const u of sample)
    console.log(`  ${u.email.padEnd(36)} ${u.roles.join(',').padEnd(22)} ${u.providerName ?? ''}`);
  console.log(`\nGet a token and call the API:
  TOKEN=$(curl -s -X POST ${first.url}/dev/token -H 'content-type: application/json' \\
    -d '{"user":"${sample.find((u) => u.roles.includes('worker'))?.email ?? sample[0]?.email}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
  curl -s -H "authorization: Bearer $TOKEN" '${first.url}/services?district=${isDistrictInRegion('semily', first.region) ? 'semily' : districtsOf(first.region)[0]?.code}'

Národní údaje (role national-coordinator, jen čtení) / national figures, read-only:
  TOKEN=$(curl -s -X POST ${first.url}/dev/token -H 'content-type: application/json' \\
    -d '{"sub":"national-1","roles":["national-coordinator"]}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
  curl -s -H "authorization: Bearer $TOKEN" '${first.url}/stats/national/indicators/clients/table?period=${first.clock.now().getUTCFullYear()}&rows=serviceType'

Ctrl-C stops everything.`);

  if (!firstStart) return feedNationalView();
  console.log(
    `\nUkázková data (měsíce práce poskytovatelů) se načítají na pozadí; konzole i API už odpovídají.` +
      `\nDemo data (months of casework) are loading in the background; the console and the API already answer.` +
      `\nPrůběh / progress: GET ${first.url}/dev/seed-status\n`,
  );
  const display = showSeedProgress(progress);
  stopDisplay = display.stop;
  try {
    await Promise.all(toSeed.map(({ rt, directory }) => seedCasework(rt, directory)));
    writeFileSync(usersFile, JSON.stringify(users, null, 2));
  } catch (err) {
    display.stop();
    console.error(err instanceof Error ? err.message : err);
    console.error(`Seeding did not finish; the next start seeds again.`);
    await shutdown(1);
  }
  seedingNow = false;
  feedNationalView();
  display.stop();
  stopDisplay = undefined;
  console.log(
    `\nUkázková data jsou načtena (${Math.round((Date.now() - startedAt) / 1000)} s od startu). / Demo data loaded.`,
  );
  for (const line of summaries.sort()) console.log(line);
};

main().catch((err) => {
  console.error(err instanceof JavaMissingError ? err.message : err);
  process.exit(1);
});
