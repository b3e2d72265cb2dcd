// One local region runtime serving the built console (like `npm start`, without the caseload),
// the seeded directory and a Chromium: the setup every browser test file shares.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { manifests } from '../../services/manifests';
import { startTestRuntime } from '../../packages/local/test-support/harness';
import { devHttp } from '../../packages/local/src/dev-http';
import { webDist, webHttp } from '../../packages/local/src/web-http';
import type { RegionRuntime } from '../../packages/local/src/runtime';
import type { SeededDirectory, SeededUser } from '../../packages/local/src/seed/seed-directory';
import { seedDirectory } from '../../packages/local/src/seed/seed-directory';
import { launch } from './browser';
import type { MailCatcher } from '../../packages/local/src/mail-catcher';
import { mailSettingsFor, startMailCatcher } from '../../packages/local/src/mail-catcher';

export interface ConsoleRuntime {
  rt: RegionRuntime;
  browser: Browser;
  seeded: SeededDirectory;
  /** The SMTP catcher the inbox's e-mail notices go to (SES in AWS). */
  mail: MailCatcher;
  /** A seeded user by key, e.g. 'k-centrum-liberec/petra-hajkova'. */
  user: (key: string) => SeededUser;
  stop: () => Promise<void>;
}

export const startConsoleRuntime = async (): Promise<ConsoleRuntime> => {
  if (!existsSync(join(webDist, 'index.html')))
    throw new Error('web/dist is missing: run `npm run build -w @spolu/web` (npm test does it first)');
  let users: SeededUser[] = [];
  const mail = await startMailCatcher();
  const rt: RegionRuntime = await startTestRuntime(manifests, {
    // As under `npm start`: webhook receivers on this machine are allowed, e-mail goes to the catcher.
    settings: { WEBHOOKS_ALLOW_LOOPBACK: 'true', ...mailSettingsFor(mail, 'http://localhost:3000') },
    extraHttp: ({ issuer, baseUrl }) => [
      devHttp({ issuer, baseUrl, users: () => users, issue: (req) => rt.token(req) }),
      mail.http,
      webHttp('CZ051'),
    ],
  });
  const seeded = await seedDirectory(rt);
  users = seeded.users;
  const browser = await launch();
  return {
    rt,
    browser,
    seeded,
    mail,
    user: (key) => {
      const found = seeded.users.find((u) => u.key === key);
      if (!found) throw new Error(`no seeded user ${key}`);
      return found;
    },
    stop: async () => {
      await browser.close();
      await rt.stop();
      await mail.stop();
    },
  };
};

/** The runtime every journey of the test file shares (console-journeys.test.ts imports them
 * all): started by the first journey's beforeAll, stopped once after the last test. */
let shared: Promise<ConsoleRuntime> | undefined;
let stopping: Promise<void> | undefined;

/** Hands the file's console runtime to `use` before the journey's tests (starting it if no
 * journey has yet) and stops it after the file's tests. */
export const withConsoleRuntime = (use: (c: ConsoleRuntime) => void) => {
  beforeAll(async () => {
    shared ??= startConsoleRuntime();
    use(await shared);
  });
  afterAll(async () => {
    const started = shared;
    stopping ??= started?.then((c) => c.stop());
    await stopping;
  });
};
