// The one place that decides which Chromium the browser tests drive, and how it is started:
// 1. CHROMIUM_PATH, when set (an override: any Chromium or Chrome the machine has);
// 2. /usr/bin/chromium, when present (Debian's `chromium` package);
// 3. else the Chromium that ships inside the npm package @sparticuz/chromium (a dev dependency),
//    so `npm install` is the whole set-up. That build is made for AWS Lambda; outside Lambda it does
//    not unpack the few shared libraries it needs (nss, nspr, expat). We unpack the browser and
//    those libraries once into node_modules/.cache/spolu-chromium/<version>/ and put its lib/ on
//    LD_LIBRARY_PATH of the browser process only.
// `npx tsx web/test/chromium.ts` prints the browser in use (.ci/run does it), unpacking it if needed.
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import type { LaunchOptions } from 'playwright-core';

const systemChromium = '/usr/bin/chromium';

/** Flags every launch gets: headless on a closed network, as root, without a GPU or a sandbox. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ChromiumChoice {
  /** Where the choice came from, for messages. */
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
  executablePath: string;
  /** Extra environment for the browser process (LD_LIBRARY_PATH of the npm browser). */
  env: Record<string, string>;
}

const require = createRequire(import.meta.url);

const npmPackageDir = (): string | undefined => {
  try {
    return resolve(dirname(require.resolve('@sparticuz/chromium')), '..'); // …/build/index.js
  } catch {
    return undefined;
  }
};

/** Files of a plain (ustar) tar archive: regular files and directories are all these archives hold. */
const untar = (tar: Buffer, into: string) => {
  const text = (from: number, len: number, at: number) =>
    tar
      .subarray(at + from, at + from + len)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const name = text(0, 100, at);
    const prefix = text(345, 155, at);
    const size = parseInt(text(124, 12, at).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const path = resolve(into, prefix ? `${prefix}/${name}` : name);
    if (!path.startsWith(resolve(into))) throw new Error(`tar entry outside the target: ${name}`);
    if (type === '5') mkdirSync(path, { recursive: true });
    else if (type === '0' || type === '\0') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, tar.subarray(at + 512, at + 512 + size));
    } else throw new Error(`unsupported tar entry type ${type} (${name})`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
};

/** Unpacks the npm Chromium once; concurrent test workers race safely (unpack aside, then rename). */
const unpackNpmChromium = async (pkgDir: string): Promise<string> => {
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const root = resolve(import.meta.dirname, '../../node_modules/.cache/spolu-chromium');
  const target = join(root, version);
  if (existsSync(join(target, 'chromium'))) return target;
  const work = `${target}.unpacking-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const bin = join(pkgDir, 'bin');
  untar(brotliDecompressSync(readFileSync(join(bin, 'al2023.tar.br'))), work); // lib/libnss3.so, …
  untar(brotliDecompressSync(readFileSync(join(bin, 'fonts.tar.br'))), work); // fonts/Open_Sans/*.ttf
  // Its fonts.conf points at Lambda's paths; ours adds the machine's fonts, if any, and these.
  await writeFile(
    join(work, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
      `  <dir>${join(target, 'fonts')}</dir>\n  <cachedir>${join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  );
  await pipeline(
    createReadStream(join(bin, 'chromium.br')),
    createBrotliDecompress({ chunkSize: 2 ** 21 }),
    createWriteStream(join(work, 'chromium'), { mode: 0o755 }),
  );
  await writeFile(
    join(work, 'README'),
    `Chromium ${version} from @sparticuz/chromium, unpacked by web/test/chromium.ts\n`,
  );
  try {
    renameSync(work, target);
  } catch (err) {
    // Another worker finished first: its copy is as good as ours.
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(join(target, 'chromium'))) throw err;
  }
  return target;
};

/** Which Chromium the browser tests use: CHROMIUM_PATH, else /usr/bin/chromium, else the npm one. */
export const resolveChromium = async (): Promise<ChromiumChoice> => {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH=${override}: no such file`);
    return { source: 'CHROMIUM_PATH', executablePath: override, env: {} };
  }
  if (existsSync(systemChromium)) return { source: 'system', executablePath: systemChromium, env: {} };
  const pkgDir = npmPackageDir();
  if (!pkgDir)
    throw new Error(
      'No Chromium: set CHROMIUM_PATH, install the system chromium, or run `npm install` (dev dependency @sparticuz/chromium)',
    );
  const dir = await unpackNpmChromium(pkgDir);
  const lib = join(dir, 'lib');
  return {
    source: 'npm',
    executablePath: join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      // The machine's fonts (if it has any) plus the Open Sans the package brings.
      ...(process.env.FONTCONFIG_PATH ? {} : { FONTCONFIG_PATH: dir }),
    },
  };
};

/** playwright-core launch options for the chosen Chromium. */
export const chromiumLaunchOptions = async (): Promise<LaunchOptions> => {
  const choice = await resolveChromium();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return {
    executablePath: choice.executablePath,
    args: chromiumFlags,
    env: { ...env, ...choice.env },
  };
};

/** One line saying which browser is in use and its version (for CI logs). */
export const describeChromium = async (): Promise<string> => {
  const choice = await resolveChromium();
  let version = '?';
  try {
    version = execFileSync(choice.executablePath, ['--version'], {
      env: { ...process.env, ...choice.env },
      encoding: 'utf8',
    }).trim();
  } catch (err) {
    version = `--version failed: ${(err as Error).message.split('\n')[0]}`;
  }
  return `browser for the tests (${choice.source}): ${choice.executablePath} — ${version}`;
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log(await describeChromium());
}
