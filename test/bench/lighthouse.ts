// Issue 24 item 5: the console on a phone. `npm run bench -- lighthouse` (also part of
// `npm run bench`): builds the console, sums the gzip size of the JavaScript index.html loads before
// any route chunk (lib/lighthouse-size.ts), then runs Lighthouse 12.2.3 with its default mobile
// settings (formFactor mobile, throttlingMethod simulate: slow 4G, a Moto G Power-class CPU at 4x
// slowdown) on three pages of a real local runtime: sign-in, record contact and a client file.
// Lighthouse is installed at bench time into .bench-tmp/lighthouse, not into package.json: it is
// ~110 MB that `npm ci` would carry for every CI run (docs/DECISIONS.md "Lighthouse at bench time").
// The signed-in pages get the session a real sign-in made, put into sessionStorage before the
// console's scripts run; Lighthouse still clears the origin's caches, service worker and storage
// before each run, so each is a cold first visit. The console is served through a stand-in for
// CloudFront that gzips as CloudFront does (lib/lighthouse-cdn.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDynamoDbLocal } from '../../packages/local/src/dynamodb-local';
import { devHttp } from '../../packages/local/src/dev-http';
import { mailSettingsFor, startMailCatcher } from '../../packages/local/src/mail-catcher';
import { startRegionRuntime } from '../../packages/local/src/runtime';
import type { SeededUser } from '../../packages/local/src/seed/seed-directory';
import { seedDirectory } from '../../packages/local/src/seed/seed-directory';
import { webHttp } from '../../packages/local/src/web-http';
import { actor } from '../../packages/local/test-support/harness';
import { manifests } from '../../services/manifests';
import { chromiumFlags, resolveChromium } from '../../web/test/chromium';
import { startCdn } from './lib/lighthouse-cdn';
import type { InitialJs } from './lib/lighthouse-size';
import { initialJsTargetBytes, measureInitialJs } from './lib/lighthouse-size';
import { writeLighthouseSection } from './lib/lighthouse-report';
import { machine } from './lib/machine';
import type { Result } from './lib/results';
import { printTable, writeResultsJson } from './lib/results';
import { median, round } from './lib/stats';

export const lighthouseGroup = '5 console on a phone';
export const lighthouseVersion = '12.2.3';
const runsPerPage = Number(process.env.SPOLU_LIGHTHOUSE_RUNS ?? 3);

// The few shapes of Lighthouse and puppeteer-core this file uses (they are not in package.json).
interface LhAudit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  numericValue?: number;
  displayValue?: string;
  details?: { items?: { node?: { selector?: string; explanation?: string } }[] };
}
interface LhResult {
  lighthouseVersion: string;
  configSettings: {
    formFactor: string;
    throttlingMethod: string;
    throttling: { rttMs: number; throughputKbps: number; cpuSlowdownMultiplier: number };
  };
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, LhAudit>;
  runtimeError?: { code: string; message: string };
}
interface PPage {
  goto(url: string, o?: { waitUntil?: string }): Promise<unknown>;
  select(selector: string, value: string): Promise<unknown>;
  click(selector: string): Promise<void>;
  waitForSelector(selector: string, o?: { timeout?: number }): Promise<unknown>;
  evaluate(expression: string): Promise<unknown>;
  evaluateOnNewDocument(script: string): Promise<unknown>;
  close(): Promise<void>;
}
interface PBrowser {
  newPage(): Promise<PPage>;
  close(): Promise<void>;
}
type Puppeteer = {
  launch(o: {
    executablePath: string;
    args: string[];
    env: Record<string, string | undefined>;
  }): Promise<PBrowser>;
};
type Lighthouse = (
  url: string,
  flags: Record<string, unknown>,
  config: undefined,
  page: PPage,
) => Promise<{ lhr: LhResult } | undefined>;

