// `npm start`: DynamoDB Local persisted under .data/, one runtime per region (like one CDK stack
// per region), seeded from ../shared/seeds on first start. Ctrl-C stops everything.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RegionCode } from '@spolu/contracts';
import { regions } from '@spolu/contracts';
import { manifests } from '../../../../services/manifests';
import { devHttp } from '../dev-http';
import { webHttp } from '../web-http';
import { JavaMissingError, startDynamoDbLocal } from '../dynamodb-local';
import type { RegionRuntime } from '../runtime';
import { startRegionRuntime } from '../runtime';
import { migrateAtStart } from '../migrations';
import type { SeededUser } from '../seed/seed-directory';
import { seedDirectory } from '../seed/seed-directory';
import { seedIntake } from '../seed/seed-intake';
import { seedReferrals } from '../seed/seed-referrals';
import { seedPlans } from '../seed/seed-plans';
import { seedWebhooks } from '../seed/seed-webhooks';
import { seedCaseload } from '../seed/seed-caseload';

const root = resolve(import.meta.dirname, '../../../..');
// SPOLU_DATA_DIR: another data folder (e.g. a second instance beside a running one).
const dataDir = process.env.SPOLU_DATA_DIR ? resolve(process.env.SPOLU_DATA_DIR) : join(root, '.data');
const basePort = Number(process.env.PORT ?? 3000);
const regionPorts: [RegionCode, number][] = regions.map((r, i) => [r.code, basePort + i]);

const main = async () => {
  mkdirSync(dataDir, { recursive: true });
  const usersFile = join(dataDir, 'seed-users.json');
  const firstStart = !existsSync(usersFile);
  // One DynamoDB Local per region, as each region's stack has its own tables: one instance
  // serialises requests, and three regions seeding at once waited on it (measured in DECISIONS).
  // Data seeded before that (one shared `dynamodb/` folder) keeps its single instance.
  const sharedLayout = !firstStart && existsSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'));
  const dbPathOf = (region: RegionCode) => join(dataDir, sharedLayout ? 'dynamodb' : `dynamodb-${region}`);
  const dynamoPort = process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined;
  console.log(
    `Starting DynamoDB Local (data in ${sharedLayout ? join(dataDir, 'dynamodb') : join(dataDir, 'dynamodb-<region>')}) ...`,
  );
  const dynamos = await Promise.all(
    (sharedLayout ? regionPorts.slice(0, 1) : regionPorts).map(([region], i) =>
      startDynamoDbLocal({
        dbPath: dbPathOf(region),
        port: dynamoPort === undefined ? undefined : dynamoPort + i,
      }),
    ),
  );
  const dynamoFor = (i: number) => dynamos[sharedLayout ? 0 : i]!;

  const users: Record<string, SeededUser[]> = firstStart ? {} : JSON.parse(readFileSync(usersFile, 'utf8'));
  const runtimes: RegionRuntime[] = [];
  const shutdown = async (code = 0) => {
    console.log('\nStopping ...');
    await Promise.allSettled(runtimes.map((rt) => rt.stop()));
    await Promise.allSettled(dynamos.map((d) => d.stop()));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const seedRegion = async (rt: RegionRuntime) => {
    const started = Date.now();
    const directory = await seedDirectory(rt);
    users[rt.region] = directory.users;
    const intake = await seedIntake(rt, directory);
    await seedReferrals(rt, directory);
    await seedPlans(rt, directory, intake);
    const caseload = await seedCaseload(rt, directory, { intake });
    // Last: the partner's webhook subscription then sees only live events, not the seeded months.
    await seedWebhooks(rt, directory);
    const sum = (k: 'clients' | 'contacts' | 'referrals') =>
      Object.values(caseload.providers).reduce(
        (n, c) => n + c[k],
        Object.keys(k === 'clients' ? intake.clients : {}).length,
      );
    console.log(
      `  ${rt.region} seeded in ${Math.round((Date.now() - started) / 1000)} s: ${directory.users.length} users, ` +
        `${Object.keys(directory.providers).length} providers, ${sum('clients')} clients, ${sum('contacts')} contacts, ` +
        `${sum('referrals')} referrals`,
    );
  };
  const seeding: Promise<void>[] = [];

  try {
    for (const [i, [region, port]] of regionPorts.entries()) {
      const rt = await startRegionRuntime({
        region,
        port,
        dynamoEndpoint: dynamoFor(i).endpoint,
        manifests,
        tablePrefix: `spolu-${region}`,
        streamStart: firstStart ? 'trim-horizon' : 'latest',
        runSchedules: true,
        // Local development: webhook receivers on this machine are allowed.
        settings: { WEBHOOKS_ALLOW_LOOPBACK: 'true' },
        extraHttp: ({ issuer, baseUrl }) => [
          devHttp({ issuer, baseUrl, users: () => users[region] ?? [], issue: (req) => rt.token(req) }),
          webHttp(region),
        ],
      });
      runtimes.push(rt);
      // The region's pending data migrations, before it is seeded or announced (the same runner as AWS).
      await migrateAtStart(rt, manifests, dynamoFor(i).endpoint, dataDir);
      // Regions seed in parallel, each with its own runtime, clock and DynamoDB Local.
      if (firstStart) {
        const seeded = seedRegion(rt);
        seeded.catch(() => undefined); // reported by Promise.all below
        seeding.push(seeded);
      }
    }
    if (firstStart) {
      console.log(`Seeding ${regionPorts.map(([r]) => r).join(', ')} (a few months of demo work) ...`);
      await Promise.all(seeding);
      writeFileSync(usersFile, JSON.stringify(users, null, 2));
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    if (firstStart) console.error(`Seeding did not finish; delete ${dataDir} to start over.`);
    await shutdown(1);
  }

  console.log('\nSpolu is running locally.\n');
  for (const rt of runtimes) {
    const name = regions.find((r) => r.code === rt.region)!.name;
    console.log(
      `  ${rt.region} ${name.padEnd(16)} console ${rt.url}/   API docs ${rt.url}/docs   users ${rt.url}/dev/users`,
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
  curl -s -H "authorization: Bearer $TOKEN" '${first.url}/services?district=semily'

Ctrl-C stops everything.`);
};

main().catch((err) => {
  console.error(err instanceof JavaMissingError ? err.message : err);
  process.exit(1);
});
