// Progress of `npm start`'s first-start seeding, per region: which phase, items done of total, an
// estimate of the time left. Shown as bars (cli-progress) on a terminal, as plain lines otherwise
// (CI logs, `npm start > file`), and served as GET /dev/seed-status so the console can say that
// the demo data are still loading.
import type { IncomingMessage, ServerResponse } from 'node:http';
import cliProgress from 'cli-progress';
import type { RegionCode } from '@spolu/contracts';
import type { ExtraHandler } from '../gateway';

export type SeedPhase = 'directory' | 'intake' | 'referrals' | 'plans' | 'caseload' | 'webhooks' | 'done';

/** Share of a region's seeding time each phase takes (measured: a 2-core machine, three regions at
 * once: directory 67 s, intake 13 s, referrals 11 s, plans 6 s, casework 313 s, webhooks 1 s);
 * the percentage and the time left are weighted by it. */
const weights: Record<Exclude<SeedPhase, 'done'>, number> = {
  directory: 0.12,
  intake: 0.03,
  referrals: 0.03,
  plans: 0.02,
  caseload: 0.79,
  webhooks: 0.01,
};
const order = Object.keys(weights) as Exclude<SeedPhase, 'done'>[];

/** Czech first (the console's people), English in the JSON's `phase`. */
export const phaseLabel: Record<SeedPhase, string> = {
  directory: 'adresář a uživatelé',
  intake: 'příjem klientů',
  referrals: 'doporučení',
  plans: 'individuální plány',
  caseload: 'měsíce práce (dny)',
  webhooks: 'webhooky',
  done: 'hotovo',
};

export interface SeedStatus {
  region: RegionCode;
  phase: SeedPhase;
  /** Items of the current phase done (simulated days for `caseload`, else 0 or 1). */
  done: number;
  total: number;
  /** The region's whole seeding, 0–100. */
  percent: number;
  complete: boolean;
  /** Estimated seconds left, when there is enough to go by. */
  etaSeconds?: number;
  elapsedSeconds: number;
}

interface RegionState {
  phase: SeedPhase;
  done: number;
  total: number;
  startedAt: number;
  finishedAt?: number;
}

export class SeedProgress {
  private readonly states = new Map<RegionCode, RegionState>();
  private readonly listeners: ((region: RegionCode) => void)[] = [];

  constructor(
    regions: RegionCode[],
    private readonly now: () => number = Date.now,
  ) {
    for (const r of regions)
      this.states.set(r, { phase: 'directory', done: 0, total: 1, startedAt: this.now() });
  }

  onChange(listener: (region: RegionCode) => void) {
    this.listeners.push(listener);
  }

  private state(region: RegionCode): RegionState {
    const s = this.states.get(region);
    if (!s) throw new Error(`no seeding progress for ${region}`);
    return s;
  }

  private changed(region: RegionCode) {
    for (const l of this.listeners) l(region);
  }

  phase(region: RegionCode, phase: SeedPhase, total = 1) {
    const s = this.state(region);
    Object.assign(s, { phase, done: phase === 'done' ? total : 0, total });
    if (phase === 'done') s.finishedAt = this.now();
    this.changed(region);
  }

  step(region: RegionCode, done: number, total?: number) {
    const s = this.state(region);
    s.done = done;
    if (total !== undefined) s.total = total;
    this.changed(region);
  }

  get regions(): RegionCode[] {
    return [...this.states.keys()];
  }

  get complete(): boolean {
    return [...this.states.values()].every((s) => s.phase === 'done');
  }

  status(region: RegionCode): SeedStatus {
    const s = this.state(region);
    const end = s.finishedAt ?? this.now();
    const elapsedSeconds = Math.round((end - s.startedAt) / 1000);
    if (s.phase === 'done')
      return {
        region,
        phase: 'done',
        done: s.total,
        total: s.total,
        percent: 100,
        complete: true,
        elapsedSeconds,
      };
    const i = order.indexOf(s.phase);
    const before = order.slice(0, i).reduce((sum, p) => sum + weights[p], 0);
    const fraction = Math.min(1, before + weights[s.phase] * (s.total > 0 ? s.done / s.total : 0));
    const status: SeedStatus = {
      region,
      phase: s.phase,
      done: s.done,
      total: s.total,
      // Never 100 before it is done: the last phase still runs.
      percent: Math.min(99, Math.floor(fraction * 100)),
      complete: false,
      elapsedSeconds,
    };
    // After the first tenth the rate is steady enough to go by.
    if (fraction >= 0.1)
      status.etaSeconds = Math.round(((end - s.startedAt) / 1000) * ((1 - fraction) / fraction));
    return status;
  }