/** Installs the pinned Lighthouse (and the puppeteer-core it brings) once into .bench-tmp. */
const installLighthouse = (repoRoot: string, log: (s: string) => void) => {
  const dir = join(repoRoot, '.bench-tmp/lighthouse');
  const pkg = join(dir, 'node_modules/lighthouse/package.json');
  const installed = existsSync(pkg)
    ? (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
    : undefined;
  if (installed !== lighthouseVersion) {
    log(`installing lighthouse@${lighthouseVersion} into .bench-tmp/lighthouse`);
    execFileSync(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir, `lighthouse@${lighthouseVersion}`],
      { cwd: repoRoot, stdio: 'inherit' },
    );
  }
  return dir;
};

const load = async <T>(file: string): Promise<T> =>
  ((await import(pathToFileURL(file).href)) as { default: T }).default;

export interface PageRun {
  page: string;
  performance: number;
  accessibility: number;
  metrics: Record<string, number>;
  /** Accessibility audits that failed, and the performance opportunities Lighthouse names. */
  failing: string[];
}

const metricIds = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  si: 'speed-index',
} as const;

const summarise = (page: string, lhr: LhResult): PageRun => {
  if (lhr.runtimeError)
    throw new Error(`lighthouse on ${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
  const failed = (c: string) =>
    (lhr.categories[c]?.auditRefs ?? [])
      .map((ref) => lhr.audits[ref.id])
      .filter(
        (a): a is LhAudit =>
          a !== undefined &&
          a.score !== null &&
          a.score < 0.9 &&
          ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode),
      )
      .map((a) => {
        const nodes = (a.details?.items ?? []).flatMap((i) =>
          i.node?.selector
            ? [
                `${i.node.selector}${i.node.explanation ? ` (${i.node.explanation.replace(/\s+/g, ' ')})` : ''}`,
              ]
            : [],
        );
        const where = c === 'accessibility' && nodes.length > 0 ? ` at ${nodes.slice(0, 3).join(', ')}` : '';
        return `${c === 'accessibility' ? 'a11y' : 'perf'}: ${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}${where}`;
      });
  return {
    page,
    performance: score('performance'),
    accessibility: score('accessibility'),
    metrics: Object.fromEntries(
      Object.entries(metricIds).map(([k, id]) => [k, lhr.audits[id]?.numericValue ?? Number.NaN]),
    ),
    failing: [...failed('accessibility'), ...failed('performance')],
  };
};

export interface ConsoleMeasurement {
  results: Result[];
  size: InitialJs;
  runs: PageRun[];
  settings: string;
}

export const measureConsole = async (opts: {
  repoRoot: string;
  log: (s: string) => void;
}): Promise<ConsoleMeasurement> => {
  const { repoRoot, log } = opts;
  log('building the console (npm run build:web)');
  execFileSync('npm', ['run', 'build:web'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const size = measureInitialJs(join(repoRoot, 'web/dist'));
  const kb = (b: number) => round(b / 1000, 1);
  const results: Result[] = [
    {
      group: lighthouseGroup,
      name: 'initial JavaScript (gzip)',
      value: kb(size.gzipBytes),
      unit: 'KB',
      ratio: null,
      target: `value <= ${initialJsTargetBytes / 1000}`,
      pass: size.gzipBytes <= initialJsTargetBytes,
      note: `index.html's module script, its modulepreloads and their static imports: ${size.chunks
        .map((c) => `${c.file.replace('assets/', '')} ${kb(c.gzipBytes)} KB`)
        .join(', ')} (${kb(size.bytes)} KB before gzip; CSS ${kb(size.cssGzipBytes)} KB gzip)`,
    },
  ];

  const lhDir = installLighthouse(repoRoot, log);
  const lighthouse = await load<Lighthouse>(join(lhDir, 'node_modules/lighthouse/core/index.js'));
  const puppeteer = await load<Puppeteer>(
    join(lhDir, 'node_modules/puppeteer-core/lib/esm/puppeteer/puppeteer-core.js'),
  );

  const dynamo = await startDynamoDbLocal({ startTimeoutMs: 120_000 });
  const mail = await startMailCatcher();
  let users: SeededUser[] = [];
  const rt = await startRegionRuntime({
    region: 'CZ051',
    dynamoEndpoint: dynamo.endpoint,
    tablePrefix: `lh${Date.now().toString(36)}`,
    pollIntervalMs: 50,
    manifests,
    settings: { WEBHOOKS_ALLOW_LOOPBACK: 'true', ...mailSettingsFor(mail, 'http://localhost:3000') },
    extraHttp: ({ issuer, baseUrl }) => [
      devHttp({ issuer, baseUrl, users: () => users, issue: (req) => rt.token(req) }),
      mail.http,
      webHttp('CZ051'),
    ],
  });
  const cdn = await startCdn(rt.url);
  const chromium = await resolveChromium();
  const launch = () =>
    puppeteer.launch({
      executablePath: chromium.executablePath,
      args: chromiumFlags,
      env: { ...process.env, ...chromium.env },
    });
  let browser = await launch();
  const runs: PageRun[] = [];
  let settings = '';
  try {
    const seeded = await seedDirectory(rt);
    users = seeded.users;
    const petra = seeded.users.find((u) => u.key === 'k-centrum-liberec/petra-hajkova');
    if (!petra) throw new Error('seeded user k-centrum-liberec/petra-hajkova missing');
    const api = await actor(rt, petra);
    const client = await api.post<{ id: string }>('/clients', {
      serviceId: seeded.services['k-centrum-liberec/kontaktni-centrum'],
      identity: {
        kind: 'named',
        name: 'Eva Malá',
        birthDate: '1990-03-14',
        sex: 'female',
        district: 'liberec',
      },
    });
    if (client.status !== 201) throw new Error(`POST /clients: ${client.status}`);
    await rt.settle();

    // A real sign-in through the dev form; its session is what the signed-in pages start with.
    const signInPage = await browser.newPage();
    await signInPage.goto(`${cdn.url}/`);
    await signInPage.waitForSelector('select[name="user"]');
    await signInPage.select('select[name="user"]', petra.email);
    await signInPage.click('form button[type="submit"]');
    await signInPage.waitForSelector('nav, button.menu-button');
    const session = await signInPage.evaluate("sessionStorage.getItem('spolu.session')");
    await signInPage.close();
    if (typeof session !== 'string') throw new Error('the sign-in left no session');

    const pages = [
      { name: 'sign-in', path: '/', session: undefined },
      { name: 'record contact', path: `/#/clients/${client.body.id}/contact`, session },
      { name: 'client file', path: `/#/clients/${client.body.id}`, session },
    ];
    const reportsDir = join(repoRoot, '.bench-tmp/lighthouse/reports');
    for (let i = 0; i < runsPerPage; i++)
      for (const p of pages) {
        log(`lighthouse ${p.name} (run ${i + 1} of ${runsPerPage})`);
        const audit = async () => {
          const page = await browser.newPage();
          if (p.session)
            await page.evaluateOnNewDocument(
              `if (location.protocol === 'http:') sessionStorage.setItem('spolu.session', ${JSON.stringify(p.session)});`,
            );
          const result = await lighthouse(
            `${cdn.url}${p.path}`,
            { logLevel: 'error', output: 'json', onlyCategories: ['performance', 'accessibility'] },
            undefined,
            page,
          );
          await page.close();
          return result;
        };
        // Chromium on this shared machine has now and then lost its target between runs ("Session
        // with given id not found"): a new browser and one more try, rather than no section at all.
        const out = await audit().catch(async (err: unknown) => {
          log(
            `lighthouse ${p.name} failed (${err instanceof Error ? err.message : String(err)}); new browser, once more`,
          );
          await browser.close().catch(() => undefined);
          browser = await launch();
          return audit();
        });
        if (!out) throw new Error(`lighthouse gave no result for ${p.name}`);
        const s = out.lhr.configSettings;
        settings = `Lighthouse ${out.lhr.lighthouseVersion}, formFactor ${s.formFactor}, throttlingMethod ${s.throttlingMethod} (RTT ${s.throttling.rttMs} ms, ${round(s.throttling.throughputKbps / 1000, 1)} Mbit/s, CPU slowdown ${s.throttling.cpuSlowdownMultiplier}x)`;
        // The whole report stays beside the bench's scratch files, to see what limits a score.
        mkdirSync(reportsDir, { recursive: true });
        writeFileSync(
          join(reportsDir, `${p.name.replace(/\s+/g, '-')}-${i + 1}.json`),
          JSON.stringify(out.lhr),
        );
        runs.push(summarise(p.name, out.lhr));
      }

    for (const p of pages) {
      const mine = runs.filter((r) => r.page === p.name).sort((a, b) => a.performance - b.performance);
      const mid = mine[Math.floor(mine.length / 2)]!;
      const ms = (k: string) => round(median(mine.map((r) => r.metrics[k] ?? Number.NaN)), 0);
      const a11y = Math.min(...mine.map((r) => r.accessibility));
      const failing = [...new Set(mine.flatMap((r) => r.failing))];
      results.push(
        {
          group: lighthouseGroup,
          name: `${p.name}: Lighthouse performance`,
          value: mid.performance,
          unit: 'score',
          ratio: null,
          target: 'value >= 90',
          pass: mid.performance >= 90,
          note: `median of ${mine.length} runs (${mine.map((r) => r.performance).join(', ')}); medians FCP ${ms('fcp')} ms, LCP ${ms('lcp')} ms, TBT ${ms('tbt')} ms, speed index ${ms('si')} ms, CLS ${round(median(mine.map((r) => r.metrics.cls ?? 0)), 3)}${failing.some((f) => f.startsWith('perf')) ? `; below 0.9: ${failing.filter((f) => f.startsWith('perf')).join(', ')}` : ''}`,
        },
        {
          group: lighthouseGroup,
          name: `${p.name}: Lighthouse accessibility`,
          value: a11y,
          unit: 'score',
          ratio: null,
          target: 'value = 100',
          pass: a11y === 100,
          note: `lowest of ${mine.length} runs${failing.some((f) => f.startsWith('a11y')) ? `; failing: ${failing.filter((f) => f.startsWith('a11y')).join(', ')}` : ''}`,
        },
      );
    }
  } finally {
    await browser.close();
    await cdn.stop();
    await rt.stop();
    await mail.stop();
    await dynamo.stop();
  }
  return { results, size, runs, settings };
};

