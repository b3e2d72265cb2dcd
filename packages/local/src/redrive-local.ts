// The local side of `npm run redrive`: the region runtime's dev endpoints over its dead-letter
// list (dev-dead-letters.ts), which run the same redrive loop as the AWS command.
import type { RedriveReport } from '@spolu/platform';
import type { DeadLetter } from './bus';
import { call, expectStatus } from './api-client';

/** The port `npm start` gives a region (local-regions.ts). */
export { regionPort } from './local-regions';

export interface LocalRedriveOptions {
  /** The region runtime's base URL, e.g. http://localhost:3000. */
  url: string;
  /** `stats.events`, `stats-events` or the function ARN; every consumer when left out. */
  consumer?: string;
  dryRun?: boolean;
  max?: number;
}

export const listLocalDeadLetters = async (url: string, consumer?: string) =>
  expectStatus(
    await call<{ items: (Pick<DeadLetter, 'id' | 'record'> & { consumer: string })[] }>(
      { url },
      'GET',
      `/dev/dead-letters${consumer ? `?consumer=${encodeURIComponent(consumer)}` : ''}`,
    ),
    200,
    'GET /dev/dead-letters',
  ).items;

export const redriveLocal = async (opts: LocalRedriveOptions) =>
  expectStatus(
    await call<RedriveReport>({ url: opts.url }, 'POST', '/dev/dead-letters/redrive', {
      body: { consumer: opts.consumer, dryRun: opts.dryRun, max: opts.max },
    }),
    200,
    'POST /dev/dead-letters/redrive',
  );
