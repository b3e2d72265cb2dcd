// Absolute paths the constructs bundle from. Resolved from this file so synth works from any cwd.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const lockFile = join(repoRoot, 'package-lock.json');
const platformLambdaDir = join(repoRoot, 'packages/platform/src/lambda');
/** `npm run build -w @spolu/web` writes the console here. */
export const webDistDir = join(repoRoot, 'web/dist');
/** Deployed instead of web/dist when a synth skips bundling (unit tests): one small page. */
export const consolePlaceholderDir = join(repoRoot, 'infra/console-placeholder');

export const platformLambdas = {
  outboxPublisher: join(platformLambdaDir, 'outbox-publisher.ts'),
  outboxSweeper: join(platformLambdaDir, 'outbox-sweeper.ts'),
  preTokenGeneration: join(platformLambdaDir, 'pre-token-generation.ts'),
  /** A service's pending data migrations, invoked after each deploy (env SERVICE, TABLE_NAME). */
  migrate: join(platformLambdaDir, 'migrate.ts'),
  /** CloudWatch Logs subscription on the API access log -> AccessRefused on the bus (security log). */
  accessLogRefusals: join(platformLambdaDir, 'access-log-refusals.ts'),
} as const;