/** `npm run bench -- lighthouse`, and the console's step of `npm run bench`: measures, prints,
 * writes bench/lighthouse-results.json and the section of docs/BENCHMARKS.md. */
export const lighthouseSection = async (opts: {
  repoRoot: string;
  log: (s: string) => void;
  command: string;
}) => {
  const date = new Date().toISOString();
  const loads: number[] = [loadavg()[0]!];
  const sampler = setInterval(() => loads.push(loadavg()[0]!), 10_000);
  let measured: ConsoleMeasurement;
  try {
    measured = await measureConsole(opts);
  } finally {
    clearInterval(sampler);
  }
  loads.push(loadavg()[0]!);
  const sorted = [...loads].sort((a, b) => a - b);
  const info = machine();
  const chromium = await resolveChromium();
  const context = [
    `Machine: ${info.os}, ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB RAM, Node ${info.node}`,
    `Load: 1-minute load average during the Lighthouse runs: min ${round(sorted[0]!, 1)}, median ${round(median(sorted), 1)}, max ${round(sorted[sorted.length - 1]!, 1)} on ${info.cores} cores (other engineers' runs share the machine)`,
    `${measured.settings}; ${runsPerPage} runs per page; browser: ${chromium.source === 'npm' ? 'the Chromium of @sparticuz/chromium' : chromium.executablePath} (web/test/chromium.ts)`,
  ];
  printTable(measured.results);
  writeResultsJson(
    join(opts.repoRoot, 'bench/lighthouse-results.json'),
    { command: opts.command, date, context, runs: measured.runs },
    measured.results,
  );
  const writeSection = () =>
    writeLighthouseSection(
      join(opts.repoRoot, 'docs/BENCHMARKS.md'),
      { command: 'npm run bench -- lighthouse', date, context },
      measured.results,
    );
  writeSection();
  opts.log('wrote bench/lighthouse-results.json and the console section of docs/BENCHMARKS.md');
  // `npm run bench` rewrites docs/BENCHMARKS.md after all groups have run, then writes this section
  // again, as it does the webhook, synth and capacity sections.
  return { writeSection };
};