  /** GET /dev/seed-status on each region's port: that region's seeding (local runtime only). */
  http(region: RegionCode): ExtraHandler {
    return async (req: IncomingMessage, res: ServerResponse) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'GET' || path !== '/dev/seed-status') return false;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(this.status(region)));
      return true;
    };
  }
}

export const formatSeconds = (s: number | undefined): string => {
  if (s === undefined) return 'odhaduji…';
  if (s < 60) return `~${s} s`;
  return `~${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};

const describe = (st: SeedStatus) =>
  st.complete
    ? `hotovo za ${formatSeconds(st.elapsedSeconds).replace('~', '')}`
    : `${phaseLabel[st.phase]} ${st.done}/${st.total}`.padEnd(30) + ` zbývá ${formatSeconds(st.etaSeconds)}`;

const phaseShort: Record<SeedPhase, string> = {
  ...phaseLabel,
  directory: 'adresář',
  intake: 'příjem',
  plans: 'plány',
  caseload: 'den',
};

/** Shows the progress: one bar per region on a terminal, plain lines (every 10 % or 15 s per
 * region) elsewhere. `log` prints a line without breaking the bars. */
export const showSeedProgress = (
  progress: SeedProgress,
  opts: { tty?: boolean; write?: (line: string) => void } = {},
) => {
  const tty = opts.tty ?? Boolean(process.stdout.isTTY);
  const write = opts.write ?? ((line: string) => console.log(line));
  if (tty) {
    const multi = new cliProgress.MultiBar(
      {
        format: ' {region} |{bar}| {percentage} % | {detail}',
        barsize: 30,
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        autopadding: true,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    const bars = new Map(
      progress.regions.map((r) => {
        const st = progress.status(r);
        return [r, multi.create(100, st.percent, { region: r, detail: describe(st) })] as const;
      }),
    );
    const update = (r: RegionCode) => {
      const st = progress.status(r);
      bars.get(r)?.update(st.percent, { detail: describe(st) });
    };
    progress.onChange(update);
    // The time left moves even when no item finishes.
    const timer = setInterval(() => progress.regions.forEach(update), 1000);
    timer.unref();
    return {
      log: (line: string) => multi.log(`${line}\n`),
      stop: () => {
        clearInterval(timer);
        progress.regions.forEach(update);
        multi.stop();
      },
    };
  }
  // One line for all regions, at every 10 % of the whole or after 15 s without one; a line when a
  // region is done.
  let last = { tenth: -1, at: 0 };
  const reported = new Set<RegionCode>();
  const print = (force = false) => {
    const all = progress.regions.map((r) => progress.status(r));
    for (const st of all)
      if (st.complete && !reported.has(st.region)) {
        reported.add(st.region);
        write(`  [seed] ${st.region} hotovo za ${formatSeconds(st.elapsedSeconds).replace('~', '')}`);
      }
    if (all.every((st) => st.complete)) return;
    const overall = Math.floor(all.reduce((n, st) => n + st.percent, 0) / all.length);
    const tenth = Math.floor(overall / 10);
    if (!force && tenth <= last.tenth && Date.now() - last.at < 15_000) return;
    last = { tenth, at: Date.now() };
    const eta = Math.max(...all.map((st) => (st.complete ? 0 : (st.etaSeconds ?? Infinity))));
    write(
      `  [seed] ${String(overall).padStart(3)} % | ` +
        all
          .map(
            (st) =>
              `${st.region} ${st.percent} % (${st.complete ? 'hotovo' : `${phaseShort[st.phase]} ${st.done}/${st.total}`})`,
          )
          .join(' · ') +
        ` | zbývá ${formatSeconds(Number.isFinite(eta) ? eta : undefined)}`,
    );
  };
  progress.onChange(() => print());
  const timer = setInterval(() => print(), 5_000);
  timer.unref();
  print(true);
  return {
    log: write,
    stop: () => clearInterval(timer),
  };
};
